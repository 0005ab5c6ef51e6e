import type { MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';

import type { QueryRef, SeriesKind } from '../../src/observe/metric-queries.js';
import { groupSeriesByPool, parseMetricDataResults } from '../../src/observe/metric-results.js';
import { LAST_COMPLETE_MINUTE_END_MS, MINUTE, poolConfig, RENDER_QUEUE, scalerConfig } from './fixtures.js';

const END = LAST_COMPLETE_MINUTE_END_MS;

/** Minute `n` minutes before the end of the window, as CloudWatch timestamps it. */
const minutesAgo = (n: number) => new Date(END - n * MINUTE);

function ref(kind: SeriesKind, windowMinutes = 10): QueryRef {
  return { pool: 'render', kind, queueUrl: RENDER_QUEUE.url, startMs: END - windowMinutes * MINUTE, endMs: END };
}

function parseSingle(kind: SeriesKind, results: MetricDataResult[], windowMinutes = 10) {
  const parsed = parseMetricDataResults(results, new Map([['series', ref(kind, windowMinutes)]]));
  return parsed.get('series');
}

const THREE_MINUTES: MetricDataResult = {
  Id: 'series',
  StatusCode: 'Complete',
  Timestamps: [minutesAgo(3), minutesAgo(2), minutesAgo(1)],
  Values: [40, 55, 61],
};

const NO_DATAPOINTS: MetricDataResult = { Id: 'series', StatusCode: 'Complete', Timestamps: [], Values: [] };

describe('parseMetricDataResults', () => {
  it('datapoints become epoch-ms series', () => {
    expect(parseSingle('arrivals', [THREE_MINUTES])?.points).toEqual([
      { atMs: END - 3 * MINUTE, value: 40 },
      { atMs: END - 2 * MINUTE, value: 55 },
      { atMs: END - MINUTE, value: 61 },
    ]);
  });

  it('sorts descending datapoints oldest first', () => {
    const descending = { ...THREE_MINUTES, Timestamps: [minutesAgo(1), minutesAgo(3)], Values: [61, 40] };

    expect(parseSingle('arrivals', [descending])?.points?.map((point) => point.value)).toEqual([40, 61]);
  });

  it.each([
    { kind: 'arrivals', expected: undefined },
    { kind: 'oldestAge', expected: undefined },
    { kind: 'processing', expected: [] },
    { kind: 'recommendations', expected: [] },
    { kind: 'queueWork', expected: [] },
  ] as const)('no datapoints: $kind', ({ kind, expected }) => {
    expect(parseSingle(kind, [NO_DATAPOINTS])?.points).toEqual(expected);
  });

  it.each([
    { name: 'NaN', value: Number.NaN },
    { name: 'Infinity', value: Number.POSITIVE_INFINITY },
    { name: 'negative', value: -4 },
  ])('drops $name values', ({ value }) => {
    const result = { ...THREE_MINUTES, Values: [40, value, 61] };

    expect(parseSingle('processing', [result])?.points?.map((point) => point.value)).toEqual([40, 61]);
  });

  it('only invalid values: SQS series unknown', () => {
    const result = { ...THREE_MINUTES, Values: [Number.NaN, -1, Number.NaN] };

    expect(parseSingle('arrivals', [result])?.points).toBeUndefined();
  });

  it('drops datapoints outside the series window', () => {
    const result = { ...THREE_MINUTES, Timestamps: [minutesAgo(8), minutesAgo(4), new Date(END)], Values: [1, 2, 3] };

    expect(parseSingle('oldestAge', [result], 5)?.points).toEqual([{ atMs: END - 4 * MINUTE, value: 2 }]);
  });

  it('mismatched arrays use the shorter one', () => {
    const result = { ...THREE_MINUTES, Values: [40] };

    expect(parseSingle('arrivals', [result])?.points).toEqual([{ atMs: END - 3 * MINUTE, value: 40 }]);
  });

  it('merges one Id across pages', () => {
    const first = { ...THREE_MINUTES, StatusCode: 'PartialData' as const, Timestamps: [minutesAgo(3)], Values: [40] };
    const second = { ...THREE_MINUTES, Timestamps: [minutesAgo(2), minutesAgo(1)], Values: [55, 61] };

    const series = parseSingle('arrivals', [first, second]);

    expect(series?.points).toHaveLength(3);
    expect(series?.partialData).toBe(false);
  });

  it('notes PartialData', () => {
    expect(parseSingle('arrivals', [{ ...THREE_MINUTES, StatusCode: 'PartialData' }])?.partialData).toBe(true);
    expect(parseSingle('arrivals', [THREE_MINUTES])?.partialData).toBe(false);
  });

  it.each(['Forbidden', 'InternalError'] as const)('status %s: series unknown', (status) => {
    expect(parseSingle('processing', [{ ...THREE_MINUTES, StatusCode: status }])?.points).toBeUndefined();
  });

  it('ignores messages', () => {
    const result = { ...THREE_MINUTES, Messages: [{ Code: 'MaxDatapointsExceeded', Value: 'ignored' }] };

    expect(parseSingle('arrivals', [result])?.points).toHaveLength(3);
  });

  it('missing result: series unknown', () => {
    expect(parseSingle('recommendations', [])?.points).toBeUndefined();
  });

  it('ignores results of unknown ids', () => {
    const parsed = parseMetricDataResults([{ ...THREE_MINUTES, Id: 'other' }], new Map([['series', ref('arrivals')]]));

    expect([...parsed.keys()]).toEqual(['series']);
    expect(parsed.get('series')?.points).toBeUndefined();
  });
});

describe('groupSeriesByPool', () => {
  const CONFIG = scalerConfig([poolConfig('render', { queues: [RENDER_QUEUE] })]);

  it('unread series stay unknown', () => {
    const pool = groupSeriesByPool(CONFIG, []).get('render');

    expect(pool?.queues.get(RENDER_QUEUE.url)).toEqual({ arrivals: undefined, oldestAge: undefined });
    expect(pool?.processingSeconds).toBeUndefined();
    expect(pool?.recommendations).toBeUndefined();
    expect(pool?.queueWork).toBeUndefined();
  });

  it('routes each series to its pool field', () => {
    const points = [{ atMs: END - MINUTE, value: 7 }];
    const reads = (['arrivals', 'oldestAge', 'processing', 'recommendations', 'queueWork'] as const).map((kind) => ({
      ref: ref(kind),
      points,
      partialData: kind === 'processing',
    }));

    const pool = groupSeriesByPool(CONFIG, reads).get('render');

    expect(pool?.queues.get(RENDER_QUEUE.url)).toEqual({ arrivals: points, oldestAge: points });
    expect(pool?.processingSeconds).toBe(points);
    expect(pool?.recommendations).toBe(points);
    expect(pool?.queueWork).toBe(points);
    expect(pool?.partialData).toEqual(['processing']);
  });
});
