import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  SetDesiredCapacityCommand,
  type AutoScalingGroup,
  type DescribeAutoScalingGroupsCommandInput,
  type Instance,
} from '@aws-sdk/client-auto-scaling';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';

import { describeGroups, parseGroup, setDesiredCapacity } from '../../src/targets/autoscaling.js';
import { GROUP_NOT_FOUND, INVALID_RESPONSE } from '../../src/targets/types.js';
import { awsError, HOME_REGION, testClients } from '../observe/fixtures.js';

const autoScalingMock = mockClient(AutoScalingClient);

function instance(LifecycleState: Instance['LifecycleState'], ProtectedFromScaleIn = false): Instance {
  return { InstanceId: 'i-0abc', LifecycleState, ProtectedFromScaleIn, AvailabilityZone: 'us-east-1a', HealthStatus: 'Healthy' };
}

function group(name: string, instances: Instance[] = []): AutoScalingGroup {
  return {
    AutoScalingGroupName: name,
    MinSize: 0,
    MaxSize: 40,
    DesiredCapacity: 6,
    DefaultCooldown: 300,
    AvailabilityZones: ['us-east-1a'],
    HealthCheckType: 'EC2',
    CreatedTime: new Date('2024-01-01T00:00:00Z'),
    Instances: instances,
  };
}

/** Six instances: two in service (one protected), three booting, one leaving. */
const GPU_GROUP = group('gpu-render', [
  instance('InService', true),
  instance('InService'),
  instance('Pending'),
  instance('Pending:Wait', true),
  instance('Pending:Proceed'),
  instance('Terminating'),
]);

/** Returns one group per requested name. */
function answerEveryName(input: DescribeAutoScalingGroupsCommandInput) {
  return { AutoScalingGroups: (input.AutoScalingGroupNames ?? []).map((name) => group(name)) };
}

const client = () => testClients().autoScaling(HOME_REGION);

beforeEach(() => {
  autoScalingMock.reset();
});

describe('parseGroup', () => {
  it('counts instances by lifecycle state', () => {
    expect(parseGroup(GPU_GROUP)).toEqual({
      desired: 6,
      inService: 2,
      pending: 3,
      min: 0,
      max: 40,
      protectedFromScaleIn: 1,
      deploymentInProgress: false,
    });
  });

  it.each([
    { name: 'warm pool', state: 'Warmed:Running' },
    { name: 'standby', state: 'Standby' },
    { name: 'terminating', state: 'Terminating:Wait' },
  ] as const)('ignores $name instances', ({ state }) => {
    const capacity = parseGroup(group('gpu-render', [instance(state, true)]));

    expect(capacity).toMatchObject({ inService: 0, pending: 0, protectedFromScaleIn: 0 });
  });

  it('no desired capacity: invalid response', () => {
    expect(parseGroup({ ...GPU_GROUP, DesiredCapacity: undefined })).toMatchObject({ ok: false, error: { code: INVALID_RESPONSE } });
  });
});

describe('describeGroups', () => {
  it('120 groups: batches of 50, 50 and 20', async () => {
    autoScalingMock.on(DescribeAutoScalingGroupsCommand).callsFake(async (input) => answerEveryName(input));
    const names = Array.from({ length: 120 }, (_, i) => `gpu-${i}`);

    const groups = await describeGroups(client(), names);
    const sizes = autoScalingMock.commandCalls(DescribeAutoScalingGroupsCommand).map((call) => call.args[0].input.AutoScalingGroupNames?.length);

    expect(sizes).toEqual([50, 50, 20]);
    expect(autoScalingMock).toHaveReceivedCommandWith(DescribeAutoScalingGroupsCommand, { MaxRecords: 100 });
    expect(groups.size).toBe(120);
  });

  it('missing group: not found', async () => {
    autoScalingMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [GPU_GROUP] });

    const groups = await describeGroups(client(), ['gpu-render', 'gpu-deleted']);

    expect(groups.get('gpu-deleted')).toMatchObject({ ok: false, error: { code: GROUP_NOT_FOUND } });
    expect(groups.get('gpu-render')).toMatchObject({ desired: 6 });
  });

  it('follows NextToken', async () => {
    autoScalingMock
      .on(DescribeAutoScalingGroupsCommand)
      .resolvesOnce({ AutoScalingGroups: [group('gpu-a')], NextToken: 'page-2' })
      .resolvesOnce({ AutoScalingGroups: [group('gpu-b')] });

    const groups = await describeGroups(client(), ['gpu-a', 'gpu-b']);

    expect(autoScalingMock).toHaveReceivedNthCommandWith(DescribeAutoScalingGroupsCommand, 2, { NextToken: 'page-2' });
    expect(groups.get('gpu-b')).toMatchObject({ desired: 6 });
  });

  it('endless pagination fails the batch', async () => {
    autoScalingMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [], NextToken: 'again' });

    const groups = await describeGroups(client(), ['gpu-a']);

    expect(groups.get('gpu-a')).toMatchObject({ ok: false, error: { code: 'PaginationLimitExceeded' } });
    expect(autoScalingMock).toHaveReceivedCommandTimes(DescribeAutoScalingGroupsCommand, 20);
  });

  it('failed batch fails only its names', async () => {
    const names = Array.from({ length: 60 }, (_, i) => `gpu-${i}`);
    autoScalingMock.on(DescribeAutoScalingGroupsCommand).callsFake(async (input) => answerEveryName(input));
    autoScalingMock.on(DescribeAutoScalingGroupsCommand, { AutoScalingGroupNames: names.slice(50) }).rejects(awsError('Throttling', 'Rate exceeded'));

    const groups = await describeGroups(client(), names);

    expect(groups.get('gpu-55')).toEqual({ ok: false, error: { code: 'Throttling', message: 'Rate exceeded' } });
    expect(groups.get('gpu-5')).toMatchObject({ desired: 6 });
  });

  it('duplicate names: one lookup', async () => {
    autoScalingMock.on(DescribeAutoScalingGroupsCommand).callsFake(async (input) => answerEveryName(input));

    await describeGroups(client(), ['gpu-a', 'gpu-a']);

    expect(autoScalingMock).toHaveReceivedCommandWith(DescribeAutoScalingGroupsCommand, { AutoScalingGroupNames: ['gpu-a'] });
  });
});

describe('setDesiredCapacity', () => {
  it('ignores the group cooldown', async () => {
    autoScalingMock.on(SetDesiredCapacityCommand).resolves({});

    const write = await setDesiredCapacity(client(), 'gpu-render', 9);

    expect(autoScalingMock).toHaveReceivedCommandExactlyOnceWith(SetDesiredCapacityCommand, {
      AutoScalingGroupName: 'gpu-render',
      DesiredCapacity: 9,
      HonorCooldown: false,
    });
    expect(write).toEqual({ command: 'SetDesiredCapacity', input: { AutoScalingGroupName: 'gpu-render', DesiredCapacity: 9, HonorCooldown: false } });
  });

  it('rejects with the SDK error', async () => {
    autoScalingMock.on(SetDesiredCapacityCommand).rejects(awsError('ResourceContention'));

    await expect(setDesiredCapacity(client(), 'gpu-render', 9)).rejects.toMatchObject({ name: 'ResourceContention' });
  });
});
