import type {
  GetMetricDataCommandInput,
  GetMetricDataCommandOutput,
  MetricDataQuery,
  MetricDataResult,
} from '@aws-sdk/client-cloudwatch';

/** Namespace, name and dimensions: what makes one CloudWatch metric. */
export interface MetricIdentity {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
}

interface StoredPoint {
  timestampMs: number;
  value: number;
  availableAtMs: number;
}

const PERIOD_MS = 60_000;

/** Builds a lookup key that does not depend on the order of the dimensions. */
export function metricKey(identity: MetricIdentity, statistic: string): string {
  const dimensions = Object.entries(identity.dimensions)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => `${name}=${value}`)
    .join(',');
  return `${identity.namespace}|${identity.metricName}|${dimensions}|${statistic}`;
}

/** Combines per-minute values into one value of a longer period, as CloudWatch would. */
function aggregate(statistic: string, values: number[]): number {
  if (statistic === 'Sum' || statistic === 'SampleCount') return values.reduce((a, b) => a + b, 0);
  if (statistic === 'Minimum') return Math.min(...values);
  if (statistic === 'Average') return values.reduce((a, b) => a + b, 0) / values.length;

  // NOTE: a percentile of a longer period cannot be rebuilt from per-minute percentiles. The
  // maximum of them is an upper bound, so the error leans toward more workers.
  return Math.max(...values);
}

/**
 * In-memory CloudWatch: per-minute values of a statistic, returned for `GetMetricData`
 * `MetricStat` queries. Recordings and the simulator use it in place of the service.
 */
export class MetricStore {
  private readonly series = new Map<string, StoredPoint[]>();

  /**
   * Stores the value of `statistic` for the minute starting at `timestampMs`. `availableAtMs`
   * hides the point from reads before that time, which models CloudWatch's ingestion delay.
   */
  put(identity: MetricIdentity, statistic: string, timestampMs: number, value: number, availableAtMs = 0): void {
    const key = metricKey(identity, statistic);
    const points = this.series.get(key) ?? [];
    const minuteMs = Math.floor(timestampMs / PERIOD_MS) * PERIOD_MS;

    const existing = points.findIndex((point) => point.timestampMs === minuteMs);
    if (existing >= 0) points.splice(existing, 1);
    points.push({ timestampMs: minuteMs, value, availableAtMs });
    points.sort((a, b) => a.timestampMs - b.timestampMs);

    this.series.set(key, points);
  }

  /** Returns the response to one request in a single page, so it never sets `NextToken`. */
  getMetricData(input: GetMetricDataCommandInput, nowMs: number): GetMetricDataCommandOutput {
    const startMs = toMs(input.StartTime);
    const endMs = toMs(input.EndTime);
    const descending = input.ScanBy === 'TimestampDescending';

    const results = (input.MetricDataQueries ?? [])
      .filter((query) => query.ReturnData !== false)
      .map((query) => this.answerQuery(query, startMs, endMs, nowMs, descending));

    return { MetricDataResults: results, Messages: [], $metadata: {} };
  }

  private answerQuery(query: MetricDataQuery, startMs: number, endMs: number, nowMs: number, descending: boolean): MetricDataResult {
    const stat = query.MetricStat;
    if (!stat?.Metric) return { Id: query.Id, StatusCode: 'Complete', Timestamps: [], Values: [] };

    const identity: MetricIdentity = {
      namespace: stat.Metric.Namespace ?? '',
      metricName: stat.Metric.MetricName ?? '',
      dimensions: Object.fromEntries((stat.Metric.Dimensions ?? []).map((d) => [d.Name ?? '', d.Value ?? ''])),
    };
    const periodMs = (stat.Period ?? 60) * 1000;
    const points = (this.series.get(metricKey(identity, stat.Stat ?? '')) ?? []).filter(
      (point) => point.timestampMs >= startMs && point.timestampMs < endMs && point.availableAtMs <= nowMs,
    );

    const buckets = new Map<number, number[]>();
    for (const point of points) {
      const bucket = startMs + Math.floor((point.timestampMs - startMs) / periodMs) * periodMs;
      buckets.set(bucket, [...(buckets.get(bucket) ?? []), point.value]);
    }

    const ordered = [...buckets.entries()].sort(([a], [b]) => (descending ? b - a : a - b));
    return {
      Id: query.Id,
      Label: identity.metricName,
      StatusCode: 'Complete',
      Timestamps: ordered.map(([bucket]) => new Date(bucket)),
      Values: ordered.map(([, values]) => aggregate(stat.Stat ?? '', values)),
    };
  }
}

function toMs(value: Date | string | number | undefined): number {
  if (value === undefined) return 0;
  return value instanceof Date ? value.getTime() : new Date(value).getTime();
}
