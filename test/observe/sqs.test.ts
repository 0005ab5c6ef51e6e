import { GetQueueAttributesCommand, QueueDoesNotExist, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { parseQueueAttributes, QUEUE_ATTRIBUTE_NAMES, readQueues } from '../../src/observe/sqs.js';
import { awsError, EU_QUEUE, RENDER_QUEUE, testClients, UPSCALE_QUEUE } from './fixtures.js';

const sqsMock = mockClient(SQSClient);

const BUSY_ATTRIBUTES = {
  ApproximateNumberOfMessages: '240',
  ApproximateNumberOfMessagesNotVisible: '3',
  ApproximateNumberOfMessagesDelayed: '0',
};

beforeEach(() => {
  sqsMock.reset();
});

describe('parseQueueAttributes', () => {
  it('parses all three counts', () => {
    expect(parseQueueAttributes(BUSY_ATTRIBUTES)).toEqual({ ok: true, visible: 240, inFlight: 3, delayed: 0 });
  });

  it.each([
    { name: 'zero', value: '0', expected: 0 },
    { name: 'large count', value: '1000000', expected: 1_000_000 },
    { name: 'empty string', value: '', expected: undefined },
    { name: 'word', value: 'many', expected: undefined },
    { name: 'negative', value: '-1', expected: undefined },
    { name: 'fraction', value: '1.5', expected: undefined },
    { name: 'exponent', value: '1e3', expected: undefined },
    { name: 'leading space', value: ' 7', expected: undefined },
    { name: 'beyond safe integers', value: '99999999999999999999', expected: undefined },
  ])('visible count: $name', ({ value, expected }) => {
    const counts = parseQueueAttributes({ ...BUSY_ATTRIBUTES, ApproximateNumberOfMessages: value });

    expect(counts.visible).toBe(expected);
    expect(counts.inFlight).toBe(3);
  });

  it('missing attribute is unknown, not zero', () => {
    const counts = parseQueueAttributes({ ApproximateNumberOfMessages: '5' });

    expect(counts.inFlight).toBeUndefined();
    expect(counts.delayed).toBeUndefined();
  });

  it('missing attributes map is unknown', () => {
    expect(parseQueueAttributes(undefined)).toEqual({ ok: true, visible: undefined, inFlight: undefined, delayed: undefined });
  });
});

describe('readQueues', () => {
  it('requests exactly the three counts', async () => {
    sqsMock.on(GetQueueAttributesCommand).resolves({ Attributes: BUSY_ATTRIBUTES });

    await readQueues(testClients(), [RENDER_QUEUE]);

    expect(sqsMock).toHaveReceivedCommandExactlyOnceWith(GetQueueAttributesCommand, {
      QueueUrl: RENDER_QUEUE.url,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
    });
    expect(QUEUE_ATTRIBUTE_NAMES).toHaveLength(3);
  });

  it('sends one call per distinct queue', async () => {
    sqsMock.on(GetQueueAttributesCommand).resolves({ Attributes: BUSY_ATTRIBUTES });

    const reads = await readQueues(testClients(), [RENDER_QUEUE, UPSCALE_QUEUE, RENDER_QUEUE]);

    expect(sqsMock).toHaveReceivedCommandTimes(GetQueueAttributesCommand, 2);
    expect([...reads.keys()]).toEqual([RENDER_QUEUE.url, UPSCALE_QUEUE.url]);
  });

  it('uses the queue region and role', async () => {
    sqsMock.on(GetQueueAttributesCommand).resolves({ Attributes: BUSY_ATTRIBUTES });
    const clients = testClients();
    const sqs = vi.spyOn(clients, 'sqs');
    const roleArn = 'arn:aws:iam::210987654321:role/queue-reader';

    await readQueues(clients, [{ ...EU_QUEUE, roleArn }]);

    expect(sqs).toHaveBeenCalledWith('eu-west-1', roleArn);
  });

  it.each([
    { name: 'deleted queue (JSON protocol)', error: new QueueDoesNotExist({ message: 'The specified queue does not exist.', $metadata: {} }), code: 'QueueDoesNotExist' },
    { name: 'deleted queue (query protocol)', error: awsError('AWS.SimpleQueueService.NonExistentQueue'), code: 'AWS.SimpleQueueService.NonExistentQueue' },
    { name: 'throttled', error: awsError('Throttling', 'Rate exceeded'), code: 'Throttling' },
    { name: 'access denied', error: awsError('AccessDenied'), code: 'AccessDenied' },
  ])('failed call: $name', async ({ error, code }) => {
    sqsMock.on(GetQueueAttributesCommand).resolves({ Attributes: BUSY_ATTRIBUTES });
    sqsMock.on(GetQueueAttributesCommand, { QueueUrl: UPSCALE_QUEUE.url }).rejects(error);

    const reads = await readQueues(testClients(), [RENDER_QUEUE, UPSCALE_QUEUE]);

    expect(reads.get(UPSCALE_QUEUE.url)).toEqual({ ok: false, error: { code, message: error.message } });
    expect(reads.get(RENDER_QUEUE.url)).toMatchObject({ ok: true, visible: 240 });
  });

  it('non-error rejection becomes a failed read', async () => {
    sqsMock.on(GetQueueAttributesCommand).callsFake(() => Promise.reject('socket hang up'));

    const reads = await readQueues(testClients(), [RENDER_QUEUE]);

    expect(reads.get(RENDER_QUEUE.url)).toEqual({ ok: false, error: { code: 'UnknownError', message: 'socket hang up' } });
  });
});
