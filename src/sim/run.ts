import { resolvePolicy } from '../config/defaults.js';
import type { PolicyConfig, PoolConfig, ScalerConfig } from '../config/types.js';
import { Simulation, type ProgressListener } from './engine.js';
import type { MinuteSeries, RunSummary } from './measures.js';
import { tickScaler, type ScalerErrors } from './scalers.js';
import { buildPoolSpec, buildScalerConfig, buildSettings, staticWorkers, type ScenarioOptions } from './scenario.js';

export const POLICY_NAMES = ['sla', 'backlogPerInstance', 'queueLength', 'static'] as const;
export type PolicyName = (typeof POLICY_NAMES)[number];

/**
 * Main knob of a baseline, set in place of its documented default. The bench sweeps it to find
 * the setting that matches the sla policy's attainment, and other parameters keep their defaults.
 */
export interface BaselineTuning {
  /** backlogPerInstance: maximum acceptable wait of a message, seconds. */
  acceptableLatencySeconds?: number;
  /** queueLength: target messages per worker, an integer ≥ 1. */
  queueLength?: number;
}

export interface PolicyRun {
  summary: RunSummary;
  series: MinuteSeries;
  scalerErrors: ScalerErrors;
  /** Simulated AWS requests received, by command. */
  requests: Record<string, number>;
  wallSeconds: number;
}

/**
 * Returns the pool's `policy:` for a run, with the defaults production applies: target tracking at
 * acceptable latency = the SLA, KEDA at `queueLength` = SLA ÷ processing time, static at the
 * count the busiest minute needs. `sla` keeps what the configuration names.
 */
function policyFor(policy: PolicyName, options: ScenarioOptions, pool: PoolConfig, tuning: BaselineTuning): PolicyConfig {
  if (policy === 'sla') return pool.policy ?? { name: 'sla' };
  const raw = policy === 'static' ? { name: policy, workers: staticWorkers(options) } : { name: policy, ...tuningFor(policy, tuning) };
  return resolvePolicy(raw, pool.sla, pool.processingTime.priorSeconds, pool.worker.concurrency);
}

/** Keeps only the knob that belongs to the policy, so the other policy's knob is dropped. */
function tuningFor(policy: 'backlogPerInstance' | 'queueLength', tuning: BaselineTuning): BaselineTuning {
  if (policy === 'backlogPerInstance') return tuning.acceptableLatencySeconds === undefined ? {} : { acceptableLatencySeconds: tuning.acceptableLatencySeconds };
  return tuning.queueLength === undefined ? {} : { queueLength: tuning.queueLength };
}

function withPolicy(config: ScalerConfig, pool: PoolConfig, policy: PolicyConfig): ScalerConfig {
  return { ...config, pools: [{ ...pool, policy }] };
}

/**
 * Replays the scenario's trace under one policy and returns its measures. `tuning` replaces a
 * baseline's main knob; the sla and static policies ignore it.
 */
export async function runPolicy(options: ScenarioOptions, policy: PolicyName, onProgress?: ProgressListener, tuning: BaselineTuning = {}): Promise<PolicyRun> {
  const started = performance.now();
  const config = buildScalerConfig(options);
  const pool = config.pools[0];
  if (pool === undefined) throw new Error('the configuration has no pool');

  const initialWorkers = policy === 'static' ? staticWorkers(options) : options.initialWorkers;
  const sim = new Simulation([buildPoolSpec(options, pool, initialWorkers)], buildSettings(options));
  const scalerErrors: ScalerErrors = { count: 0, first: undefined };
  const scaler = tickScaler(sim, withPolicy(config, pool, policyFor(policy, options, pool, tuning)), scalerErrors);

  const [summary] = await sim.run(scaler, policy, onProgress);
  return {
    summary: summary!,
    series: sim.pools[0]!.measures.series,
    scalerErrors,
    requests: Object.fromEntries(sim.cloud.requests),
    wallSeconds: (performance.now() - started) / 1000,
  };
}
