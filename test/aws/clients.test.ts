import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';

import { assumeRoleWithSts, clientConfig, createAwsClientFactory, createRespondingClientFactory, DEFAULT_CLIENT_SETTINGS } from '../../src/aws/clients.js';
import type { AwsCall } from '../../src/aws/responder.js';

const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/sdxl-jobs';

function recordingFactory(answer: (call: AwsCall) => unknown) {
  const calls: AwsCall[] = [];
  const factory = createRespondingClientFactory({
    respond(call) {
      calls.push(call);
      return answer(call);
    },
  });
  return { factory, calls };
}

describe('createRespondingClientFactory', () => {
  it('passes the built command to the responder', async () => {
    const { factory, calls } = recordingFactory(() => ({ Attributes: { ApproximateNumberOfMessages: '4' } }));

    const output = await factory.sqs('eu-west-1').send(new GetQueueAttributesCommand({ QueueUrl: QUEUE_URL, AttributeNames: ['ApproximateNumberOfMessages'] }));

    expect(output.Attributes?.ApproximateNumberOfMessages).toBe('4');
    expect(calls).toEqual([
      {
        service: 'sqs',
        region: 'eu-west-1',
        command: 'GetQueueAttributesCommand',
        input: { QueueUrl: QUEUE_URL, AttributeNames: ['ApproximateNumberOfMessages'] },
      },
    ]);
  });

  it('raises the error the responder throws', async () => {
    const { factory } = recordingFactory(() => {
      throw Object.assign(new Error('Rate exceeded'), { name: 'Throttling', $fault: 'client' });
    });

    const send = factory.autoScaling('us-east-1').send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['sdxl-workers'] }));

    await expect(send).rejects.toMatchObject({ name: 'Throttling', message: 'Rate exceeded' });
  });

  it('caches one client per service, region and role', () => {
    const { factory } = recordingFactory(() => ({}));

    expect(factory.sqs('us-east-1')).toBe(factory.sqs('us-east-1'));
    expect(factory.sqs('us-east-1')).not.toBe(factory.sqs('eu-west-1'));
    expect(factory.sqs('us-east-1')).not.toBe(factory.sqs('us-east-1', 'arn:aws:iam::210987654321:role/queue-reader'));
  });

  it('tags cross-account metric reads with the role', async () => {
    const role = 'arn:aws:iam::210987654321:role/queue-reader';
    const { factory, calls } = recordingFactory(() => ({ MetricDataResults: [] }));

    await factory.cloudWatch('eu-west-1', role).send(new GetMetricDataCommand({ MetricDataQueries: [], StartTime: new Date(0), EndTime: new Date(60_000) }));

    expect(calls[0]).toMatchObject({ service: 'cloudwatch', region: 'eu-west-1', roleArn: role });
    expect(factory.cloudWatch('eu-west-1', role)).not.toBe(factory.cloudWatch('eu-west-1'));
  });

  it('tags cross-account calls with the role', async () => {
    const role = 'arn:aws:iam::210987654321:role/queue-reader';
    const { factory, calls } = recordingFactory(() => ({ Attributes: {} }));

    await factory.sqs('us-east-1', role).send(new GetQueueAttributesCommand({ QueueUrl: QUEUE_URL }));

    expect(calls[0]?.roleArn).toBe(role);
  });
});

describe('createRespondingClientFactory with retries', () => {
  const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'Throttling', $fault: 'client', $metadata: { httpStatusCode: 400 } });
  const denied = () => Object.assign(new Error('not authorized'), { name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 } });
  const groups = () => ({ AutoScalingGroups: [] });

  it('retries a throttled call until it succeeds', async () => {
    let attempts = 0;
    const factory = createRespondingClientFactory({ respond: () => (++attempts < 3 ? Promise.reject(throttled()) : groups()) }, { maxAttempts: 3 });

    const output = await factory.autoScaling('us-east-1').send(new DescribeAutoScalingGroupsCommand({}));

    expect(output.AutoScalingGroups).toEqual([]);
    expect(attempts).toBe(3);
  });

  it('stops after maxAttempts', async () => {
    let attempts = 0;
    const factory = createRespondingClientFactory({ respond: () => Promise.reject((attempts++, throttled())) }, { maxAttempts: 2 });

    await expect(factory.autoScaling('us-east-1').send(new DescribeAutoScalingGroupsCommand({}))).rejects.toMatchObject({ name: 'Throttling' });
    expect(attempts).toBe(2);
  });

  it('never retries access denied', async () => {
    let attempts = 0;
    const factory = createRespondingClientFactory({ respond: () => Promise.reject((attempts++, denied())) }, { maxAttempts: 3 });

    await expect(factory.autoScaling('us-east-1').send(new DescribeAutoScalingGroupsCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
    expect(attempts).toBe(1);
  });

  it('aborts a call that never answers', async () => {
    const factory = createRespondingClientFactory({ respond: () => new Promise(() => undefined) });

    const send = factory.autoScaling('us-east-1').send(new DescribeAutoScalingGroupsCommand({}), { abortSignal: AbortSignal.timeout(20) });

    await expect(send).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('createAwsClientFactory', () => {
  const ROLE = 'arn:aws:iam::210987654321:role/queue-reader';

  it('configures standard retries and timeouts', async () => {
    const client = createAwsClientFactory().sqs('us-east-1');
    const retryStrategy = (await client.config.retryStrategy()) as { mode?: string };

    expect(await client.config.maxAttempts()).toBe(DEFAULT_CLIENT_SETTINGS.maxAttempts);
    expect(retryStrategy.mode).toBe('standard');
    expect(clientConfig('us-east-1', DEFAULT_CLIENT_SETTINGS).requestHandler).toEqual({
      connectionTimeout: 3_000,
      requestTimeout: 10_000,
      throwOnRequestTimeout: true,
    });
  });

  it('reads a queue with its role credentials', async () => {
    const assumed: string[] = [];
    const factory = createAwsClientFactory({}, (roleArn, region) => {
      assumed.push(`${region} ${roleArn}`);
      return async () => ({ accessKeyId: 'ASIA-ROLE', secretAccessKey: 'role-secret', sessionToken: 'role-token' });
    });

    const sqsCredentials = await factory.sqs('eu-west-1', ROLE).config.credentials();
    const cloudWatchCredentials = await factory.cloudWatch('eu-west-1', ROLE).config.credentials();

    expect(sqsCredentials.accessKeyId).toBe('ASIA-ROLE');
    expect(cloudWatchCredentials.accessKeyId).toBe('ASIA-ROLE');
    expect(assumed).toEqual([`eu-west-1 ${ROLE}`]);
  });

  it('own-account clients assume no role', () => {
    const assumed: string[] = [];
    const factory = createAwsClientFactory({}, (roleArn) => {
      assumed.push(roleArn);
      return async () => ({ accessKeyId: 'unused', secretAccessKey: 'unused' });
    });

    factory.sqs('us-east-1');
    factory.cloudWatch('us-east-1');
    factory.autoScaling('us-east-1');

    expect(assumed).toEqual([]);
  });

  it('STS provider is built for the role', () => {
    expect(typeof assumeRoleWithSts(ROLE, 'eu-west-1', DEFAULT_CLIENT_SETTINGS)).toBe('function');
  });
});
