/**
 * Second-by-second fluid model of one SQS queue and the workers reading it. It turns a
 * scenario's arrivals and processing times into the counts SQS would report at each tick and
 * the per-minute values CloudWatch would hold, so every number of a recording agrees with the
 * others. Messages leave the queue oldest first; times are seconds from the start of minute 0.
 */
import { unitNoise } from './noise.js';
import { isServing, type Worker } from './fleet.js';

/** Messages sent in one minute, spread over the whole minute or over part of it (a burst). */
export type MinuteArrivals = number | { count: number; fromSecond: number; toSecond: number };

export interface QueueScript {
  seed: string;
  firstMinute: number;
  lastSecond: number;
  tickTimes: number[];
  arrivals: (minute: number) => MinuteArrivals;
  /** Median seconds per image on a warm worker, per minute. */
  processingSeconds: (minute: number) => number;
  /** Factor on the processing time during a worker's first minute in service. */
  coldStartFactor: number;
  concurrency: number;
  workers: Worker[];
}

export interface QueueCounts {
  visible: number;
  inFlight: number;
}

export interface QueueTimeline {
  /** Keyed by tick time. */
  counts: Map<number, QueueCounts>;
  /** `NumberOfMessagesSent` per minute. */
  sentPerMinute: Map<number, number>;
  /** `ApproximateAgeOfOldestMessage` maximum per minute, for minutes with messages in the queue. */
  oldestAgePerMinute: Map<number, number>;
  /** Median processing seconds per minute, for minutes with at least one image finished. */
  processingPerMinute: Map<number, number>;
}

interface Cohort {
  sentAt: number;
  count: number;
}

function arrivalSeconds(script: QueueScript, minute: number): number[] {
  const plan = script.arrivals(minute);
  const { count, fromSecond, toSecond } = typeof plan === 'number' ? { count: plan, fromSecond: 0, toSecond: 60 } : plan;
  const seconds: number[] = [];
  for (let i = 0; i < count; i++) {
    seconds.push(minute * 60 + fromSecond + Math.floor(unitNoise(script.seed, `sent:${minute}:${i}`) * (toSecond - fromSecond)));
  }
  return seconds;
}

/** Weighted median of processing times, each weighted by the images finished at that time. */
function weightedMedian(samples: Map<number, number>): number {
  const ordered = [...samples.entries()].sort(([a], [b]) => a - b);
  const half = ordered.reduce((sum, [, weight]) => sum + weight, 0) / 2;
  let seen = 0;
  for (const [seconds, weight] of ordered) {
    seen += weight;
    if (seen >= half) return seconds;
  }
  return ordered.at(-1)?.[0] ?? 0;
}

/** Removes `amount` messages from the head of the queue. */
function removeOldest(queue: Cohort[], amount: number): void {
  let left = amount;
  while (left > 1e-9 && queue.length > 0) {
    const head = queue[0]!;
    const removed = Math.min(head.count, left);
    head.count -= removed;
    left -= removed;
    if (head.count <= 1e-9) queue.shift();
  }
}

/** Runs the model from the start of `firstMinute` to `lastSecond`. */
export function simulateQueue(script: QueueScript): QueueTimeline {
  const timeline: QueueTimeline = { counts: new Map(), sentPerMinute: new Map(), oldestAgePerMinute: new Map(), processingPerMinute: new Map() };
  const sentAt = new Map<number, number>();
  const queue: Cohort[] = [];
  const finished = new Map<number, Map<number, number>>();
  const ticks = new Set(script.tickTimes);

  for (let minute = script.firstMinute; minute * 60 <= script.lastSecond; minute++) {
    const seconds = arrivalSeconds(script, minute);
    timeline.sentPerMinute.set(minute, seconds.length);
    for (const second of seconds) sentAt.set(second, (sentAt.get(second) ?? 0) + 1);
  }

  for (let t = script.firstMinute * 60; t <= script.lastSecond; t++) {
    const minute = Math.floor(t / 60);
    const arriving = sentAt.get(t) ?? 0;
    if (arriving > 0) queue.push({ sentAt: t, count: arriving });

    // Receive: every free slot of a serving worker takes the oldest visible message. SQS is
    // sampled here, so the in-flight count is the number of busy slots.
    const serving = script.workers.filter((worker) => isServing(worker, t));
    const total = queue.reduce((sum, cohort) => sum + cohort.count, 0);
    const inFlight = Math.min(serving.length * script.concurrency, total);
    if (ticks.has(t)) {
      timeline.counts.set(t, { visible: Math.round(total - inFlight), inFlight: Math.round(inFlight) });
    }
    if (total >= 0.5) {
      const age = t - queue[0]!.sentAt;
      timeline.oldestAgePerMinute.set(minute, Math.max(age, timeline.oldestAgePerMinute.get(minute) ?? 0));
    }

    // Finish: each worker completes its share of the in-flight messages at its own speed.
    const perMinute = finished.get(minute) ?? new Map<number, number>();
    let done = 0;
    for (const worker of serving) {
      const cold = t - worker.readyAt < 60 ? script.coldStartFactor : 1;
      const seconds = Math.round(script.processingSeconds(minute) * cold * 100) / 100;
      const completed = inFlight / serving.length / seconds;
      perMinute.set(seconds, (perMinute.get(seconds) ?? 0) + completed);
      done += completed;
    }
    finished.set(minute, perMinute);
    removeOldest(queue, Math.min(done, inFlight));
  }

  for (const [minute, samples] of finished) {
    const images = [...samples.values()].reduce((sum, count) => sum + count, 0);
    if (images >= 1) timeline.processingPerMinute.set(minute, weightedMedian(samples));
  }
  return timeline;
}
