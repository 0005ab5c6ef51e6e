import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { DescribeScalableTargetsCommand } from '@aws-sdk/client-application-auto-scaling';
import { DescribeAutoScalingGroupsCommand, SetDesiredCapacityCommand } from '@aws-sdk/client-auto-scaling';
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeServicesCommand } from '@aws-sdk/client-ecs';
import { GetQueueAttributesCommand, ListQueuesCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';

import { createRespondingClientFactory } from '../../src/aws/clients.js';
import { loadRecording, parseRecording } from '../../src/cli/recording.js';
import { RecordingResponder } from '../../src/cli/recording-responder.js';
import { loadConfigFile } from '../../src/config/index.js';
import { readMetrics } from '../../src/observe/metrics.js';
import { readQueues } from '../../src/observe/sqs.js';

const REGION = 'us-east-1';
const SDXL_QUEUE = 'https://sqs.us-east-1.amazonaws.com/123456789012/sdxl-jobs';
const OTHER_QUEUE = 'https://sqs.us-east-1.amazonaws.com/123456789012/upscale-jobs';
const SENT = { Namespace: 'AWS/SQS', MetricName: 'NumberOfMessagesSent', Dimensions: [{ Name: 'QueueName', Value: 'sdxl-jobs' }] };
const WHISPER_ARN = 'arn:aws:ecs:us-east-1:123456789012:service/gpu/whisper';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const RECORDINGS_DIR = join(ROOT, 'events/recordings');

/** Builds one recorded tick at 14:05:20, whose GetMetricData window is [13:55, 14:05). */
function tick(changes: Record<string, unknown> = {}) {
  const raw = {
    time: '2025-03-11T14:05:20Z',
    sqs: {
      [SDXL_QUEUE]: { ApproximateNumberOfMessages: '12', ApproximateNumberOfMessagesNotVisible: '8', ApproximateNumberOfMessagesDelayed: '0' },
      [OTHER_QUEUE]: { ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0', ApproximateNumberOfMessagesDelayed: '0' },
    },
    cloudwatch: [
      {
        namespace: 'AWS/SQS',
        metricName: 'NumberOfMessagesSent',
        dimensions: { QueueName: 'sdxl-jobs' },
        statistic: 'Sum',
        datapoints: [
          { timestamp: '2025-03-11T13:54:00Z', value: 1 },
          { timestamp: '2025-03-11T13:55:00Z', value: 2 },
          { timestamp: '2025-03-11T14:04:00Z', value: 3 },
          { timestamp: '2025-03-11T14:05:00Z', value: 4 },
        ],
      },
    ],
    autoScalingGroups: [
      { AutoScalingGroupName: 'sdxl-workers', MinSize: 0, MaxSize: 20, DesiredCapacity: 8 },
      { AutoScalingGroupName: 'upscale-workers', MinSize: 0, MaxSize: 8, DesiredCapacity: 2 },
    ],
    ecsServices: [{ cluster: 'gpu', service: { serviceName: 'whisper', desiredCount: 4, runningCount: 4, pendingCount: 0 } }],
    scalableTargets: [
      { ServiceNamespace: 'ecs', ResourceId: 'service/gpu/whisper', ScalableDimension: 'ecs:service:DesiredCount', MinCapacity: 1, MaxCapacity: 10 },
      { ServiceNamespace: 'ecs', ResourceId: 'service/gpu/other', ScalableDimension: 'ecs:service:DesiredCount', MinCapacity: 0, MaxCapacity: 2 },
    ],
    ...changes,
  };
  return parseRecording({ description: 'responder test', ticks: [raw] }, 'responder-test.json').ticks[0]!;
}

function setup(changes: Record<string, unknown> = {}) {
  const responder = new RecordingResponder(tick(changes));
  return { responder, factory: createRespondingClientFactory(responder) };
}

function queueAttributes(url: string) {
  return new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] });
}

