import { describe, expect, it } from 'vitest';

import { estimateArrivalRate, queueArrivalRate, queueArrivalSpread } from '../../src/policy/arrivals.js';
import type { QueueObservation } from '../../src/policy/types.js';

function queue(arrivalsPerMinute: number[] | undefined): QueueObservation {
  return { url: 'https://sqs.eu-west-1.amazonaws.com/123456789012/q', visible: 0, inFlight: 0, delayed: 0, arrivalsPerMinute, oldestAgeSeconds: undefined };
}

describe('queueArrivalRate', () => {
  it.each([
    { name: 'steady load', minutes: [60, 60, 60, 60, 60], perSecond: 1 },
    { name: 'one-minute burst: median', minutes: [60, 60, 60, 60, 1200], perSecond: 1 },
    { name: 'rise over two minutes: counts at once', minutes: [60, 60, 60, 300, 330], perSecond: 5 },
    { name: 'fall over two minutes: median holds', minutes: [300, 300, 300, 0, 0], perSecond: 5 },
    { name: 'fall over three minutes: counts', minutes: [300, 300, 60, 60, 60], perSecond: 1 },
    { name: 'only the newest five count', minutes: [6000, 6000, 6000, 60, 60, 60, 60, 60], perSecond: 1 },
    { name: 'single minute', minutes: [120], perSecond: 2 },
    { name: 'idle queue', minutes: [0, 0, 0], perSecond: 0 },
  ])('$name', ({ minutes, perSecond }) => {
    expect(queueArrivalRate(minutes)).toBeCloseTo(perSecond, 10);
  });

  it.each([
    { name: 'no datapoints', minutes: undefined },
    { name: 'empty series', minutes: [] as number[] },
    { name: 'only unusable values', minutes: [Number.NaN, -5] },
  ])('is unknown for $name', ({ minutes }) => {
    expect(queueArrivalRate(minutes)).toBeUndefined();
  });

  it('skips NaN and negative minutes', () => {
    expect(queueArrivalRate([60, Number.NaN, 60, -3, 60])).toBeCloseTo(1, 10);
  });

  it.each([
    { name: 'burst still waiting', minutes: [240], waiting: 240, perSecond: 0 },
    { name: 'burst partly served', minutes: [240], waiting: 180, perSecond: 1 },
    { name: 'more waiting than sent', minutes: [240], waiting: 500, perSecond: 0 },
    { name: 'two minutes ignore the backlog', minutes: [240, 240], waiting: 480, perSecond: 4 },
  ])('single minute: $name', ({ minutes, waiting, perSecond }) => {
    expect(queueArrivalRate(minutes, waiting)).toBeCloseTo(perSecond, 10);
  });
});

describe('queueArrivalSpread', () => {
  it.each([
    { name: 'steady', minutes: [60, 60, 60], perSecond: 0 },
    { name: 'two values', minutes: [0, 120], perSecond: Math.sqrt(7200) / 60 },
    { name: 'one minute', minutes: [600], perSecond: 0 },
    { name: 'no datapoints', minutes: undefined, perSecond: 0 },
    { name: 'unusable skipped', minutes: [0, Number.NaN, 120, -1], perSecond: Math.sqrt(7200) / 60 },
  ])('$name', ({ minutes, perSecond }) => {
    expect(queueArrivalSpread(minutes)).toBeCloseTo(perSecond, 10);
  });
});

describe('estimateArrivalRate', () => {
  it('sums the queues', () => {
    const estimate = estimateArrivalRate([queue([60, 60]), queue([120, 120])]);

    expect(estimate).toEqual({ perSecond: 3, knownQueues: 2, unknownQueues: 0 });
  });

  it('counts unknown queues apart', () => {
    const estimate = estimateArrivalRate([queue([60]), queue(undefined)]);

    expect(estimate).toEqual({ perSecond: 1, knownQueues: 1, unknownQueues: 1 });
  });
});
