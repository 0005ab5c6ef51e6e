import type { GetMetricDataCommandInput, GetMetricDataCommandOutput } from '@aws-sdk/client-cloudwatch';

import { MetricStore, type MetricIdentity } from '../aws/metric-store.js';

interface RetainedPoint {
  identity: MetricIdentity;
  statistic: string;
  timestampMs: number;
  value: number;
  availableAtMs: number;
}

const HOUR_MS = 3_600_000;

/**
 * Simulated CloudWatch: a `MetricStore` that keeps only the last `retentionMs` of points, so a
 * two-week run stays fast. Every hour the store is rebuilt from the points still retained.
 * NOTE: a query reaching further back than the retention gets no datapoints; the scaler reads
 * at most the last hour or so, and the default retention is three hours.
 */
export class SimCloudWatch {
  private store = new MetricStore();
  private retained: RetainedPoint[] = [];
  private nextCompactionMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly retentionMs = 3 * HOUR_MS) {}

  put(identity: MetricIdentity, statistic: string, timestampMs: number, value: number, availableAtMs: number): void {
    this.compact(timestampMs);
    this.store.put(identity, statistic, timestampMs, value, availableAtMs);
    this.retained.push({ identity, statistic, timestampMs, value, availableAtMs });
  }

  getMetricData(input: GetMetricDataCommandInput, nowMs: number): GetMetricDataCommandOutput {
    return this.store.getMetricData(input, nowMs);
  }

  private compact(nowMs: number): void {
    if (nowMs < this.nextCompactionMs) return;
    this.nextCompactionMs = nowMs + HOUR_MS;

    const cutoffMs = nowMs - this.retentionMs;
    this.retained = this.retained.filter((point) => point.timestampMs >= cutoffMs);
    this.store = new MetricStore();
    for (const point of this.retained) {
      this.store.put(point.identity, point.statistic, point.timestampMs, point.value, point.availableAtMs);
    }
  }
}

/** Statistics the simulated workers publish for their processing time, besides the configured one. */
export const PUBLISHED_STATISTICS = ['Average', 'Minimum', 'Maximum', 'Sum', 'SampleCount', 'p50', 'p90', 'p95', 'p99'];

const PERCENTILE = /^p(\d+(?:\.\d+)?)$/;

/**
 * Computes one CloudWatch statistic of raw samples. Percentiles use the nearest-rank method.
 * Returns undefined for an unknown statistic or no samples.
 */
export function statisticOf(statistic: string, samples: number[]): number | undefined {
  if (samples.length === 0) return undefined;

  const sum = samples.reduce((total, value) => total + value, 0);
  if (statistic === 'Average') return sum / samples.length;
  if (statistic === 'Sum') return sum;
  if (statistic === 'SampleCount') return samples.length;
  if (statistic === 'Minimum') return Math.min(...samples);
  if (statistic === 'Maximum') return Math.max(...samples);

  const match = PERCENTILE.exec(statistic);
  if (match === null) return undefined;

  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((Number(match[1]) / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}
