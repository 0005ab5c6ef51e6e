import { ECSClient, GetTaskProtectionCommand, ListTasksCommand, type GetTaskProtectionCommandInput } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';

import { countProtectedTasks, TASK_PROTECTION_UNKNOWN } from '../../src/targets/ecs-protection.js';
import type { EcsServiceTarget } from '../../src/targets/types.js';
import { awsError, HOME_REGION, NOW_MS, testClients } from '../observe/fixtures.js';

const ecsMock = mockClient(ECSClient);
const TARGET: EcsServiceTarget = { kind: 'ecsService', cluster: 'gpu', service: 'upscale', region: HOME_REGION };

const taskArn = (index: number) => `arn:aws:ecs:${HOME_REGION}:123456789012:task/gpu/${index}`;

/** Stubs `ListTasks` to return `count` tasks, 100 per page. */
function runningTasks(count: number): void {
  ecsMock.on(ListTasksCommand).callsFake((input: { nextToken?: string }) => {
    const first = Number(input.nextToken ?? 0);
    const last = Math.min(count, first + 100);
    const taskArns = Array.from({ length: last - first }, (_, i) => taskArn(first + i));
    return { taskArns, ...(last < count ? { nextToken: String(last) } : {}) };
  });
}

/** Stubs `GetTaskProtection` to protect the tasks whose index passes `isProtected`. */
function protection(isProtected: (index: number) => boolean, expirationDate?: Date): void {
  ecsMock.on(GetTaskProtectionCommand).callsFake((input: GetTaskProtectionCommandInput) => ({
    protectedTasks: (input.tasks ?? []).map((arn) => ({
      taskArn: arn,
      protectionEnabled: isProtected(Number(arn.split('/').at(-1))),
      ...(expirationDate ? { expirationDate } : {}),
    })),
    failures: [],
  }));
}

beforeEach(() => {
  ecsMock.reset();
});

describe('countProtectedTasks', () => {
  it('counts protected running tasks', async () => {
    runningTasks(25);
    protection((index) => index % 5 === 0);

    await expect(countProtectedTasks(testClients(), TARGET, NOW_MS)).resolves.toBe(5);
  });

  it('batches 100 tasks per request', async () => {
    runningTasks(230);
    protection((index) => index >= 200);

    const count = await countProtectedTasks(testClients(), TARGET, NOW_MS);

    expect(count).toBe(30);
    expect(ecsMock).toHaveReceivedCommandTimes(ListTasksCommand, 3);
    expect(ecsMock).toHaveReceivedCommandTimes(GetTaskProtectionCommand, 3);
    expect(ecsMock).toHaveReceivedCommandWith(ListTasksCommand, { cluster: 'gpu', serviceName: 'upscale', desiredStatus: 'RUNNING' });
    const sizes = ecsMock.commandCalls(GetTaskProtectionCommand).map((call) => call.args[0].input.tasks?.length);
    expect(sizes).toEqual([100, 100, 30]);
  });

  it('no tasks: zero, no protection request', async () => {
    runningTasks(0);

    await expect(countProtectedTasks(testClients(), TARGET, NOW_MS)).resolves.toBe(0);
    expect(ecsMock).toHaveReceivedCommandTimes(GetTaskProtectionCommand, 0);
  });

  it('expired protection is not counted', async () => {
    runningTasks(4);
    protection(() => true, new Date(NOW_MS - 1_000));

    await expect(countProtectedTasks(testClients(), TARGET, NOW_MS)).resolves.toBe(0);
  });

  it('stopped task is skipped', async () => {
    runningTasks(2);
    ecsMock.on(GetTaskProtectionCommand).resolves({
      protectedTasks: [{ taskArn: taskArn(0), protectionEnabled: true }],
      failures: [{ arn: taskArn(1), reason: 'MISSING' }],
    });

    await expect(countProtectedTasks(testClients(), TARGET, NOW_MS)).resolves.toBe(1);
  });

  it('other task failure: count unknown', async () => {
    runningTasks(2);
    ecsMock.on(GetTaskProtectionCommand).resolves({ protectedTasks: [], failures: [{ arn: taskArn(1), reason: 'TASK_NOT_VALID' }] });

    await expect(countProtectedTasks(testClients(), TARGET, NOW_MS)).resolves.toMatchObject({ ok: false, error: { code: TASK_PROTECTION_UNKNOWN } });
  });

  it('failed request: count unknown', async () => {
    runningTasks(12);
    ecsMock.on(GetTaskProtectionCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform ecs:GetTaskProtection'));

    await expect(countProtectedTasks(testClients(), TARGET, NOW_MS)).resolves.toMatchObject({ ok: false, error: { code: 'AccessDeniedException' } });
  });
});
