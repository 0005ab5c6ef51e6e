import { describe, expect, it } from 'vitest';

import {
  buildMetricDataRequests,
  buildMetricQueries,
  lastCompleteMinuteEnd,
  MAX_QUERIES_PER_REQUEST,
  metricGroupKey,
  type QueryRef,
} from '../../src/observe/metric-queries.js';
import {
  EU_QUEUE,
  groupTarget,
  HOME_REGION,
  LAST_COMPLETE_MINUTE_END_MS,
  METRICS_NAMESPACE,
  MINUTE,
  NOW_MS,
  poolConfig,
  RENDER_QUEUE,
  scalerConfig,
  UPSCALE_QUEUE,
} from './fixtures.js';

const QUERY_ID = /^[a-z][a-zA-Z0-9_]*$/;
const PARTNER_ROLE = 'arn:aws:iam::210987654321:role/queue-reader';

const TEN_POOLS = scalerConfig(Array.from({ length: 10 }, (_, i) => poolConfig(`pool${i}`)));

/** One pool whose queue, target and home regions all differ. */
const THREE_REGION_POOL = poolConfig('eu-render', {
  queues: [EU_QUEUE],
  target: groupTarget('eu-render-workers', 'eu-central-1'),
});

function onlyRegion(config = TEN_POOLS) {
  const regions = buildMetricQueries(config, NOW_MS, HOME_REGION);
  const region = regions.get(HOME_REGION);
  if (!region) throw new Error('home region missing');
  return region;
}

function refsOfKind(index: Map<string, QueryRef>, kind: QueryRef['kind']): QueryRef[] {
  return [...index.values()].filter((ref) => ref.kind === kind);
}

