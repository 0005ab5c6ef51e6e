import { Logger } from '@aws-lambda-powertools/logger';
import { AutoScalingClient, DescribeAutoScalingGroupsCommand, SetDesiredCapacityCommand } from '@aws-sdk/client-auto-scaling';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { createAwsClientFactory } from '../src/aws/clients.js';
import type { ScalerConfig } from '../src/config/types.js';
import { createHandler, createPoolMetrics, DEADLINE_RESERVE_MS, InvalidDeadlineError, PoolsFailedError, tickDeadlineMs } from '../src/handler.js';
import { poolConfig, scalerConfig, awsError } from './observe/fixtures.js';

const sqs = mockClient(SQSClient);
const cloudWatch = mockClient(CloudWatchClient);
const autoScaling = mockClient(AutoScalingClient);

const CONTEXT = { functionName: 'scaler', awsRequestId: 'test-request', getRemainingTimeInMillis: () => 50_000 } as unknown as Context;
const SCHEDULED: ScheduledEvent = {
  version: '0',
  id: 'c5f2bd9e-5b3a-4b5e-9d8a-0b7f1e2a3c4d',
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '123456789012',
  time: '2026-12-04T10:00:00Z',
  region: 'us-east-1',
  resources: ['arn:aws:events:us-east-1:123456789012:rule/gpu-worker-autoscaler'],
  detail: {},
};

function poolsConfig(count: number): ScalerConfig {
  return scalerConfig(Array.from({ length: count }, (_, index) => poolConfig(`pool-${index}`)));
}

/** Stubs every queue at 300 visible messages and every group at 0 of max 50 workers. */
function answerBusyQueues(): void {
  sqs.on(GetQueueAttributesCommand).resolves({
    Attributes: { ApproximateNumberOfMessages: '300', ApproximateNumberOfMessagesNotVisible: '0', ApproximateNumberOfMessagesDelayed: '0' },
  });
  cloudWatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
  autoScaling.on(DescribeAutoScalingGroupsCommand).callsFake((input: { AutoScalingGroupNames: string[] }) => ({
    AutoScalingGroups: input.AutoScalingGroupNames.map((name) => ({
      AutoScalingGroupName: name,
      MinSize: 0,
      MaxSize: 50,
      DesiredCapacity: 0,
      Instances: [],
    })),
  }));
  autoScaling.on(SetDesiredCapacityCommand).resolves({});
}

function handlerFor(config: ScalerConfig) {
  const logger = new Logger({ serviceName: 'test', logLevel: 'SILENT' });
  return createHandler({ config: () => config, clients: createAwsClientFactory({ maxAttempts: 1 }), logger, env: {}, homeRegion: 'us-east-1' });
}

function requestCount(): number {
  return sqs.calls().length + cloudWatch.calls().length + autoScaling.calls().length;
}

