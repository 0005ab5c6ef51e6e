import { DesiredStatus, GetTaskProtectionCommand, ListTasksCommand, type ECSClient } from '@aws-sdk/client-ecs';

import type { AwsClientFactory } from '../aws/clients.js';
import { sendBeforeDeadline } from '../aws/deadline.js';
import { failedRead, failedReadFrom, type FailedRead } from '../observe/read-result.js';
import { collectPages, toBatches, type EcsServiceTarget } from './types.js';

/** Task ARNs per `ListTasks` page, the API's maximum. */
export const TASKS_PER_PAGE = 100;
/** Tasks per `GetTaskProtection` request: the API reference allows up to 100 task IDs. */
export const TASKS_PER_PROTECTION_REQUEST = 100;

/** ECS failure reason of a task that stopped between `ListTasks` and `GetTaskProtection`. */
const MISSING = 'MISSING';

/** Error code when `GetTaskProtection` reports a failure other than a stopped task. */
export const TASK_PROTECTION_UNKNOWN = 'TaskProtectionUnknown';

async function listRunningTasks(client: ECSClient, target: EcsServiceTarget, signal: AbortSignal | undefined): Promise<string[]> {
  return collectPages(async (nextToken) => {
    const command = new ListTasksCommand({
      cluster: target.cluster,
      serviceName: target.service,
      desiredStatus: DesiredStatus.RUNNING,
      maxResults: TASKS_PER_PAGE,
      nextToken,
    });
    const output = await sendBeforeDeadline((options) => client.send(command, options), signal);
    return { items: output.taskArns ?? [], nextToken: output.nextToken };
  });
}

/** Counts the tasks of one batch whose protection is on and not yet expired at `nowMs`. */
async function countBatch(client: ECSClient, cluster: string, tasks: string[], nowMs: number, signal: AbortSignal | undefined): Promise<number | FailedRead> {
  const command = new GetTaskProtectionCommand({ cluster, tasks });
  const output = await sendBeforeDeadline((options) => client.send(command, options), signal);

  const failure = (output.failures ?? []).find((entry) => entry.reason !== MISSING);
  if (failure) return failedRead(TASK_PROTECTION_UNKNOWN, `GetTaskProtection failed for task ${failure.arn}: ${failure.reason} ${failure.detail ?? ''}`.trim());

  return (output.protectedTasks ?? []).filter(
    (task) => task.protectionEnabled === true && (task.expirationDate === undefined || task.expirationDate.getTime() > nowMs),
  ).length;
}

/**
 * Counts the running tasks of an ECS service that have scale-in protection on at `nowMs`: one
 * `ListTasks` per 100 tasks, then one `GetTaskProtection` per 100 tasks, in parallel. The tick
 * calls it only for a pool about to scale in, to save those requests. Returns a failed read
 * when any request fails, because an unknown count must not let the pool shrink.
 */
export async function countProtectedTasks(
  clients: AwsClientFactory,
  target: EcsServiceTarget,
  nowMs: number,
  signal?: AbortSignal,
): Promise<number | FailedRead> {
  const client = clients.ecs(target.region);
  try {
    const tasks = await listRunningTasks(client, target, signal);
    const counts = await Promise.all(toBatches(tasks, TASKS_PER_PROTECTION_REQUEST).map((batch) => countBatch(client, target.cluster, batch, nowMs, signal)));

    const failed = counts.find((count): count is FailedRead => typeof count !== 'number');
    return failed ?? counts.reduce<number>((sum, count) => sum + (count as number), 0);
  } catch (error) {
    return failedReadFrom(error);
  }
}
