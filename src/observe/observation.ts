import type { PoolConfig } from '../config/types.js';
import type { CapacityObservation, Observation, PoolHistory, QueueObservation } from '../policy/types.js';
import { MINUTE_MS } from './metric-queries.js';
import type { PoolMetricSeries, TimedValue } from './metric-results.js';
import { isFailedRead, type FailedRead } from './read-result.js';
import type { QueueRead } from './sqs.js';

/** Error code of a queue that `readQueues` returned nothing for. */
export const QUEUE_NOT_READ = 'QueueNotRead';

function observeQueue(
  url: string,
  read: QueueRead | undefined,
  series: PoolMetricSeries | undefined,
): QueueObservation {
  const queueSeries = series?.queues.get(url);
  const metrics = {
    arrivalsPerMinute: queueSeries?.arrivals?.map((point) => point.value),
    oldestAgeSeconds: queueSeries?.oldestAge?.at(-1)?.value,
  };

  if (read === undefined) {
    return { url, visible: undefined, inFlight: undefined, delayed: undefined, ...metrics, error: QUEUE_NOT_READ };
  }
  if (isFailedRead(read)) {
    return { url, visible: undefined, inFlight: undefined, delayed: undefined, ...metrics, error: read.error.code };
  }
  return { url, visible: read.visible, inFlight: read.inFlight, delayed: read.delayed, ...metrics };
}

/**
 * Unites two histories by minute. Within a minute the highest value wins, because a higher
 * recommendation or more queue work never shrinks a pool too early. The latest time wins too,
 * because an in-memory tick time is more precise than a CloudWatch minute start.
 */
function mergeByMinute(entries: TimedValue[]): TimedValue[] {
  const byMinute = new Map<number, TimedValue>();

  for (const entry of entries) {
    const minute = Math.floor(entry.atMs / MINUTE_MS);
    const seen = byMinute.get(minute);
    byMinute.set(
      minute,
      seen ? { atMs: Math.max(seen.atMs, entry.atMs), value: Math.max(seen.value, entry.value) } : entry,
    );
  }

  return [...byMinute.values()].sort((a, b) => a.atMs - b.atMs);
}

function mergeHistory(series: PoolMetricSeries | undefined, memory: PoolHistory | undefined): PoolHistory {
  const recommendations = mergeByMinute([
    ...(series?.recommendations ?? []),
    ...(memory?.recommendations ?? []).map(({ atMs, workers }) => ({ atMs, value: workers })),
  ]);
  const queueWork = mergeByMinute([
    ...(series?.queueWork ?? []),
    ...(memory?.queueWork ?? []).map(({ atMs, messages }) => ({ atMs, value: messages })),
  ]);

  const history: PoolHistory = {
    recommendations: recommendations.map(({ atMs, value }) => ({ atMs, workers: value })),
    queueWork: queueWork.map(({ atMs, value }) => ({ atMs, messages: value })),
    lastGoodProcessingSeconds: memory?.lastGoodProcessingSeconds,
  };
  // The failed-tick count lives in memory only; CloudWatch has no copy of it.
  if (memory?.consecutiveFailedTicks !== undefined) history.consecutiveFailedTicks = memory.consecutiveFailedTicks;
  // A baseline policy's state lives in memory only too, so a cold start begins it again.
  if (memory?.baselineState !== undefined) history.baselineState = memory.baselineState;

  if (series?.recommendations === undefined || series.queueWork === undefined) history.readBackFailed = true;
  return history;
}

/**
 * Builds the observation of one pool from this tick's reads and the in-memory history. A read
 * that failed leaves its values undefined. The history is the union of the CloudWatch read-back
 * and the in-memory history.
 */
export function buildObservation(
  pool: PoolConfig,
  nowMs: number,
  queueReads: Map<string, QueueRead>,
  metricSeries: PoolMetricSeries | undefined,
  capacity: CapacityObservation | FailedRead | undefined,
  memoryHistory: PoolHistory | undefined,
): Observation {
  return {
    pool: pool.name,
    nowMs,
    queues: pool.queues.map((queue) => observeQueue(queue.url, queueReads.get(queue.url), metricSeries)),
    processingSeconds: metricSeries?.processingSeconds?.map((point) => point.value) ?? [],
    capacity: capacity === undefined || isFailedRead(capacity) ? undefined : capacity,
    history: mergeHistory(metricSeries, memoryHistory),
  };
}
