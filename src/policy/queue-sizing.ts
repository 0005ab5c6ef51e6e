/** Sizing of one queue of a pool: keep-up and drain with the queue's own SLA and ordering cap. */
import { ceilWorkers, lostBacklogHorizon, planDrain, type DrainPlan, type KeepUpTerm } from './drain.js';
import { minServersForSla, type StaffingResult } from './erlang.js';

/** The workers of a pool, which all its queues share. */
export interface FleetInput {
  processingSeconds: number;
  concurrency: number;
  warmupSeconds: number;
  inService: number;
  pending: number;
  /** Standard deviations of the minute-to-minute arrivals served as headroom while workers boot; absent counts as 0. */
  burstHeadroom?: number | undefined;
  /** Share of the SLA slack beyond a boot that a steady queue may use, in [0, 1]; absent counts as 0. */
  backlogShare?: number | undefined;
}

/** One queue's demand and promise. */
export interface QueueDemand {
  url: string;
  /** Images per second; 0 when unknown. */
  arrivalRate: number;
  /** Minute-to-minute standard deviation of the arrivals, images per second; absent counts as 0. */
  arrivalSpread?: number;
  visible: number;
  inFlight: number;
  delayed: number;
  oldestAgeSeconds: number | undefined;
  slaSeconds: number;
  slaPercentile: number;
  /** FIFO message groups that can progress at once; undefined for no cap. */
  messageGroups: number | undefined;
}

/** Terms of one queue. `keepUp` and `drain` are after its ordering cap. */
export interface QueueSizing {
  url: string;
  slaSeconds: number;
  arrivalRate: number;
  staffing: StaffingResult;
  keepUp: number;
  drain: number;
  /** Visible + delayed + in flight beyond the offered load: images the drain term serves. */
  waitingWork: number;
  drainHorizonSeconds: number;
  /** Images one slot can start, one after another, within that horizon. */
  drainRounds: number;
  expectedBacklogAtReady: number;
  /** Latest start for the oldest waiting image on a running slot: T - s - max(A, 0). */
  nowHorizonSeconds: number;
  /** Age of the queue's oldest message, seconds; 0 when unknown. */
  oldestAgeSeconds: number;
  messageGroups: number | undefined;
  /** ceil(messageGroups / c), or undefined without a cap. */
  workerCap: number | undefined;
  /** keep-up + drain before the cap. */
  uncappedWorkers: number;
  orderingLimited: boolean;
  /** Waiting images of this queue cannot meet its SLA with any capacity ordered now. */
  slaBroken: boolean;
}

export interface QueueBase {
  demand: QueueDemand;
  staffing: StaffingResult;
  keepUp: KeepUpTerm;
  waitingWork: number;
  nowHorizonSeconds: number;
  lostHorizonSeconds: number;
  workerCap: number | undefined;
}

export interface QueuePlan {
  base: QueueBase;
  plan: DrainPlan;
  expectedBacklog: number;
  keepUp: number;
  drain: number;
  uncapped: number;
}

/** Seconds between two ticks: capacity ordered now is ready after the warm-up plus up to one tick. */
export const TICK_SECONDS = 60;

/**
 * Seconds of a queue's SLA left after a scale-out reacts: T - s - (W + one tick). Positive when
 * waiting images can wait for workers ordered once their backlog shows; negative when only
 * workers already running can serve a rise in time.
 */
export function bootSlackSeconds(fleet: Pick<FleetInput, 'processingSeconds' | 'warmupSeconds'>, slaSeconds: number): number {
  return slaSeconds - fleet.processingSeconds - (fleet.warmupSeconds + TICK_SECONDS);
}

/**
 * Returns the extra arrival rate the keep-up term serves, so that a rise in arrivals does not
 * break the SLA while new workers boot. It is `burstHeadroom` standard deviations of the
 * minute-to-minute arrivals, weighted by the share of the warm-up plus one tick that the SLA
 * cannot cover. A queue whose SLA leaves time to boot workers after a rise gets none, because
 * its images can wait for them.
 */
export function burstHeadroomRate(fleet: FleetInput, demand: QueueDemand): number {
  const reaction = fleet.warmupSeconds + TICK_SECONDS;
  const exposed = Math.min(1, Math.max(0, -bootSlackSeconds(fleet, demand.slaSeconds) / reaction));
  return (fleet.burstHeadroom ?? 0) * exposed * (demand.arrivalSpread ?? 0);
}

/**
 * Returns the share of the arrival rate the keep-up term leaves to the drain term: `backlogShare` times the
 * part of the wait budget T - s that remains after a scale-out reacts. Arrivals beyond the
 * keep-up workers queue, and the drain term sizes the pool so that queue still starts within
 * the SLA, so in steady state images wait a bounded part of the SLA with every worker busy.
 * The queue's horizon shrinks as its oldest image ages, which stops it from growing further.
 * A queue whose SLA does not cover a boot gets 0 and is sized to keep up with arrivals.
 */
export function backlogShareOf(fleet: FleetInput, demand: QueueDemand): number {
  const budget = demand.slaSeconds - fleet.processingSeconds;
  if (budget <= 0) return 0;
  const slack = Math.max(0, bootSlackSeconds(fleet, demand.slaSeconds));
  return Math.min(1, Math.max(0, fleet.backlogShare ?? 0)) * (slack / budget);
}

