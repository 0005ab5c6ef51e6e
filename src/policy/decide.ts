/**
 * The decision core: one pool's configuration and observation in, the full decision record
 * out. Pure and deterministic: no I/O, no clock (time is `observation.nowMs`), no randomness.
 */
import type { PoolConfig } from '../config/types.js';
import type { ArrivalEstimate } from './arrivals.js';
import { runBaseline, type BaselineOutcome } from './baseline-decide.js';
import { queueDemands, readPoolQueues, totalArrivals, totalQueueCounts, type PoolQueueTotals } from './demand.js';
import { explainDecision } from './explain.js';
import { assertUsableConfig, checkRaw, guardDecision, type CheckedRaw } from './guard.js';
import { fallbackFloor, scaleInFloors } from './holds.js';
import { checkIdleWindow } from './idle.js';
import { isCount, orderedWorkers, readCapacity, resolveBounds, type CapacityCounts, type PoolBounds, type QueueCountName } from './inputs.js';
import { estimateProcessingSeconds, type ProcessingEstimate } from './processing.js';
import { bootSlackSeconds, type FleetInput } from './queue-sizing.js';
import { MAX_RAW_WORKERS, sizeQueues, type SizingResult } from './sizing.js';
import { settleDesired, type SettleResult } from './stabilize.js';
import type { Decision, Observation, PoolHistory, QueueTerms, Reason } from './types.js';

/** The history with every list checked and the failed-tick count as a whole number. */
interface CheckedHistory extends PoolHistory {
  consecutiveFailedTicks: number;
  /** A list was not a list, so the windows cannot be trusted. */
  unusable: boolean;
}

function readHistory(history: PoolHistory | undefined): CheckedHistory {
  const failedTicks = history?.consecutiveFailedTicks;
  const recommendations = history?.recommendations;
  const queueWork = history?.queueWork;
  return {
    recommendations: Array.isArray(recommendations) ? recommendations : [],
    queueWork: Array.isArray(queueWork) ? queueWork : [],
    lastGoodProcessingSeconds: history?.lastGoodProcessingSeconds,
    baselineState: history?.baselineState,
    consecutiveFailedTicks: isCount(failedTicks) ? Math.floor(failedTicks) : 0,
    unusable: !Array.isArray(recommendations) || !Array.isArray(queueWork),
  };
}

/** Names the data that could not be read, each of which holds the pool at its current size. */
function missingData(totals: PoolQueueTotals, capacity: CapacityCounts | undefined, arrivalHold: boolean, history: CheckedHistory): string[] {
  const missing = totals.missingCounts.map((name) => `queue ${name} count`);
  if (history.unusable) missing.push('recommendation history');
  if (totals.ageUnusable) missing.push('oldest message age');
  if (arrivalHold) missing.push('arrival rate');
  if (capacity === undefined) missing.push('capacity');
  else missing.push(...capacity.missing);
  return missing;
}

interface DecisionParts {
  pool: PoolConfig;
  totals: PoolQueueTotals;
  capacity: CapacityCounts | undefined;
  arrivals: ArrivalEstimate;
  processing: ProcessingEstimate;
  bounds: PoolBounds;
  sizing: SizingResult;
  settled: SettleResult;
  checkedRaw: CheckedRaw;
  failedTicks: number;
  reasons: Reason[];
  baseline: BaselineOutcome | undefined;
}

function queueTerms(sizing: SizingResult, arrivalRates: ReadonlyArray<number | undefined>): QueueTerms[] {
  return sizing.queues.map((queue, index) => ({
    url: queue.url,
    slaSeconds: queue.slaSeconds,
    arrivalRatePerSecond: arrivalRates[index],
    keepUp: queue.keepUp,
    drain: queue.drain,
    drainHorizonSeconds: queue.drainHorizonSeconds,
    workerCap: queue.workerCap,
    orderingLimited: queue.orderingLimited,
  }));
}

function toDecision(parts: DecisionParts, arrivalRates: ReadonlyArray<number | undefined>): Decision {
  const { pool, totals, capacity, arrivals, sizing, settled } = parts;
  const countOrUndefined = (name: QueueCountName): number | undefined => (totals.missingCounts.includes(name) ? undefined : totals[name]);

  return {
    pool: pool.name,
    current: capacity?.desired,
    desired: settled.desired,
    raw: parts.checkedRaw.raw,
    recommendation: settled.recommendation,
    inputs: {
      visible: countOrUndefined('visible'),
      inFlight: countOrUndefined('inFlight'),
      delayed: countOrUndefined('delayed'),
      knownQueueWork: totals.visible + totals.inFlight + totals.delayed,
      arrivalRatePerSecond: arrivals.knownQueues > 0 ? arrivals.perSecond : undefined,
      oldestAgeSeconds: totals.oldestAgeSeconds,
      processingSeconds: parts.processing.seconds,
      concurrency: pool.worker.concurrency,
      slaSeconds: pool.sla.seconds,
      slaPercentile: pool.sla.percentile,
      warmupSeconds: pool.worker.warmupSeconds,
      inService: capacity?.inService,
      pending: capacity?.pending,
      protectedFromScaleIn: capacity?.protectedFromScaleIn,
      deploymentInProgress: capacity?.deploymentInProgress,
      consecutiveFailedTicks: parts.failedTicks,
      min: parts.bounds.min,
      max: parts.bounds.max,
    },
    terms: {
      keepUp: sizing.keepUp,
      drain: sizing.drain,
      drainHorizonSeconds: sizing.drainHorizonSeconds,
      expectedBacklogAtReady: sizing.expectedBacklogAtReady,
      inFlightFloor: sizing.inFlightFloor,
      queues: queueTerms(sizing, arrivalRates),
    },
    clamps: settled.clamps,
    reasons: parts.reasons,
    slaAtRisk: parts.baseline === undefined ? sizing.slaBroken || sizing.orderingLimited || settled.desired < parts.checkedRaw.raw : settled.desired < parts.checkedRaw.raw,
    ...(parts.baseline === undefined ? {} : { baseline: parts.baseline }),
  };
}

