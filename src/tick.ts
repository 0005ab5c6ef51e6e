import { startTickDeadline } from './aws/deadline.js';
import type { PoolConfig, ScalerConfig } from './config/types.js';
import { ActionError } from './errors.js';
import { rememberDecision, rememberOutcome } from './history.js';
import { buildObservation } from './observe/observation.js';
import type { MetricReadResult } from './observe/metrics.js';
import { readMetrics } from './observe/metrics.js';
import { errorDetails, isFailedRead, type ErrorDetails, type FailedRead } from './observe/read-result.js';
import { readQueues, type QueueRead } from './observe/sqs.js';
import { decide } from './policy/index.js';
import type { CapacityObservation, Decision, Observation } from './policy/types.js';
import { logPoolOutcome, logTickSummary } from './telemetry/log.js';
import { publishPoolMetrics } from './telemetry/metrics.js';
import { countProtectedTasks } from './targets/ecs-protection.js';
import { applyDesired, describeTarget, describeTargets } from './targets/index.js';
import type { PoolOutcome, TickDeps, TickOptions, TickResult } from './tick-types.js';

/** Everything read for all pools in one tick, before any decision. */
interface TickReads {
  queues: Map<string, QueueRead>;
  metrics: MetricReadResult;
  capacities: Map<string, CapacityObservation | FailedRead>;
}

type OutcomeError = NonNullable<PoolOutcome['error']>;

/**
 * Runs one tick over every pool: all reads in parallel, then observe, decide and act per pool.
 * A pool's failure is reported in its outcome and never stops the other pools. Reads and
 * writes stop at the deadline of `options.deadlineMs`, if set.
 */
export async function runTick(config: ScalerConfig, deps: TickDeps, options: TickOptions): Promise<TickResult> {
  const deadline = startTickDeadline(options.deadlineMs);
  const allQueues = [...new Map(config.pools.flatMap((pool) => pool.queues).map((queue) => [queue.url, queue])).values()];

  const [queues, metrics, capacities] = await Promise.all([
    readQueues(deps.clients, allQueues, deadline.reads),
    readMetrics(deps.clients, config, options.nowMs, deps.homeRegion, deadline.reads),
    describeTargets(deps.clients, config.pools, deadline.reads),
  ]);
  const reads: TickReads = { queues, metrics, capacities };

  const pools = await Promise.all(config.pools.map((pool) => runPool(pool, reads, deps, options, deadline.writes)));
  const result: TickResult = { nowMs: options.nowMs, dryRun: options.dryRun, pools };

  for (const outcome of pools) {
    // Counts the pool's failed ticks in a row, which its fallback floor reads.
    rememberOutcome(deps.history, outcome.pool, outcome.status === 'failed');
    logPoolOutcome(deps.logger, outcome, options.dryRun);
    if (deps.metrics) publishPoolMetrics(deps.metrics, outcome);
  }
  logTickSummary(deps.logger, result);
  return result;
}

/** Lists the reads of one pool that failed, each with its AWS error code and the resource it concerns. */
function readFailures(pool: PoolConfig, reads: TickReads): ErrorDetails[] {
  const failures: ErrorDetails[] = [];
  const add = (error: ErrorDetails, what: string) => failures.push({ ...error, message: `${error.code} ${what}: ${error.message}` });

  for (const queue of pool.queues) {
    const read = reads.queues.get(queue.url);
    if (read && isFailedRead(read)) add(read.error, `reading queue ${queue.queueName}`);
  }

  const capacity = reads.capacities.get(pool.name);
  if (!capacity || isFailedRead(capacity)) {
    const error = capacity?.error ?? { code: 'NotDescribed', message: 'the target was not described' };
    add(error, `describing ${describeTarget(pool.target)}`);
  }

  for (const error of reads.metrics.errors.filter((item) => item.pools.includes(pool.name))) {
    add(error, `reading CloudWatch in ${error.region}${error.roleArn ? ` with role ${error.roleArn}` : ''}`);
  }
  return failures;
}

function observeError(failures: ErrorDetails[]): OutcomeError {
  const first = failures[0]!;
  const error: OutcomeError = { stage: 'observe', code: first.code, message: failures.map((failure) => failure.message).join('; ') };
  return first.requestId ? { ...error, requestId: first.requestId } : error;
}

/**
 * Checks the decided count before it is sent: a finite integer within the bounds the decision
 * used. The policy guarantees both, so a failure here is a bug, and nothing is written.
 */
function assertWritable(pool: PoolConfig, decision: Decision): void {
  const { desired, inputs } = decision;
  if (Number.isSafeInteger(desired) && desired >= inputs.min && desired <= inputs.max) return;

  const message = `desired count ${desired} of pool "${pool.name}" is not an integer within [${inputs.min}, ${inputs.max}]; nothing was written`;
  throw new ActionError(message, { code: 'InvalidDesiredCount', pool: pool.name, resource: describeTarget(pool.target) });
}

