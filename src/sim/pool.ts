import type { PoolConfig } from '../config/types.js';
import type { SimClock } from './clock.js';
import { PUBLISHED_STATISTICS, statisticOf, type SimCloudWatch } from './cloudwatch.js';
import { SimFleet, type FleetParams } from './fleet.js';
import { PoolMeasures } from './measures.js';
import { SimQueue, type QueueParams } from './queue.js';
import { createRandom, deriveSeed, lognormal, type Random } from './random.js';
import { arrivalOffsets, type ArrivalSpread, type Trace } from './trace.js';

/** Everything that defines one simulated pool. */
export interface SimPoolSpec {
  /** The pool as the scaler is configured for it; its first queue URL and its target are simulated. */
  config: PoolConfig;
  trace: Trace;
  /** Multiplies every trace count. */
  scale: number;
  spread: ArrivalSpread;
  /** Mean seconds one image takes on a warm worker. */
  serviceMeanSeconds: number;
  /** Coefficient of variation of the lognormal service time; 0 for a constant. */
  serviceCv: number;
  fleet: FleetParams;
  queue: QueueParams;
  /** Workers in service and warm when the run starts. */
  initialWorkers: number;
  /** `MinSize` and `MaxSize` of the simulated group (or the service's scalable target). */
  groupMin: number;
  groupMax: number;
}

export interface CloudWatchDelays {
  /** Seconds after a minute ends before the workers' processing-time datapoint is readable. */
  processingMetricDelaySeconds: number;
  /** Seconds after a minute ends before the `AWS/SQS` datapoints are readable. */
  sqsMetricDelaySeconds: number;
}

const SEED_STREAMS = { arrivals: 1, service: 2, boot: 3, failure: 4, approximate: 5 } as const;

/** One simulated pool: its queue, its fleet, the metrics its workers and SQS publish, its measures. */
export class SimPool {
  readonly queue: SimQueue;
  readonly fleet: SimFleet;
  readonly measures: PoolMeasures;
  writes = 0;

  private readonly arrivals: Iterator<number>;
  private readonly serviceRandom: Random;
  private processingSamples: number[] = [];
  private nextMessageId = 1;

  constructor(
    readonly spec: SimPoolSpec,
    private readonly clock: SimClock,
    private readonly cloudWatch: SimCloudWatch,
    seed: number,
  ) {
    const queueConfig = spec.config.queues[0];
    if (queueConfig === undefined) throw new Error(`pool ${spec.config.name}: the configuration has no queue`);

    this.queue = new SimQueue(queueConfig.url, queueConfig.queueName, spec.queue, clock, createRandom(deriveSeed(seed, SEED_STREAMS.approximate)));
    this.fleet = new SimFleet(
      spec.fleet,
      this.queue,
      clock,
      createRandom(deriveSeed(seed, SEED_STREAMS.boot)),
      createRandom(deriveSeed(seed, SEED_STREAMS.failure)),
    );
    this.measures = new PoolMeasures(spec.config.sla.seconds, spec.fleet.concurrency);
    this.serviceRandom = createRandom(deriveSeed(seed, SEED_STREAMS.service));
    this.arrivals = arrivalOffsets(spec.trace, spec.scale, deriveSeed(seed, SEED_STREAMS.arrivals), spec.spread);

    this.fleet.onCompletion = (message, serviceSeconds) => {
      this.measures.recordCompletion((this.clock.nowMs - message.sentAtMs) / 1000, serviceSeconds);
      this.processingSamples.push(serviceSeconds);
    };
    this.fleet.startWarm(spec.initialWorkers);
  }

  get name(): string {
    return this.spec.config.name;
  }

  /** Schedules the next arrival of the trace, relative to `startMs`; each arrival schedules the one after. */
  scheduleNextArrival(startMs: number): void {
    const next = this.arrivals.next();
    if (next.done === true) return;

    this.clock.schedule(startMs + next.value * 1000, () => {
      this.send();
      this.scheduleNextArrival(startMs);
    });
  }

  /** Applies a desired count written by a scaler, counting the write. */
  applyDesired(count: number): void {
    this.writes += 1;
    this.fleet.setDesired(count);
  }

  /** True when nothing is visible, delayed or in flight. */
  isDrained(): boolean {
    const counts = this.queue.counts();
    return counts.visible === 0 && counts.inFlight === 0 && counts.delayed === 0;
  }

  /** Publishes the minute that just ended to CloudWatch and to the measures' series. */
  closeMinute(minuteStartMs: number, delays: CloudWatchDelays): void {
    const minuteEndMs = minuteStartMs + 60_000;
    const stats = this.queue.takeMinuteStats();
    const sqsIdentity = (metricName: string) => ({ namespace: 'AWS/SQS', metricName, dimensions: { QueueName: this.queue.name } });
    const sqsAvailableAtMs = minuteEndMs + delays.sqsMetricDelaySeconds * 1000;

    this.cloudWatch.put(sqsIdentity('NumberOfMessagesSent'), 'Sum', minuteStartMs, stats.sent, sqsAvailableAtMs);
    this.cloudWatch.put(sqsIdentity('ApproximateAgeOfOldestMessage'), 'Maximum', minuteStartMs, stats.maxOldestAgeSeconds, sqsAvailableAtMs);
    this.publishProcessingTime(minuteStartMs, minuteEndMs + delays.processingMetricDelaySeconds * 1000);

    this.measures.closeMinute(stats.sent, this.queue.counts().visible, this.fleet.liveWorkers().length);
  }

  private send(): void {
    const serviceSeconds = lognormal(this.serviceRandom, this.spec.serviceMeanSeconds, this.spec.serviceCv);
    this.measures.recordSent();
    this.queue.send({ id: this.nextMessageId, sentAtMs: this.clock.nowMs, serviceSeconds, receiveCount: 0 });
    this.nextMessageId += 1;
  }

  /** Workers publish one datapoint per statistic for each minute in which they finished images. */
  private publishProcessingTime(minuteStartMs: number, availableAtMs: number): void {
    const samples = this.processingSamples;
    this.processingSamples = [];
    if (samples.length === 0) return;

    const metric = this.spec.config.processingTime;
    if (metric.namespace === undefined || metric.metricName === undefined) return;

    const identity = { namespace: metric.namespace, metricName: metric.metricName, dimensions: metric.dimensions };
    const statistics = new Set([...PUBLISHED_STATISTICS, metric.statistic]);

    for (const statistic of statistics) {
      const value = statisticOf(statistic, samples);
      if (value !== undefined) this.cloudWatch.put(identity, statistic, minuteStartMs, value, availableAtMs);
    }
  }
}
