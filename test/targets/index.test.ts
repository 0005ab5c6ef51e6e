import { ApplicationAutoScalingClient, DescribeScalableTargetsCommand } from '@aws-sdk/client-application-auto-scaling';
import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  SetDesiredCapacityCommand,
  type DescribeAutoScalingGroupsCommandInput,
} from '@aws-sdk/client-auto-scaling';
import { DescribeServicesCommand, ECSClient, UpdateServiceCommand, type DescribeServicesCommandInput } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';

import { ActionError } from '../../src/errors.js';
import { applyDesired, describeTargets } from '../../src/targets/index.js';
import { awsError, groupTarget, poolConfig, serviceTarget, testClients } from '../observe/fixtures.js';

const autoScalingMock = mockClient(AutoScalingClient);
const ecsMock = mockClient(ECSClient);
const scalingMock = mockClient(ApplicationAutoScalingClient);

const GROUP_POOL = poolConfig('render', { target: groupTarget('gpu-render') });
const SERVICE_POOL = poolConfig('upscale', { target: serviceTarget('gpu-cluster', 'upscale') });

function answerGroups(input: DescribeAutoScalingGroupsCommandInput) {
  const groups = (input.AutoScalingGroupNames ?? []).map((name) => ({
    AutoScalingGroupName: name,
    MinSize: 0,
    MaxSize: 10,
    DesiredCapacity: 2,
    DefaultCooldown: 300,
    AvailabilityZones: ['us-east-1a'],
    HealthCheckType: 'EC2',
    CreatedTime: new Date('2024-01-01T00:00:00Z'),
  }));
  return { AutoScalingGroups: groups };
}

function answerServices(input: DescribeServicesCommandInput) {
  const services = (input.services ?? []).map((name) => ({ serviceName: name, status: 'ACTIVE', desiredCount: 3, runningCount: 3, pendingCount: 0 }));
  return { services, failures: [] };
}

beforeEach(() => {
  autoScalingMock.reset();
  ecsMock.reset();
  scalingMock.reset();
  autoScalingMock.on(DescribeAutoScalingGroupsCommand).callsFake(async (input) => answerGroups(input));
  ecsMock.on(DescribeServicesCommand).callsFake(async (input) => answerServices(input));
  scalingMock.on(DescribeScalableTargetsCommand).resolves({ ScalableTargets: [] });
});

describe('describeTargets', () => {
  it('batches groups across pools', async () => {
    const pools = Array.from({ length: 60 }, (_, i) => poolConfig(`pool${i}`, { target: groupTarget(`gpu-${i}`) }));

    const reads = await describeTargets(testClients(), pools);

    expect(autoScalingMock).toHaveReceivedCommandTimes(DescribeAutoScalingGroupsCommand, 2);
    expect(reads.get('pool59')).toMatchObject({ desired: 2 });
  });

  it('batches services per cluster across pools', async () => {
    const pools = [
      ...Array.from({ length: 12 }, (_, i) => poolConfig(`a${i}`, { target: serviceTarget('cluster-a', `svc-${i}`) })),
      poolConfig('b0', { target: serviceTarget('cluster-b', 'svc-0') }),
    ];

    const reads = await describeTargets(testClients(), pools);

    expect(ecsMock).toHaveReceivedCommandTimes(DescribeServicesCommand, 3);
    expect(ecsMock).toHaveReceivedCommandWith(DescribeServicesCommand, { cluster: 'cluster-b', services: ['svc-0'] });
    expect(scalingMock).toHaveReceivedCommandTimes(DescribeScalableTargetsCommand, 1);
    expect(reads.get('b0')).toMatchObject({ desired: 3, min: undefined });
  });

  it('separates regions', async () => {
    const pools = [GROUP_POOL, poolConfig('eu', { target: groupTarget('gpu-eu', 'eu-west-1') })];

    await describeTargets(testClients(), pools);
    const regions = await Promise.all(
      autoScalingMock.commandCalls(DescribeAutoScalingGroupsCommand).map((call) => (call.thisValue as AutoScalingClient).config.region()),
    );

    expect(regions.sort()).toEqual(['eu-west-1', 'us-east-1']);
  });

  it('unreadable bounds fail the ECS pool', async () => {
    scalingMock.on(DescribeScalableTargetsCommand).rejects(awsError('AccessDeniedException'));

    const reads = await describeTargets(testClients(), [GROUP_POOL, SERVICE_POOL]);

    expect(reads.get('upscale')).toMatchObject({ ok: false, error: { code: 'AccessDeniedException' } });
    expect(reads.get('render')).toMatchObject({ desired: 2 });
  });
});

describe('applyDesired', () => {
  it('dry run sends nothing', async () => {
    const result = await applyDesired(testClients(), GROUP_POOL, 5, true);

    expect(result.sent).toBe(false);
    expect(result.write).toEqual({ command: 'SetDesiredCapacity', input: { AutoScalingGroupName: 'gpu-render', DesiredCapacity: 5, HonorCooldown: false } });
    expect(autoScalingMock).not.toHaveReceivedAnyCommand();
  });

  it('group: SetDesiredCapacity without cooldown', async () => {
    autoScalingMock.on(SetDesiredCapacityCommand).resolves({});

    const result = await applyDesired(testClients(), GROUP_POOL, 5, false);

    expect(result.sent).toBe(true);
    expect(autoScalingMock).toHaveReceivedCommandExactlyOnceWith(SetDesiredCapacityCommand, {
      AutoScalingGroupName: 'gpu-render',
      DesiredCapacity: 5,
      HonorCooldown: false,
    });
  });

  it('service: UpdateService', async () => {
    ecsMock.on(UpdateServiceCommand).resolves({});

    const result = await applyDesired(testClients(), SERVICE_POOL, 0, false);

    expect(result.write).toEqual({ command: 'UpdateService', input: { cluster: 'gpu-cluster', service: 'upscale', desiredCount: 0 } });
    expect(ecsMock).toHaveReceivedCommandExactlyOnceWith(UpdateServiceCommand, { cluster: 'gpu-cluster', service: 'upscale', desiredCount: 0 });
  });

  it('failed write: ActionError with code', async () => {
    autoScalingMock.on(SetDesiredCapacityCommand).rejects(awsError('ResourceContention', 'busy'));

    const failure = applyDesired(testClients(), GROUP_POOL, 5, false);

    await expect(failure).rejects.toBeInstanceOf(ActionError);
    await expect(failure).rejects.toMatchObject({ code: 'ResourceContention', pool: 'render', resource: 'gpu-render' });
  });

  it.each([-1, 1.5, Number.NaN])('invalid desired count %s: nothing sent', async (desired) => {
    await expect(applyDesired(testClients(), SERVICE_POOL, desired, false)).rejects.toMatchObject({ code: 'InvalidDesiredCount' });
    expect(ecsMock).not.toHaveReceivedCommand(UpdateServiceCommand);
  });
});
