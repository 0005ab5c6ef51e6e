/** Plain sentences, with the numbers that caused them, for every reason code. */
import type { Reason, ReasonCode } from './types.js';

/** Facts each reason's sentence is built from. */
export interface ReasonDetails {
  /** `queue` names the queue in a pool with several, and is absent in a pool with one. */
  KeepUp: { workers: number; slots: number; arrivalRate: number; processingSeconds: number; waitSeconds: number; percentile: number; queue?: string };
  DrainBacklog: { workers: number; work: number; horizonSeconds: number; rounds: number; processingSeconds: number; queue?: string };
  BootBacklog: { warmupSeconds: number; ordered: number; expectedBacklog: number; horizonSeconds: number };
  InFlightFloor: { workers: number; inFlight: number; concurrency: number };
  WorkWaitingFloor: { work: number };
  PendingCounted: { pending: number; inService: number; needed: number };
  CappedAtMax: { requested: number; max: number };
  HeldAtMin: { requested: number; min: number };
  ScaleInStabilized: { requested: number; held: number; windowSeconds: number };
  StepLimitedUp: { requested: number; limited: number; step: number };
  StepLimitedDown: { requested: number; limited: number; step: number };
  IdleScaleToZero: { idleMinutes: number };
  IdleWindowNotElapsed: { enabled: boolean; idleMinutes: number; observedMinutes: number; busyMinutes: number; work: number };
  SlaAtRisk: { needed: number; desired: number };
  SlaBroken: {
    cause: 'aged' | 'boot' | 'unreachable';
    oldestAgeSeconds: number;
    slaSeconds: number;
    processingSeconds: number;
    warmupSeconds: number;
    horizonSeconds: number;
    queue?: string;
  };
  ProcessingTimeFromPrior: { seconds: number };
  ProcessingTimeFromLastGood: { seconds: number };
  ArrivalRateUnknown: { unknownQueues: number; queues: number; queueIdle: boolean };
  HoldOnMissingData: { missing: string[]; current: number | undefined };
  FallbackFloor: { requested: number; floor: number; failedTicks: number };
  DeploymentInProgress: { requested: number; held: number };
  UnprotectedBusyWorkers: { requested: number; held: number; inFlight: number; busyWorkers: number; protectedWorkers: number; protectionEnabled: boolean };
  ProtectedWorkersFloor: { requested: number; held: number; protectedWorkers: number };
  OrderingLimited: { queue: string; messageGroups: number; workerCap: number; needed: number };
  InvalidResultHeld: { value: string; held: number; current: number | undefined };
  BaselinePolicy: { policy: string; workers: number | undefined };
  NoChange: { desired: number };
}

/** Formats a number for a sentence: whole numbers as is, others to three significant digits. */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  if (Math.abs(value) >= 100) return String(Math.round(value));
  return String(Number(value.toPrecision(3)));
}

const n = formatNumber;

function plural(count: number, word: string): string {
  return `${n(count)} ${word}${formatNumber(count) === '1' ? '' : 's'}`;
}

/** Prefixes a sentence with its queue, in a pool with several queues. */
function forQueue(queue: string | undefined, sentence: string): string {
  if (queue === undefined) return sentence;
  return `Queue ${queue}: ${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}`;
}

function slaBrokenText(d: ReasonDetails['SlaBroken']): string {
  return forQueue(d.queue, slaBrokenSentence(d));
}

function slaBrokenSentence(d: ReasonDetails['SlaBroken']): string {
  if (d.cause === 'unreachable') {
    return `The SLA cannot be met: one image takes ${n(d.processingSeconds)} s, longer than the SLA of ${n(d.slaSeconds)} s.`;
  }
  if (d.cause === 'boot') {
    return `The SLA is broken for the waiting images: new workers are ready only after ${n(d.warmupSeconds)} s, past their SLA of ${n(d.slaSeconds)} s, so the backlog is sized to drain within ${n(d.horizonSeconds)} s once they run.`;
  }
  return `The SLA is broken for the oldest images: they waited ${n(d.oldestAgeSeconds)} s of the ${n(d.slaSeconds)} s SLA, so the backlog is sized to drain within ${n(d.horizonSeconds)} s.`;
}