function sentQuery(stat: string, start: string, end: string, dimensions = SENT.Dimensions) {
  return new GetMetricDataCommand({
    StartTime: new Date(start),
    EndTime: new Date(end),
    MetricDataQueries: [{ Id: 'arrivals', MetricStat: { Metric: { ...SENT, Dimensions: dimensions }, Period: 60, Stat: stat } }],
  });
}

describe('RecordingResponder', () => {
  it('answers GetQueueAttributes', async () => {
    const { factory } = setup();

    const output = await factory.sqs(REGION).send(queueAttributes(SDXL_QUEUE));

    expect(output.Attributes?.ApproximateNumberOfMessages).toBe('12');
    expect(output.Attributes?.ApproximateNumberOfMessagesNotVisible).toBe('8');
  });

  it('raises NonExistentQueue for an unknown queue', async () => {
    const { factory } = setup();

    const request = factory.sqs(REGION).send(queueAttributes('https://sqs.us-east-1.amazonaws.com/123456789012/deleted-jobs'));

    await expect(request).rejects.toMatchObject({
      name: 'QueueDoesNotExist',
      Code: 'AWS.SimpleQueueService.NonExistentQueue',
      $fault: 'client',
    });
  });

  it('returns datapoints inside [StartTime, EndTime) only', async () => {
    const { factory } = setup();

    const output = await factory.cloudWatch(REGION).send(sentQuery('Sum', '2025-03-11T13:55:00Z', '2025-03-11T14:05:00Z'));
    const [result] = output.MetricDataResults ?? [];

    expect(result?.Id).toBe('arrivals');
    expect(result?.Timestamps?.map((time) => time.toISOString())).toEqual(['2025-03-11T13:55:00.000Z', '2025-03-11T14:04:00.000Z']);
    expect(result?.Values).toEqual([2, 3]);
  });

  it.each([
    ['another statistic', 'Average', SENT.Dimensions],
    ['other dimensions', 'Sum', [{ Name: 'QueueName', Value: 'upscale-jobs' }]],
  ])('returns no datapoints for %s', async (_case, stat, dimensions) => {
    const { factory } = setup();

    const output = await factory.cloudWatch(REGION).send(sentQuery(stat, '2025-03-11T13:55:00Z', '2025-03-11T14:05:00Z', dimensions));

    expect(output.MetricDataResults?.[0]?.Values).toEqual([]);
  });

  it('describes only the named groups', async () => {
    const { factory } = setup();

    const named = await factory.autoScaling(REGION).send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['sdxl-workers'] }));
    const all = await factory.autoScaling(REGION).send(new DescribeAutoScalingGroupsCommand({}));

    expect(named.AutoScalingGroups?.map((group) => group.DesiredCapacity)).toEqual([8]);
    expect(all.AutoScalingGroups?.map((group) => group.AutoScalingGroupName)).toEqual(['sdxl-workers', 'upscale-workers']);
  });

  it('describes services by name or ARN and lists missing ones', async () => {
    const { factory } = setup();

    const output = await factory.ecs(REGION).send(new DescribeServicesCommand({ cluster: 'gpu', services: ['whisper', WHISPER_ARN, 'absent'] }));

    expect(output.services?.map((service) => service.desiredCount)).toEqual([4, 4]);
    expect(output.failures).toEqual([{ arn: 'absent', reason: 'MISSING' }]);
  });

  it('matches a cluster given by ARN', async () => {
    const { factory } = setup();

    const output = await factory.ecs(REGION).send(
      new DescribeServicesCommand({ cluster: 'arn:aws:ecs:us-east-1:123456789012:cluster/gpu', services: ['whisper'] }),
    );

    expect(output.services?.map((service) => service.serviceName)).toEqual(['whisper']);
  });

  it('describes the requested scalable targets', async () => {
    const { factory } = setup();

    const output = await factory.applicationAutoScaling(REGION).send(
      new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs', ResourceIds: ['service/gpu/whisper'], ScalableDimension: 'ecs:service:DesiredCount' }),
    );

    expect(output.ScalableTargets?.map((target) => [target.MinCapacity, target.MaxCapacity])).toEqual([[1, 10]]);
  });

  it('raises a recorded fault once, then answers', async () => {
    const { factory } = setup({ faults: [{ command: 'GetQueueAttributesCommand', resource: SDXL_QUEUE, code: 'RequestThrottled', message: 'Rate exceeded' }] });
    const sqs = factory.sqs(REGION);

    await expect(sqs.send(queueAttributes(OTHER_QUEUE))).resolves.toMatchObject({ Attributes: { ApproximateNumberOfMessages: '0' } });
    await expect(sqs.send(queueAttributes(SDXL_QUEUE))).rejects.toMatchObject({ name: 'RequestThrottled', message: 'Rate exceeded', $fault: 'client' });
    await expect(sqs.send(queueAttributes(SDXL_QUEUE))).resolves.toMatchObject({ Attributes: { ApproximateNumberOfMessages: '12' } });
  });

  it('marks a recorded server error as a server fault', async () => {
    const { factory } = setup({ faults: [{ command: 'GetMetricDataCommand', code: 'InternalFailure' }] });

    const request = factory.cloudWatch(REGION).send(sentQuery('Sum', '2025-03-11T13:55:00Z', '2025-03-11T14:05:00Z'));

    await expect(request).rejects.toMatchObject({ name: 'InternalFailure', $fault: 'server', $metadata: { httpStatusCode: 500 } });
  });

  it('records every call with its service and region', async () => {
    const { factory, responder } = setup();

    await factory.sqs(REGION).send(queueAttributes(SDXL_QUEUE));
    await factory.autoScaling('eu-west-1').send(new SetDesiredCapacityCommand({ AutoScalingGroupName: 'sdxl-workers', DesiredCapacity: 9 }));

    expect(responder.calls.map(({ service, region, command }) => [service, region, command])).toEqual([
      ['sqs', REGION, 'GetQueueAttributesCommand'],
      ['autoscaling', 'eu-west-1', 'SetDesiredCapacityCommand'],
    ]);
  });

  it('rejects a command it cannot answer', async () => {
    const { factory } = setup();

    await expect(factory.sqs(REGION).send(new ListQueuesCommand({}))).rejects.toMatchObject({ name: 'UnsupportedCommand' });
  });
});

