import {
  ApplicationAutoScalingClient,
  DescribeScalableTargetsCommand,
  type ScalableTarget,
} from '@aws-sdk/client-application-auto-scaling';
import {
  DescribeServicesCommand,
  ECSClient,
  UpdateServiceCommand,
  type DescribeServicesCommandInput,
  type Service,
} from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';

import { describeScalableTargets, scalableTargetResourceId } from '../../src/targets/ecs-bounds.js';
import { describeServices, parseService, updateService } from '../../src/targets/ecs.js';
import { SERVICE_NOT_FOUND } from '../../src/targets/types.js';
import { ACCOUNT_ID, awsError, HOME_REGION, testClients } from '../observe/fixtures.js';

const ecsMock = mockClient(ECSClient);
const scalingMock = mockClient(ApplicationAutoScalingClient);

const CLUSTER = 'gpu-cluster';
const CLUSTER_ARN = `arn:aws:ecs:${HOME_REGION}:${ACCOUNT_ID}:cluster/${CLUSTER}`;
const RENDER_ARN = `arn:aws:ecs:${HOME_REGION}:${ACCOUNT_ID}:service/${CLUSTER}/render`;

function service(serviceName: string, overrides: Partial<Service> = {}): Service {
  return {
    serviceName,
    serviceArn: `arn:aws:ecs:${HOME_REGION}:${ACCOUNT_ID}:service/${CLUSTER}/${serviceName}`,
    status: 'ACTIVE',
    desiredCount: 4,
    runningCount: 4,
    pendingCount: 0,
    deployments: [{ id: 'ecs-svc/1', status: 'PRIMARY', desiredCount: 4, runningCount: 4, pendingCount: 0, rolloutState: 'COMPLETED' }],
    ...overrides,
  };
}

/** Desired 10 with 20 tasks running: 10 of the new deployment, 10 of the old one draining. */
const ROLLING_SERVICE = service('render', {
  desiredCount: 10,
  runningCount: 20,
  pendingCount: 2,
  deployments: [
    { id: 'ecs-svc/2', status: 'PRIMARY', desiredCount: 10, runningCount: 10, pendingCount: 2, rolloutState: 'IN_PROGRESS' },
    { id: 'ecs-svc/1', status: 'ACTIVE', desiredCount: 10, runningCount: 10, pendingCount: 0, rolloutState: 'COMPLETED' },
  ],
});

const RENDER_BOUNDS: ScalableTarget = {
  ServiceNamespace: 'ecs',
  ResourceId: `service/${CLUSTER}/render`,
  ScalableDimension: 'ecs:service:DesiredCount',
  MinCapacity: 1,
  MaxCapacity: 12,
  RoleARN: `arn:aws:iam::${ACCOUNT_ID}:role/ecs-autoscale`,
  CreationTime: new Date('2024-01-01T00:00:00Z'),
};

function answerEveryService(input: DescribeServicesCommandInput) {
  return { services: (input.services ?? []).map((name) => service(name)), failures: [] };
}

const ecs = () => testClients().ecs(HOME_REGION);

beforeEach(() => {
  ecsMock.reset();
  scalingMock.reset();
});

describe('parseService', () => {
  it('old tasks still serve during rollout', () => {
    const rollout = {
      ...ROLLING_SERVICE,
      desiredCount: 4,
      runningCount: 4,
      pendingCount: 4,
      deployments: [
        { id: 'ecs-svc/2', status: 'PRIMARY', desiredCount: 4, runningCount: 0, pendingCount: 4, rolloutState: 'IN_PROGRESS' as const },
        { id: 'ecs-svc/1', status: 'ACTIVE', desiredCount: 4, runningCount: 4, pendingCount: 0, rolloutState: 'COMPLETED' as const },
      ],
    };

    const capacity = parseService(rollout);

    expect(capacity).toMatchObject({ desired: 4, inService: 4, pending: 0, deploymentInProgress: true });
  });

  it('rolling deployment caps at desired', () => {
    expect(parseService(ROLLING_SERVICE)).toEqual({
      desired: 10,
      inService: 10,
      pending: 0,
      min: undefined,
      max: undefined,
      protectedFromScaleIn: 0,
      deploymentInProgress: true,
    });
  });

  it.each([
    { name: 'steady', deployments: [{ status: 'PRIMARY', runningCount: 4, rolloutState: 'COMPLETED' }], expected: false },
    { name: 'primary rolling alone', deployments: [{ status: 'PRIMARY', runningCount: 4, rolloutState: 'IN_PROGRESS' }], expected: true },
    {
      name: 'two deployments',
      deployments: [
        { status: 'PRIMARY', runningCount: 4, rolloutState: 'COMPLETED' },
        { status: 'ACTIVE', runningCount: 1 },
      ],
      expected: true,
    },
  ] as const)('deployment in progress: $name', ({ deployments, expected }) => {
    expect(parseService(service('render', { deployments: [...deployments] }))).toMatchObject({ deploymentInProgress: expected });
  });

  it('no deployments: service counts', () => {
    const capacity = parseService(service('render', { runningCount: 3, pendingCount: 1, deployments: [] }));

    expect(capacity).toMatchObject({ inService: 3, pending: 1, deploymentInProgress: false });
  });

  it('bounds from the scalable target', () => {
    expect(parseService(service('render'), RENDER_BOUNDS)).toMatchObject({ min: 1, max: 12 });
  });

  it('no desired count: invalid response', () => {
    expect(parseService(service('render', { desiredCount: undefined }))).toMatchObject({ ok: false });
  });
});

