import type { PoolConfig, ScalerConfig } from './config/types.js';
import { rememberDecision } from './history.js';
import { buildObservation } from './observe/observation.js';
import type { MetricReadResult } from './observe/metrics.js';
import { readMetrics } from './observe/metrics.js';
import { isFailedRead, type FailedRead } from './observe/read-result.js';
import { readQueues, type QueueRead } from './observe/sqs.js';
import { decide } from './policy/index.js';
import type { CapacityObservation } from './policy/types.js';
import { logPoolOutcome, logTickSummary } from './telemetry/log.js';
import { publishPoolMetrics } from './telemetry/metrics.js';
import { applyDesired, describeTargets } from './targets/index.js';
import type { PoolOutcome, TickDeps, TickOptions, TickResult } from './tick-types.js';

/** Everything read for all pools in one tick, before any decision. */
interface TickReads {
  queues: Map<string, QueueRead>;
  metrics: MetricReadResult;
  capacities: Map<string, CapacityObservation | FailedRead>;
}

/**
 * Runs one tick over every pool: all reads in parallel, then observe, decide and act per pool.
 * A pool's failure is reported in its outcome and never stops the other pools.
 */
export async function runTick(config: ScalerConfig, deps: TickDeps, options: TickOptions): Promise<TickResult> {
  const allQueues = [...new Map(config.pools.flatMap((pool) => pool.queues).map((queue) => [queue.url, queue])).values()];

  const [queues, metrics, capacities] = await Promise.all([
    readQueues(deps.clients, allQueues),
    readMetrics(deps.clients, config, options.nowMs, deps.homeRegion),
    describeTargets(deps.clients, config.pools),
  ]);
  const reads: TickReads = { queues, metrics, capacities };

  const pools = await Promise.all(config.pools.map((pool) => runPool(pool, reads, deps, options)));
  const result: TickResult = { nowMs: options.nowMs, dryRun: options.dryRun, pools };

  for (const outcome of pools) {
    logPoolOutcome(deps.logger, outcome, options.dryRun);
    if (deps.metrics) publishPoolMetrics(deps.metrics, outcome);
  }
  logTickSummary(deps.logger, result);
  return result;
}

/** Lists the reads of one pool that failed, as `code: message` with the resource they concern. */
function readFailures(pool: PoolConfig, reads: TickReads, homeRegion: string): string[] {
  const failures: string[] = [];

  for (const queue of pool.queues) {
    const read = reads.queues.get(queue.url);
    if (read && isFailedRead(read)) failures.push(`${read.error.code} reading queue ${queue.queueName}: ${read.error.message}`);
  }

  const capacity = reads.capacities.get(pool.name);
  if (!capacity || isFailedRead(capacity)) {
    const error = capacity?.error ?? { code: 'NotDescribed', message: 'the target was not described' };
    failures.push(`${error.code} describing the target: ${error.message}`);
  }

  const regions = new Set([homeRegion, pool.target.region, ...pool.queues.map((queue) => queue.region)]);
  for (const error of reads.metrics.errors.filter((item) => regions.has(item.region))) {
    failures.push(`${error.code} reading CloudWatch in ${error.region}: ${error.message}`);
  }
  return failures;
}

async function runPool(pool: PoolConfig, reads: TickReads, deps: TickDeps, options: TickOptions): Promise<PoolOutcome> {
  const capacityRead = reads.capacities.get(pool.name);
  const capacity = capacityRead && !isFailedRead(capacityRead) ? capacityRead : undefined;
  const failures = readFailures(pool, reads, deps.homeRegion);

  let outcome: PoolOutcome = { pool: pool.name, status: 'ok', write: null, written: false };
  try {
    const observation = buildObservation(pool, options.nowMs, reads.queues, reads.metrics.pools.get(pool.name), capacity, deps.history.get(pool.name));
    const decision = decide(pool, observation);
    rememberDecision(deps.history, pool, observation, decision);
    outcome = { ...outcome, decision };

    // Without a described desired count there is nothing safe to compare with, so nothing is written.
    if (decision.current !== undefined && decision.desired !== decision.current) {
      const { write, sent } = await applyDesired(deps.clients, pool, decision.desired, options.dryRun);
      outcome = { ...outcome, write, written: sent };
    }
  } catch (error) {
    const stage = outcome.decision ? 'act' : 'decide';
    return { ...outcome, status: 'failed', error: describeError(stage, error) };
  }

  if (failures.length > 0) {
    return { ...outcome, status: 'failed', error: { stage: 'observe', code: 'ReadFailed', message: failures.join('; ') } };
  }
  return outcome;
}

function describeError(stage: 'observe' | 'decide' | 'act', error: unknown): NonNullable<PoolOutcome['error']> {
  if (error instanceof Error) return { stage, code: error.name || 'Error', message: error.message };
  return { stage, code: 'UnknownError', message: String(error) };
}
