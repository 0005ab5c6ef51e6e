import { ScanBy, type GetMetricDataCommandInput, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';

import type { PoolConfig, ScalerConfig } from '../config/types.js';
import { METRIC, POOL_DIMENSION } from '../telemetry/names.js';

/** Kind of pool series that a query reads. */
export type SeriesKind = 'arrivals' | 'oldestAge' | 'processing' | 'recommendations' | 'queueWork';

/** Pool, series kind and window of one query Id, used to route its result back to the pool. */
export interface QueryRef {
  pool: string;
  kind: SeriesKind;
  /** Queue URL, for the SQS series only. */
  queueUrl?: string;
  /**
   * This series' own window, epoch milliseconds, end exclusive. The request's window is the
   * widest of its queries, so parsing drops datapoints outside the narrower ones.
   */
  startMs: number;
  endMs: number;
}

/**
 * Every query one region and role need this tick, with the index from query Id to series.
 * Queries of a cross-account queue carry the queue's role, because its SQS metrics live in
 * that account; all other queries use the function's own credentials.
 */
export interface RegionMetricQueries {
  region: string;
  /** Role whose credentials read these series; absent for the function's own account. */
  roleArn?: string;
  /** Earliest window start of all queries, epoch milliseconds. */
  startMs: number;
  /** Start of the current, incomplete minute, epoch milliseconds. */
  endMs: number;
  queries: MetricDataQuery[];
  index: Map<string, QueryRef>;
}

export const MINUTE_MS = 60_000;
export const PERIOD_SECONDS = 60;
export const ARRIVALS_WINDOW_MINUTES = 10;
export const OLDEST_AGE_WINDOW_MINUTES = 5;
export const PROCESSING_WINDOW_MINUTES = 10;
/** Limit of `MetricDataQueries` in one `GetMetricData` request (`GetMetricDataInput` docs of the SDK). */
export const MAX_QUERIES_PER_REQUEST = 500;

const SQS_NAMESPACE = 'AWS/SQS';
const SQS_MESSAGES_SENT = 'NumberOfMessagesSent';
const SQS_OLDEST_AGE = 'ApproximateAgeOfOldestMessage';

/** Returns the start of the minute containing `nowMs`: the end of the last complete minute. */
export function lastCompleteMinuteEnd(nowMs: number): number {
  return Math.floor(nowMs / MINUTE_MS) * MINUTE_MS;
}

/** One series to read: where, which metric and statistic, and over how many minutes. */
interface SeriesSpec {
  id: string;
  pool: string;
  region: string;
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  stat: string;
  minutes: number;
  kind: SeriesKind;
  queueUrl?: string;
  roleArn?: string;
}

function metricQuery(spec: SeriesSpec): MetricDataQuery {
  return {
    Id: spec.id,
    ReturnData: true,
    MetricStat: {
      Metric: {
        Namespace: spec.namespace,
        MetricName: spec.metricName,
        Dimensions: Object.entries(spec.dimensions).map(([Name, Value]) => ({ Name, Value })),
      },
      Period: PERIOD_SECONDS,
      Stat: spec.stat,
    },
  };
}

// Series ids are `<kind>_p<pool index>[_q<queue index>]`, unique per tick.

function sqsSeries(pool: PoolConfig, p: string): SeriesSpec[] {
  // SQS publishes a queue's metrics in the queue's own account, so they are read with its role.
  return pool.queues.flatMap((queue, queueIndex): SeriesSpec[] => {
    const q = `${p}_q${queueIndex}`;
    const sqs = {
      pool: pool.name,
      region: queue.region,
      namespace: SQS_NAMESPACE,
      dimensions: { QueueName: queue.queueName },
      queueUrl: queue.url,
      ...(queue.roleArn ? { roleArn: queue.roleArn } : {}),
    };
    return [
      { ...sqs, id: `arrivals_${q}`, kind: 'arrivals', metricName: SQS_MESSAGES_SENT, stat: 'Sum', minutes: ARRIVALS_WINDOW_MINUTES },
      { ...sqs, id: `age_${q}`, kind: 'oldestAge', metricName: SQS_OLDEST_AGE, stat: 'Maximum', minutes: OLDEST_AGE_WINDOW_MINUTES },
    ];
  });
}

function processingSeries(pool: PoolConfig, p: string): SeriesSpec[] {
  // Without a namespace and metric name there is nothing to read, so the policy uses the prior.
  const { namespace, metricName, dimensions, statistic } = pool.processingTime;
  if (!namespace || !metricName) return [];

  return [
    {
      id: `processing_${p}`,
      pool: pool.name,
      kind: 'processing',
      region: pool.target.region,
      namespace,
      metricName,
      dimensions,
      stat: statistic,
      minutes: PROCESSING_WINDOW_MINUTES,
    },
  ];
}

function ownSeries(pool: PoolConfig, p: string, metricsNamespace: string, homeRegion: string): SeriesSpec[] {
  // NOTE: CloudWatch matches the exact dimension set, so the scaler must publish these two
  // metrics with `Pool` as their only dimension for the read-back to find them.
  const own = {
    pool: pool.name,
    region: homeRegion,
    namespace: metricsNamespace,
    dimensions: { [POOL_DIMENSION]: pool.name },
    stat: 'Maximum',
  };

  return [
    {
      ...own,
      id: `recommended_${p}`,
      kind: 'recommendations',
      metricName: METRIC.recommendedWorkers,
      minutes: Math.max(1, Math.ceil(pool.limits.scaleInStabilizationSeconds / 60)),
    },
    {
      ...own,
      id: `queuework_${p}`,
      kind: 'queueWork',
      metricName: METRIC.queueWork,
      minutes: Math.max(1, Math.ceil(pool.scaleToZero.idleMinutes)),
    },
  ];
}

function poolSeries(pool: PoolConfig, poolIndex: number, metricsNamespace: string, homeRegion: string): SeriesSpec[] {
  const p = `p${poolIndex}`;
  return [...sqsSeries(pool, p), ...processingSeries(pool, p), ...ownSeries(pool, p, metricsNamespace, homeRegion)];
}

/** Returns the key of a region and role: the region alone for the function's own account. */
export function metricGroupKey(region: string, roleArn: string | undefined): string {
  return roleArn ? `${region}|${roleArn}` : region;
}

/**
 * Builds, per region and role, every CloudWatch query of every pool for one tick, keyed by
 * `metricGroupKey`. All windows end at the start of the current minute, so the incomplete
 * minute is never read.
 */
export function buildMetricQueries(
  config: ScalerConfig,
  nowMs: number,
  homeRegion: string,
): Map<string, RegionMetricQueries> {
  const endMs = lastCompleteMinuteEnd(nowMs);
  const regions = new Map<string, RegionMetricQueries>();

  const specs = config.pools.flatMap((pool, index) => poolSeries(pool, index, config.metricsNamespace, homeRegion));
  for (const spec of specs) {
    const startMs = endMs - spec.minutes * MINUTE_MS;
    const key = metricGroupKey(spec.region, spec.roleArn);
    let entry = regions.get(key);
    if (!entry) {
      entry = { region: spec.region, ...(spec.roleArn ? { roleArn: spec.roleArn } : {}), startMs, endMs, queries: [], index: new Map() };
      regions.set(key, entry);
    }

    entry.startMs = Math.min(entry.startMs, startMs);
    entry.queries.push(metricQuery(spec));
    const ref: QueryRef = { pool: spec.pool, kind: spec.kind, startMs, endMs };
    entry.index.set(spec.id, spec.queueUrl === undefined ? ref : { ...ref, queueUrl: spec.queueUrl });
  }
  return regions;
}

/**
 * Builds the `GetMetricData` requests of one region. The API takes at most 500 queries per
 * request, so a region with more queries gets several requests of at most 500 each. Up to
 * 500 queries, there is exactly one request.
 */
export function buildMetricDataRequests(regionQueries: RegionMetricQueries): GetMetricDataCommandInput[] {
  const requests: GetMetricDataCommandInput[] = [];

  for (let first = 0; first < regionQueries.queries.length; first += MAX_QUERIES_PER_REQUEST) {
    requests.push({
      MetricDataQueries: regionQueries.queries.slice(first, first + MAX_QUERIES_PER_REQUEST),
      StartTime: new Date(regionQueries.startMs),
      EndTime: new Date(regionQueries.endMs),
      ScanBy: ScanBy.TIMESTAMP_ASCENDING,
    });
  }
  return requests;
}