describe('buildMetricQueries', () => {
  it('ten pools in one region: one region entry', () => {
    const regions = buildMetricQueries(TEN_POOLS, NOW_MS, HOME_REGION);

    expect([...regions.keys()]).toEqual([HOME_REGION]);
    expect(regions.get(HOME_REGION)?.queries).toHaveLength(10 * 5);
  });

  it('query ids are unique and valid', () => {
    const ids = onlyRegion().queries.map((query) => query.Id ?? '');

    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(QUERY_ID);
  });

  it('index covers every query', () => {
    const region = onlyRegion();

    expect([...region.index.keys()].sort()).toEqual(region.queries.map((query) => query.Id).sort());
  });

  it('window ends at the last complete minute', () => {
    const region = onlyRegion();

    expect(lastCompleteMinuteEnd(NOW_MS)).toBe(LAST_COMPLETE_MINUTE_END_MS);
    expect(new Date(region.endMs).toISOString()).toBe('2024-05-06T12:34:00.000Z');
    expect(region.startMs % MINUTE).toBe(0);
  });

  it.each([
    { kind: 'arrivals', minutes: 10 },
    { kind: 'oldestAge', minutes: 5 },
    { kind: 'processing', minutes: 10 },
    { kind: 'recommendations', minutes: 5 },
    { kind: 'queueWork', minutes: 15 },
  ] as const)('series window: $kind covers $minutes minutes', ({ kind, minutes }) => {
    const [ref] = refsOfKind(onlyRegion().index, kind);

    expect(ref?.endMs).toBe(LAST_COMPLETE_MINUTE_END_MS);
    expect(ref?.startMs).toBe(LAST_COMPLETE_MINUTE_END_MS - minutes * MINUTE);
  });

  it('request window spans the widest series', () => {
    expect(onlyRegion().startMs).toBe(LAST_COMPLETE_MINUTE_END_MS - 15 * MINUTE);
  });

  it.each([
    { name: 'rounds up to minutes', seconds: 150, minutes: 3 },
    { name: 'zero reads one minute', seconds: 0, minutes: 1 },
  ])('stabilization window: $name', ({ seconds, minutes }) => {
    const pool = poolConfig('render', { limits: { min: 0, max: 10, scaleInStabilizationSeconds: seconds, maxStepUp: 5, maxStepDown: 5 } });
    const [ref] = refsOfKind(onlyRegion(scalerConfig([pool])).index, 'recommendations');

    expect(ref?.startMs).toBe(LAST_COMPLETE_MINUTE_END_MS - minutes * MINUTE);
  });

  it('SQS series use the queue name and statistics', () => {
    const pool = poolConfig('render', { queues: [RENDER_QUEUE, UPSCALE_QUEUE] });
    const queries = onlyRegion(scalerConfig([pool])).queries;

    expect(queries).toContainEqual({
      Id: 'arrivals_p0_q1',
      ReturnData: true,
      MetricStat: {
        Metric: { Namespace: 'AWS/SQS', MetricName: 'NumberOfMessagesSent', Dimensions: [{ Name: 'QueueName', Value: 'upscale-jobs' }] },
        Period: 60,
        Stat: 'Sum',
      },
    });
    expect(queries).toContainEqual({
      Id: 'age_p0_q0',
      ReturnData: true,
      MetricStat: {
        Metric: { Namespace: 'AWS/SQS', MetricName: 'ApproximateAgeOfOldestMessage', Dimensions: [{ Name: 'QueueName', Value: 'render-jobs' }] },
        Period: 60,
        Stat: 'Maximum',
      },
    });
  });

  it('processing time uses the configured metric', () => {
    const query = onlyRegion(scalerConfig([poolConfig('render')])).queries.find((entry) => entry.Id === 'processing_p0');

    expect(query?.MetricStat).toEqual({
      Metric: { Namespace: 'GpuWorkers', MetricName: 'ImageProcessingSeconds', Dimensions: [{ Name: 'Fleet', Value: 'render' }] },
      Period: 60,
      Stat: 'p50',
    });
  });

  it.each([
    { name: 'no namespace', processing: { namespace: undefined } },
    { name: 'no metric name', processing: { metricName: undefined } },
  ])('processing time not configured: $name', ({ processing }) => {
    const base = poolConfig('render');
    const pool = poolConfig('render', { processingTime: { ...base.processingTime, ...processing } });

    expect(refsOfKind(onlyRegion(scalerConfig([pool])).index, 'processing')).toHaveLength(0);
  });

  it("scaler's own metrics read the pool dimension", () => {
    const query = onlyRegion(scalerConfig([poolConfig('render')])).queries.find((entry) => entry.Id === 'recommended_p0');

    expect(query?.MetricStat).toEqual({
      Metric: { Namespace: METRICS_NAMESPACE, MetricName: 'RecommendedWorkers', Dimensions: [{ Name: 'Pool', Value: 'render' }] },
      Period: 60,
      Stat: 'Maximum',
    });
  });

  it('series go to their own regions', () => {
    const regions = buildMetricQueries(scalerConfig([THREE_REGION_POOL]), NOW_MS, HOME_REGION);
    const kinds = (region: string) => [...(regions.get(region)?.index.values() ?? [])].map((ref) => ref.kind).sort();

    expect(kinds('eu-west-1')).toEqual(['arrivals', 'oldestAge']);
    expect(kinds('eu-central-1')).toEqual(['processing']);
    expect(kinds(HOME_REGION)).toEqual(['queueWork', 'recommendations']);
  });

  it('cross-account queue: its SQS series under its role', () => {
    const pool = poolConfig('partner', { queues: [{ ...EU_QUEUE, roleArn: PARTNER_ROLE }, RENDER_QUEUE] });
    const groups = buildMetricQueries(scalerConfig([pool]), NOW_MS, HOME_REGION);
    const partner = groups.get(metricGroupKey('eu-west-1', PARTNER_ROLE));
    const kinds = (key: string) => [...(groups.get(key)?.index.values() ?? [])].map((ref) => ref.kind).sort();

    expect([...groups.keys()].sort()).toEqual([`eu-west-1|${PARTNER_ROLE}`, HOME_REGION].sort());
    expect(partner?.roleArn).toBe(PARTNER_ROLE);
    expect(partner?.region).toBe('eu-west-1');
    expect(kinds(`eu-west-1|${PARTNER_ROLE}`)).toEqual(['arrivals', 'oldestAge']);
    expect(groups.get(HOME_REGION)?.roleArn).toBeUndefined();
    expect(kinds(HOME_REGION)).toEqual(['arrivals', 'oldestAge', 'processing', 'queueWork', 'recommendations']);
  });

  it('index maps SQS series to their queue', () => {
    const regions = buildMetricQueries(scalerConfig([THREE_REGION_POOL]), NOW_MS, HOME_REGION);

    expect(regions.get('eu-west-1')?.index.get('arrivals_p0_q0')).toMatchObject({ pool: 'eu-render', kind: 'arrivals', queueUrl: EU_QUEUE.url });
  });
});

describe('buildMetricDataRequests', () => {
  it('one request up to 500 queries', () => {
    const [request, ...rest] = buildMetricDataRequests(onlyRegion());

    expect(rest).toHaveLength(0);
    expect(request?.MetricDataQueries).toHaveLength(50);
    expect(request?.EndTime).toEqual(new Date(LAST_COMPLETE_MINUTE_END_MS));
    expect(request?.StartTime).toEqual(new Date(LAST_COMPLETE_MINUTE_END_MS - 15 * MINUTE));
    expect(request?.ScanBy).toBe('TimestampAscending');
  });

  it('splits past 500 queries', () => {
    // 101 pools of 5 series each: 505 queries.
    const config = scalerConfig(Array.from({ length: 101 }, (_, i) => poolConfig(`pool${i}`)));

    const requests = buildMetricDataRequests(onlyRegion(config));

    expect(requests.map((request) => request.MetricDataQueries?.length)).toEqual([MAX_QUERIES_PER_REQUEST, 5]);
    expect(requests[1]?.EndTime).toEqual(requests[0]?.EndTime);
  });
});