beforeEach(() => {
  sqs.reset();
  cloudWatch.reset();
  autoScaling.reset();
  answerBusyQueues();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('handler', () => {
  it('scales one pool with three reads and one write', async () => {
    const result = await handlerFor(poolsConfig(1))(SCHEDULED, CONTEXT);

    expect(result.pools[0]?.decision?.desired).toBe(5);
    expect(autoScaling.commandCalls(SetDesiredCapacityCommand)[0]?.args[0].input).toEqual({
      AutoScalingGroupName: 'pool-0-workers',
      DesiredCapacity: 5,
      HonorCooldown: false,
    });
    expect(requestCount()).toBe(4);
  });

  it('batches ten pools into twelve reads', async () => {
    await handlerFor(poolsConfig(10))(SCHEDULED, CONTEXT);

    expect(sqs.calls().length).toBe(10);
    expect(cloudWatch.calls().length).toBe(1);
    expect(autoScaling.commandCalls(DescribeAutoScalingGroupsCommand).length).toBe(1);
    expect(autoScaling.commandCalls(SetDesiredCapacityCommand).length).toBe(10);
  });

  it('writes nothing on a dry run', async () => {
    const result = await handlerFor(poolsConfig(2))({ dryRun: true }, CONTEXT);

    expect(result.dryRun).toBe(true);
    expect(result.pools.every((pool) => pool.write !== null && !pool.written)).toBe(true);
    expect(autoScaling.commandCalls(SetDesiredCapacityCommand).length).toBe(0);
  });

  it('writes nothing when the count is unchanged', async () => {
    const handler = handlerFor(poolsConfig(1));
    autoScaling.on(DescribeAutoScalingGroupsCommand).resolves({
      AutoScalingGroups: [{ AutoScalingGroupName: 'pool-0-workers', MinSize: 0, MaxSize: 50, DesiredCapacity: 5, Instances: [] } as never],
    });

    const result = await handler(SCHEDULED, CONTEXT);

    expect(result.pools[0]?.write).toBeNull();
    expect(autoScaling.commandCalls(SetDesiredCapacityCommand).length).toBe(0);
  });

  it('processes other pools when one queue fails', async () => {
    sqs
      .on(GetQueueAttributesCommand, { QueueUrl: poolConfig('pool-1').queues[0]!.url })
      .rejects(awsError('AWS.SimpleQueueService.NonExistentQueue', 'The specified queue does not exist.'));

    const error = await handlerFor(poolsConfig(3))(SCHEDULED, CONTEXT).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PoolsFailedError);
    const result = (error as PoolsFailedError).result;
    expect(result.pools.map((pool) => pool.status)).toEqual(['ok', 'failed', 'ok']);
    expect(result.pools[1]?.error?.message).toContain('NonExistentQueue');
    const written = autoScaling.commandCalls(SetDesiredCapacityCommand).map((call) => call.args[0].input.AutoScalingGroupName);
    expect(written.sort()).toEqual(['pool-0-workers', 'pool-2-workers']);
  });

  it('rejects a schedule input that changes pools', async () => {
    await expect(handlerFor(poolsConfig(1))({ pools: [] } as never, CONTEXT)).rejects.toThrow(/may only set "dryRun"/);
    expect(requestCount()).toBe(0);
  });
});

describe('createPoolMetrics', () => {
  it('publishes with the Pool dimension only', async () => {
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const config = poolsConfig(1);
    const logger = new Logger({ serviceName: 'test', logLevel: 'SILENT' });
    const handler = createHandler({ config: () => config, clients: createAwsClientFactory({ maxAttempts: 1 }), logger, env: {}, homeRegion: 'us-east-1', createMetrics: createPoolMetrics });

    await handler(SCHEDULED, CONTEXT);

    const records = lines.filter((line) => line.includes('_aws')).map((line) => JSON.parse(line));
    expect(records.length).toBe(1);
    expect(records[0]._aws.CloudWatchMetrics[0].Namespace).toBe(config.metricsNamespace);
    expect(records[0]._aws.CloudWatchMetrics[0].Dimensions).toEqual([['Pool']]);
    expect(records[0].Pool).toBe('pool-0');
    expect(records[0].RecommendedWorkers).toBe(5);
    expect(records[0].QueueWork).toBe(300);
  });
});

describe('tickDeadlineMs', () => {
  it.each([
    { name: 'remaining time less the reserve', env: {}, remainingMs: 50_000, expected: 45_000 },
    { name: 'shorter configured deadline', env: { AUTOSCALER_TICK_DEADLINE_MS: '20000' }, remainingMs: 50_000, expected: 20_000 },
    { name: 'configured deadline past the remaining time', env: { AUTOSCALER_TICK_DEADLINE_MS: '60000' }, remainingMs: 50_000, expected: 45_000 },
    { name: 'no remaining time known', env: { AUTOSCALER_TICK_DEADLINE_MS: '20000' }, remainingMs: undefined, expected: 20_000 },
    { name: 'nothing known', env: {}, remainingMs: undefined, expected: undefined },
    { name: 'almost out of time', env: {}, remainingMs: 3_000, expected: 0 },
  ])('$name', ({ env, remainingMs, expected }) => {
    expect(tickDeadlineMs(env, remainingMs)).toBe(expected);
    expect(DEADLINE_RESERVE_MS).toBe(5_000);
  });

  it.each(['0', '-5', '1.5', 'soon'])('rejects AUTOSCALER_TICK_DEADLINE_MS=%s', (value) => {
    expect(() => tickDeadlineMs({ AUTOSCALER_TICK_DEADLINE_MS: value }, 50_000)).toThrow(InvalidDeadlineError);
  });
});

describe('handler deadline', () => {
  it('cuts a queue read that never answers', async () => {
    sqs.on(GetQueueAttributesCommand).callsFake(() => new Promise(() => undefined));
    const config = poolsConfig(1);
    const logger = new Logger({ serviceName: 'test', logLevel: 'SILENT' });
    const handler = createHandler({ config: () => config, clients: createAwsClientFactory({ maxAttempts: 1 }), logger, env: { AUTOSCALER_TICK_DEADLINE_MS: '200' }, homeRegion: 'us-east-1' });

    const error = await handler(SCHEDULED, CONTEXT).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PoolsFailedError);
    expect((error as PoolsFailedError).result.pools[0]?.error?.code).toBe('TickDeadlineExceeded');
    expect(autoScaling.commandCalls(SetDesiredCapacityCommand).length).toBe(0);
  });
});