function idleWindowText(d: ReasonDetails['IdleWindowNotElapsed']): string {
  if (!d.enabled) return 'Held at 1 worker: scale to zero is disabled for this pool.';
  if (d.work > 0) return `Held at 1 worker: ${plural(d.work, 'image')} still visible, delayed or in flight.`;
  return `Held at 1 worker: scale to zero needs ${plural(d.idleMinutes, 'idle minute')}; ${n(d.observedMinutes)} observed, ${n(d.busyMinutes)} with work.`;
}

function unprotectedText(d: ReasonDetails['UnprotectedBusyWorkers']): string {
  const risk = `a scale-in to ${n(d.requested)} could stop a busy worker, so held at ${plural(d.held, 'worker')}`;
  if (!d.protectionEnabled) {
    return `${plural(d.inFlight, 'image')} in flight on workers without scale-in protection (worker.scaleInProtection is false): ${risk}.`;
  }
  const keep = d.inFlight === 1 ? 'keeps' : 'keep';
  const are = d.protectedWorkers === 1 ? 'is' : 'are';
  return `${plural(d.inFlight, 'image')} in flight ${keep} ${plural(d.busyWorkers, 'worker')} busy but only ${n(d.protectedWorkers)} ${are} protected from scale-in: ${risk}.`;
}

function invalidResultText(d: ReasonDetails['InvalidResultHeld']): string {
  if (d.current === undefined) {
    return `The formula returned ${d.value}, not a worker count, and the current count is unknown: set to ${plural(d.held, 'worker')}, the minimum raised to what the queued images alone need.`;
  }
  return `The formula returned ${d.value}, not a worker count: set to ${plural(d.held, 'worker')}, the current ${n(d.current)} raised to what the queued images alone need.`;
}

function arrivalText(d: ReasonDetails['ArrivalRateUnknown']): string {
  const unknownShare = `${n(d.unknownQueues)} of ${plural(d.queues, 'queue')}`;
  if (d.queueIdle) {
    return `The arrival rate of ${unknownShare} is unknown (no datapoints); the queue was idle for the whole idle window, so no arrivals are assumed.`;
  }
  return `The arrival rate of ${unknownShare} is unknown (no datapoints), so keep-up counts only the known rate and the pool does not scale in.`;
}

