/** Assembles the reasons of a decision, in the order the steps ran. */
import type { ArrivalEstimate } from './arrivals.js';
import type { BaselineOutcome } from './baseline-decide.js';
import { clampReason, type ClampContext } from './clamp-reasons.js';
import { queueName } from './demand.js';
import type { CheckedRaw } from './guard.js';
import { ceilWorkers } from './drain.js';
import type { IdleWindowCheck } from './idle.js';
import type { QueueTotals } from './inputs.js';
import type { ProcessingEstimate } from './processing.js';
import type { QueueSizing } from './queue-sizing.js';
import { reason } from './reasons.js';
import type { FleetInput, SizingResult } from './sizing.js';
import type { SettleResult } from './stabilize.js';
import type { Reason } from './types.js';

export interface ExplainContext extends ClampContext {
  processing: ProcessingEstimate;
  arrivals: ArrivalEstimate;
  /** Workers the sizing counted as running and booting. */
  fleet: FleetInput;
  sizing: SizingResult;
  /** The raw count settled; `invalid` contains the formula's value when it was replaced. */
  checkedRaw: CheckedRaw;
  idle: IdleWindowCheck;
  settled: SettleResult;
  zeroAllowed: boolean;
  /** The pool's baseline policy, when it runs one in place of the formula. */
  baseline?: BaselineOutcome | undefined;
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

function queueWork(totals: QueueTotals): number {
  return totals.visible + totals.inFlight + totals.delayed;
}

/** Labels per-queue sentences only in a pool with several queues. */
function queueLabel(ctx: ExplainContext, queue: QueueSizing): { queue?: string } {
  return ctx.sizing.queues.length > 1 ? { queue: queueName(queue.url) } : {};
}

function keepUpReasons(ctx: ExplainContext): Reason[] {
  const s = ctx.processing.seconds;
  const percentile = (queue: QueueSizing) => ctx.pool.queues.find((item) => item.url === queue.url)?.sla?.percentile ?? ctx.pool.sla.percentile;

  return ctx.sizing.queues
    .filter((queue) => queue.keepUp > 0)
    .map((queue) =>
      reason('KeepUp', {
        workers: queue.keepUp,
        slots: queue.staffing.servers,
        arrivalRate: queue.arrivalRate,
        processingSeconds: s,
        waitSeconds: queue.staffing.waitSeconds,
        percentile: percentile(queue),
        ...queueLabel(ctx, queue),
      }),
    );
}

/** Builds one drain sentence for a pool with one queue, which includes the workers kept while booting, else one per queue. */
function drainReasons(ctx: ExplainContext): Reason[] {
  const { sizing } = ctx;
  const processingSeconds = ctx.processing.seconds;
  if (sizing.queues.length <= 1) {
    if (sizing.drain <= 0) return [];
    const { drain: workers, expectedBacklogAtReady: work, drainHorizonSeconds: horizonSeconds, drainRounds: rounds } = sizing;
    return [reason('DrainBacklog', { workers, work, horizonSeconds, rounds, processingSeconds })];
  }

  return sizing.queues
    .filter((queue) => queue.drain > 0)
    .map((queue) =>
      reason('DrainBacklog', {
        workers: queue.drain,
        work: queue.expectedBacklogAtReady,
        horizonSeconds: queue.drainHorizonSeconds,
        rounds: queue.drainRounds,
        processingSeconds,
        ...queueLabel(ctx, queue),
      }),
    );
}

function termReasons(ctx: ExplainContext): Reason[] {
  const { sizing, pool, fleet } = ctx;
  const reasons = [...keepUpReasons(ctx), ...drainReasons(ctx)];

  if (sizing.bootAware && pool.worker.warmupSeconds > 0 && sizing.expectedBacklogAtReady > 0) {
    const ordered = fleet.inService + fleet.pending;
    const { expectedBacklogAtReady: expectedBacklog, drainHorizonSeconds: horizonSeconds } = sizing;
    reasons.push(reason('BootBacklog', { warmupSeconds: pool.worker.warmupSeconds, ordered, expectedBacklog, horizonSeconds }));
  }
  if (sizing.pendingCounted && ctx.capacity !== undefined) {
    const needed = ceilWorkers(sizing.keepUp + sizing.drain);
    reasons.push(reason('PendingCounted', { pending: fleet.pending, inService: fleet.inService, needed }));
  }
  return reasons;
}

/** Names the floor that set the raw count, when one did, or the replacement of an unusable one. */
function floorReasons(ctx: ExplainContext, fromPolicy: number): Reason[] {
  const { sizing, totals, checkedRaw } = ctx;
  if (checkedRaw.invalid !== undefined) {
    return [reason('InvalidResultHeld', { value: String(checkedRaw.invalid), held: checkedRaw.raw, current: ctx.capacity?.desired })];
  }

  if (checkedRaw.raw <= fromPolicy) return [];

  if (sizing.inFlightFloor === checkedRaw.raw) {
    const concurrency = ctx.pool.worker.concurrency;
    return [reason('InFlightFloor', { workers: sizing.inFlightFloor, inFlight: totals.inFlight, concurrency })];
  }
  return [reason('WorkWaitingFloor', { work: queueWork(totals) })];
}

function slaBrokenCause(queue: QueueSizing): 'aged' | 'boot' | 'unreachable' {
  if (!queue.staffing.slaReachable) return 'unreachable';
  return queue.nowHorizonSeconds < 0 ? 'aged' : 'boot';
}

function slaBrokenReasons(ctx: ExplainContext): Reason[] {
  return ctx.sizing.queues
    .filter((queue) => queue.slaBroken)
    .map((queue) =>
      reason('SlaBroken', {
        cause: slaBrokenCause(queue),
        oldestAgeSeconds: queue.oldestAgeSeconds,
        slaSeconds: queue.slaSeconds,
        processingSeconds: ctx.processing.seconds,
        warmupSeconds: ctx.pool.worker.warmupSeconds,
        horizonSeconds: queue.drainHorizonSeconds,
        ...queueLabel(ctx, queue),
      }),
    );
}

function orderingReasons(ctx: ExplainContext): Reason[] {
  return ctx.sizing.queues.flatMap((queue) => {
    if (!queue.orderingLimited || queue.workerCap === undefined || queue.messageGroups === undefined) return [];
    const details = { queue: queueName(queue.url), messageGroups: queue.messageGroups, workerCap: queue.workerCap, needed: ceilWorkers(queue.uncappedWorkers) };
    return [reason('OrderingLimited', details)];
  });
}

function outcomeReasons(ctx: ExplainContext): Reason[] {
  const reasons: Reason[] = [];
  const { settled, capacity } = ctx;
  const current = capacity?.desired;

  if (capacity === undefined) reasons.push(reason('HoldOnMissingData', { missing: ctx.missing, current: undefined }));
  if (ctx.zeroAllowed && settled.desired === 0 && current !== 0) {
    reasons.push(reason('IdleScaleToZero', { idleMinutes: ctx.idle.requiredMinutes }));
  }
  const raw = ctx.checkedRaw.raw;
  if (settled.desired < raw) reasons.push(reason('SlaAtRisk', { needed: raw, desired: settled.desired }));
  if (settled.desired === current) reasons.push(reason('NoChange', { desired: settled.desired }));
  return reasons;
}

/** Lists every reason of a decision: data sources, terms, floors, SLA, clamps in order, outcome. */
export function explainDecision(ctx: ExplainContext): Reason[] {
  const clamps = ctx.settled.clamps.map((clamp) => clampReason(clamp, ctx));
  const { baseline } = ctx;
  if (baseline !== undefined) {
    const fromPolicy = baseline.workers ?? ctx.capacity?.desired ?? 0;
    return [reason('BaselinePolicy', { policy: baseline.policy, workers: baseline.workers }), ...floorReasons(ctx, fromPolicy), ...clamps, ...outcomeReasons(ctx)];
  }

  return [
    ...sourceReasons(ctx),
    ...termReasons(ctx),
    ...floorReasons(ctx, ceilWorkers(ctx.sizing.keepUp + ctx.sizing.drain)),
    ...slaBrokenReasons(ctx),
    ...orderingReasons(ctx),
    ...clamps,
    ...outcomeReasons(ctx),
  ];
}
