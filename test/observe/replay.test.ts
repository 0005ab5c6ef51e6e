import type { GetMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';

import { createRespondingClientFactory } from '../../src/aws/clients.js';
import { MetricStore } from '../../src/aws/metric-store.js';
import type { AwsCall } from '../../src/aws/responder.js';
import { readMetrics } from '../../src/observe/metrics.js';
import { readQueues } from '../../src/observe/sqs.js';
import {
  HOME_REGION,
  LAST_COMPLETE_MINUTE_END_MS,
  METRICS_NAMESPACE,
  MINUTE,
  NOW_MS,
  poolConfig,
  RENDER_QUEUE,
  scalerConfig,
} from './fixtures.js';

// These tests run the real SDK commands against the responder port, with no client mocks, so
// request building and output parsing are the ones a dry run uses.

const END = LAST_COMPLETE_MINUTE_END_MS;
const CONFIG = scalerConfig([poolConfig('render', { queues: [RENDER_QUEUE] })]);
const SENT = { namespace: 'AWS/SQS', metricName: 'NumberOfMessagesSent', dimensions: { QueueName: RENDER_QUEUE.queueName } };
const RECOMMENDED = { namespace: METRICS_NAMESPACE, metricName: 'RecommendedWorkers', dimensions: { Pool: 'render' } };

function replayClients(store: MetricStore, calls: AwsCall[]) {
  return createRespondingClientFactory({
    respond: (call) => {
      calls.push(call);
      if (call.command === 'GetMetricDataCommand') return store.getMetricData(call.input as GetMetricDataCommandInput, NOW_MS);
      return { Attributes: { ApproximateNumberOfMessages: '300', ApproximateNumberOfMessagesNotVisible: 'n/a' } };
    },
  });
}

describe('replay through the responder', () => {
  it('queue attributes parse', async () => {
    const calls: AwsCall[] = [];

    const reads = await readQueues(replayClients(new MetricStore(), calls), [RENDER_QUEUE]);

    expect(reads.get(RENDER_QUEUE.url)).toEqual({ ok: true, visible: 300, inFlight: undefined, delayed: undefined });
    expect(calls.map((call) => call.command)).toEqual(['GetQueueAttributesCommand']);
  });

  it('metrics skip the incomplete minute and older minutes', async () => {
    const store = new MetricStore();
    store.put(SENT, 'Sum', END - 12 * MINUTE, 500);
    store.put(SENT, 'Sum', END - 2 * MINUTE, 60);
    store.put(SENT, 'Sum', END - MINUTE, 90);
    store.put(SENT, 'Sum', END, 999);
    store.put(RECOMMENDED, 'Maximum', END - 3 * MINUTE, 5);
    const calls: AwsCall[] = [];

    const result = await readMetrics(replayClients(store, calls), CONFIG, NOW_MS, HOME_REGION);
    const pool = result.pools.get('render');

    expect(calls.filter((call) => call.command === 'GetMetricDataCommand')).toHaveLength(1);
    expect(pool?.queues.get(RENDER_QUEUE.url)?.arrivals).toEqual([
      { atMs: END - 2 * MINUTE, value: 60 },
      { atMs: END - MINUTE, value: 90 },
    ]);
    expect(pool?.recommendations).toEqual([{ atMs: END - 3 * MINUTE, value: 5 }]);
  });

  it('idle queue: arrivals unknown, not zero', async () => {
    const result = await readMetrics(replayClients(new MetricStore(), []), CONFIG, NOW_MS, HOME_REGION);
    const pool = result.pools.get('render');

    expect(pool?.queues.get(RENDER_QUEUE.url)?.arrivals).toBeUndefined();
    expect(pool?.processingSeconds).toEqual([]);
    expect(pool?.recommendations).toEqual([]);
  });
});