/**
 * Returns the count later ticks' stabilization windows read, or undefined for the raw count.
 * When every queue's SLA leaves time to boot workers after a rise, it is the need without the
 * in-flight floor, because busy workers show what the pool had. Keeping them in the window would
 * keep every burst's peak for minutes. When an SLA is shorter than a boot, workers let go now
 * cannot come back in time, so the busy workers stay in the window too.
 */
function storedRaw(pool: PoolConfig, fleet: FleetInput, sizing: SizingResult, checkedRaw: CheckedRaw, baseline: BaselineOutcome | undefined): number | undefined {
  if (baseline !== undefined || checkedRaw.invalid !== undefined) return undefined;
  const slaSeconds = Math.min(pool.sla.seconds, ...pool.queues.map((queue) => queue.sla?.seconds ?? pool.sla.seconds));
  return bootSlackSeconds(fleet, slaSeconds) > 0 ? sizing.needRaw : undefined;
}

/**
 * Raw count of a baseline: its own count, or the current count when an input it reads is
 * missing, raised to the in-flight and work-waiting floors the formula's raw count also has.
 */
function baselineRaw(baseline: BaselineOutcome, sizing: SizingResult, capacity: CapacityCounts | undefined): number {
  const workers = baseline.workers ?? capacity?.desired ?? 0;
  return Math.min(Math.max(workers, sizing.inFlightFloor, sizing.workWaitingFloor), MAX_RAW_WORKERS);
}

/**
 * Decides the desired worker count of one pool for one tick, with every term and reason. A pool
 * whose `policy` names a baseline gets that baseline's count in place of the formula's, and the
 * safety rules apply to it alike. The scale-in stabilization window is left to the baseline's
 * own rule (alarm or HPA window), so it is not applied twice.
 */
export function decide(pool: PoolConfig, observation: Observation): Decision {
  assertUsableConfig(pool);

  const { nowMs } = observation;
  const history = readHistory(observation.history);
  const processing = estimateProcessingSeconds(observation.processingSeconds, history.lastGoodProcessingSeconds, pool.processingTime.priorSeconds);
  const queues = readPoolQueues(pool, observation.queues);
  const totals = totalQueueCounts(queues);
  const arrivals = totalArrivals(queues);
  const capacity = readCapacity(observation.capacity);
  const bounds = resolveBounds(pool.limits, observation.capacity);

  const { concurrency, warmupSeconds } = pool.worker;
  const slaPolicy = pool.policy?.name === 'sla' ? pool.policy : undefined;
  const fleet = {
    processingSeconds: processing.seconds,
    concurrency,
    warmupSeconds,
    burstHeadroom: slaPolicy?.burstHeadroom,
    backlogShare: slaPolicy?.backlogShare,
    ...orderedWorkers(capacity),
  };
  const sizing = sizeQueues(fleet, queueDemands(pool, queues));
  const policy = pool.policy ?? { name: 'sla' };
  const baseline = policy.name === 'sla' ? undefined : runBaseline(pool, policy, observation, history.baselineState);

  // An unknown arrival rate blocks scale-in unless the queue counts prove the queue idle,
  // because SQS stops publishing metrics for a queue inactive for hours and that queue must
  // still scale in.
  const work = totals.visible + totals.inFlight + totals.delayed;
  const idle = checkIdleWindow(history, nowMs, pool.scaleToZero.idleMinutes, work);
  const arrivalHold = baseline === undefined && arrivals.unknownQueues > 0 && !idle.idle;
  const missing = missingData(totals, capacity, arrivalHold, history);
  const zeroAllowed = pool.scaleToZero.enabled && totals.missingCounts.length === 0 && idle.idle;
  const policyRaw = baseline === undefined ? sizing.raw : baselineRaw(baseline, sizing, capacity);
  const checkedRaw = checkRaw(policyRaw, capacity?.desired, bounds.min, Math.max(sizing.inFlightFloor, sizing.workWaitingFloor));
  const settled = settleDesired({
    raw: checkedRaw.raw,
    current: capacity?.desired,
    bounds,
    limits: baseline === undefined ? pool.limits : { ...pool.limits, scaleInStabilizationSeconds: 0 },
    history,
    nowMs,
    holdAtCurrent: missing.length > 0,
    zeroAllowed,
    scaleInFloors: scaleInFloors(pool, capacity, totals.inFlight),
    fallbackFloor: fallbackFloor(pool, history.consecutiveFailedTicks, missing.length > 0, bounds),
    storedRaw: storedRaw(pool, fleet, sizing, checkedRaw, baseline),
  });

  const failedTicks = history.consecutiveFailedTicks;
  const context = { pool, processing, arrivals, totals, capacity, fleet, sizing, checkedRaw, idle, settled, zeroAllowed, missing, failedTicks, baseline };
  const reasons = explainDecision(context);
  const parts = { pool, totals, capacity, arrivals, processing, bounds, sizing, settled, checkedRaw, failedTicks, reasons, baseline };
  return guardDecision(toDecision(parts, queues.map((queue) => queue.arrivalRate)), pool.limits);
}
