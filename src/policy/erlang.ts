/**
 * Erlang C (M/M/k queue) waiting probabilities for the keep-up term.
 *
 * `a` is the offered load in Erlangs (arrival rate × service seconds) and `k` the number of
 * slots. Erlang B comes from the recursion B(0) = 1, B(j) = a·B(j-1) / (j + a·B(j-1)), which
 * stays in (0, 1] for any load, so no factorial overflows. Erlang C follows from B as
 * C = k·B / (k - a·(1 - B)) for a < k. The tail of the waiting time is
 * P(wait > t) = C·exp(-(k - a)·t / s).
 */

/** Result of sizing the slot count for an SLA percentile. */
export interface StaffingResult {
  /** Smallest slot count found that meets the target; 0 when nothing arrives. */
  servers: number;
  offeredLoad: number;
  /** Wait bound the percentile is checked against: SLA seconds minus service seconds, at least 0. */
  waitSeconds: number;
  /** P(wait > waitSeconds) with `servers` slots. */
  waitExceedProbability: number;
  /** False when the service time alone exceeds the SLA, so `waitSeconds` was raised to 0. */
  slaReachable: boolean;
}

/** Extra slots above the offered load searched before giving up, as a multiple of sqrt(a), plus a constant. */
const SEARCH_SQRT_FACTOR = 20;
const SEARCH_CONSTANT = 50;

/**
 * Offered load, in Erlangs, above which the search is skipped: its Erlang B recursion takes one
 * step per Erlang, so a million costs a few milliseconds, while a broken reading such as 1e300
 * or Infinity would never finish.
 */
export const MAX_SEARCHED_LOAD = 1_000_000;

function assertSlots(servers: number): void {
  if (!Number.isInteger(servers) || servers < 0) {
    throw new RangeError(`servers must be a non-negative integer, got ${servers}`);
  }
}

function nextErlangB(previous: number, servers: number, offeredLoad: number): number {
  return (offeredLoad * previous) / (servers + offeredLoad * previous);
}

function erlangCFromB(servers: number, offeredLoad: number, blocking: number): number {
  return (servers * blocking) / (servers - offeredLoad * (1 - blocking));
}

/** Computes the Erlang B blocking probability with the stable recursion. */
export function erlangB(servers: number, offeredLoad: number): number {
  assertSlots(servers);
  if (!(offeredLoad > 0)) return 0;

  let blocking = 1;
  for (let j = 1; j <= servers; j += 1) {
    blocking = nextErlangB(blocking, j, offeredLoad);
  }
  return blocking;
}

/** Computes the probability that an arrival waits at all; 1 when the load reaches the slot count. */
export function erlangC(servers: number, offeredLoad: number): number {
  assertSlots(servers);
  if (!(offeredLoad > 0)) return 0;
  if (offeredLoad >= servers) return 1;

  return erlangCFromB(servers, offeredLoad, erlangB(servers, offeredLoad));
}

/** Computes P(wait > waitSeconds) for `servers` slots: 0 without load, 1 for a negative wait or an unstable queue. */
export function waitExceedProbability(
  servers: number,
  offeredLoad: number,
  serviceSeconds: number,
  waitSeconds: number,
): number {
  if (waitSeconds < 0 || offeredLoad >= servers) return offeredLoad > 0 ? 1 : 0;

  const waiting = erlangC(servers, offeredLoad);
  return Math.min(1, waiting * Math.exp((-(servers - offeredLoad) * waitSeconds) / serviceSeconds));
}

/**
 * Finds the smallest slot count whose share of arrivals waiting longer than
 * `slaSeconds - serviceSeconds` is at most `1 - percentile / 100`.
 *
 * The search walks up from the first stable count, floor(a) + 1, and carries the Erlang B
 * recursion along, so it costs O(a + sqrt(a)) steps even for thousands of Erlangs. Square-root
 * staffing (the Halfin-Whitt approximation) puts the smallest count near a + β·sqrt(a), with
 * β about 4.3 for a 99.999 percentile and a zero wait bound. The search therefore stops at
 * a + 20·sqrt(a) + 50 and returns that count if the target is still unmet, or at once for a
 * load above `MAX_SEARCHED_LOAD`, with the probability reported as 1 because it is not computed.
 * When the service time alone exceeds the SLA no image can meet it, and the target falls back
 * to P(wait > 0), the strictest bound that some slot count meets.
 */
export function minServersForSla(
  arrivalRate: number,
  serviceSeconds: number,
  slaSeconds: number,
  percentile: number,
): StaffingResult {
  const offeredLoad = arrivalRate * serviceSeconds;
  const slaReachable = slaSeconds >= serviceSeconds;
  const waitSeconds = Math.max(0, slaSeconds - serviceSeconds);
  if (!(offeredLoad > 0)) {
    return { servers: 0, offeredLoad: 0, waitSeconds, waitExceedProbability: 0, slaReachable };
  }

  const allowed = 1 - percentile / 100;
  const firstStable = Math.floor(offeredLoad) + 1;
  const lastSearched = Math.ceil(offeredLoad + SEARCH_SQRT_FACTOR * Math.sqrt(offeredLoad) + SEARCH_CONSTANT);
  if (!(offeredLoad <= MAX_SEARCHED_LOAD)) {
    // The upper end of the search is the count an unmet search returns, so it errs toward more slots.
    return { servers: lastSearched, offeredLoad, waitSeconds, waitExceedProbability: 1, slaReachable };
  }
  let blocking = erlangB(firstStable - 1, offeredLoad);
  let probability = 1;
  let servers = firstStable;

  for (; servers <= lastSearched; servers += 1) {
    blocking = nextErlangB(blocking, servers, offeredLoad);
    const waiting = erlangCFromB(servers, offeredLoad, blocking);
    probability = Math.min(1, waiting * Math.exp((-(servers - offeredLoad) * waitSeconds) / serviceSeconds));
    if (probability <= allowed) break;
  }

  return { servers: Math.min(servers, lastSearched), offeredLoad, waitSeconds, waitExceedProbability: probability, slaReachable };
}
