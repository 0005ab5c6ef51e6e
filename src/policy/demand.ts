/**
 * Pairs each observed queue with its configuration and checks its readings, so the sizing can
 * treat every queue with its own SLA and ordering cap.
 */
import type { PoolConfig, QueueConfig } from '../config/types.js';
import { queueArrivalRate, queueArrivalSpread, waitingImages, type ArrivalEstimate } from './arrivals.js';
import { readQueueCounts, type QueueCounts, type QueueTotals } from './inputs.js';
import type { QueueDemand } from './sizing.js';
import type { QueueObservation } from './types.js';

/** One queue's checked readings and its configuration, when the pool lists it. */
export interface QueueReading {
  url: string;
  config: QueueConfig | undefined;
  counts: QueueCounts;
  /** Images per second; undefined when no usable `NumberOfMessagesSent` datapoint exists. */
  arrivalRate: number | undefined;
  /** Minute-to-minute standard deviation of the arrivals, images per second; 0 when unknown. */
  arrivalSpread: number;
}

/** Pool totals plus whether any queue reported an unusable age. */
export interface PoolQueueTotals extends QueueTotals {
  ageUnusable: boolean;
}

function unreadQueue(url: string): QueueObservation {
  return { url, visible: undefined, inFlight: undefined, delayed: undefined, arrivalsPerMinute: undefined, oldestAgeSeconds: undefined };
}

/**
 * Reads every observed queue, and adds each configured queue the observation lacks as a queue
 * whose counts are all unknown, so a queue that was never read holds the pool like a failed read.
 * A value that is not a list of queues counts as an empty list.
 */
export function readPoolQueues(pool: PoolConfig, observed: readonly QueueObservation[]): QueueReading[] {
  const queues = Array.isArray(observed) ? observed : [];
  const urls = new Set(queues.map((queue) => queue.url));
  const unread = pool.queues.filter((queue) => !urls.has(queue.url)).map((queue) => unreadQueue(queue.url));

  return [...queues, ...unread].map((queue) => ({
    url: queue.url,
    config: pool.queues.find((candidate) => candidate.url === queue.url),
    counts: readQueueCounts(queue),
    arrivalRate: queueArrivalRate(queue.arrivalsPerMinute, waitingImages(queue)),
    arrivalSpread: queueArrivalSpread(queue.arrivalsPerMinute),
  }));
}

/** Sums the counts of the queues; a count that could not be read adds 0 and is listed as missing. */
export function totalQueueCounts(readings: readonly QueueReading[]): PoolQueueTotals {
  const totals: PoolQueueTotals = { visible: 0, inFlight: 0, delayed: 0, oldestAgeSeconds: undefined, missingCounts: [], ageUnusable: false };

  for (const { counts } of readings) {
    totals.visible += counts.visible;
    totals.inFlight += counts.inFlight;
    totals.delayed += counts.delayed;
    for (const name of counts.missingCounts) if (!totals.missingCounts.includes(name)) totals.missingCounts.push(name);
    if (counts.oldestAgeSeconds !== undefined) totals.oldestAgeSeconds = Math.max(totals.oldestAgeSeconds ?? 0, counts.oldestAgeSeconds);
    totals.ageUnusable ||= counts.ageUnusable;
  }
  return totals;
}

/** Sums the arrival rate over the queues whose rate is known and counts the others. */
export function totalArrivals(readings: readonly QueueReading[]): ArrivalEstimate {
  const known = readings.filter((reading) => reading.arrivalRate !== undefined);
  const perSecond = known.reduce((sum, reading) => sum + (reading.arrivalRate ?? 0), 0);
  return { perSecond, knownQueues: known.length, unknownQueues: readings.length - known.length };
}

/**
 * Builds the sizing demand of each queue: its SLA, or the pool's when it has none, and its FIFO
 * message groups. An unknown count or rate adds 0 here, and the decision holds the pool for it.
 */
export function queueDemands(pool: PoolConfig, readings: readonly QueueReading[]): QueueDemand[] {
  return readings.map(({ url, config, counts, arrivalRate, arrivalSpread }) => {
    const sla = config?.sla ?? pool.sla;
    return {
      url,
      arrivalRate: arrivalRate ?? 0,
      arrivalSpread,
      visible: counts.visible,
      inFlight: counts.inFlight,
      delayed: counts.delayed,
      oldestAgeSeconds: counts.oldestAgeSeconds,
      slaSeconds: sla.seconds,
      slaPercentile: sla.percentile,
      messageGroups: config?.messageGroups,
    };
  });
}

/** Returns the queue name at the end of an SQS queue URL. */
export function queueName(url: string): string {
  return url.slice(url.lastIndexOf('/') + 1);
}