describe('describeServices', () => {
  it('23 services: three calls', async () => {
    ecsMock.on(DescribeServicesCommand).callsFake(async (input) => answerEveryService(input));
    const names = Array.from({ length: 23 }, (_, i) => `render-${i}`);

    const services = await describeServices(ecs(), CLUSTER, names);
    const sizes = ecsMock.commandCalls(DescribeServicesCommand).map((call) => call.args[0].input.services?.length);

    expect(sizes).toEqual([10, 10, 3]);
    expect(ecsMock).toHaveReceivedCommandWith(DescribeServicesCommand, { cluster: CLUSTER });
    expect(services.size).toBe(23);
  });

  it.each([
    { name: 'MISSING failure', output: { services: [], failures: [{ arn: RENDER_ARN, reason: 'MISSING' }] } },
    { name: 'no entry at all', output: { services: [], failures: [] } },
    { name: 'inactive service', output: { services: [service('render', { status: 'INACTIVE' })], failures: [] } },
  ])('not found: $name', async ({ output }) => {
    ecsMock.on(DescribeServicesCommand).resolves(output);

    const services = await describeServices(ecs(), CLUSTER, ['render']);

    expect(services.get('render')).toMatchObject({ ok: false, error: { code: SERVICE_NOT_FOUND } });
  });

  it('other failure keeps its reason', async () => {
    ecsMock.on(DescribeServicesCommand).resolves({ services: [], failures: [{ arn: 'render', reason: 'ACCESS_DENIED', detail: 'not authorized' }] });

    const services = await describeServices(ecs(), CLUSTER, ['render']);

    expect(services.get('render')).toMatchObject({ ok: false, error: { code: 'ACCESS_DENIED' } });
  });

  it('matches a service given by ARN', async () => {
    ecsMock.on(DescribeServicesCommand).resolves({ services: [service('render')], failures: [] });

    const services = await describeServices(ecs(), CLUSTER, [RENDER_ARN]);

    expect(services.get(RENDER_ARN)).toMatchObject({ serviceName: 'render' });
  });

  it('failed call fails its batch', async () => {
    ecsMock.on(DescribeServicesCommand).rejects(awsError('ClusterNotFoundException', 'Cluster not found.'));

    const services = await describeServices(ecs(), CLUSTER, ['render', 'upscale']);

    expect(services.get('upscale')).toEqual({ ok: false, error: { code: 'ClusterNotFoundException', message: 'Cluster not found.' } });
  });
});

describe('describeScalableTargets', () => {
  const scaling = () => testClients().applicationAutoScaling(HOME_REGION);

  it('60 ids: batches of 50 and 10', async () => {
    scalingMock.on(DescribeScalableTargetsCommand).resolves({ ScalableTargets: [RENDER_BOUNDS] });
    const ids = Array.from({ length: 60 }, (_, i) => scalableTargetResourceId(CLUSTER, `render-${i}`));

    const targets = await describeScalableTargets(scaling(), ids);
    const sizes = scalingMock.commandCalls(DescribeScalableTargetsCommand).map((call) => call.args[0].input.ResourceIds?.length);

    expect(sizes).toEqual([50, 10]);
    expect(scalingMock).toHaveReceivedCommandWith(DescribeScalableTargetsCommand, {
      ServiceNamespace: 'ecs',
      ScalableDimension: 'ecs:service:DesiredCount',
    });
    expect(targets.get(`service/${CLUSTER}/render`)).toBe(RENDER_BOUNDS);
  });

  it('follows NextToken', async () => {
    scalingMock
      .on(DescribeScalableTargetsCommand)
      .resolvesOnce({ ScalableTargets: [], NextToken: 'page-2' })
      .resolvesOnce({ ScalableTargets: [RENDER_BOUNDS] });

    const targets = await describeScalableTargets(scaling(), [`service/${CLUSTER}/render`]);

    expect(scalingMock).toHaveReceivedNthCommandWith(DescribeScalableTargetsCommand, 2, { NextToken: 'page-2' });
    expect(targets.get(`service/${CLUSTER}/render`)).toBe(RENDER_BOUNDS);
  });

  it.each([
    { name: 'names', cluster: CLUSTER, service: 'render' },
    { name: 'ARNs', cluster: CLUSTER_ARN, service: RENDER_ARN },
  ])('resource id from $name', ({ cluster, service: serviceName }) => {
    expect(scalableTargetResourceId(cluster, serviceName)).toBe(`service/${CLUSTER}/render`);
  });
});

describe('updateService', () => {
  it('sends the desired count', async () => {
    ecsMock.on(UpdateServiceCommand).resolves({});

    const write = await updateService(ecs(), CLUSTER, 'render', 7);

    expect(ecsMock).toHaveReceivedCommandExactlyOnceWith(UpdateServiceCommand, { cluster: CLUSTER, service: 'render', desiredCount: 7 });
    expect(write).toEqual({ command: 'UpdateService', input: { cluster: CLUSTER, service: 'render', desiredCount: 7 } });
  });
});
