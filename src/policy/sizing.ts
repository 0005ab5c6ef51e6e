/**
 * The sizing formula: keep-up workers for the arrival rate plus drain workers for the waiting
 * work, aware of workers still booting, with the in-flight and work-waiting floors.
 */
import { minServersForSla, type StaffingResult } from './erlang.js';

export interface SizingInput {
  /** Images per second over the queues whose rate is known. */
  arrivalRate: number;
  visible: number;
  inFlight: number;
  delayed: number;
  oldestAgeSeconds: number | undefined;
  processingSeconds: number;
  concurrency: number;
  slaSeconds: number;
  slaPercentile: number;
  warmupSeconds: number;
  inService: number;
  pending: number;
}

export interface SizingResult {
  staffing: StaffingResult;
  keepUp: number;
  /** Visible + delayed + in flight beyond the offered load: images the drain term serves. */
  waitingWork: number;
  /** Workers beyond keep-up that the waiting work needs. */
  drain: number;
  /** Horizon the drain term was sized over, seconds. */
  drainHorizonSeconds: number;
  /** Images one slot can start, one after another, within that horizon. */
  drainRounds: number;
  expectedBacklogAtReady: number;
  /** Latest start for the oldest waiting image on a running slot: T - s - max(A, 0). */
  nowHorizonSeconds: number;
  /** The need exceeded running plus booting workers, so the drain was sized for new workers. */
  bootAware: boolean;
  /** Booting workers were counted as capacity to cover the need. */
  pendingCounted: boolean;
  /** Waiting images cannot meet the SLA with any capacity ordered now. */
  slaBroken: boolean;
  inFlightFloor: number;
  workWaitingFloor: number;
  raw: number;
}

interface KeepUpTerm {
  workers: number;
  offeredLoad: number;
}

interface DrainPlan {
  workers: number;
  horizonSeconds: number;
  rounds: number;
  /** The horizon was negative, so the lost-backlog horizon was used. */
  lost: boolean;
}

/** Tolerance for float error in ratios such as 9.9 / 0.1, which must count as 99 and not 98.99… */
const EPSILON = 1e-9;

/** Rounds a fractional worker count up, ignoring float error just above an integer. */
export function ceilWorkers(workers: number): number {
  return Math.max(0, Math.ceil(workers - EPSILON));
}

/**
 * Counts the images one slot can start one after another so the last still starts within
 * `horizonSeconds`: floor(H / s) + 1. Images take `s` each, so an image started at H ends by
 * H + s, which is the SLA when H = T - s - age. Returns 0 for a negative horizon.
 */
export function drainRounds(horizonSeconds: number, processingSeconds: number): number {
  if (horizonSeconds < 0) return 0;
  return Math.floor(horizonSeconds / processingSeconds + 1 + EPSILON);
}

/**
 * Horizon for waiting images that cannot meet the SLA any more: drain them within one SLA
 * window (T - s), but a new worker need not finish in less time than its own boot (W) or one
 * image (s). Booting a GPU for less work than its boot time costs more than the minutes it
 * saves, so a lost backlog does not get one worker per image. The horizon also does not
 * shrink as those images age, so a backlog lost to boot time cannot grow the order tick
 * after tick.
 */
export function lostBacklogHorizon(slaSeconds: number, processingSeconds: number, warmupSeconds: number): number {
  return Math.min(Math.max(slaSeconds - processingSeconds, 0), Math.max(warmupSeconds, processingSeconds));
}

/**
 * Sizes the drain term: the workers the waiting work needs beyond the spare slots of the
 * keep-up workers. Keep-up slots serve about `offeredLoad` images at once and drain the
 * backlog with the rest, so the total slot need is offeredLoad + work / rounds, and only the
 * part above the keep-up slots is extra. With no arrivals this is work / (c · rounds), the
 * design's (B + D) / (μ · H) counted in whole images per slot.
 */