export function queueBase(fleet: FleetInput, demand: QueueDemand): QueueBase {
  const { processingSeconds: s, concurrency: c } = fleet;
  const keptRate = demand.arrivalRate * (1 - backlogShareOf(fleet, demand)) + burstHeadroomRate(fleet, demand);
  const staffing = minServersForSla(keptRate, s, demand.slaSeconds, demand.slaPercentile);

  // In-flight images beyond the offered load are backlog being served: each takes a slot round.
  // The oldest-message age is an optional metric, so an unknown age counts as 0.
  return {
    demand,
    staffing,
    keepUp: { workers: Math.ceil(staffing.servers / c), offeredLoad: staffing.offeredLoad },
    waitingWork: demand.visible + demand.delayed + Math.max(0, demand.inFlight - staffing.offeredLoad),
    nowHorizonSeconds: demand.slaSeconds - s - Math.max(demand.oldestAgeSeconds ?? 0, 0),
    lostHorizonSeconds: lostBacklogHorizon(demand.slaSeconds, s, fleet.warmupSeconds),
    // SQS delivers one message of a group at a time, so more slots than groups stay idle.
    workerCap: demand.messageGroups === undefined ? undefined : Math.ceil(demand.messageGroups / c),
  };
}

/** Plans one queue's drain and cuts its workers to its cap, keep-up first. */
export function planQueue(base: QueueBase, expectedBacklog: number, horizonSeconds: number, fleet: FleetInput): QueuePlan {
  const plan = planDrain(expectedBacklog, horizonSeconds, base.lostHorizonSeconds, base.keepUp, fleet.processingSeconds, fleet.concurrency);
  const uncapped = base.keepUp.workers + plan.workers;
  if (base.workerCap === undefined || uncapped <= base.workerCap) {
    return { base, plan, expectedBacklog, keepUp: base.keepUp.workers, drain: plan.workers, uncapped };
  }

  const keepUp = Math.min(base.keepUp.workers, base.workerCap);
  return { base, plan, expectedBacklog, keepUp, drain: base.workerCap - keepUp, uncapped };
}

export function totalWorkers(plans: readonly QueuePlan[]): number {
  return plans.reduce((sum, plan) => sum + plan.keepUp + plan.drain, 0);
}

/**
 * Plans the drain for workers ordered now. They are ready after the warm-up W, when the backlog
 * has grown by what arrives beyond the ordered workers' throughput (c / s each). It is not
 * expected to shrink, because the arrival rate comes from CloudWatch minutes old and may already
 * be higher. The growth is split over the queues by their share of the arrivals.
 *
 * The ordered workers serve the oldest images first, so the images waiting at W are the newest
 * ones: they arrived within the last `backlog ÷ λ` seconds. Their horizon is therefore
 * T - s - min(age now + W, backlog ÷ λ). The horizon T - s - age now - W would size the drain for
 * images the running workers finish before the new ones boot.
 */
export function planAtReady(bases: readonly QueueBase[], fleet: FleetInput, ordered: number): QueuePlan[] {
  const { processingSeconds: s, concurrency: c, warmupSeconds: warmup } = fleet;
  const totalRate = bases.reduce((sum, base) => sum + base.demand.arrivalRate, 0);
  const growthPerSecond = Math.max(0, totalRate - (c / s) * ordered);

  return bases.map((base) => {
    const share = totalRate > 0 ? base.demand.arrivalRate / totalRate : 0;
    const expectedBacklog = base.waitingWork + growthPerSecond * share * warmup;
    const oldestAge = Math.max(base.demand.oldestAgeSeconds ?? 0, 0);
    const rate = base.demand.arrivalRate;
    const ageAtReady = rate > 0 ? Math.min(oldestAge + warmup, expectedBacklog / rate) : oldestAge + warmup;
    const horizon = base.demand.slaSeconds - s - ageAtReady;
    return planQueue(base, expectedBacklog, horizon, fleet);
  });
}

export function toQueueSizing(queue: QueuePlan): QueueSizing {
  const { base, plan } = queue;
  const work = base.demand.visible + base.demand.inFlight + base.demand.delayed;
  const busy = work > 0 || base.staffing.offeredLoad > 0;

  return {
    url: base.demand.url,
    slaSeconds: base.demand.slaSeconds,
    arrivalRate: base.demand.arrivalRate,
    staffing: base.staffing,
    keepUp: queue.keepUp,
    drain: queue.drain,
    waitingWork: base.waitingWork,
    drainHorizonSeconds: plan.horizonSeconds,
    drainRounds: plan.rounds,
    expectedBacklogAtReady: queue.expectedBacklog,
    nowHorizonSeconds: base.nowHorizonSeconds,
    oldestAgeSeconds: Math.max(base.demand.oldestAgeSeconds ?? 0, 0),
    messageGroups: base.demand.messageGroups,
    workerCap: base.workerCap,
    uncappedWorkers: queue.uncapped,
    orderingLimited: base.workerCap !== undefined && ceilWorkers(queue.uncapped) > base.workerCap,
    slaBroken: (plan.lost && queue.expectedBacklog > 0) || (!base.staffing.slaReachable && busy),
  };
}
