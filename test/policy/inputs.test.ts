import { describe, expect, it } from 'vitest';

import { readCapacity, resolveBounds, sumQueueCounts } from '../../src/policy/inputs.js';
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
    { name: 'negative pending', observed: capacity({ pending: -1 }) },
  ])('unknown for $name', ({ observed }) => {
    expect(readCapacity(observed)).toBeUndefined();
  });

  it('reads the counts', () => {
    expect(readCapacity(capacity({ desired: 6, inService: 4, pending: 2 }))).toEqual({ desired: 6, inService: 4, pending: 2 });
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
  ])('$name', ({ observed, bounds }) => {
    expect(resolveBounds(limits, observed)).toEqual(bounds);
  });
});