describe('shipped recordings through the observe code', () => {
  const files = readdirSync(RECORDINGS_DIR).filter((name) => name.endsWith('.json')).sort();

  it.each(files)('%s reads its queues and metrics without errors', async (name) => {
    const recording = loadRecording(join(RECORDINGS_DIR, name));
    const config = loadConfigFile(join(RECORDINGS_DIR, recording.config ?? 'missing'));

    for (const recorded of recording.ticks) {
      const responder = new RecordingResponder(recorded);
      const clients = createRespondingClientFactory(responder);
      const nowMs = Date.parse(recorded.time);

      const queues = await readQueues(clients, config.pools.flatMap((pool) => pool.queues));
      const metrics = await readMetrics(clients, config, nowMs, REGION);

      for (const [url, read] of queues) {
        const attributes = recorded.sqs[url];
        expect(read).toEqual({ ok: true, visible: Number(attributes?.ApproximateNumberOfMessages), inFlight: Number(attributes?.ApproximateNumberOfMessagesNotVisible), delayed: 0 });
      }
      expect(metrics.errors).toEqual([]);
      expect(metrics.requests).toBe(1);
    }
  });

  it('quiet-to-zero reads back QueueWork 0 for the idle window', async () => {
    const recording = loadRecording(join(RECORDINGS_DIR, 'quiet-to-zero.json'));
    const config = loadConfigFile(join(RECORDINGS_DIR, recording.config ?? 'missing'));
    const deciding = recording.ticks[12]!;

    const metrics = await readMetrics(createRespondingClientFactory(new RecordingResponder(deciding)), config, Date.parse(deciding.time), REGION);
    const queueWork = metrics.pools.get('upscale')?.queueWork;

    expect(queueWork).toHaveLength(config.pools[0]!.scaleToZero.idleMinutes);
    expect(queueWork?.map((point) => point.value)).toEqual(Array(10).fill(0));
  });
});