/** True when an ECS pool whose workers protect themselves would scale in, or is held only for lack of a protection count. */
function wantsTaskProtection(pool: PoolConfig, decision: Decision): boolean {
  if (pool.target.kind !== 'ecsService' || pool.worker.scaleInProtection !== true || decision.current === undefined) return false;
  return decision.desired < decision.current || decision.reasons.some((reason) => reason.code === 'UnprotectedBusyWorkers');
}

interface ProtectedDecision {
  decision: Decision;
  observation: Observation;
  /** The protection count could not be read, so the decision may not shrink the pool. */
  failure?: ErrorDetails;
}

/**
 * Decides, and for an ECS pool about to scale in decides again with the count of tasks that
 * have scale-in protection. `DescribeServices` does not report that count, and reading it costs
 * two requests per 100 tasks, so it is read only here. Auto Scaling groups report it with their
 * instances.
 */
async function decideWithTaskProtection(
  pool: PoolConfig,
  observation: Observation,
  capacity: CapacityObservation,
  deps: TickDeps,
  nowMs: number,
  signal: AbortSignal | undefined,
): Promise<ProtectedDecision> {
  const decision = decide(pool, observation);
  if (pool.target.kind !== 'ecsService' || !wantsTaskProtection(pool, decision)) return { decision, observation };

  const count = await countProtectedTasks(deps.clients, pool.target, nowMs, signal);
  if (isFailedRead(count)) {
    const failure = { ...count.error, message: `${count.error.code} reading task protection of ${describeTarget(pool.target)}, so the pool may not shrink: ${count.error.message}` };
    return { decision, observation, failure };
  }

  const protectedObservation: Observation = { ...observation, capacity: { ...capacity, protectedFromScaleIn: count } };
  return { decision: decide(pool, protectedObservation), observation: protectedObservation };
}

/**
 * Returns the note of a withheld scale-in, or undefined when the decided count may be written.
 * A pool with a failed read this tick may grow but never shrink, whatever the policy decided
 * from the data it had. The failed read may hide work in a queue, the stabilization history or
 * the protected workers that would keep the pool up.
 */
function withheldScaleIn(decision: Decision, failures: ErrorDetails[]): ErrorDetails | undefined {
  if (failures.length === 0 || decision.current === undefined || decision.desired >= decision.current) return undefined;

  const message = `scale-in from ${decision.current} to ${decision.desired} withheld because a read failed; the count stays ${decision.current}`;
  return { code: 'ScaleInWithheld', message };
}

async function runPool(
  pool: PoolConfig,
  reads: TickReads,
  deps: TickDeps,
  options: TickOptions,
  writeSignal: AbortSignal | undefined,
): Promise<PoolOutcome> {
  const failures = readFailures(pool, reads);
  let outcome: PoolOutcome = { pool: pool.name, status: 'ok', write: null, written: false };

  // Without the target's capacity there is no current count to hold or compare with, so the
  // pool gets no decision this tick and nothing is written.
  const capacityRead = reads.capacities.get(pool.name);
  if (!capacityRead || isFailedRead(capacityRead)) return { ...outcome, status: 'failed', error: observeError(failures) };

  try {
    const observation = buildObservation(pool, options.nowMs, reads.queues, reads.metrics.pools.get(pool.name), capacityRead, deps.history.get(pool.name));
    const decided = await decideWithTaskProtection(pool, observation, capacityRead, deps, options.nowMs, writeSignal);
    const decision = decided.decision;
    rememberDecision(deps.history, pool, decided.observation, decision);
    outcome = { ...outcome, decision };
    if (decided.failure) failures.push(decided.failure);

    // Without a usable described count there is nothing safe to compare with, so nothing is written.
    if (decision.current !== undefined && decision.desired !== decision.current) {
      const withheld = withheldScaleIn(decision, failures);
      if (withheld) return { ...outcome, status: 'failed', error: observeError([...failures, withheld]) };

      assertWritable(pool, decision);
      const { write, sent } = await applyDesired(deps.clients, pool, decision.desired, options.dryRun, writeSignal);
      outcome = { ...outcome, write, written: sent };
    }
  } catch (error) {
    const stage = outcome.decision ? 'act' : 'decide';
    return { ...outcome, status: 'failed', error: describeError(stage, error) };
  }

  if (failures.length > 0) return { ...outcome, status: 'failed', error: observeError(failures) };
  return outcome;
}

/** Describes a caught error by its AWS code: `ActionError.code`, else the error's name. */
function describeError(stage: 'decide' | 'act', error: unknown): OutcomeError {
  if (error instanceof ActionError) {
    const { requestId } = errorDetails(error.cause);
    return { stage, code: error.code, message: error.message, ...(requestId ? { requestId } : {}) };
  }
  if (error instanceof Error) return { stage, code: error.name || 'Error', message: error.message };
  return { stage, code: 'UnknownError', message: String(error) };
}
