import {
  backlogPerInstance,
  BACKLOG_PER_INSTANCE_DEFAULTS,
  initialBacklogPerInstanceState,
  initialQueueLengthState,
  queueLength,
  QUEUE_LENGTH_DEFAULTS,
  staticPolicy,
} from '../policy/baselines/index.js';
import type { PoolConfig } from '../config/types.js';
import { Simulation, type ProgressListener, type SimScaler } from './engine.js';
import type { MinuteSeries, RunSummary } from './measures.js';
import { baselineScaler, bindBaseline, slaScaler, type BoundBaseline, type ScalerErrors } from './scalers.js';
import { buildPoolSpec, buildScalerConfig, buildSettings, staticWorkers, type ScenarioOptions } from './scenario.js';

export const POLICY_NAMES = ['sla', 'backlogPerInstance', 'queueLength', 'static'] as const;
export type PolicyName = (typeof POLICY_NAMES)[number];

export interface PolicyRun {
  summary: RunSummary;
  series: MinuteSeries;
  scalerErrors: ScalerErrors;
  /** Simulated AWS requests received, by command. */
  requests: Record<string, number>;
  wallSeconds: number;
}

/** Binds a baseline to a pool, tuned as its own documentation recommends for this SLA. */
function baselineFor(policy: Exclude<PolicyName, 'sla'>, options: ScenarioOptions, pool: PoolConfig): BoundBaseline {
  const bounds = { min: pool.limits.min, max: pool.limits.max };
  const processingSeconds = pool.processingTime.priorSeconds;
  const concurrency = pool.worker.concurrency;

  if (policy === 'backlogPerInstance') {
    // Target tracking: acceptable latency = the SLA, processing time = the measured mean.
    const params = { ...bounds, ...BACKLOG_PER_INSTANCE_DEFAULTS, acceptableLatencySeconds: pool.sla.seconds, processingSeconds, concurrency };
    return bindBaseline(backlogPerInstance, params, initialBacklogPerInstanceState());
  }
  if (policy === 'queueLength') {
    // KEDA: queueLength = the messages one replica clears within the SLA.
    const target = Math.max(1, Math.floor((pool.sla.seconds * concurrency) / processingSeconds));
    const params = { ...bounds, ...QUEUE_LENGTH_DEFAULTS, queueLength: target };
    return bindBaseline(queueLength, params, initialQueueLengthState());
  }
  return bindBaseline(staticPolicy, { workers: staticWorkers(options) }, {});
}

/** Replays the scenario's trace under one policy and returns its measures. */
export async function runPolicy(options: ScenarioOptions, policy: PolicyName, onProgress?: ProgressListener): Promise<PolicyRun> {
  const started = performance.now();
  const config = buildScalerConfig(options);
  const pool = config.pools[0];
  if (pool === undefined) throw new Error('the configuration has no pool');

  const initialWorkers = policy === 'static' ? staticWorkers(options) : options.initialWorkers;
  const sim = new Simulation([buildPoolSpec(options, pool, initialWorkers)], buildSettings(options));
  const scalerErrors: ScalerErrors = { count: 0, first: undefined };
  const singlePool = { ...config, pools: [pool] };

  const scaler: SimScaler =
    policy === 'sla'
      ? slaScaler(sim, singlePool, scalerErrors)
      : baselineScaler(sim, singlePool, (entry) => baselineFor(policy, options, entry), scalerErrors);

  const [summary] = await sim.run(scaler, policy, onProgress);
  return {
    summary: summary!,
    series: sim.pools[0]!.measures.series,
    scalerErrors,
    requests: Object.fromEntries(sim.cloud.requests),
    wallSeconds: (performance.now() - started) / 1000,
  };
}
