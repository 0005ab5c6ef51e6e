import type { SimClock } from './clock.js';
import { SimCloud } from './cloud.js';
import { SimCloudWatch } from './cloudwatch.js';
import { EventHeap } from './event-heap.js';
import type { RunSummary } from './measures.js';
import { SimPool, type CloudWatchDelays, type SimPoolSpec } from './pool.js';
import { traceSeconds } from './trace.js';

export interface SimSettings extends CloudWatchDelays {
  seed: number;
  /** Epoch milliseconds of the trace's first instant; a whole minute. */
  startMs: number;
  /** After the trace ends the run goes on until every queue is drained, at most this long. */
  drainLimitSeconds: number;
}

/** Called at every whole simulated minute with the time; scales the pools through the cloud. */
export type SimScaler = (nowMs: number) => Promise<void> | void;

/** Fraction of the run done, 0 to 1. */
export type ProgressListener = (fraction: number) => void;

const MINUTE_MS = 60_000;

/**
 * Discrete-event simulation of one or more pools sharing one simulated AWS account. Events at
 * the same instant run in the order they were scheduled, and every random draw comes from a
 * stream seeded by `settings.seed`, so a run is repeatable.
 */
export class Simulation implements SimClock {
  nowMs: number;
  readonly pools: SimPool[];
  readonly cloudWatch = new SimCloudWatch();
  readonly cloud: SimCloud;
  private readonly events = new EventHeap<() => void>();

  constructor(
    specs: SimPoolSpec[],
    private readonly settings: SimSettings,
  ) {
    if (settings.startMs % MINUTE_MS !== 0) throw new Error(`startMs ${settings.startMs} is not a whole minute`);

    this.nowMs = settings.startMs;
    this.pools = specs.map((spec, index) => new SimPool(spec, this, this.cloudWatch, settings.seed + index * 7919));
    this.cloud = new SimCloud(this, this.pools, this.cloudWatch);
  }

  schedule(atMs: number, action: () => void): void {
    this.events.push(Math.max(atMs, this.nowMs), action);
  }

  /** Runs the whole trace, calling `scaler` at every whole minute, and returns the measures per pool. */
  async run(scaler: SimScaler, policy: string, onProgress?: ProgressListener): Promise<RunSummary[]> {
    const traceEndMs = this.settings.startMs + Math.max(...this.pools.map((pool) => traceSeconds(pool.spec.trace))) * 1000;
    const lastMs = traceEndMs + this.settings.drainLimitSeconds * 1000;
    for (const pool of this.pools) pool.scheduleNextArrival(this.settings.startMs);

    let minuteMs = this.settings.startMs + MINUTE_MS;
    for (;;) {
      this.runEventsBefore(minuteMs);
      this.nowMs = minuteMs;
      for (const pool of this.pools) pool.closeMinute(minuteMs - MINUTE_MS, this.settings);

      const finished = minuteMs >= traceEndMs && this.pools.every((pool) => pool.isDrained());
      if (finished || minuteMs >= lastMs) break;

      await scaler(minuteMs);
      onProgress?.(Math.min(1, (minuteMs - this.settings.startMs) / (traceEndMs - this.settings.startMs)));
      minuteMs += MINUTE_MS;
    }

    return this.pools.map((pool) =>
      pool.measures.summarize({
        policy,
        pool: pool.name,
        paidGpuSeconds: pool.fleet.paidSeconds(),
        writes: pool.writes,
        peakWorkers: pool.fleet.peakWorkers,
      }),
    );
  }

  private runEventsBefore(endMs: number): void {
    while (this.events.peekTime() < endMs) {
      const event = this.events.pop()!;
      this.nowMs = event.atMs;
      event.payload();
    }
  }
}