describe('history read-back', () => {
  const TICK_MS = Date.parse(SCHEDULED.time);

  /** Stubs a group at 8 workers whose queue now needs about one, so only the history can keep it at 8. */
  function answerQuietQueue(recommendedWorkers: number | undefined): void {
    sqs.on(GetQueueAttributesCommand).resolves({
      Attributes: { ApproximateNumberOfMessages: '30', ApproximateNumberOfMessagesNotVisible: '0', ApproximateNumberOfMessagesDelayed: '0' },
    });
    autoScaling.on(DescribeAutoScalingGroupsCommand).resolves({
      AutoScalingGroups: [
        {
          AutoScalingGroupName: 'pool-0-workers',
          MinSize: 0,
          MaxSize: 50,
          DesiredCapacity: 8,
          Instances: Array.from({ length: 8 }, (_, index) => ({ InstanceId: `i-0000000000000000${index}`, LifecycleState: 'InService', ProtectedFromScaleIn: false })),
        } as never,
      ],
    });
    cloudWatch.on(GetMetricDataCommand).callsFake((input: { MetricDataQueries: Array<{ Id: string; MetricStat?: { Metric?: { MetricName?: string } } }> }) => ({
      MetricDataResults: input.MetricDataQueries.map((query) => {
        const name = query.MetricStat?.Metric?.MetricName;
        // Ten images a minute keep arriving, so the arrival rate is known and cannot hold the pool.
        let value: number | undefined;
        if (name === 'RecommendedWorkers') value = recommendedWorkers;
        if (name === 'NumberOfMessagesSent') value = 10;
        const minutes = value === undefined ? [] : [3, 2, 1];
        return {
          Id: query.Id,
          StatusCode: 'Complete',
          Timestamps: minutes.map((ago) => new Date(TICK_MS - ago * 60_000)),
          Values: minutes.map(() => value),
        };
      }),
    }));
  }

  it('holds scale-in after a cold start', async () => {
    answerQuietQueue(8);

    const result = await handlerFor(poolsConfig(1))(SCHEDULED, CONTEXT);

    expect(result.pools[0]?.decision?.desired).toBe(8);
    expect(result.pools[0]?.decision?.reasons.map((reason) => reason.code)).toContain('ScaleInStabilized');
    expect(autoScaling.commandCalls(SetDesiredCapacityCommand).length).toBe(0);
  });

  it('scales in without read-back history', async () => {
    answerQuietQueue(undefined);

    const result = await handlerFor(poolsConfig(1))(SCHEDULED, CONTEXT);

    expect(result.pools[0]?.decision?.desired).toBeLessThan(8);
  });
});
