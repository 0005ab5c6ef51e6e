import { describe, expect, it } from 'vitest';

import { MetricStore } from '../../src/aws/metric-store.js';

const SENT = { namespace: 'AWS/SQS', metricName: 'NumberOfMessagesSent', dimensions: { QueueName: 'sdxl-jobs' } };
const T0 = Date.parse('2026-12-04T10:00:00Z');
const MINUTE = 60_000;

function query(stat: string, period = 60) {
  return {
    Id: 'sent',
    MetricStat: {
      Metric: { Namespace: SENT.namespace, MetricName: SENT.metricName, Dimensions: [{ Name: 'QueueName', Value: 'sdxl-jobs' }] },
      Period: period,
      Stat: stat,
    },
  };
}

function storeWithMinutes(values: number[]): MetricStore {
  const store = new MetricStore();
  values.forEach((value, minute) => store.put(SENT, 'Sum', T0 + minute * MINUTE, value));
  return store;
}

describe('MetricStore', () => {
  it('returns points inside the window only', () => {
    const store = storeWithMinutes([1, 2, 3, 4, 5]);

    const output = store.getMetricData(
      { MetricDataQueries: [query('Sum')], StartTime: new Date(T0 + MINUTE), EndTime: new Date(T0 + 4 * MINUTE) },
      T0 + 10 * MINUTE,
    );

    expect(output.MetricDataResults?.[0]?.Values).toEqual([2, 3, 4]);
    expect(output.MetricDataResults?.[0]?.Timestamps?.map((date) => date.getTime())).toEqual([T0 + MINUTE, T0 + 2 * MINUTE, T0 + 3 * MINUTE]);
  });

  it('hides points not yet ingested', () => {
    const store = new MetricStore();
    store.put(SENT, 'Sum', T0, 7, T0 + 2 * MINUTE);

    const input = { MetricDataQueries: [query('Sum')], StartTime: new Date(T0), EndTime: new Date(T0 + MINUTE) };

    expect(store.getMetricData(input, T0 + MINUTE).MetricDataResults?.[0]?.Values).toEqual([]);
    expect(store.getMetricData(input, T0 + 2 * MINUTE).MetricDataResults?.[0]?.Values).toEqual([7]);
  });

  it('sums minutes into a longer period', () => {
    const store = storeWithMinutes([1, 2, 3, 4]);

    const output = store.getMetricData(
      { MetricDataQueries: [query('Sum', 120)], StartTime: new Date(T0), EndTime: new Date(T0 + 4 * MINUTE) },
      T0 + 10 * MINUTE,
    );

    expect(output.MetricDataResults?.[0]?.Values).toEqual([3, 7]);
  });

  it('keeps statistics apart', () => {
    const store = storeWithMinutes([5]);

    const output = store.getMetricData(
      { MetricDataQueries: [query('Average')], StartTime: new Date(T0), EndTime: new Date(T0 + MINUTE) },
      T0 + MINUTE,
    );

    expect(output.MetricDataResults?.[0]?.Values).toEqual([]);
  });

  it('orders descending on request', () => {
    const store = storeWithMinutes([1, 2, 3]);

    const output = store.getMetricData(
      { MetricDataQueries: [query('Sum')], StartTime: new Date(T0), EndTime: new Date(T0 + 3 * MINUTE), ScanBy: 'TimestampDescending' },
      T0 + 10 * MINUTE,
    );

    expect(output.MetricDataResults?.[0]?.Values).toEqual([3, 2, 1]);
  });

  it('replaces a value stored twice for a minute', () => {
    const store = new MetricStore();
    store.put(SENT, 'Sum', T0 + 5_000, 1);
    store.put(SENT, 'Sum', T0 + 30_000, 9);

    const output = store.getMetricData(
      { MetricDataQueries: [query('Sum')], StartTime: new Date(T0), EndTime: new Date(T0 + MINUTE) },
      T0 + MINUTE,
    );

    expect(output.MetricDataResults?.[0]?.Values).toEqual([9]);
  });
});
