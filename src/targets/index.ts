import type { AwsClientFactory } from '../aws/clients.js';
import type { PoolConfig, TargetConfig } from '../config/types.js';
import { ActionError } from '../errors.js';
import { errorDetails, failedRead } from '../observe/read-result.js';
import type { WriteRequest } from '../tick-types.js';
import { autoScalingGroupTarget } from './autoscaling.js';
import { ecsServiceTarget } from './ecs.js';
import { targetKey, type AutoScalingGroupTarget, type CapacityRead, type EcsServiceTarget } from './types.js';

export * from './types.js';

/** Returns a readable name of the target for messages: the group name or `cluster/service`. */
export function describeTarget(target: TargetConfig): string {
  return target.kind === 'autoScalingGroup' ? target.name : `${target.cluster}/${target.service}`;
}

function groupByRegion<T extends TargetConfig>(targets: T[]): Map<string, T[]> {
  const byRegion = new Map<string, T[]>();
  for (const target of targets) byRegion.set(target.region, [...(byRegion.get(target.region) ?? []), target]);
  return byRegion;
}

/**
 * Reads the capacity of every pool's target. Targets are grouped by region and kind, so each
 * API's batches fill up across pools. Returns one entry per pool name; a target whose read
 * failed, or was still unanswered when `signal` aborted, is a failed read. Never rejects.
 */
export async function describeTargets(
  clients: AwsClientFactory,
  pools: PoolConfig[],
  signal?: AbortSignal,
): Promise<Map<string, CapacityRead>> {
  const targets = pools.map((pool) => pool.target);
  const groups = targets.filter((target): target is AutoScalingGroupTarget => target.kind === 'autoScalingGroup');
  const services = targets.filter((target): target is EcsServiceTarget => target.kind === 'ecsService');

  const reads = await Promise.all([
    ...[...groupByRegion(groups)].map(([region, batch]) => autoScalingGroupTarget.describe(clients, region, batch, signal)),
    ...[...groupByRegion(services)].map(([region, batch]) => ecsServiceTarget.describe(clients, region, batch, signal)),
  ]);
  const byKey = new Map(reads.flatMap((read) => [...read]));

  return new Map(
    pools.map((pool) => {
      const read = byKey.get(targetKey(pool.target));
      return [pool.name, read ?? failedRead('TargetNotRead', `target of pool "${pool.name}" was not read`)];
    }),
  );
}

/** Builds the request that sets the target's desired count to `desired`. */
export function buildWrite(target: TargetConfig, desired: number): WriteRequest {
  return target.kind === 'autoScalingGroup'
    ? autoScalingGroupTarget.buildWrite(target, desired)
    : ecsServiceTarget.buildWrite(target, desired);
}

/**
 * Sets the pool's desired count. The caller decides whether the count changed, and this sends
 * whenever called, except in a dry run, which builds the request and sends nothing.
 * Rejects with an `ActionError` whose `code` is the AWS error name, or `TickDeadlineExceeded`
 * when `signal` aborted first.
 */
export async function applyDesired(
  clients: AwsClientFactory,
  pool: PoolConfig,
  desired: number,
  dryRun: boolean,
  signal?: AbortSignal,
): Promise<{ write: WriteRequest; sent: boolean }> {
  const target = pool.target;
  const resource = describeTarget(target);
  if (!Number.isSafeInteger(desired) || desired < 0) {
    const message = `desired count ${desired} for "${resource}" of pool "${pool.name}" is not a non-negative integer`;
    throw new ActionError(message, {
      code: 'InvalidDesiredCount',
      pool: pool.name,
      resource,
    });
  }

  const write = buildWrite(target, desired);
  if (dryRun) return { write, sent: false };

  try {
    if (target.kind === 'autoScalingGroup') await autoScalingGroupTarget.send(clients, target, write, signal);
    else await ecsServiceTarget.send(clients, target, write, signal);
  } catch (error) {
    const { code, message } = errorDetails(error);
    const summary = `${write.command} to ${desired} failed for "${resource}" of pool "${pool.name}": ${message}`;
    throw new ActionError(summary, {
      code,
      pool: pool.name,
      resource,
      cause: error,
    });
  }
  return { write, sent: true };
}
