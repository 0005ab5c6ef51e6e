import type { AddressInfo } from 'node:net';

import {
  CreateQueueCommand,
  DeleteQueueCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { buildApp } from 'fauxqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { AwsClientFactory } from '../../src/aws/clients.js';
import type { QueueConfig } from '../../src/config/types.js';
import { readQueues } from '../../src/observe/sqs.js';

/**
 * The SQS emulator `fauxqs`, started in this process on 127.0.0.1 with a port the system picks,
 * and read with the real SQS client over HTTP. The emulator's CLI is never used: it listens on
 * every interface.
 */
const REGION = 'us-east-1';
const app = buildApp({ logger: false });
let sqs: SQSClient;
let clients: AwsClientFactory;

function unsupported(): never {
  throw new Error('the emulator test reads SQS only');
}

beforeAll(async () => {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { address, port } = app.server.address() as AddressInfo;

  sqs = new SQSClient({
    region: REGION,
    endpoint: `http://${address}:${port}`,
    credentials: { accessKeyId: 'emulator', secretAccessKey: 'emulator' },
    maxAttempts: 1,
  });
  clients = {
    sqs: () => sqs,
    cloudWatch: unsupported,
    autoScaling: unsupported,
    ecs: unsupported,
    applicationAutoScaling: unsupported,
  };
});

afterAll(async () => {
  sqs?.destroy();
  await app.close();
});

async function createQueue(name: string, attributes: Record<string, string> = {}): Promise<QueueConfig> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  if (!QueueUrl) throw new Error(`the emulator returned no URL for queue ${name}`);
  return { url: QueueUrl, region: REGION, accountId: '000000000000', queueName: name };
}

async function send(queue: QueueConfig, count: number, options: { delaySeconds?: number; group?: string } = {}): Promise<void> {
  for (let index = 0; index < count; index++) {
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queue.url,
        MessageBody: `{"image":${index}}`,
        ...(options.delaySeconds === undefined ? {} : { DelaySeconds: options.delaySeconds }),
        ...(options.group === undefined ? {} : { MessageGroupId: options.group, MessageDeduplicationId: `${options.group}-${index}` }),
      }),
    );
  }
}

async function receive(queue: QueueConfig, count: number): Promise<number> {
  const output = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: count, VisibilityTimeout: 600 }));
  return output.Messages?.length ?? 0;
}

describe('readQueues against the fauxqs emulator', () => {
  it('emulator listens on loopback only', () => {
    expect((app.server.address() as AddressInfo).address).toBe('127.0.0.1');
  });

  it('standard queue: visible, in flight and delayed', async () => {
    const queue = await createQueue('render-jobs');
    await send(queue, 5);
    await send(queue, 3, { delaySeconds: 600 });
    const received = await receive(queue, 2);

    const reads = await readQueues(clients, [queue]);

    expect(received).toBe(2);
    expect(reads.get(queue.url)).toEqual({ ok: true, visible: 3, inFlight: 2, delayed: 3 });
  });

  it('FIFO queue: one group in flight', async () => {
    const queue = await createQueue('upscale-jobs.fifo', { FifoQueue: 'true' });
    await send(queue, 3, { group: 'customer-a' });
    await send(queue, 2, { group: 'customer-b' });
    const received = await receive(queue, 1);

    const reads = await readQueues(clients, [queue]);

    expect(received).toBe(1);
    expect(reads.get(queue.url)).toEqual({ ok: true, visible: 4, inFlight: 1, delayed: 0 });
  });

  it('empty queue reads zeros', async () => {
    const queue = await createQueue('idle-jobs');

    const reads = await readQueues(clients, [queue]);

    expect(reads.get(queue.url)).toEqual({ ok: true, visible: 0, inFlight: 0, delayed: 0 });
  });

  it('deleted queue is a failed read', async () => {
    const queue = await createQueue('deleted-jobs');
    await sqs.send(new DeleteQueueCommand({ QueueUrl: queue.url }));

    const reads = await readQueues(clients, [queue]);

    expect(reads.get(queue.url)).toMatchObject({ ok: false, error: { code: 'QueueDoesNotExist' } });
  });
});
