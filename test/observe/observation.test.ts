import { describe, expect, it } from 'vitest';

import type { PoolMetricSeries } from '../../src/observe/metric-results.js';
import { buildObservation, QUEUE_NOT_READ } from '../../src/observe/observation.js';
import type { QueueRead } from '../../src/observe/sqs.js';
import type { CapacityObservation, PoolHistory } from '../../src/policy/types.js';
import { LAST_COMPLETE_MINUTE_END_MS, MINUTE, NOW_MS, poolConfig, RENDER_QUEUE, UPSCALE_QUEUE } from './fixtures.js';

const END = LAST_COMPLETE_MINUTE_END_MS;
/** Start of the minute `n` minutes before the current one. */
const minute = (n: number) => END - n * MINUTE;
/** A tick 5 seconds into that minute, as the in-memory history records it. */
const tick = (n: number) => minute(n) + 5_000;

const POOL = poolConfig('render', { queues: [RENDER_QUEUE, UPSCALE_QUEUE] });

const CAPACITY: CapacityObservation = {
  desired: 4,
  inService: 3,
  pending: 1,
  min: 0,
  max: 20,
  protectedFromScaleIn: 0,
  deploymentInProgress: false,
};

const QUEUE_READS = new Map<string, QueueRead>([
  [RENDER_QUEUE.url, { ok: true, visible: 240, inFlight: 3, delayed: 0 }],
  [UPSCALE_QUEUE.url, { ok: false, error: { code: 'QueueDoesNotExist', message: 'The specified queue does not exist.' } }],
]);

function series(overrides: Partial<PoolMetricSeries> = {}): PoolMetricSeries {
  return {
    queues: new Map([
      [
        RENDER_QUEUE.url,
        {
          arrivals: [{ atMs: minute(2), value: 60 }, { atMs: minute(1), value: 90 }],
          oldestAge: [{ atMs: minute(2), value: 40 }, { atMs: minute(1), value: 70 }],
        },
      ],
      [UPSCALE_QUEUE.url, { arrivals: undefined, oldestAge: undefined }],
    ]),
    processingSeconds: [{ atMs: minute(1), value: 2.5 }],
    recommendations: [],
    queueWork: [],
    partialData: [],
    ...overrides,
  };
}

const MEMORY: PoolHistory = {
  recommendations: [{ atMs: tick(2), workers: 6 }, { atMs: tick(0), workers: 4 }],
  queueWork: [{ atMs: tick(1), messages: 0 }],
  lastGoodProcessingSeconds: 2.8,
};

function observe(metricSeries: PoolMetricSeries | undefined) {
  return buildObservation(POOL, NOW_MS, QUEUE_READS, metricSeries, CAPACITY, MEMORY);
}

describe('buildObservation', () => {
  it('merges queue counts and series', () => {
    expect(observe(series()).queues[0]).toEqual({
      url: RENDER_QUEUE.url,
      visible: 240,
      inFlight: 3,
      delayed: 0,
      arrivalsPerMinute: [60, 90],
      oldestAgeSeconds: 70,
    });
  });

  it('failed queue read: counts unknown with code', () => {
    expect(observe(series()).queues[1]).toEqual({
      url: UPSCALE_QUEUE.url,
      visible: undefined,
      inFlight: undefined,
      delayed: undefined,
      arrivalsPerMinute: undefined,
      oldestAgeSeconds: undefined,
      error: 'QueueDoesNotExist',
    });
  });

  it('queue missing from reads: not read', () => {
    const observation = buildObservation(POOL, NOW_MS, new Map(), series(), CAPACITY, MEMORY);

    expect(observation.queues[0]?.visible).toBeUndefined();
    expect(observation.queues[0]?.error).toBe(QUEUE_NOT_READ);
  });

  it('processing seconds per minute', () => {
    expect(observe(series()).processingSeconds).toEqual([2.5]);
  });

  it('unknown processing time is empty', () => {
    expect(observe(series({ processingSeconds: undefined })).processingSeconds).toEqual([]);
  });

  it('failed capacity read is undefined', () => {
    const throttled = { ok: false as const, error: { code: 'Throttling', message: 'Rate exceeded' } };

    const observation = buildObservation(POOL, NOW_MS, QUEUE_READS, series(), throttled, MEMORY);

    expect(observation.capacity).toBeUndefined();
  });

  it('keeps capacity and tick fields', () => {
    const observation = observe(series());

    expect(observation.capacity).toEqual(CAPACITY);
    expect(observation.pool).toBe('render');
    expect(observation.nowMs).toBe(NOW_MS);
  });

  it('history: union by minute, maximum wins', () => {
    const readBack = [
      { atMs: minute(3), value: 8 },
      { atMs: minute(2), value: 5 },
      { atMs: minute(1), value: 3 },
    ];

    const history = observe(series({ recommendations: readBack })).history;

    expect(history.recommendations).toEqual([
      { atMs: minute(3), workers: 8 },
      { atMs: tick(2), workers: 6 },
      { atMs: minute(1), workers: 3 },
      { atMs: tick(0), workers: 4 },
    ]);
  });

  it('history: read-back higher than memory', () => {
    const history = observe(series({ recommendations: [{ atMs: minute(2), value: 9 }] })).history;

    expect(history.recommendations[0]).toEqual({ atMs: tick(2), workers: 9 });
  });

  it('queue work: union by minute', () => {
    const history = observe(series({ queueWork: [{ atMs: minute(2), value: 0 }, { atMs: minute(1), value: 12 }] })).history;

    expect(history.queueWork).toEqual([
      { atMs: minute(2), messages: 0 },
      { atMs: tick(1), messages: 12 },
    ]);
  });

  it('cold start: read-back only', () => {
    const readBack = series({ recommendations: [{ atMs: minute(1), value: 7 }] });

    const history = buildObservation(POOL, NOW_MS, QUEUE_READS, readBack, CAPACITY, undefined).history;

    expect(history.recommendations).toEqual([{ atMs: minute(1), workers: 7 }]);
    expect(history.lastGoodProcessingSeconds).toBeUndefined();
  });

  it('keeps last good processing time', () => {
    expect(observe(series()).history.lastGoodProcessingSeconds).toBe(2.8);
  });

  it.each([
    { name: 'both read', overrides: {}, expected: undefined },
    { name: 'recommendations unread', overrides: { recommendations: undefined }, expected: true },
    { name: 'queue work unread', overrides: { queueWork: undefined }, expected: true },
  ])('read-back failure flag: $name', ({ overrides, expected }) => {
    expect(observe(series(overrides)).history.readBackFailed).toBe(expected);
  });

  it('no metric series: memory only, flagged', () => {
    const observation = observe(undefined);

    expect(observation.history.recommendations).toEqual(MEMORY.recommendations);
    expect(observation.history.readBackFailed).toBe(true);
    expect(observation.queues[0]?.arrivalsPerMinute).toBeUndefined();
  });
});
