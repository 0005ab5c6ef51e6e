/** Assembles the reasons of a decision, in the order the steps ran. */
import type { PoolConfig } from '../config/types.js';
import type { ArrivalEstimate } from './arrivals.js';
import type { IdleWindowCheck } from './idle.js';
import type { CapacityCounts, QueueTotals } from './inputs.js';
import type { ProcessingEstimate } from './processing.js';
import { reason } from './reasons.js';
import { ceilWorkers, type SizingResult } from './sizing.js';
import type { SettleResult } from './stabilize.js';
import type { Clamp, Reason } from './types.js';

export interface ExplainContext {
  pool: PoolConfig;
  processing: ProcessingEstimate;
  arrivals: ArrivalEstimate;
  totals: QueueTotals;
  capacity: CapacityCounts | undefined;
  sizing: SizingResult;
  idle: IdleWindowCheck;
  settled: SettleResult;
  zeroAllowed: boolean;
  /** Names of the data that could not be read, for the hold sentence. */
  missing: string[];
}

function sourceReasons(ctx: ExplainContext): Reason[] {
  const reasons: Reason[] = [];
  const { processing, arrivals } = ctx;
  if (processing.source === 'prior') reasons.push(reason('ProcessingTimeFromPrior', { seconds: processing.seconds }));
  if (processing.source === 'lastGood') reasons.push(reason('ProcessingTimeFromLastGood', { seconds: processing.seconds }));

  if (arrivals.unknownQueues > 0) {
    const queues = arrivals.knownQueues + arrivals.unknownQueues;
    reasons.push(reason('ArrivalRateUnknown', { unknownQueues: arrivals.unknownQueues, queues, queueIdle: ctx.idle.idle }));
  }
  return reasons;
}

function slaBrokenCause(sizing: SizingResult): 'aged' | 'boot' | 'unreachable' {
  if (!sizing.staffing.slaReachable) return 'unreachable';
  return sizing.nowHorizonSeconds < 0 ? 'aged' : 'boot';
}

function queueWork(totals: QueueTotals): number {
  return totals.visible + totals.inFlight + totals.delayed;
}

function termReasons(ctx: ExplainContext): Reason[] {
  const { sizing, pool, processing } = ctx;
  const reasons: Reason[] = [];
  const s = processing.seconds;

  if (sizing.keepUp > 0) {
    const { servers: slots, waitSeconds } = sizing.staffing;
    const arrivalRate = ctx.arrivals.perSecond;
    reasons.push(reason('KeepUp', { workers: sizing.keepUp, slots, arrivalRate, processingSeconds: s, waitSeconds, percentile: pool.sla.percentile }));
  }
  if (sizing.drain > 0) {
    const { drain: workers, expectedBacklogAtReady: work, drainHorizonSeconds: horizonSeconds, drainRounds: rounds } = sizing;
    reasons.push(reason('DrainBacklog', { workers, work, horizonSeconds, rounds, processingSeconds: s }));
  }
  if (sizing.bootAware && pool.worker.warmupSeconds > 0 && sizing.expectedBacklogAtReady > 0) {
    const ordered = (ctx.capacity?.inService ?? 0) + (ctx.capacity?.pending ?? 0);
    const { expectedBacklogAtReady: expectedBacklog, drainHorizonSeconds: horizonSeconds } = sizing;
    reasons.push(reason('BootBacklog', { warmupSeconds: pool.worker.warmupSeconds, ordered, expectedBacklog, horizonSeconds }));
  }
  if (sizing.pendingCounted && ctx.capacity !== undefined) {
    const needed = ceilWorkers(sizing.keepUp + sizing.drain);
    reasons.push(reason('PendingCounted', { pending: ctx.capacity.pending, inService: ctx.capacity.inService, needed }));
  }
  return reasons;
}

/** Names the floor that set the raw count, when one did. */
function floorReasons(ctx: ExplainContext): Reason[] {
  const { sizing, totals } = ctx;
  const fromTerms = ceilWorkers(sizing.keepUp + sizing.drain);
  if (sizing.raw <= fromTerms) return [];

  if (sizing.inFlightFloor === sizing.raw) {
    const concurrency = ctx.pool.worker.concurrency;
    return [reason('InFlightFloor', { workers: sizing.inFlightFloor, inFlight: totals.inFlight, concurrency })];
  }
  return [reason('WorkWaitingFloor', { work: queueWork(totals) })];
}

function slaBrokenReasons(ctx: ExplainContext): Reason[] {
  const { sizing, pool } = ctx;
  if (!sizing.slaBroken) return [];

  return [
    reason('SlaBroken', {
      cause: slaBrokenCause(sizing),
      oldestAgeSeconds: ctx.totals.oldestAgeSeconds ?? 0,
      slaSeconds: pool.sla.seconds,
      processingSeconds: ctx.processing.seconds,
      warmupSeconds: pool.worker.warmupSeconds,
      horizonSeconds: sizing.drainHorizonSeconds,
    }),
  ];
}

function clampReason(clamp: Clamp, ctx: ExplainContext): Reason {
  const { limits, scaleToZero } = ctx.pool;
  const requested = clamp.before;

  switch (clamp.code) {
    case 'CappedAtMax':
      return reason('CappedAtMax', { requested, max: clamp.after });
    case 'HeldAtMin':
      return reason('HeldAtMin', { requested, min: clamp.after });
    case 'ScaleInStabilized':
      return reason('ScaleInStabilized', { requested, held: clamp.after, windowSeconds: limits.scaleInStabilizationSeconds });
    case 'StepLimitedUp':
      return reason('StepLimitedUp', { requested, limited: clamp.after, step: limits.maxStepUp });
    case 'StepLimitedDown':
      return reason('StepLimitedDown', { requested, limited: clamp.after, step: limits.maxStepDown });
    case 'HoldOnMissingData':
      return reason('HoldOnMissingData', { missing: ctx.missing, current: clamp.after });
    case 'IdleWindowNotElapsed': {
      const { requiredMinutes: idleMinutes, observedMinutes, busyMinutes } = ctx.idle;
      const work = queueWork(ctx.totals);
      return reason('IdleWindowNotElapsed', { enabled: scaleToZero.enabled, idleMinutes, observedMinutes, busyMinutes, work });
    }
    default:
      return { code: clamp.code, message: `Changed from ${clamp.before} to ${clamp.after} workers.` };
  }
}

function outcomeReasons(ctx: ExplainContext): Reason[] {
  const reasons: Reason[] = [];
  const { settled, capacity } = ctx;
  const current = capacity?.desired;

  if (capacity === undefined) reasons.push(reason('HoldOnMissingData', { missing: ctx.missing, current: undefined }));
  if (ctx.zeroAllowed && settled.desired === 0 && current !== 0) {
    reasons.push(reason('IdleScaleToZero', { idleMinutes: ctx.idle.requiredMinutes }));
  }
  if (settled.desired < ctx.sizing.raw) reasons.push(reason('SlaAtRisk', { needed: ctx.sizing.raw, desired: settled.desired }));
  if (settled.desired === current) reasons.push(reason('NoChange', { desired: settled.desired }));
  return reasons;
}

/** Lists every reason of a decision: data sources, terms, floors, clamps in order, outcome. */
export function explainDecision(ctx: ExplainContext): Reason[] {
  const clamps = ctx.settled.clamps.map((clamp) => clampReason(clamp, ctx));
  return [...sourceReasons(ctx), ...termReasons(ctx), ...floorReasons(ctx), ...slaBrokenReasons(ctx), ...clamps, ...outcomeReasons(ctx)];
}
