import type { Logger } from '@aws-lambda-powertools/logger';

import type { PoolOutcome, TickResult } from '../tick-types.js';

/** Writes the one structured line per pool and tick, which contains the whole decision record. */
export function logPoolOutcome(logger: Logger, outcome: PoolOutcome, dryRun: boolean): void {
  const fields = {
    pool: outcome.pool,
    dryRun,
    current: outcome.decision?.current,
    desired: outcome.decision?.desired,
    reasons: outcome.decision?.reasons.map((reason) => reason.code),
    write: outcome.write,
    written: outcome.written,
    decision: outcome.decision,
  };

  if (outcome.status === 'failed') {
    logger.error('Pool tick failed', { ...fields, error: outcome.error });
    return;
  }

  const change = outcome.write ? `${outcome.decision?.current} -> ${outcome.decision?.desired}` : 'unchanged';
  logger.info(`Pool ${outcome.pool} ${change}`, fields);
}

/** Writes the summary line of a tick. */
export function logTickSummary(logger: Logger, result: TickResult): void {
  const failed = result.pools.filter((pool) => pool.status === 'failed').map((pool) => pool.pool);
  const writes = result.pools.filter((pool) => pool.write !== null).length;
  logger.info('Tick finished', { pools: result.pools.length, writes, failedPools: failed, dryRun: result.dryRun });
}
