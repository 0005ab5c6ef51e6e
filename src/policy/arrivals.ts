import { isCount } from './inputs.js';
import type { QueueObservation } from './types.js';

export interface ArrivalEstimate {
  /** Sum over the queues whose rate is known, images per second. */
  perSecond: number;
  /** Queues whose rate could be read. */
  knownQueues: number;
  /** Queues without usable `NumberOfMessagesSent` datapoints. */
  unknownQueues: number;
}

/** Newest complete minutes the median covers. */
export const ARRIVAL_MEDIAN_MINUTES = 5;

/** Newest complete minutes that must all show a rise before it counts at once. */
export const ARRIVAL_RISE_MINUTES = 2;

function middleValue(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
}

/**
 * Estimates one queue's arrival rate, images per second, from messages sent per complete
 * minute, oldest first. Returns `undefined` when no minute has a usable count (finite, not
 * negative, a number), or when the value is not a list.
 *
 * The rate is the larger of the median of the newest five minutes and the lower of the newest
 * two. A burst of one minute therefore does not count as a lasting rate, because its images
 * already sit in the backlog, where the drain term serves them. Counting them again as
 * arrivals would order GPUs that finish booting after the burst is over, and a mean would
 * carry the burst for five minutes. A rise that lasts two minutes counts in full at once, and a
 * fall counts once it covers three of the five minutes, so scale-in waits for a sustained drop.
 *
 * With a single usable minute nothing shows yet whether it lasts, so it counts only for the
 * images that `waitingImages` (visible + in flight + delayed now) does not already contain. A
 * burst into an idle queue still waits there in full and adds no rate. A flow that running
 * workers keep up with leaves little waiting and counts almost in full.
 */
export function queueArrivalRate(arrivalsPerMinute: readonly number[] | undefined, waitingImages = 0): number | undefined {
  if (!Array.isArray(arrivalsPerMinute)) return undefined;

  const usable = arrivalsPerMinute.filter((count) => isCount(count));
  if (usable.length === 0) return undefined;
  if (usable.length === 1) return Math.max(0, usable[0]! - waitingImages) / 60;

  const median = middleValue(usable.slice(-ARRIVAL_MEDIAN_MINUTES));
  const sustainedRise = Math.min(...usable.slice(-ARRIVAL_RISE_MINUTES));
  return Math.max(median, sustainedRise) / 60;
}

/**
 * Standard deviation of the messages sent per minute over the minutes given, as images per
 * second: how far the rate moves from one minute to the next. Returns 0 with fewer than two
 * usable minutes.
 */
export function queueArrivalSpread(arrivalsPerMinute: readonly number[] | undefined): number {
  if (!Array.isArray(arrivalsPerMinute)) return 0;

  const usable = arrivalsPerMinute.filter((count) => isCount(count));
  if (usable.length < 2) return 0;

  const mean = usable.reduce((total, count) => total + count, 0) / usable.length;
  const variance = usable.reduce((total, count) => total + (count - mean) ** 2, 0) / (usable.length - 1);
  return Math.sqrt(variance) / 60;
}

/** Images a queue reports waiting or in service: its usable visible, in-flight and delayed counts. */
export function waitingImages(queue: QueueObservation): number {
  return [queue.visible, queue.inFlight, queue.delayed].reduce<number>((total, count) => total + (isCount(count) ? count : 0), 0);
}

/** Sums the arrival rate over a pool's queues and counts the queues whose rate is unknown. */
export function estimateArrivalRate(queues: readonly QueueObservation[]): ArrivalEstimate {
  let perSecond = 0;
  let knownQueues = 0;

  for (const queue of queues) {
    const rate = queueArrivalRate(queue.arrivalsPerMinute, waitingImages(queue));
    if (rate === undefined) continue;
    perSecond += rate;
    knownQueues += 1;
  }

  return { perSecond, knownQueues, unknownQueues: queues.length - knownQueues };
}
