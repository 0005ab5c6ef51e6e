/** Builders for pool configurations and observations with plain, named defaults. */
import type { FallbackConfig, PoolConfig, QueueConfig } from '../../src/config/types.js';
import type { CapacityObservation, Observation, PoolHistory, QueueObservation } from '../../src/policy/types.js';

/** Tick time used by every test unless stated: 2024-05-01T12:00:00Z, on a minute boundary. */
export const NOW_MS = Date.UTC(2024, 4, 1, 12, 0, 0);
export const MINUTE_MS = 60_000;
export const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/render-jobs';

export interface PoolOverrides {
  priorSeconds?: number;
  slaSeconds?: number;
  percentile?: number;
  concurrency?: number;
  warmupSeconds?: number;
  min?: number;
  max?: number;
  stabilizationSeconds?: number;
  maxStepUp?: number;
  maxStepDown?: number;
  scaleToZero?: boolean;
  idleMinutes?: number;
  scaleInProtection?: boolean;
  fallback?: FallbackConfig;
  /** Replaces the one default queue. */
  queues?: QueueConfig[];
}

/** Builds the configuration of a queue in the test account; `name` ending in `.fifo` makes a FIFO queue. */
export function queueConfig(name: string, extra: Partial<QueueConfig> = {}): QueueConfig {
  return { url: `https://sqs.eu-west-1.amazonaws.com/123456789012/${name}`, region: 'eu-west-1', accountId: '123456789012', queueName: name, ...extra };
}

/** Builds a one-queue Auto Scaling group pool: prior 3 s, SLA p95 within 180 s, one slot, no warm-up, bounds [0, 100]. */
export function buildPool(overrides: PoolOverrides = {}): PoolConfig {
  return {
    name: 'render',
    queues: overrides.queues ?? [{ url: QUEUE_URL, region: 'eu-west-1', accountId: '123456789012', queueName: 'render-jobs' }],
    target: { kind: 'autoScalingGroup', name: 'render-gpu', region: 'eu-west-1' },
    processingTime: {
      namespace: 'Render',
      metricName: 'SecondsPerImage',
      dimensions: { Pool: 'render' },
      statistic: 'Average',
      priorSeconds: overrides.priorSeconds ?? 3,
    },
    sla: { seconds: overrides.slaSeconds ?? 180, percentile: overrides.percentile ?? 95 },
    worker: { concurrency: overrides.concurrency ?? 1, warmupSeconds: overrides.warmupSeconds ?? 0, scaleInProtection: overrides.scaleInProtection ?? false },
    limits: {
      min: overrides.min ?? 0,
      max: overrides.max ?? 100,
      scaleInStabilizationSeconds: overrides.stabilizationSeconds ?? 300,
      maxStepUp: overrides.maxStepUp ?? 100,
      maxStepDown: overrides.maxStepDown ?? 100,
    },
    scaleToZero: { enabled: overrides.scaleToZero ?? true, idleMinutes: overrides.idleMinutes ?? 15 },
    ...(overrides.fallback === undefined ? {} : { fallback: overrides.fallback }),
  };
}

export interface ObservationOptions {
  nowMs?: number;
  visible?: number | undefined;
  inFlight?: number | undefined;
  delayed?: number | undefined;
  /** Messages sent per minute, oldest first; default five minutes of 0; `undefined` for no datapoints. */
  arrivalsPerMinute?: number[] | undefined;
  oldestAgeSeconds?: number;
  /** Seconds per image the workers reported, oldest first; default none, so the prior applies. */
  processingSeconds?: number[];
  /** Shorthand for a target with this desired count, all in service. */
  desired?: number;
  inService?: number;
  pending?: number;
  targetMin?: number;
  targetMax?: number;
  protectedFromScaleIn?: number;
  deploymentInProgress?: boolean;
  /** Pass `undefined` for a target read that failed. */
  capacity?: CapacityObservation | undefined;
  history?: Partial<PoolHistory>;
  queues?: QueueObservation[];
}

function buildCapacity(options: ObservationOptions): CapacityObservation | undefined {
  if ('capacity' in options) return options.capacity;

  const desired = options.desired ?? 0;
  return {
    desired,
    inService: options.inService ?? desired,
    pending: options.pending ?? 0,
    min: options.targetMin,
    max: options.targetMax,
    protectedFromScaleIn: options.protectedFromScaleIn ?? 0,
    deploymentInProgress: options.deploymentInProgress ?? false,
  };
}

/** Builds one queue's observation; every count defaults to 0 and arrivals to five minutes of 0. */
export function queueObservation(url: string, counts: Partial<Omit<QueueObservation, 'url'>> = {}): QueueObservation {
  return { url, visible: 0, inFlight: 0, delayed: 0, arrivalsPerMinute: [0, 0, 0, 0, 0], oldestAgeSeconds: undefined, ...counts };
}

function buildQueue(options: ObservationOptions): QueueObservation {
  return {
    url: QUEUE_URL,
    visible: 'visible' in options ? options.visible : 0,
    inFlight: 'inFlight' in options ? options.inFlight : 0,
    delayed: 'delayed' in options ? options.delayed : 0,
    arrivalsPerMinute: 'arrivalsPerMinute' in options ? options.arrivalsPerMinute : [0, 0, 0, 0, 0],
    oldestAgeSeconds: options.oldestAgeSeconds,
  };
}

/** Builds an observation of one queue and one target; every count defaults to 0. */
export function buildObservation(options: ObservationOptions = {}): Observation {
  return {
    pool: 'render',
    nowMs: options.nowMs ?? NOW_MS,
    queues: options.queues ?? [buildQueue(options)],
    processingSeconds: options.processingSeconds ?? [],
    capacity: buildCapacity(options),
    history: {
      recommendations: options.history?.recommendations ?? [],
      queueWork: options.history?.queueWork ?? [],
      lastGoodProcessingSeconds: options.history?.lastGoodProcessingSeconds,
      ...(options.history?.consecutiveFailedTicks === undefined ? {} : { consecutiveFailedTicks: options.history.consecutiveFailedTicks }),
      ...(options.history?.baselineState === undefined ? {} : { baselineState: options.history.baselineState }),
    },
  };
}

/** Queue-work history with `messages` in each of the `minutes` whole minutes before `nowMs`. */
export function queueWorkHistory(minutes: number, messages = 0, nowMs = NOW_MS): PoolHistory['queueWork'] {
  return Array.from({ length: minutes }, (_, index) => ({ atMs: nowMs - (index + 1) * MINUTE_MS, messages }));
}

/** Recommendations stored `secondsAgo` before `nowMs`. */
export function recommendationsAgo(entries: Array<[secondsAgo: number, workers: number]>, nowMs = NOW_MS): PoolHistory['recommendations'] {
  return entries.map(([secondsAgo, workers]) => ({ atMs: nowMs - secondsAgo * 1000, workers }));
}
