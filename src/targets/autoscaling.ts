import {
  DescribeAutoScalingGroupsCommand,
  LifecycleState,
  SetDesiredCapacityCommand,
  type AutoScalingClient,
  type AutoScalingGroup,
} from '@aws-sdk/client-auto-scaling';

import type { AwsClientFactory } from '../aws/clients.js';
import { sendBeforeDeadline } from '../aws/deadline.js';
import { failedRead, failedReadFrom, type FailedRead } from '../observe/read-result.js';
import {
  collectPages,
  GROUP_NOT_FOUND,
  INVALID_RESPONSE,
  targetKey,
  toBatches,
  type AutoScalingGroupTarget,
  type CapacityRead,
  type ScalingTarget,
  type SetDesiredCapacityRequest,
} from './types.js';

/** Names per `DescribeAutoScalingGroups` request: the API's default limit. */
export const GROUP_NAMES_PER_REQUEST = 50;
/** Groups per page, the API's maximum. */
export const GROUPS_PER_PAGE = 100;

const PENDING_STATES: ReadonlySet<string> = new Set([
  LifecycleState.PENDING,
  LifecycleState.PENDING_WAIT,
  LifecycleState.PENDING_PROCEED,
]);

/**
 * Parses one group into its capacity. Warm-pool, standby and terminating instances count as
 * neither in service nor pending.
 */
export function parseGroup(group: AutoScalingGroup): CapacityRead {
  if (group.DesiredCapacity === undefined) {
    const message = `Auto Scaling group "${group.AutoScalingGroupName}" has no DesiredCapacity in the response`;
    return failedRead(INVALID_RESPONSE, message);
  }

  // NOTE: these are instance counts. A mixed instances group with instance weights measures desired
  // capacity in weight units, which this does not convert.
  const instances = group.Instances ?? [];
  const inService = instances.filter((instance) => instance.LifecycleState === LifecycleState.IN_SERVICE);

  return {
    desired: group.DesiredCapacity,
    inService: inService.length,
    pending: instances.filter((instance) => PENDING_STATES.has(instance.LifecycleState ?? '')).length,
    min: group.MinSize,
    max: group.MaxSize,
    protectedFromScaleIn: inService.filter((instance) => instance.ProtectedFromScaleIn === true).length,
    deploymentInProgress: false,
  };
}

async function describeBatch(client: AutoScalingClient, names: string[], signal: AbortSignal | undefined): Promise<AutoScalingGroup[]> {
  return collectPages(async (nextToken) => {
    const command = new DescribeAutoScalingGroupsCommand({
      AutoScalingGroupNames: names,
      MaxRecords: GROUPS_PER_PAGE,
      NextToken: nextToken,
    });
    const output = await sendBeforeDeadline((options) => client.send(command, options), signal);
    return { items: output.AutoScalingGroups ?? [], nextToken: output.NextToken };
  });
}

/**
 * Describes the named groups with one `DescribeAutoScalingGroups` per 50 names, in parallel.
 * Returns every name's capacity. A group missing from the response is not found, and a failed
 * request, or one still unanswered when `signal` aborts, fails every name of its batch.
 * Never rejects.
 */
export async function describeGroups(
  client: AutoScalingClient,
  names: string[],
  signal?: AbortSignal,
): Promise<Map<string, CapacityRead>> {
  const batches = toBatches([...new Set(names)], GROUP_NAMES_PER_REQUEST);

  const results = await Promise.all(
    batches.map(async (batch): Promise<Array<[string, CapacityRead]>> => {
      try {
        const groups = await describeBatch(client, batch, signal);
        const byName = new Map(groups.map((group) => [group.AutoScalingGroupName, group]));

        return batch.map((name) => {
          const group = byName.get(name);
          return [name, group ? parseGroup(group) : groupNotFound(name)];
        });
      } catch (error) {
        const failure = failedReadFrom(error);
        return batch.map((name) => [name, failure]);
      }
    }),
  );

  return new Map(results.flat());
}

function groupNotFound(name: string): FailedRead {
  return failedRead(GROUP_NOT_FOUND, `Auto Scaling group "${name}" not found; check the pool's target name and region`);
}

export function buildSetDesiredCapacity(name: string, desired: number): SetDesiredCapacityRequest {
  // The scaler applies its own stabilization, so the group's cooldown must not block the write.
  return {
    command: 'SetDesiredCapacity',
    input: { AutoScalingGroupName: name, DesiredCapacity: desired, HonorCooldown: false },
  };
}

/** Sends `SetDesiredCapacity` and returns the request sent. Rejects with the SDK error. */
export async function setDesiredCapacity(
  client: AutoScalingClient,
  name: string,
  desired: number,
  signal?: AbortSignal,
): Promise<SetDesiredCapacityRequest> {
  const write = buildSetDesiredCapacity(name, desired);
  const command = new SetDesiredCapacityCommand(write.input);
  await sendBeforeDeadline((options) => client.send(command, options), signal);
  return write;
}

export const autoScalingGroupTarget: ScalingTarget<AutoScalingGroupTarget> = {
  async describe(clients: AwsClientFactory, region: string, targets: AutoScalingGroupTarget[], signal?: AbortSignal) {
    const byName = await describeGroups(clients.autoScaling(region), targets.map((target) => target.name), signal);
    return new Map(targets.map((target) => [targetKey(target), byName.get(target.name) ?? groupNotFound(target.name)]));
  },

  buildWrite: (target, desired) => buildSetDesiredCapacity(target.name, desired),

  async send(clients, target, write, signal) {
    if (write.command !== 'SetDesiredCapacity') {
      throw new TypeError(`cannot send ${write.command} to an Auto Scaling group`);
    }
    await setDesiredCapacity(clients.autoScaling(target.region), target.name, write.input.DesiredCapacity, signal);
  },
};
