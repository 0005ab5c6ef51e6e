import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';

import { createAwsClientFactory, type AwsClientFactory } from './aws/clients.js';
import { loadConfig } from './config/index.js';
import type { ScalerConfig } from './config/types.js';
import { ScalerError } from './errors.js';
import { dryRunFromEnv, parseEvent, type ScalerEvent } from './event.js';
import { loadReplay, replayTickIndex } from './replay.js';
import { runTick } from './tick.js';
import type { HistoryStore, TickResult } from './tick-types.js';

export const SERVICE_NAME = 'gpu-worker-autoscaler';

/** Raised after every pool was processed when at least one failed, so the Lambda error alarm fires. */
export class PoolsFailedError extends ScalerError {
  readonly failedPools: string[];

  constructor(readonly result: TickResult) {
    const failed = result.pools.filter((pool) => pool.status === 'failed').map((pool) => pool.pool);
    super(`Tick failed for ${failed.length} pool(s): ${failed.join(', ')}; the others were processed`);
    this.failedPools = failed;
  }
}

/** Time kept after the tick deadline for the log lines, the metrics and the error, milliseconds. */
export const DEADLINE_RESERVE_MS = 5_000;

/** Raised when `AUTOSCALER_TICK_DEADLINE_MS` is set to something other than a positive integer. */
export class InvalidDeadlineError extends ScalerError {}

/**
 * Returns the tick's time budget: the Lambda's remaining time less `DEADLINE_RESERVE_MS`, or
 * `AUTOSCALER_TICK_DEADLINE_MS` when that is shorter. Undefined when neither is known.
 */
export function tickDeadlineMs(env: NodeJS.ProcessEnv, remainingMs: number | undefined): number | undefined {
  const raw = env.AUTOSCALER_TICK_DEADLINE_MS?.trim();
  const configured = raw ? Number(raw) : undefined;
  if (configured !== undefined && (!Number.isSafeInteger(configured) || configured <= 0)) {
    throw new InvalidDeadlineError(`Invalid AUTOSCALER_TICK_DEADLINE_MS = ${JSON.stringify(raw)}: expected a positive integer of milliseconds`);
  }

  const available = remainingMs !== undefined && Number.isFinite(remainingMs) ? Math.max(0, remainingMs - DEADLINE_RESERVE_MS) : undefined;
  if (available === undefined) return configured;
  return configured === undefined ? available : Math.min(configured, available);
}

export interface HandlerOptions {
  config: () => ScalerConfig;
  clients: AwsClientFactory;
  logger: Logger;
  /** Builds the metrics emitter for the configured namespace; absent where nothing is published. */
  createMetrics?: (namespace: string) => Metrics;
  history?: HistoryStore;
  /** Region of the scaler's own metrics; defaults to `AWS_REGION`. */
  homeRegion?: string;
  /** Forces a dry run, whatever the event and the environment request. */
  forceDryRun?: boolean;
  env?: NodeJS.ProcessEnv;
  clock?: () => number;
}

/** Builds the middy-wrapped handler; the deployed one and the dry run differ only in these options. */
export function createHandler(options: HandlerOptions) {
  const history: HistoryStore = options.history ?? new Map();
  const env = options.env ?? process.env;
  const clock = options.clock ?? Date.now;
  const emitters = new Map<string, Metrics>();
  const metricsFor = (namespace: string): Metrics | undefined => {
    if (!options.createMetrics) return undefined;
    const emitter = emitters.get(namespace) ?? options.createMetrics(namespace);
    emitters.set(namespace, emitter);
    return emitter;
  };

  const tick = async (event: ScalerEvent, context: Context): Promise<TickResult> => {
    const request = parseEvent(event, clock());
    const deadlineMs = tickDeadlineMs(env, context.getRemainingTimeInMillis?.());
    const dryRun = options.forceDryRun === true || dryRunFromEnv(env) || request.dryRun;
    const config = options.config();
    // A dry run publishes no metrics either, so it cannot feed the history of a live scaler.
    const metrics = dryRun ? undefined : metricsFor(config.metricsNamespace);
    const deps = {
      clients: options.clients,
      history,
      logger: options.logger,
      homeRegion: options.homeRegion ?? env.AWS_REGION ?? 'us-east-1',
      ...(metrics ? { metrics } : {}),
    };

    const result = await runTick(config, deps, { nowMs: request.nowMs, dryRun, ...(deadlineMs === undefined ? {} : { deadlineMs }) });

    if (result.pools.some((pool) => pool.status === 'failed')) throw new PoolsFailedError(result);
    return result;
  };

  return middy(tick).use(injectLambdaContext(options.logger, { resetKeys: true }));
}

const logger = new Logger({ serviceName: SERVICE_NAME });

/**
 * Builds the metrics emitter. Powertools adds a `service` dimension by default; it is removed
 * because the history read-back queries CloudWatch for the exact dimension set `Pool`.
 */
export function createPoolMetrics(namespace: string): Metrics {
  const metrics = new Metrics({ serviceName: SERVICE_NAME, namespace });
  metrics.clearDefaultDimensions();
  return metrics;
}

// Validated once per cold start; an invalid configuration fails every invocation with the same
// message, listing each bad field, until it is fixed.
let cachedConfig: ScalerConfig | undefined;
function deployedConfig(): ScalerConfig {
  const config = cachedConfig ?? loadConfig();
  cachedConfig = config;
  return config;
}

/**
 * Builds the deployed handler. With `AUTOSCALER_RECORDING` set (for `serverless invoke local`),
 * AWS calls return that recording's responses and every invocation is a dry run.
 */
function deployedHandler(env: NodeJS.ProcessEnv) {
  const recording = env.AUTOSCALER_RECORDING?.trim();
  if (recording) {
    const replay = loadReplay(recording, replayTickIndex(env));
    return createHandler({ config: deployedConfig, clients: replay.clients, clock: replay.clock, logger, forceDryRun: true });
  }

  return createHandler({ config: deployedConfig, clients: createAwsClientFactory(), logger, createMetrics: createPoolMetrics });
}

export const handler = deployedHandler(process.env);
