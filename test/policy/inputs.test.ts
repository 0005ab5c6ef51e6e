import { describe, expect, it } from 'vitest';

import { orderedWorkers, readCapacity, readQueueCounts, resolveBounds, sumQueueCounts } from '../../src/policy/inputs.js';
import type { CapacityObservation, QueueObservation } from '../../src/policy/types.js';
import { buildPool, QUEUE_URL } from './builders.js';

function queue(counts: Partial<QueueObservation>): QueueObservation {
  return { url: QUEUE_URL, visible: 0, inFlight: 0, delayed: 0, arrivalsPerMinute: [0], oldestAgeSeconds: undefined, ...counts };
}

function capacity(overrides: Partial<CapacityObservation>): CapacityObservation {
  return { desired: 2, inService: 2, pending: 0, min: undefined, max: undefined, protectedFromScaleIn: 0, deploymentInProgress: false, ...overrides };
}

describe('sumQueueCounts', () => {
  it('sums queues and takes the oldest age', () => {
    const totals = sumQueueCounts([queue({ visible: 5, inFlight: 2, oldestAgeSeconds: 40 }), queue({ visible: 1, delayed: 3, oldestAgeSeconds: 90 })]);

    expect(totals).toEqual({ visible: 6, inFlight: 2, delayed: 3, oldestAgeSeconds: 90, missingCounts: [] });
  });

  it.each([
    { name: 'undefined', value: undefined },
    { name: 'NaN', value: Number.NaN },
    { name: 'negative', value: -2 },
  ])('marks a $name count missing', ({ value }) => {
    const totals = sumQueueCounts([queue({ visible: 4 }), queue({ visible: value })]);

    expect(totals.visible).toBe(4);
    expect(totals.missingCounts).toEqual(['visible']);
  });
});

describe('readCapacity', () => {
  it.each([
    { name: 'failed read', observed: undefined },
    { name: 'NaN desired', observed: capacity({ desired: Number.NaN }) },
    { name: 'negative desired', observed: capacity({ desired: -1 }) },
    { name: 'string desired', observed: capacity({ desired: '4' as unknown as number }) },
  ])('unknown for $name', ({ observed }) => {
    expect(readCapacity(observed)).toBeUndefined();
  });

  it('reads the counts', () => {
    expect(readCapacity(capacity({ desired: 6, inService: 4, pending: 2, protectedFromScaleIn: 1 }))).toEqual({
      desired: 6,
      inService: 4,
      pending: 2,
      protectedFromScaleIn: 1,
      deploymentInProgress: false,
      missing: [],
    });
  });

  it.each([
    { name: 'negative pending', observed: capacity({ pending: -1 }), missing: ['pending workers'] },
    { name: 'NaN in service', observed: capacity({ inService: Number.NaN }), missing: ['workers in service'] },
    { name: 'both Infinity', observed: capacity({ inService: Infinity, pending: Infinity }), missing: ['workers in service', 'pending workers'] },
  ])('$name keeps desired, lists the count', ({ observed, missing }) => {
    const counts = readCapacity(observed);

    expect(counts?.desired).toBe(2);
    expect(counts?.missing).toEqual(missing);
  });

  it.each([
    { name: 'NaN', value: Number.NaN },
    { name: 'negative', value: -1 },
  ])('protected count $name is unknown', ({ value }) => {
    expect(readCapacity(capacity({ protectedFromScaleIn: value }))?.protectedFromScaleIn).toBeUndefined();
  });

  it('deployment flag that is not a boolean counts as rolling', () => {
    expect(readCapacity(capacity({ deploymentInProgress: 'no' as unknown as boolean }))?.deploymentInProgress).toBe(true);
  });
});

describe('orderedWorkers', () => {
  const counts = (inService: number | undefined, pending: number | undefined) => ({
    desired: 6,
    inService,
    pending,
    protectedFromScaleIn: 0,
    deploymentInProgress: false,
    missing: [],
  });

  it.each([
    { name: 'both known', inService: 4, pending: 1, expected: { inService: 4, pending: 1 } },
    { name: 'pending unknown', inService: 4, pending: undefined, expected: { inService: 4, pending: 2 } },
    { name: 'in service unknown', inService: undefined, pending: 1, expected: { inService: 5, pending: 1 } },
    { name: 'both unknown', inService: undefined, pending: undefined, expected: { inService: 6, pending: 0 } },
  ])('$name', ({ inService, pending, expected }) => {
    expect(orderedWorkers(counts(inService, pending))).toEqual(expected);
  });

  it('no capacity: none ordered', () => {
    expect(orderedWorkers(undefined)).toEqual({ inService: 0, pending: 0 });
  });
});

describe('readQueueCounts', () => {
  it.each([
    { name: 'negative age (in the future)', age: -30 },
    { name: 'NaN age', age: Number.NaN },
    { name: 'Infinity age', age: Number.POSITIVE_INFINITY },
  ])('$name is unusable, not 0', ({ age }) => {
    const counts = readQueueCounts(queue({ oldestAgeSeconds: age }));

    expect(counts.ageUnusable).toBe(true);
    expect(counts.oldestAgeSeconds).toBeUndefined();
  });

  it('absent age is not a broken reading', () => {
    expect(readQueueCounts(queue({ oldestAgeSeconds: undefined })).ageUnusable).toBe(false);
  });

  it.each([
    { name: 'string', value: '5' as unknown as number },
    { name: 'Infinity', value: Number.POSITIVE_INFINITY },
    { name: 'above the safe integer range', value: 2 ** 60 },
  ])('count that is a $name is missing', ({ value }) => {
    const counts = readQueueCounts(queue({ inFlight: value }));

    expect(counts.inFlight).toBe(0);
    expect(counts.missingCounts).toEqual(['inFlight']);
  });
});

describe('resolveBounds', () => {
  const limits = buildPool({ min: 1, max: 20 }).limits;

  it.each([
    { name: 'no target bounds', observed: capacity({}), bounds: { min: 1, max: 20 } },
    { name: 'target narrower', observed: capacity({ min: 2, max: 12 }), bounds: { min: 2, max: 12 } },
    { name: 'target wider', observed: capacity({ min: 0, max: 50 }), bounds: { min: 1, max: 20 } },
    { name: 'target entirely below', observed: capacity({ min: 0, max: 0 }), bounds: { min: 0, max: 0 } },
    { name: 'target entirely above', observed: capacity({ min: 30, max: 40 }), bounds: { min: 30, max: 30 } },
    { name: 'unknown capacity', observed: undefined, bounds: { min: 1, max: 20 } },
    { name: 'NaN target max', observed: capacity({ max: Number.NaN }), bounds: { min: 1, max: 20 } },
    { name: 'fractional target bounds', observed: capacity({ min: 1.5, max: 12.5 }), bounds: { min: 2, max: 12 } },
  ])('$name', ({ observed, bounds }) => {
    expect(resolveBounds(limits, observed)).toEqual(bounds);
  });
});
