import { GetMetricDataCommand, type GetMetricDataCommandInput, type MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { describe, expect, it } from 'vitest';

import { readMetrics } from '../../src/observe/metrics.js';
import {
  awsError,
  EU_QUEUE,
  HOME_REGION,
  LAST_COMPLETE_MINUTE_END_MS,
  MINUTE,
  NOW_MS,
  poolConfig,
  scalerConfig,
  testClients,
} from './fixtures.js';

const END = LAST_COMPLETE_MINUTE_END_MS;
const PARTNER_ROLE = 'arn:aws:iam::210987654321:role/queue-reader';

const TEN_POOLS = scalerConfig(Array.from({ length: 10 }, (_, i) => poolConfig(`pool${i}`)));

/** One pool in the home region, one whose queue lives in eu-west-1. */
const TWO_REGIONS = scalerConfig([poolConfig('home'), poolConfig('europe', { queues: [EU_QUEUE] })]);

/** Returns a result for every query, with `value` in each of the last two minutes. */
function answerAll(input: GetMetricDataCommandInput, value = 12): MetricDataResult[] {
  return (input.MetricDataQueries ?? []).map((query) => ({
    Id: query.Id,
    StatusCode: 'Complete',
    Timestamps: [new Date(END - 2 * MINUTE), new Date(END - MINUTE)],
    Values: [value, value],
  }));
}

/** Creates a client factory with a mocked CloudWatch client per region. */
function mockedRegions(...regions: string[]) {
  const clients = testClients();
  const mocks = new Map(regions.map((region) => [region, mockClient(clients.cloudWatch(region))]));
  return { clients, mocks };
}

describe('readMetrics', () => {
  it('ten pools in one region: one GetMetricData', async () => {
    const { clients, mocks } = mockedRegions(HOME_REGION);
    const cloudWatch = mocks.get(HOME_REGION)!;
    cloudWatch.on(GetMetricDataCommand).callsFake(async (input) => ({ MetricDataResults: answerAll(input) }));

    const result = await readMetrics(clients, TEN_POOLS, NOW_MS, HOME_REGION);

    expect(cloudWatch).toHaveReceivedCommandTimes(GetMetricDataCommand, 1);
    expect(result.requests).toBe(1);
    expect(result.errors).toEqual([]);
    expect(result.pools.size).toBe(10);
    expect(result.pools.get('pool7')?.recommendations?.map((point) => point.value)).toEqual([12, 12]);
  });

  it('sends the minute-aligned window', async () => {
    const { clients, mocks } = mockedRegions(HOME_REGION);
    const cloudWatch = mocks.get(HOME_REGION)!;
    cloudWatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });

    await readMetrics(clients, TEN_POOLS, NOW_MS, HOME_REGION);

    expect(cloudWatch).toHaveReceivedCommandWith(GetMetricDataCommand, {
      EndTime: new Date('2024-05-06T12:34:00.000Z'),
      StartTime: new Date(END - 15 * MINUTE),
      ScanBy: 'TimestampAscending',
    });
  });

  it('follows NextToken', async () => {
    const { clients, mocks } = mockedRegions(HOME_REGION);
    const cloudWatch = mocks.get(HOME_REGION)!;
    const config = scalerConfig([poolConfig('render')]);
    cloudWatch
      .on(GetMetricDataCommand)
      .callsFakeOnce(async () => ({
        MetricDataResults: [{ Id: 'arrivals_p0_q0', StatusCode: 'PartialData', Timestamps: [new Date(END - 2 * MINUTE)], Values: [30] }],
        NextToken: 'page-2',
      }))
      .callsFakeOnce(async () => ({
        MetricDataResults: [{ Id: 'arrivals_p0_q0', StatusCode: 'Complete', Timestamps: [new Date(END - MINUTE)], Values: [45] }],
      }));

    const result = await readMetrics(clients, config, NOW_MS, HOME_REGION);

    expect(cloudWatch).toHaveReceivedCommandTimes(GetMetricDataCommand, 2);
    expect(cloudWatch).toHaveReceivedNthCommandWith(GetMetricDataCommand, 2, { NextToken: 'page-2' });
    expect(result.requests).toBe(2);
    const arrivals = result.pools.get('render')?.queues.get(config.pools[0]!.queues[0]!.url)?.arrivals;
    expect(arrivals?.map((point) => point.value)).toEqual([30, 45]);
  });

  it('splits past 500 queries', async () => {
    const { clients, mocks } = mockedRegions(HOME_REGION);
    const cloudWatch = mocks.get(HOME_REGION)!;
    cloudWatch.on(GetMetricDataCommand).callsFake(async (input) => ({ MetricDataResults: answerAll(input) }));
    const config = scalerConfig(Array.from({ length: 101 }, (_, i) => poolConfig(`pool${i}`)));

    const result = await readMetrics(clients, config, NOW_MS, HOME_REGION);

    expect(cloudWatch).toHaveReceivedCommandTimes(GetMetricDataCommand, 2);
    expect(result.pools.get('pool100')?.queueWork).toHaveLength(2);
  });

  it('one request per region', async () => {
    const { clients, mocks } = mockedRegions(HOME_REGION, 'eu-west-1');
    for (const mock of mocks.values()) {
      mock.on(GetMetricDataCommand).callsFake(async (input) => ({ MetricDataResults: answerAll(input) }));
    }

    await readMetrics(clients, TWO_REGIONS, NOW_MS, HOME_REGION);

    expect(mocks.get(HOME_REGION)).toHaveReceivedCommandTimes(GetMetricDataCommand, 1);
    expect(mocks.get('eu-west-1')).toHaveReceivedCommandTimes(GetMetricDataCommand, 1);
  });

  it('failed region: its series unknown, others read', async () => {
    const { clients, mocks } = mockedRegions(HOME_REGION, 'eu-west-1');
    mocks.get(HOME_REGION)!.on(GetMetricDataCommand).callsFake(async (input) => ({ MetricDataResults: answerAll(input) }));
    mocks.get('eu-west-1')!.on(GetMetricDataCommand).rejects(awsError('Throttling', 'Rate exceeded'));

    const result = await readMetrics(clients, TWO_REGIONS, NOW_MS, HOME_REGION);
    const europe = result.pools.get('europe');

    expect(result.errors).toEqual([{ region: 'eu-west-1', pools: ['europe'], code: 'Throttling', message: 'Rate exceeded' }]);
    expect(europe?.queues.get(EU_QUEUE.url)).toEqual({ arrivals: undefined, oldestAge: undefined });
    expect(europe?.recommendations).toHaveLength(2);
    expect(result.pools.get('home')?.queues.get(poolConfig('home').queues[0]!.url)?.arrivals).toHaveLength(2);
  });

  it('cross-account queue: read with its role client', async () => {
    const clients = testClients();
    const home = mockClient(clients.cloudWatch(HOME_REGION));
    const partner = mockClient(clients.cloudWatch('eu-west-1', PARTNER_ROLE));
    home.on(GetMetricDataCommand).callsFake(async (input) => ({ MetricDataResults: answerAll(input) }));
    partner.on(GetMetricDataCommand).callsFake(async (input) => ({ MetricDataResults: answerAll(input, 7) }));
    const config = scalerConfig([poolConfig('partner', { queues: [{ ...EU_QUEUE, roleArn: PARTNER_ROLE }] })]);

    const result = await readMetrics(clients, config, NOW_MS, HOME_REGION);
    const sentIds = (mock: typeof home) => mock.commandCalls(GetMetricDataCommand).flatMap((call) => call.args[0].input.MetricDataQueries?.map((query) => query.Id));

    expect(sentIds(partner).sort()).toEqual(['age_p0_q0', 'arrivals_p0_q0']);
    expect(sentIds(home)).not.toContain('arrivals_p0_q0');
    expect(result.pools.get('partner')?.queues.get(EU_QUEUE.url)?.arrivals?.map((point) => point.value)).toEqual([7, 7]);
    expect(result.errors).toEqual([]);
  });

  it('failed role request: only its pools listed', async () => {
    const clients = testClients();
    mockClient(clients.cloudWatch(HOME_REGION)).on(GetMetricDataCommand).callsFake(async (input) => ({ MetricDataResults: answerAll(input) }));
    mockClient(clients.cloudWatch('eu-west-1', PARTNER_ROLE)).on(GetMetricDataCommand).rejects(awsError('AccessDenied', 'not authorized'));
    const config = scalerConfig([poolConfig('home'), poolConfig('partner', { queues: [{ ...EU_QUEUE, roleArn: PARTNER_ROLE }] })]);

    const result = await readMetrics(clients, config, NOW_MS, HOME_REGION);

    expect(result.errors).toEqual([{ region: 'eu-west-1', roleArn: PARTNER_ROLE, pools: ['partner'], code: 'AccessDenied', message: 'not authorized' }]);
    expect(result.pools.get('partner')?.recommendations).toHaveLength(2);
  });

  it('unanswered request: failed at the deadline', async () => {
    const { clients, mocks } = mockedRegions(HOME_REGION);
    mocks.get(HOME_REGION)!.on(GetMetricDataCommand).callsFake(() => new Promise(() => undefined));

    const result = await readMetrics(clients, scalerConfig([poolConfig('render')]), NOW_MS, HOME_REGION, AbortSignal.timeout(20));

    expect(result.errors.map((error) => error.code)).toEqual(['TickDeadlineExceeded']);
    expect(result.pools.get('render')?.recommendations).toBeUndefined();
  });

  it('endless pagination stops with an error', async () => {
    const { clients, mocks } = mockedRegions(HOME_REGION);
    mocks.get(HOME_REGION)!.on(GetMetricDataCommand).resolves({ MetricDataResults: [], NextToken: 'again' });

    const result = await readMetrics(clients, scalerConfig([poolConfig('render')]), NOW_MS, HOME_REGION);

    expect(result.errors.map((error) => error.code)).toEqual(['PaginationLimitExceeded']);
    expect(result.pools.get('render')?.recommendations).toBeUndefined();
  });
});
