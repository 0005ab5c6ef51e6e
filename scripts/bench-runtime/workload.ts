/**
 * The fleets the tick benchmark scales: N pools in one region and one account, each with its own
 * queue, processing-time metric and target, driven by a steady wave of traffic in the simulator.
 */
import { parseConfig } from '../../src/config/index.js';
import type { ScalerConfig } from '../../src/config/types.js';
import type { SimSettings } from '../../src/sim/engine.js';
import type { SimPoolSpec } from '../../src/sim/pool.js';
import { SIM_START_MS } from '../../src/sim/scenario.js';
import type { Trace } from '../../src/sim/trace.js';

/** `asg`: every pool on an Auto Scaling group. `mixed`: every second pool on an ECS service, the services spread over two clusters. */
export type TargetMix = 'asg' | 'mixed';

export const REGION = 'us-east-1';
const ACCOUNT = '123456789012';
const CLUSTERS = ['bench-a', 'bench-b'];
const SERVICE_SECONDS = 4;
const WAVE_PERIOD_MINUTES = 60;
const WAVE_AMPLITUDE = 0.5;

export function poolName(index: number): string {
  return `pool-${String(index).padStart(3, '0')}`;
}

function rawTarget(index: number, mix: TargetMix): unknown {
  if (mix === 'asg' || index % 2 === 0) return { autoScalingGroup: `bench-workers-${index}` };
  // Odd pools alternate between the clusters, so each cluster gets half of the services.
  const cluster = CLUSTERS[Math.floor(index / 2) % CLUSTERS.length]!;
  return { ecsService: { cluster, service: `bench-workers-${index}` } };
}

/** Builds the configuration of `pools` pools through the production schema and defaults. */
export function buildBenchConfig(pools: number, mix: TargetMix): ScalerConfig {
  const raw = {
    pools: Array.from({ length: pools }, (_, index) => ({
      name: poolName(index),
      queues: [`https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/bench-images-${index}`],
      target: rawTarget(index, mix),
      processingTime: {
        namespace: 'GpuWorkers',
        metricName: 'ImageProcessingSeconds',
        dimensions: { Pool: poolName(index) },
        statistic: 'p50',
        priorSeconds: SERVICE_SECONDS,
      },
      sla: { seconds: 120, percentile: 95 },
      worker: { concurrency: 1, warmupSeconds: 180 },
      limits: { min: 1, max: 50 },
      scaleToZero: { enabled: false },
    })),
  };
  return parseConfig(raw, `runtime benchmark (${pools} pools, ${mix})`);
}

/** Mean arrivals of pool `index`, images per minute: 30 to 90, so 2 to 6 workers at 4 s per image. */
function meanArrivalsPerMinute(index: number): number {
  return 30 + 15 * (index % 5);
}

/** Per-minute arrivals of one pool: a wave of one hour around its mean, each pool at its own phase. */
export function waveTrace(index: number, pools: number, minutes: number): Trace {
  const mean = meanArrivalsPerMinute(index);
  const phase = index / pools;
  const arrivals = Array.from({ length: minutes }, (_, minute) =>
    Math.round(mean * (1 + WAVE_AMPLITUDE * Math.sin(2 * Math.PI * (minute / WAVE_PERIOD_MINUTES + phase)))),
  );
  return { name: `wave-${poolName(index)}`, intervalSeconds: 60, arrivals };
}

/** Builds the simulated pool of every configured pool, starting with the workers its mean load needs. */
export function buildSimSpecs(config: ScalerConfig, minutes: number): SimPoolSpec[] {
  return config.pools.map((pool, index) => ({
    config: pool,
    trace: waveTrace(index, config.pools.length, minutes),
    scale: 1,
    spread: 'poisson',
    serviceMeanSeconds: SERVICE_SECONDS,
    serviceCv: 0.3,
    fleet: {
      concurrency: 1,
      bootMeanSeconds: 180,
      bootJitterSeconds: 30,
      coldImages: 3,
      coldFactor: 2,
      failureProbability: 0,
      protectBusyWorkers: true,
    },
    queue: { visibilityTimeoutSeconds: 600, delaySeconds: 0, approximateLagSeconds: 5 },
    initialWorkers: Math.ceil((meanArrivalsPerMinute(index) / 60) * SERVICE_SECONDS) + 1,
    groupMin: 0,
    groupMax: pool.limits.max,
  }));
}

/** Simulator settings: the run stops when the trace ends, because only the ticks inside it are measured. */
export function buildSimSettings(seed: number): SimSettings {
  return {
    seed,
    startMs: SIM_START_MS,
    processingMetricDelaySeconds: 60,
    sqsMetricDelaySeconds: 180,
    drainLimitSeconds: 0,
  };
}
