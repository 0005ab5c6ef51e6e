import { StatusCode, type MetricDataResult } from '@aws-sdk/client-cloudwatch';

import type { ScalerConfig } from '../config/types.js';
import type { QueryRef, SeriesKind } from './metric-queries.js';

/** One datapoint: start of its minute, epoch milliseconds, and its value. */
export interface TimedValue {
  atMs: number;
  value: number;
}

/** Parsed result of one query. */
export interface SeriesRead {
  ref: QueryRef;
  /** Datapoints, oldest first, or undefined when the series is unknown. */
  points: TimedValue[] | undefined;
  /** CloudWatch ended the series with `PartialData`, so older or newer datapoints may be missing. */
  partialData: boolean;
}

/** Series of one SQS queue. */
export interface QueueSeries {
  /** `NumberOfMessagesSent` per minute, or undefined when unread or without datapoints. */
  arrivals: TimedValue[] | undefined;
  /** `ApproximateAgeOfOldestMessage` per minute in seconds, or undefined when unread or without datapoints. */
  oldestAge: TimedValue[] | undefined;
}

/** Every CloudWatch series of one pool. A series left undefined is unknown, never zero. */
export interface PoolMetricSeries {
  /** Keyed by queue URL. */
  queues: Map<string, QueueSeries>;
  /** Processing seconds per minute: [] when CloudWatch had no datapoints, undefined when unread. */
  processingSeconds: TimedValue[] | undefined;
  /** The scaler's own `RecommendedWorkers` per minute, or undefined when the read failed. */
  recommendations: TimedValue[] | undefined;
  /** The scaler's own `QueueWork` per minute, or undefined when the read failed. */
  queueWork: TimedValue[] | undefined;
  /** Kinds of series CloudWatch returned with `PartialData`. */
  partialData: SeriesKind[];
}

/** SQS series without datapoints are unknown: an idle queue publishes nothing, which is not 0. */
const UNKNOWN_WHEN_EMPTY: ReadonlySet<SeriesKind> = new Set(['arrivals', 'oldestAge']);

/** Keeps finite, non-negative values inside the query's own window, one per timestamp, oldest first. */
function collectPoints(results: MetricDataResult[], ref: QueryRef): TimedValue[] {
  const byTime = new Map<number, number>();

  for (const result of results) {
    const timestamps = result.Timestamps ?? [];
    const values = result.Values ?? [];
    const count = Math.min(timestamps.length, values.length);

    for (let i = 0; i < count; i++) {
      const atMs = new Date(timestamps[i] ?? Number.NaN).getTime();
      const value = values[i];
      if (value === undefined || !Number.isFinite(value) || value < 0) continue;
      if (!Number.isFinite(atMs) || atMs < ref.startMs || atMs >= ref.endMs) continue;
      byTime.set(atMs, value);
    }
  }

  return [...byTime.entries()].sort(([a], [b]) => a - b).map(([atMs, value]) => ({ atMs, value }));
}

function parseOne(results: MetricDataResult[], ref: QueryRef): SeriesRead {
  const last = results.at(-1);
  const partialData = last?.StatusCode === StatusCode.PARTIAL_DATA;

  // A missing result, or a Forbidden or InternalError status, leaves the series unknown.
  const failed = results.some(
    (result) => result.StatusCode === StatusCode.FORBIDDEN || result.StatusCode === StatusCode.INTERNAL_ERROR,
  );
  if (results.length === 0 || failed) return { ref, points: undefined, partialData };

  const points = collectPoints(results, ref);
  if (points.length === 0 && UNKNOWN_WHEN_EMPTY.has(ref.kind)) return { ref, points: undefined, partialData };
  return { ref, points, partialData };
}

/**
 * Parses `MetricDataResults` (of all pages of one request) into one series per query of
 * `index`. Results of one Id spread over several pages are merged. Messages are ignored.
 */
export function parseMetricDataResults(
  results: MetricDataResult[],
  index: Map<string, QueryRef>,
): Map<string, SeriesRead> {
  const byId = new Map<string, MetricDataResult[]>();
  for (const result of results) {
    if (result.Id === undefined || !index.has(result.Id)) continue;
    byId.set(result.Id, [...(byId.get(result.Id) ?? []), result]);
  }

  const series = new Map<string, SeriesRead>();
  for (const [id, ref] of index) {
    series.set(id, parseOne(byId.get(id) ?? [], ref));
  }
  return series;
}

/** Returns the series of every pool, all unknown until a read fills them. */
function unknownSeries(config: ScalerConfig): Map<string, PoolMetricSeries> {
  const pools = new Map<string, PoolMetricSeries>();

  for (const pool of config.pools) {
    const queues = new Map<string, QueueSeries>(
      pool.queues.map((queue) => [queue.url, { arrivals: undefined, oldestAge: undefined }]),
    );
    pools.set(pool.name, {
      queues,
      processingSeconds: undefined,
      recommendations: undefined,
      queueWork: undefined,
      partialData: [],
    });
  }
  return pools;
}

/** Groups parsed series by pool. A series absent from `reads` (its region failed) stays unknown. */
export function groupSeriesByPool(config: ScalerConfig, reads: Iterable<SeriesRead>): Map<string, PoolMetricSeries> {
  const pools = unknownSeries(config);

  for (const { ref, points, partialData } of reads) {
    const pool = pools.get(ref.pool);
    if (!pool) continue;
    if (partialData) pool.partialData.push(ref.kind);

    const queue = ref.queueUrl === undefined ? undefined : pool.queues.get(ref.queueUrl);
    if (ref.kind === 'arrivals' && queue) queue.arrivals = points;
    if (ref.kind === 'oldestAge' && queue) queue.oldestAge = points;
    if (ref.kind === 'processing') pool.processingSeconds = points;
    if (ref.kind === 'recommendations') pool.recommendations = points;
    if (ref.kind === 'queueWork') pool.queueWork = points;
  }
  return pools;
}
