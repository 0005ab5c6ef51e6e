/**
 * Runs a pool's baseline policy (`policy.name` other than `sla`) on the observation, with its
 * state from the pool history. `decide` then applies the same safety rules as to the formula.
 */
import type { BacklogPerInstancePolicyConfig, PolicyConfig, PoolConfig, QueueLengthPolicyConfig } from '../config/types.js';
import {
  backlogPerInstance,
  initialBacklogPerInstanceState,
  initialQueueLengthState,
  queueLength,
  QUEUE_LENGTH_DEFAULTS,
  staticPolicy,
  type BacklogPerInstanceState,
  type BaselineName,
  type QueueLengthState,
} from './baselines/index.js';
import type { BaselineStateRecord, Observation } from './types.js';

export type BaselinePolicyConfig = Exclude<PolicyConfig, { name: 'sla' }>;

/** A baseline's count for this tick and the state to keep for the next. */
export interface BaselineOutcome {
  policy: BaselineName;
  /** Undefined when an input the baseline reads is missing, so the pool holds its count. */
  workers: number | undefined;
  state: BaselineStateRecord;
}

function isList(value: unknown): value is unknown[] {
  return Array.isArray(value);
}

/** Returns the stored state when it belongs to this policy and has its lists, else undefined. */
function storedState(stored: BaselineStateRecord | undefined, policy: BaselineName): Record<string, unknown> | undefined {
  if (stored === undefined || stored.policy !== policy) return undefined;
  const state = stored.state;
  return typeof state === 'object' && state !== null ? (state as Record<string, unknown>) : undefined;
}

function backlogState(stored: BaselineStateRecord | undefined): BacklogPerInstanceState {
  const state = storedState(stored, 'backlogPerInstance');
  return state !== undefined && isList(state.datapoints) ? (state as unknown as BacklogPerInstanceState) : initialBacklogPerInstanceState();
}

function queueLengthState(stored: BaselineStateRecord | undefined): QueueLengthState {
  const state = storedState(stored, 'queueLength');
  return state !== undefined && isList(state.recommendations) ? (state as unknown as QueueLengthState) : initialQueueLengthState();
}

function runBacklogPerInstance(pool: PoolConfig, config: BacklogPerInstancePolicyConfig, observation: Observation, stored: BaselineStateRecord | undefined) {
  const { name: _name, ...alarms } = config;
  const params = { min: pool.limits.min, max: pool.limits.max, concurrency: pool.worker.concurrency, ...alarms };
  return backlogPerInstance(params, observation, backlogState(stored));
}

function runQueueLength(pool: PoolConfig, config: QueueLengthPolicyConfig, observation: Observation, stored: BaselineStateRecord | undefined) {
  const { name: _name, ...keda } = config;
  const params = { ...QUEUE_LENGTH_DEFAULTS, min: pool.limits.min, max: pool.limits.max, ...keda };
  return queueLength(params, observation, queueLengthState(stored));
}

/** Runs the pool's baseline policy with the state stored for it; a state of another policy starts fresh. */
export function runBaseline(pool: PoolConfig, config: BaselinePolicyConfig, observation: Observation, stored: BaselineStateRecord | undefined): BaselineOutcome {
  if (config.name === 'backlogPerInstance') {
    const result = runBacklogPerInstance(pool, config, observation, stored);
    return { policy: config.name, workers: result.desired, state: { policy: config.name, state: result.state } };
  }
  if (config.name === 'queueLength') {
    const result = runQueueLength(pool, config, observation, stored);
    return { policy: config.name, workers: result.desired, state: { policy: config.name, state: result.state } };
  }

  const result = staticPolicy({ workers: config.workers }, observation, {});
  return { policy: config.name, workers: result.desired, state: { policy: config.name, state: result.state } };
}
