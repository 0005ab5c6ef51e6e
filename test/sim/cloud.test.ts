import { DescribeAutoScalingGroupsCommand, SetDesiredCapacityCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeServicesCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';

import { createRespondingClientFactory } from '../../src/aws/clients.js';
import { Simulation } from '../../src/sim/engine.js';
import { buildPoolSpec, buildScalerConfig, buildSettings, type ScenarioOptions } from '../../src/sim/scenario.js';
import { exactScenario, minuteTrace } from './helpers.js';

const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/sim-images';

function setup(overrides: Partial<ScenarioOptions> = {}) {
  const options = exactScenario(minuteTrace([6]), { min: 0, max: 5, ...overrides });
  const pool = buildScalerConfig(options).pools[0]!;
  const sim = new Simulation([buildPoolSpec(options, pool, 2)], buildSettings(options));
  return { sim, clients: createRespondingClientFactory(sim.cloud) };
}

describe('SimCloud through the SDK', () => {
  it('returns queue counts as strings', async () => {
    const { clients } = setup();
    const output = await clients.sqs('us-east-1').send(new GetQueueAttributesCommand({ QueueUrl: QUEUE_URL, AttributeNames: ['All'] }));
    expect(output.Attributes).toEqual({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
      ApproximateNumberOfMessagesDelayed: '0',
    });
  });

  it('rejects an unknown queue', async () => {
    const { clients } = setup();
    const request = clients.sqs('us-east-1').send(new GetQueueAttributesCommand({ QueueUrl: `${QUEUE_URL}-missing` }));
    await expect(request).rejects.toMatchObject({ name: 'QueueDoesNotExist' });
  });

  it('describes the group with its instances', async () => {
    const { clients } = setup();
    const output = await clients.autoScaling('us-east-1').send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['sim-gpu-workers'] }));
    const group = output.AutoScalingGroups?.[0];

    expect(group?.DesiredCapacity).toBe(2);
    expect(group?.MaxSize).toBe(5);
    expect(group?.Instances?.map((instance) => [instance.LifecycleState, instance.ProtectedFromScaleIn])).toEqual([
      ['InService', false],
      ['InService', false],
    ]);
  });

  it('applies SetDesiredCapacity and counts the write', async () => {
    const { sim, clients } = setup();
    await clients.autoScaling('us-east-1').send(new SetDesiredCapacityCommand({ AutoScalingGroupName: 'sim-gpu-workers', DesiredCapacity: 4, HonorCooldown: false }));

    expect(sim.pools[0]!.fleet.liveWorkers().map((worker) => worker.state)).toEqual(['inService', 'inService', 'pending', 'pending']);
    expect(sim.pools[0]!.writes).toBe(1);
  });

  it('rejects a desired capacity above MaxSize', async () => {
    const { clients } = setup();
    const request = clients.autoScaling('us-east-1').send(new SetDesiredCapacityCommand({ AutoScalingGroupName: 'sim-gpu-workers', DesiredCapacity: 6 }));
    await expect(request).rejects.toMatchObject({ name: 'ValidationError' });
  });

  it('describes and updates an ECS service', async () => {
    const { sim, clients } = setup({ target: 'ecsService' });
    const ecs = clients.ecs('us-east-1');
    await ecs.send(new UpdateServiceCommand({ cluster: 'sim-cluster', service: 'sim-gpu-workers', desiredCount: 3 }));
    const output = await ecs.send(new DescribeServicesCommand({ cluster: 'sim-cluster', services: ['sim-gpu-workers', 'other'] }));

    expect(output.services?.[0]).toMatchObject({ desiredCount: 3, runningCount: 2, pendingCount: 1 });
    expect(output.services?.[0]?.deployments?.[0]).toMatchObject({ status: 'PRIMARY', rolloutState: 'COMPLETED' });
    expect(output.failures).toEqual([{ arn: 'other', reason: 'MISSING' }]);
    expect(sim.pools[0]!.writes).toBe(1);
  });
});
