import { parseConfig } from '../config/index.js';
import type { PoolConfig, ScalerConfig } from '../config/types.js';
import { peakWorkers } from '../policy/baselines/index.js';
import type { SimSettings } from './engine.js';
import type { SimPoolSpec } from './pool.js';
import { peakRatePerSecond, type ArrivalSpread, type Trace } from './trace.js';

/** Settings of a simulated run of one pool; every field has a default in `SCENARIO_DEFAULTS`. */
export interface ScenarioOptions {
  trace: Trace;
  /** Multiplies every trace count. */
  scale: number;
  seed: number;
  spread: ArrivalSpread;
  slaSeconds: number;
  /** Percent of images that must finish within `slaSeconds`. */
  slaPercentile: number;
  serviceMeanSeconds: number;
  serviceCv: number;
  concurrency: number;
  bootMeanSeconds: number;
  bootJitterSeconds: number;
  coldImages: number;
  coldFactor: number;
  failureProbability: number;
  min: number;
  max: number;
  target: 'autoScalingGroup' | 'ecsService';
  protectBusyWorkers: boolean;
  visibilityTimeoutSeconds: number;
  delaySeconds: number;
  approximateLagSeconds: number;
  processingMetricDelaySeconds: number;
  sqsMetricDelaySeconds: number;
  drainLimitSeconds: number;
  /** Warm workers at the start; by default what the first ten minutes of the trace need. */
  initialWorkers: number | undefined;
  /** Pool configuration for the SLA policy; by default one built from the fields above. */
  config: ScalerConfig | undefined;
}

export const SCENARIO_DEFAULTS: Omit<ScenarioOptions, 'trace'> = {
  scale: 1,
  seed: 1,
  spread: 'poisson',
  slaSeconds: 120,
  slaPercentile: 95,
  serviceMeanSeconds: 4,
  serviceCv: 0.3,
  concurrency: 1,
  bootMeanSeconds: 180,
  bootJitterSeconds: 30,
  coldImages: 3,
  coldFactor: 2,
  failureProbability: 0,
  min: 1,
  max: 100,
  target: 'autoScalingGroup',
  protectBusyWorkers: true,
  visibilityTimeoutSeconds: 600,
  delaySeconds: 0,
  approximateLagSeconds: 5,
  processingMetricDelaySeconds: 60,
  sqsMetricDelaySeconds: 180,
  drainLimitSeconds: 3600,
  initialWorkers: undefined,
  config: undefined,
};

/** Start of every simulated trace: a fixed instant, so runs are repeatable. */
export const SIM_START_MS = Date.UTC(2024, 0, 1);

const SIM_QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/sim-images';

/** Builds the pool configuration the SLA policy runs with, through the production schema and defaults. */
export function buildScalerConfig(options: ScenarioOptions): ScalerConfig {
  if (options.config !== undefined) return options.config;

  const target =
    options.target === 'autoScalingGroup'
      ? { autoScalingGroup: 'sim-gpu-workers' }
      : { ecsService: { cluster: 'sim-cluster', service: 'sim-gpu-workers' } };
  const raw = {
    pools: [
      {
        name: 'sim',
        queues: [SIM_QUEUE_URL],
        target,
        processingTime: {
          namespace: 'GpuWorkers',
          metricName: 'ImageProcessingSeconds',
          dimensions: { Pool: 'sim' },
          statistic: 'p50',
          priorSeconds: options.serviceMeanSeconds,
        },
        sla: { seconds: options.slaSeconds, percentile: options.slaPercentile },
        // The simulated fleet protects busy workers exactly when the workers would protect themselves.
        worker: { concurrency: options.concurrency, warmupSeconds: options.bootMeanSeconds, scaleInProtection: options.protectBusyWorkers },
        limits: { min: options.min, max: options.max },
        scaleToZero: { enabled: options.min === 0 },
      },
    ],
  };
  return parseConfig(raw, 'simulator scenario');
}

/** Workers needed by the mean rate of the first ten minutes, within [min, max]. */
function defaultInitialWorkers(options: ScenarioOptions): number {
  const intervals = Math.max(1, Math.round(600 / options.trace.intervalSeconds));
  const head = options.trace.arrivals.slice(0, intervals);
  const ratePerSecond = (head.reduce((sum, count) => sum + count, 0) * options.scale) / (head.length * options.trace.intervalSeconds);
  const needed = Math.ceil((ratePerSecond * options.serviceMeanSeconds) / options.concurrency);
  return Math.min(options.max, Math.max(options.min, needed));
}

/** Returns the static baseline's count: what the busiest minute needs, within [min, max]. */
export function staticWorkers(options: ScenarioOptions): number {
  const peak = peakWorkers(peakRatePerSecond(options.trace, options.scale), options.serviceMeanSeconds, options.concurrency);
  return Math.min(options.max, Math.max(options.min, peak));
}

/** Builds the simulated pool for the scenario's (first) configured pool. */
export function buildPoolSpec(options: ScenarioOptions, pool: PoolConfig, initialWorkers = options.initialWorkers): SimPoolSpec {
  return {
    config: pool,
    trace: options.trace,
    scale: options.scale,
    spread: options.spread,
    serviceMeanSeconds: options.serviceMeanSeconds,
    serviceCv: options.serviceCv,
    fleet: {
      concurrency: options.concurrency,
      bootMeanSeconds: options.bootMeanSeconds,
      bootJitterSeconds: options.bootJitterSeconds,
      coldImages: options.coldImages,
      coldFactor: options.coldFactor,
      failureProbability: options.failureProbability,
      protectBusyWorkers: options.protectBusyWorkers,
    },
    queue: {
      visibilityTimeoutSeconds: options.visibilityTimeoutSeconds,
      delaySeconds: options.delaySeconds,
      approximateLagSeconds: options.approximateLagSeconds,
    },
    initialWorkers: initialWorkers ?? defaultInitialWorkers(options),
    groupMin: 0,
    groupMax: Math.max(options.max, pool.limits.max),
  };
}

export function buildSettings(options: ScenarioOptions): SimSettings {
  return {
    seed: options.seed,
    startMs: SIM_START_MS,
    processingMetricDelaySeconds: options.processingMetricDelaySeconds,
    sqsMetricDelaySeconds: options.sqsMetricDelaySeconds,
    drainLimitSeconds: options.drainLimitSeconds,
  };
}