function planDrain(work: number, horizonSeconds: number, lostHorizon: number, keepUp: KeepUpTerm, input: SizingInput): DrainPlan {
  const lost = horizonSeconds < 0;
  const usedHorizon = lost ? lostHorizon : horizonSeconds;
  const rounds = drainRounds(usedHorizon, input.processingSeconds);
  if (work <= 0) return { workers: 0, horizonSeconds: usedHorizon, rounds, lost };

  const slotsNeeded = keepUp.offeredLoad + work / rounds;
  const workers = Math.max(0, slotsNeeded / input.concurrency - keepUp.workers);
  return { workers, horizonSeconds: usedHorizon, rounds, lost };
}

interface DrainTerm {
  plan: DrainPlan;
  drain: number;
  expectedBacklogAtReady: number;
  bootAware: boolean;
}

/**
 * Sizes the drain in two steps. Step 1 counts running and booting workers as if all ran now.
 * When they cover the need nothing is added, so workers still booting are never ordered a
 * second time while the queue reads the same backlog. Step 2 applies only when more workers
 * are needed. Those are ready after the warm-up W, when the backlog has grown by what arrives
 * beyond the ordered workers' throughput (c / s each), and their horizon is W shorter. The
 * ordered workers stay in the count because step 1 found them all busy.
 *
 * NOTE: step 1 treats booting workers as running because their remaining boot time is not
 * observed, so a backlog they reach too late is not flagged as `slaBroken`.
 */
function sizeDrain(input: SizingInput, keepUp: KeepUpTerm, waitingWork: number, nowHorizonSeconds: number): DrainTerm {
  const { processingSeconds: s, concurrency: c, warmupSeconds: warmup } = input;
  const lostHorizon = lostBacklogHorizon(input.slaSeconds, s, warmup);
  const ordered = input.inService + input.pending;

  const asIfRunning = planDrain(waitingWork, nowHorizonSeconds, lostHorizon, keepUp, input);
  if (ceilWorkers(keepUp.workers + asIfRunning.workers) <= ordered) {
    return { plan: asIfRunning, drain: asIfRunning.workers, expectedBacklogAtReady: waitingWork, bootAware: false };
  }

  const growthPerSecond = Math.max(0, input.arrivalRate - (c / s) * ordered);
  const expectedBacklogAtReady = waitingWork + growthPerSecond * warmup;
  const plan = planDrain(expectedBacklogAtReady, nowHorizonSeconds - warmup, lostHorizon, keepUp, input);
  const drain = Math.max(plan.workers, ordered - keepUp.workers);
  return { plan, drain, expectedBacklogAtReady, bootAware: true };
}

/** Computes every term of the formula and the raw worker count. */
export function sizePool(input: SizingInput): SizingResult {
  const staffing = minServersForSla(input.arrivalRate, input.processingSeconds, input.slaSeconds, input.slaPercentile);
  const keepUp = { workers: Math.ceil(staffing.servers / input.concurrency), offeredLoad: staffing.offeredLoad };

  // In-flight images beyond the offered load are backlog being served: each takes a slot round.
  // The oldest-message age is an optional metric, so an unknown age counts as 0.
  const waitingWork = input.visible + input.delayed + Math.max(0, input.inFlight - staffing.offeredLoad);
  const nowHorizonSeconds = input.slaSeconds - input.processingSeconds - Math.max(input.oldestAgeSeconds ?? 0, 0);
  const { plan, drain, expectedBacklogAtReady, bootAware } = sizeDrain(input, keepUp, waitingWork, nowHorizonSeconds);

  const work = input.visible + input.inFlight + input.delayed;
  const inFlightFloor = Math.ceil(input.inFlight / input.concurrency);
  const workWaitingFloor = work > 0 ? 1 : 0;
  const busy = work > 0 || staffing.offeredLoad > 0;
  const fromTerms = ceilWorkers(keepUp.workers + drain);

  return {
    staffing,
    keepUp: keepUp.workers,
    waitingWork,
    drain,
    drainHorizonSeconds: plan.horizonSeconds,
    drainRounds: plan.rounds,
    expectedBacklogAtReady,
    nowHorizonSeconds,
    bootAware,
    pendingCounted: !bootAware && input.pending > 0 && fromTerms > input.inService,
    slaBroken: (plan.lost && expectedBacklogAtReady > 0) || (!staffing.slaReachable && busy),
    inFlightFloor,
    workWaitingFloor,
    raw: Math.max(fromTerms, inFlightFloor, workWaitingFloor),
  };
}
