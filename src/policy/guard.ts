/**
 * Guards at both ends of a decision: the configuration the formula reads, and the counts it
 * returns, so that no NaN, Infinity or fraction reaches an AWS request.
 */
import type { LimitsConfig, PoolConfig } from '../config/types.js';
import { reason } from './reasons.js';
import type { Decision } from './types.js';

type Check = [ok: boolean, problem: string];

function isWhole(value: number, min: number): boolean {
  return Number.isInteger(value) && value >= min;
}

function isPositive(value: number): boolean {
  return Number.isFinite(value) && value > 0;
}

function queueChecks(pool: PoolConfig): Check[] {
  return pool.queues.flatMap((queue, index): Check[] => [
    ...(queue.sla === undefined
      ? []
      : ([
          [isPositive(queue.sla.seconds), `queues[${index}].sla.seconds ${queue.sla.seconds} (expected > 0)`],
          [queue.sla.percentile > 0 && queue.sla.percentile < 100, `queues[${index}].sla.percentile ${queue.sla.percentile} (expected in (0, 100))`],
        ] satisfies Check[])),
    ...(queue.messageGroups === undefined
      ? []
      : ([[isWhole(queue.messageGroups, 1), `queues[${index}].messageGroups ${queue.messageGroups} (expected an integer >= 1)`]] satisfies Check[])),
  ]);
}

/**
 * Rejects configuration values the formula cannot use. The config schema enforces the same
 * rules; this guard keeps a hand-built config from turning into NaN worker counts.
 */
export function assertUsableConfig(pool: PoolConfig): void {
  const { worker, processingTime, sla, limits, fallback } = pool;
  const checks: Check[] = [
    [isWhole(worker.concurrency, 1), `worker.concurrency ${worker.concurrency} (expected an integer >= 1)`],
    [isPositive(processingTime.priorSeconds), `processingTime.priorSeconds ${processingTime.priorSeconds} (expected > 0)`],
    [isPositive(sla.seconds), `sla.seconds ${sla.seconds} (expected > 0)`],
    [sla.percentile > 0 && sla.percentile < 100, `sla.percentile ${sla.percentile} (expected in (0, 100))`],
    [Number.isFinite(worker.warmupSeconds) && worker.warmupSeconds >= 0, `worker.warmupSeconds ${worker.warmupSeconds} (expected >= 0)`],
    [isWhole(limits.min, 0) && isWhole(limits.max, 1) && limits.min <= limits.max, `limits ${limits.min}..${limits.max} (expected integers 0 <= min <= max, max >= 1)`],
    [isWhole(limits.maxStepUp, 1) && isWhole(limits.maxStepDown, 1), `limits step ${limits.maxStepUp} up, ${limits.maxStepDown} down (expected integers >= 1)`],
    [Number.isFinite(limits.scaleInStabilizationSeconds) && limits.scaleInStabilizationSeconds >= 0, `limits.scaleInStabilizationSeconds ${limits.scaleInStabilizationSeconds} (expected >= 0)`],
    ...queueChecks(pool),
  ];
  if (fallback !== undefined) {
    checks.push([isWhole(fallback.workers, 0) && isWhole(fallback.afterFailedTicks, 1), `fallback ${fallback.workers} workers after ${fallback.afterFailedTicks} ticks (expected integers >= 0 and >= 1)`]);
  }

  const problems = checks.filter(([ok]) => !ok).map(([, problem]) => problem);
  if (problems.length > 0) throw new RangeError(`Pool ${pool.name}: invalid ${problems.join(', ')}`);
}

function isCountWithin(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

/** Raw count the settling uses, and the formula's value when that was not usable. */
export interface CheckedRaw {
  raw: number;
  /** The formula's value, set only when it was not a non-negative integer. */
  invalid?: number;
}

/**
 * Checks the formula's raw count before the bounds, holds and limits apply. A value that is not a
 * non-negative integer (NaN from Infinity - Infinity, say) is replaced by the current count, or
 * `min` when that is unknown, raised to `workFloor`, the workers the queue counts alone demand.
 * The rules that follow (fallback floor, holds, step limits, idle window, bounds) then still apply.
 */
export function checkRaw(raw: number, current: number | undefined, min: number, workFloor: number): CheckedRaw {
  if (isCountWithin(raw, 0, Number.MAX_SAFE_INTEGER)) return { raw };
  const floor = Number.isFinite(workFloor) ? workFloor : 0;
  return { raw: Math.max(current ?? min, floor), invalid: raw };
}

/**
 * Returns the workers the queue counts alone demand: ceil(F / c) for the images in flight, and
 * at least 1 while any known count shows work. These need no formula, so they survive a NaN.
 */
function workFloor(decision: Decision): number {
  const { visible, inFlight, delayed, concurrency } = decision.inputs;
  const inFlightFloor = inFlight === undefined ? 0 : Math.ceil(inFlight / concurrency);
  const working = [visible, inFlight, delayed].some((count) => count !== undefined && count > 0);
  return Math.max(Number.isFinite(inFlightFloor) ? inFlightFloor : 0, working ? 1 : 0);
}

/**
 * Checks the counts of a finished decision: `desired` and `recommendation` must be integers in
 * `[min, max]` and `raw` a non-negative integer. When one is not, nothing computed this tick
 * can be trusted, so the pool holds its current count, or `min` when the current count is
 * unknown, raised to the work floor (within `maxStepUp` of the current count) and cut to the
 * bounds. The decision says why.
 */
export function guardDecision(decision: Decision, limits: Pick<LimitsConfig, 'maxStepUp'>): Decision {
  const { min, max } = decision.inputs;
  const valid =
    isCountWithin(decision.desired, min, max) && isCountWithin(decision.recommendation, min, max) && isCountWithin(decision.raw, 0, Number.MAX_SAFE_INTEGER);
  if (valid) return decision;

  const { current } = decision;
  const floor = current === undefined ? workFloor(decision) : Math.min(workFloor(decision), current + limits.maxStepUp);
  const held = Math.min(Math.max(current ?? min, floor, min), max);
  const invalid = [decision.desired, decision.recommendation, decision.raw].find((value) => !Number.isInteger(value));
  const guardReason = reason('InvalidResultHeld', { value: String(invalid ?? decision.desired), held, current });

  return {
    ...decision,
    desired: held,
    recommendation: held,
    raw: isCountWithin(decision.raw, 0, Number.MAX_SAFE_INTEGER) ? decision.raw : held,
    reasons: [...decision.reasons.filter((item) => item.code !== 'NoChange'), guardReason],
  };
}
