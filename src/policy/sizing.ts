/**
 * The sizing formula: per queue, keep-up workers for its arrival rate plus drain workers for its
 * waiting work within its own SLA, summed over the pool's queues, aware of workers still
 * booting, with the in-flight and work-waiting floors.
 */
import { ceilWorkers } from './drain.js';
import {
  planAtReady,
  planQueue,
  queueBase,
  toQueueSizing,
  totalWorkers,
  type FleetInput,
  type QueueDemand,
  type QueueSizing,
} from './queue-sizing.js';

export { ceilWorkers, drainRounds, lostBacklogHorizon } from './drain.js';
export type { FleetInput, QueueDemand, QueueSizing } from './queue-sizing.js';

/** Input of a pool with one queue. */
export interface SizingInput extends FleetInput {
  /** Images per second over the queues whose rate is known. */
  arrivalRate: number;
  visible: number;
  inFlight: number;
  delayed: number;
  oldestAgeSeconds: number | undefined;
  slaSeconds: number;
  slaPercentile: number;
}

export interface SizingResult {
  queues: QueueSizing[];
  keepUp: number;
  /** Workers beyond keep-up that the waiting work needs. */
  drain: number;
  waitingWork: number;
  /** Horizon, rounds and now-horizon of the queue with the shortest horizon among those with work. */
  drainHorizonSeconds: number;
  drainRounds: number;
  nowHorizonSeconds: number;
  expectedBacklogAtReady: number;
  /** The need exceeded running plus booting workers, so the drain was sized for new workers. */
  bootAware: boolean;
  /** Booting workers were counted as capacity to cover the need. */
  pendingCounted: boolean;
  slaBroken: boolean;
  /** A FIFO queue needs more workers than its message groups can keep busy. */
  orderingLimited: boolean;
  inFlightFloor: number;
  workWaitingFloor: number;
  /**
   * The design's plain drain, (B + D)·s / (c·T) summed over the queues and rounded up, at most
   * one slot per waiting image. It is what starting every waiting image within its SLA needs,
   * with no credit for the time booting workers take.
   */
  plainDrainFloor: number;
  raw: number;
  /** `raw` without the in-flight floor: what the waiting and arriving work needs. */
  needRaw: number;
}

/**
 * Highest raw count, so that a broken reading such as 1e300 images still yields a finite
 * integer. The pool's `max` cuts it further.
 */
export const MAX_RAW_WORKERS = 1_000_000;

/** Picks the queue whose horizon the pool reports: the shortest among queues with work. */
function tightestQueue(queues: readonly QueueSizing[]): QueueSizing | undefined {
  const withWork = queues.filter((queue) => queue.expectedBacklogAtReady > 0);
  const candidates = withWork.length > 0 ? withWork : queues;
  return candidates.reduce<QueueSizing | undefined>(
    (best, queue) => (best === undefined || queue.nowHorizonSeconds < best.nowHorizonSeconds ? queue : best),
    undefined,
  );
}

/** Plain drain of every queue, each cut to its FIFO ordering cap, summed and rounded up. */
function plainDrain(fleet: FleetInput, demands: readonly QueueDemand[]): number {
  const { processingSeconds: s, concurrency: c } = fleet;
  const waiting = demands.reduce((total, demand) => total + demand.visible + demand.delayed, 0);
  const workers = demands.reduce((total, demand) => {
    const plain = ((demand.visible + demand.delayed) * s) / (c * demand.slaSeconds);
    const cap = demand.messageGroups === undefined ? Number.POSITIVE_INFINITY : Math.ceil(demand.messageGroups / c);
    return total + Math.min(plain, cap);
  }, 0);
  return Math.min(ceilWorkers(workers), Math.ceil(waiting / c));
}

function sum(queues: readonly QueueSizing[], pick: (queue: QueueSizing) => number): number {
  return queues.reduce((total, queue) => total + pick(queue), 0);
}

/**
 * Sizes a pool fed by several queues, each with its own SLA. Step 1 counts running and
 * booting workers as if all ran now. When they cover the summed need nothing is added, so
 * workers still booting are never ordered a second time while the queues read the same
 * backlog. Otherwise step 2 sizes every queue for workers ordered now and keeps the workers
 * already ordered, because step 1 found them all busy.
 *
 * NOTE: step 1 treats booting workers as running because their remaining boot time is not
 * observed, so a backlog they reach too late is not flagged as `slaBroken`.
 */
export function sizeQueues(fleet: FleetInput, demands: readonly QueueDemand[]): SizingResult {
  const bases = demands.map((demand) => queueBase(fleet, demand));
  const ordered = fleet.inService + fleet.pending;

  const asIfRunning = bases.map((base) => planQueue(base, base.waitingWork, base.nowHorizonSeconds, fleet));
  const bootAware = ceilWorkers(totalWorkers(asIfRunning)) > ordered;
  const queues = (bootAware ? planAtReady(bases, fleet, ordered) : asIfRunning).map(toQueueSizing);

  const keepUp = sum(queues, (queue) => queue.keepUp);
  const drain = bootAware ? Math.max(sum(queues, (queue) => queue.drain), ordered - keepUp) : sum(queues, (queue) => queue.drain);
  const fromTerms = ceilWorkers(keepUp + drain);
  const inFlight = demands.reduce((total, demand) => total + demand.inFlight, 0);
  const work = demands.reduce((total, demand) => total + demand.visible + demand.delayed, inFlight);
  const inFlightFloor = Math.ceil(inFlight / fleet.concurrency);
  const workWaitingFloor = work > 0 ? 1 : 0;
  const plainDrainFloor = plainDrain(fleet, demands);
  const tightest = tightestQueue(queues);

  return {
    queues,
    keepUp,
    drain,
    waitingWork: sum(queues, (queue) => queue.waitingWork),
    drainHorizonSeconds: tightest?.drainHorizonSeconds ?? 0,
    drainRounds: tightest?.drainRounds ?? 0,
    nowHorizonSeconds: tightest?.nowHorizonSeconds ?? 0,
    expectedBacklogAtReady: sum(queues, (queue) => queue.expectedBacklogAtReady),
    bootAware,
    pendingCounted: !bootAware && fleet.pending > 0 && fromTerms > fleet.inService,
    slaBroken: queues.some((queue) => queue.slaBroken),
    orderingLimited: queues.some((queue) => queue.orderingLimited),
    inFlightFloor,
    workWaitingFloor,
    plainDrainFloor,
    raw: Math.min(Math.max(fromTerms, inFlightFloor, workWaitingFloor, plainDrainFloor), MAX_RAW_WORKERS),
    needRaw: Math.min(Math.max(fromTerms, workWaitingFloor, plainDrainFloor), MAX_RAW_WORKERS),
  };
}

/** Computes every term of the formula and the raw worker count for a pool with one queue. */
export function sizePool(input: SizingInput): SizingResult {
  const { arrivalRate, visible, inFlight, delayed, oldestAgeSeconds, slaSeconds, slaPercentile, ...fleet } = input;
  const demand = { url: '', arrivalRate, visible, inFlight, delayed, oldestAgeSeconds, slaSeconds, slaPercentile, messageGroups: undefined };
  return sizeQueues(fleet, [demand]);
}
