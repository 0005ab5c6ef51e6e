/** Per-minute series of one pool in one run, for the charts. */
export interface MinuteSeries {
  /** Images sent in the minute. */
  arrivals: number[];
  /** Visible messages at the end of the minute. */
  backlog: number[];
  /** Live workers (booting, in service or draining) at the end of the minute. */
  workers: number[];
  /** 95th percentile latency of the images finished in the minute, seconds (NaN when none). */
  latencyP95Seconds: number[];
}

/** Measures of one pool over one run. */
export interface RunSummary {
  policy: string;
  pool: string;
  slaSeconds: number;
  /** Images sent during the trace. */
  images: number;
  /** Images finished before the run ended. */
  finished: number;
  /** Share (0 to 1) of the images sent that finished within `slaSeconds`; unfinished ones count as late. */
  slaAttainment: number;
  latencyP50Seconds: number;
  latencyP95Seconds: number;
  latencyP99Seconds: number;
  latencyMaxSeconds: number;
  /** Every second a worker existed, booting included. */
  paidGpuSeconds: number;
  /** The floor: the sum of service times divided by the concurrency. */
  usefulGpuSeconds: number;
  /** paid ÷ useful; 1 is perfect. */
  paidToUsefulRatio: number;
  /** `SetDesiredCapacity` or `UpdateService` requests received. */
  writes: number;
  peakWorkers: number;
}

/** Value at quantile `q` (0 to 1) of sorted values, nearest rank; NaN when empty. */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** Collects latencies, useful work and per-minute series of one pool. */
export class PoolMeasures {
  private latencies = new Float64Array(1024);
  private count = 0;
  private withinSla = 0;
  private usefulSeconds = 0;
  private minuteLatencies: number[] = [];
  images = 0;

  readonly series: MinuteSeries = { arrivals: [], backlog: [], workers: [], latencyP95Seconds: [] };

  constructor(
    private readonly slaSeconds: number,
    private readonly concurrency: number,
  ) {}

  recordSent(): void {
    this.images += 1;
  }

  recordCompletion(latencySeconds: number, serviceSeconds: number): void {
    if (this.count === this.latencies.length) {
      const grown = new Float64Array(this.latencies.length * 2);
      grown.set(this.latencies);
      this.latencies = grown;
    }
    this.latencies[this.count] = latencySeconds;
    this.count += 1;

    if (latencySeconds <= this.slaSeconds) this.withinSla += 1;
    this.usefulSeconds += serviceSeconds / this.concurrency;
    this.minuteLatencies.push(latencySeconds);
  }

  closeMinute(arrivals: number, backlog: number, workers: number): void {
    const sorted = this.minuteLatencies.sort((a, b) => a - b);
    this.series.arrivals.push(arrivals);
    this.series.backlog.push(backlog);
    this.series.workers.push(workers);
    this.series.latencyP95Seconds.push(quantileOfSorted(sorted, 0.95));
    this.minuteLatencies = [];
  }

  summarize(fields: { policy: string; pool: string; paidGpuSeconds: number; writes: number; peakWorkers: number }): RunSummary {
    const sorted = this.latencies.slice(0, this.count).sort();
    const useful = this.usefulSeconds;

    return {
      policy: fields.policy,
      pool: fields.pool,
      slaSeconds: this.slaSeconds,
      images: this.images,
      finished: this.count,
      slaAttainment: this.images === 0 ? 1 : this.withinSla / this.images,
      latencyP50Seconds: quantileOfSorted(sorted, 0.5),
      latencyP95Seconds: quantileOfSorted(sorted, 0.95),
      latencyP99Seconds: quantileOfSorted(sorted, 0.99),
      latencyMaxSeconds: this.count === 0 ? Number.NaN : sorted[this.count - 1]!,
      paidGpuSeconds: fields.paidGpuSeconds,
      usefulGpuSeconds: useful,
      paidToUsefulRatio: useful === 0 ? Number.NaN : fields.paidGpuSeconds / useful,
      writes: fields.writes,
      peakWorkers: fields.peakWorkers,
    };
  }
}