/** Builds the sentence of each reason code from its details. */
export const REASON_TEXT: { [C in ReasonCode]: (details: ReasonDetails[C]) => string } = {
  KeepUp: (d) =>
    forQueue(
      d.queue,
      `Keep-up needs ${plural(d.workers, 'worker')} (${plural(d.slots, 'slot')}) for ${n(d.arrivalRate)} images/s at ${n(d.processingSeconds)} s each to hold the p${n(d.percentile)} wait under ${n(d.waitSeconds)} s.`,
    ),
  DrainBacklog: (d) =>
    forQueue(
      d.queue,
      `Drain needs ${plural(d.workers, 'worker')} beyond keep-up for ${plural(d.work, 'waiting image')}: each slot can start ${n(d.rounds)} of ${n(d.processingSeconds)} s within ${n(d.horizonSeconds)} s.`,
    ),
  BootBacklog: (d) =>
    `Workers beyond the ${n(d.ordered)} running or booting are ready after ${n(d.warmupSeconds)} s; ${plural(d.expectedBacklog, 'image')} are expected to wait by then, to drain within ${n(d.horizonSeconds)} s.`,
  InFlightFloor: (d) =>
    `${plural(d.inFlight, 'image')} in flight keep at least ${plural(d.workers, 'worker')} of ${plural(d.concurrency, 'slot')} until they finish.`,
  WorkWaitingFloor: (d) => `${plural(d.work, 'image')} visible, delayed or in flight keep at least 1 worker.`,
  PendingCounted: (d) =>
    `${plural(d.pending, 'booting worker')} count as capacity: ${n(d.needed)} needed, ${n(d.inService)} in service, none ordered twice.`,
  CappedAtMax: (d) => `Capped at the maximum of ${plural(d.max, 'worker')}; ${n(d.requested)} requested.`,
  HeldAtMin: (d) => `Held at the minimum of ${plural(d.min, 'worker')}; ${n(d.requested)} requested.`,
  ScaleInStabilized: (d) =>
    `Scale-in held at ${plural(d.held, 'worker')}, the highest recommendation of the last ${n(d.windowSeconds)} s; this tick alone asks for ${n(d.requested)}.`,
  StepLimitedUp: (d) => `Scale-out limited to ${n(d.step)} per tick: ${n(d.limited)} instead of ${n(d.requested)}.`,
  StepLimitedDown: (d) => `Scale-in limited to ${n(d.step)} per tick: ${n(d.limited)} instead of ${n(d.requested)}.`,
  IdleScaleToZero: (d) => `Scaled to zero: no work visible, delayed or in flight for ${plural(d.idleMinutes, 'minute')}.`,
  IdleWindowNotElapsed: idleWindowText,
  SlaAtRisk: (d) => `The SLA is at risk: the formula needs ${plural(d.needed, 'worker')} and the pool gets ${n(d.desired)}.`,
  SlaBroken: slaBrokenText,
  ProcessingTimeFromPrior: (d) => `No processing-time datapoints and no earlier value: using the configured prior of ${n(d.seconds)} s per image.`,
  ProcessingTimeFromLastGood: (d) => `No usable processing-time datapoints: using the last measured ${n(d.seconds)} s per image.`,
  ArrivalRateUnknown: arrivalText,
  HoldOnMissingData: (d) =>
    d.current === undefined
      ? `Missing ${d.missing.join(' and ')}: the current count is unknown, so this decision must not be written as a scale-in.`
      : `Missing ${d.missing.join(' and ')}: held at no fewer than the current ${plural(d.current, 'worker')}.`,
  FallbackFloor: (d) =>
    `Data is missing after ${plural(d.failedTicks, 'failed tick')} in a row: raised to the fallback floor of ${plural(d.floor, 'worker')}; ${n(d.requested)} requested.`,
  DeploymentInProgress: (d) =>
    `An ECS deployment is rolling: scale-in to ${n(d.requested)} waits until it is steady, so held at ${plural(d.held, 'worker')}.`,
  UnprotectedBusyWorkers: unprotectedText,
  ProtectedWorkersFloor: (d) =>
    `${plural(d.protectedWorkers, 'worker')} ${d.protectedWorkers === 1 ? 'is' : 'are'} protected from scale-in and would keep running, so held at ${n(d.held)} instead of ${n(d.requested)}.`,
  OrderingLimited: (d) =>
    `FIFO queue ${d.queue} has ${plural(d.messageGroups, 'message group')}, so at most ${plural(d.workerCap, 'worker')} can process it at once; its SLA needs ${n(d.needed)} and cannot be met under this ordering.`,
  InvalidResultHeld: invalidResultText,
  BaselinePolicy: (d) =>
    d.workers === undefined
      ? `Policy ${d.policy} computes no count because an input it reads is missing, so the pool holds its current count.`
      : `Policy ${d.policy} computes ${plural(d.workers, 'worker')}; the safety rules apply after it.`,
  NoChange: (d) => `Desired stays at ${plural(d.desired, 'worker')}.`,
};

/** Builds a reason with its sentence. */
export function reason<C extends ReasonCode>(code: C, details: ReasonDetails[C]): Reason {
  return { code, message: REASON_TEXT[code](details) };
}
