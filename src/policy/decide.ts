/**
 * The decision core: one pool's configuration and observation in, the full decision record
 * out. Pure and deterministic: no I/O, no clock (time is `observation.nowMs`), no randomness.
 */
import type { PoolConfig } from '../config/types.js';
import { estimateArrivalRate, type ArrivalEstimate } from './arrivals.js';
import { explainDecision } from './explain.js';
import { checkIdleWindow } from './idle.js';
import { readCapacity, resolveBounds, sumQueueCounts, type CapacityCounts, type PoolBounds, type QueueCountName, type QueueTotals } from './inputs.js';
import { estimateProcessingSeconds, type ProcessingEstimate } from './processing.js';
import { sizePool, type SizingResult } from './sizing.js';
import { settleDesired, type SettleResult } from './stabilize.js';
import type { Decision, Observation, Reason } from './types.js';

/**
 * Rejects configuration values the formula cannot use. The config schema enforces the same
 * rules; this guard keeps a hand-built config from turning into NaN worker counts.
 */
function assertUsableConfig(pool: PoolConfig): void {
  const { worker, processingTime, sla } = pool;
  const checks: Array<[ok: boolean, problem: string]> = [
    [Number.isInteger(worker.concurrency) && worker.concurrency >= 1, `worker.concurrency ${worker.concurrency} (expected an integer >= 1)`],
    [Number.isFinite(processingTime.priorSeconds) && processingTime.priorSeconds > 0, `processingTime.priorSeconds ${processingTime.priorSeconds} (expected > 0)`],
    [Number.isFinite(sla.seconds) && sla.seconds > 0, `sla.seconds ${sla.seconds} (expected > 0)`],
    [sla.percentile > 0 && sla.percentile < 100, `sla.percentile ${sla.percentile} (expected in (0, 100))`],
    [Number.isFinite(worker.warmupSeconds) && worker.warmupSeconds >= 0, `worker.warmupSeconds ${worker.warmupSeconds} (expected >= 0)`],
  ];

  const problems = checks.filter(([ok]) => !ok).map(([, problem]) => problem);
  if (problems.length > 0) throw new RangeError(`Pool ${pool.name}: invalid ${problems.join(', ')}`);
}

function missingData(totals: QueueTotals, capacity: CapacityCounts | undefined, arrivalHold: boolean): string[] {
  const missing = totals.missingCounts.map((name) => `queue ${name} count`);
  if (arrivalHold) missing.push('arrival rate');
  if (capacity === undefined) missing.push('capacity');
  return missing;
}

interface DecisionParts {
  pool: PoolConfig;
  totals: QueueTotals;
  capacity: CapacityCounts | undefined;
  arrivals: ArrivalEstimate;
  processing: ProcessingEstimate;
  bounds: PoolBounds;
  sizing: SizingResult;
  settled: SettleResult;
  reasons: Reason[];
}

function toDecision(parts: DecisionParts): Decision {
  const { pool, totals, capacity, arrivals, sizing, settled } = parts;
  const countOrUndefined = (name: QueueCountName): number | undefined => (totals.missingCounts.includes(name) ? undefined : totals[name]);

  return {
    pool: pool.name,
    current: capacity?.desired,
    desired: settled.desired,
    raw: sizing.raw,
    recommendation: settled.recommendation,
    inputs: {
      visible: countOrUndefined('visible'),
      inFlight: countOrUndefined('inFlight'),
      delayed: countOrUndefined('delayed'),
      arrivalRatePerSecond: arrivals.knownQueues > 0 ? arrivals.perSecond : undefined,
      oldestAgeSeconds: totals.oldestAgeSeconds,
      processingSeconds: parts.processing.seconds,
      concurrency: pool.worker.concurrency,
      slaSeconds: pool.sla.seconds,
      slaPercentile: pool.sla.percentile,
      warmupSeconds: pool.worker.warmupSeconds,
      inService: capacity?.inService,
      pending: capacity?.pending,
      min: parts.bounds.min,
      max: parts.bounds.max,
    },
    terms: {
      keepUp: sizing.keepUp,
      drain: sizing.drain,
      drainHorizonSeconds: sizing.drainHorizonSeconds,
      expectedBacklogAtReady: sizing.expectedBacklogAtReady,
      inFlightFloor: sizing.inFlightFloor,
    },
    clamps: settled.clamps,
    reasons: parts.reasons,
    slaAtRisk: sizing.slaBroken || settled.desired < sizing.raw,
  };
}

/** Decides the desired worker count of one pool for one tick, with every term and reason. */
export function decide(pool: PoolConfig, observation: Observation): Decision {
  assertUsableConfig(pool);

  const { history, nowMs } = observation;
  const processing = estimateProcessingSeconds(observation.processingSeconds, history.lastGoodProcessingSeconds, pool.processingTime.priorSeconds);
  const arrivals = estimateArrivalRate(observation.queues);
  const totals = sumQueueCounts(observation.queues);
  const capacity = readCapacity(observation.capacity);
  const bounds = resolveBounds(pool.limits, observation.capacity);

  const sizing = sizePool({
    visible: totals.visible,
    inFlight: totals.inFlight,
    delayed: totals.delayed,
    oldestAgeSeconds: totals.oldestAgeSeconds,
    arrivalRate: arrivals.perSecond,
    processingSeconds: processing.seconds,
    concurrency: pool.worker.concurrency,
    slaSeconds: pool.sla.seconds,
    slaPercentile: pool.sla.percentile,
    warmupSeconds: pool.worker.warmupSeconds,
    inService: capacity?.inService ?? 0,
    pending: capacity?.pending ?? 0,
  });

  // An unknown arrival rate blocks scale-in unless the queue counts prove the queue idle,
  // because SQS stops publishing metrics for a queue inactive for hours and that queue must
  // still scale in.
  const work = totals.visible + totals.inFlight + totals.delayed;
  const idle = checkIdleWindow(history, nowMs, pool.scaleToZero.idleMinutes, work);
  const countsKnown = totals.missingCounts.length === 0;
  const arrivalHold = arrivals.unknownQueues > 0 && !idle.idle;
  const zeroAllowed = pool.scaleToZero.enabled && countsKnown && idle.idle;
  const settled = settleDesired({ raw: sizing.raw, current: capacity?.desired, bounds, limits: pool.limits, history, nowMs, holdAtCurrent: !countsKnown || arrivalHold, zeroAllowed });

  const missing = missingData(totals, capacity, arrivalHold);
  const reasons = explainDecision({ pool, processing, arrivals, totals, capacity, sizing, idle, settled, zeroAllowed, missing });
  return toDecision({ pool, totals, capacity, arrivals, processing, bounds, sizing, settled, reasons });
}
