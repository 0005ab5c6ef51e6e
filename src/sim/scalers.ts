import { Logger } from '@aws-lambda-powertools/logger';

import { createRespondingClientFactory, type AwsClientFactory } from '../aws/clients.js';
import type { PoolConfig, ScalerConfig } from '../config/types.js';
import { readMetrics } from '../observe/metrics.js';
import { buildObservation } from '../observe/observation.js';
import { readQueues } from '../observe/sqs.js';
import type { BaselinePolicy } from '../policy/baselines/index.js';
import type { Observation } from '../policy/types.js';
import { applyDesired, describeTargets } from '../targets/index.js';
import { runTick } from '../tick.js';
import type { HistoryStore } from '../tick-types.js';
import type { SimScaler, Simulation } from './engine.js';

/** Pool failures the scaler reported during a run, so a broken simulation does not pass unnoticed. */
export interface ScalerErrors {
  count: number;
  first: string | undefined;
}

const HOME_REGION = 'us-east-1';

function recordError(errors: ScalerErrors, message: string): void {
  errors.count += 1;
  errors.first ??= message;
}

/**
 * The production scaler: `runTick` from `src/tick.ts`, with SDK clients answered by the
 * simulated cloud and the history kept in memory as on a warm Lambda.
 */
export function slaScaler(sim: Simulation, config: ScalerConfig, errors: ScalerErrors): SimScaler {
  const clients = createRespondingClientFactory(sim.cloud);
  const history: HistoryStore = new Map();
  const logger = new Logger({ serviceName: 'gpu-worker-autoscaler-sim', logLevel: 'SILENT' });

  return async (nowMs) => {
    const result = await runTick(config, { clients, history, logger, homeRegion: HOME_REGION }, { nowMs, dryRun: false });
    for (const outcome of result.pools) {
      if (outcome.status === 'failed') recordError(errors, `${outcome.pool}: ${outcome.error?.code} ${outcome.error?.message}`);
    }
  };
}

/** Reads every pool's observation through the production observe code and the simulated cloud. */
async function observeAll(clients: AwsClientFactory, config: ScalerConfig, nowMs: number, history: HistoryStore): Promise<Observation[]> {
  const queues = [...new Map(config.pools.flatMap((pool) => pool.queues).map((queue) => [queue.url, queue])).values()];
  const [queueReads, metrics, capacities] = await Promise.all([
    readQueues(clients, queues),
    readMetrics(clients, config, nowMs, HOME_REGION),
    describeTargets(clients, config.pools),
  ]);

  return config.pools.map((pool) =>
    buildObservation(pool, nowMs, queueReads, metrics.pools.get(pool.name), capacities.get(pool.name), history.get(pool.name)),
  );
}

/** A baseline policy bound to one pool: its parameters and its state between ticks. */
export interface BoundBaseline {
  decide(observation: Observation): number | undefined;
}

/** Binds a pure baseline policy to fixed parameters and keeps its state across ticks. */
export function bindBaseline<Params, State>(policy: BaselinePolicy<Params, State>, params: Params, initialState: State): BoundBaseline {
  let state = initialState;
  return {
    decide(observation) {
      const result = policy(params, observation, state);
      state = result.state;
      return result.desired;
    },
  };
}

/**
 * A baseline scaler: the same observations the production tick reads (same SDK requests, same
 * parsing), a baseline policy per pool in place of the SLA formula, and the same write path,
 * sent only when the count changes.
 */
export function baselineScaler(
  sim: Simulation,
  config: ScalerConfig,
  baselineFor: (pool: PoolConfig) => BoundBaseline,
  errors: ScalerErrors,
): SimScaler {
  const clients = createRespondingClientFactory(sim.cloud);
  const history: HistoryStore = new Map();
  const bound = new Map(config.pools.map((pool) => [pool.name, baselineFor(pool)]));

  return async (nowMs) => {
    const observations = await observeAll(clients, config, nowMs, history);

    for (const [index, pool] of config.pools.entries()) {
      const observation = observations[index]!;
      const desired = bound.get(pool.name)!.decide(observation);
      const current = observation.capacity?.desired;
      if (desired === undefined || current === undefined || desired === current) continue;

      try {
        await applyDesired(clients, pool, desired, false);
      } catch (error) {
        recordError(errors, `${pool.name}: ${(error as Error).message}`);
      }
    }
  };
}
