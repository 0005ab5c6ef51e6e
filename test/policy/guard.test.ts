import { describe, expect, it } from 'vitest';

import { decide } from '../../src/policy/decide.js';
import { assertUsableConfig, guardDecision } from '../../src/policy/guard.js';
import type { Decision } from '../../src/policy/types.js';
import { buildObservation, buildPool, queueConfig } from './builders.js';

const LIMITS = { maxStepUp: 3 };

/** Decides for the default pool with 300 visible and desired 2, which gives a valid decision of 5 workers. */
function validDecision(): Decision {
  return decide(buildPool({ max: 20 }), buildObservation({ visible: 300, desired: 2 }));
}

describe('guardDecision', () => {
  it('passes a valid decision through', () => {
    const decision = validDecision();

    expect(guardDecision(decision, LIMITS)).toBe(decision);
  });

  it.each([
    { name: 'NaN desired', changes: { desired: Number.NaN } },
    { name: 'Infinity recommendation', changes: { recommendation: Number.POSITIVE_INFINITY } },
    { name: 'fractional desired', changes: { desired: 4.5 } },
    { name: 'desired above max', changes: { desired: 21 } },
    { name: 'NaN raw', changes: { raw: Number.NaN } },
  ])('$name: holds current', ({ changes }) => {
    const guarded = guardDecision({ ...validDecision(), ...changes }, LIMITS);

    expect(guarded.desired).toBe(2);
    expect(guarded.recommendation).toBe(2);
    expect(Number.isInteger(guarded.raw)).toBe(true);
    expect(guarded.reasons.at(-1)?.code).toBe('InvalidResultHeld');
  });

  it('current unknown: min', () => {
    const inputs = { ...validDecision().inputs, visible: 0, min: 1 };
    const guarded = guardDecision({ ...validDecision(), current: undefined, desired: Number.NaN, inputs }, LIMITS);

    expect(guarded.desired).toBe(1);
    expect(guarded.reasons.at(-1)?.message).toBe(
      'The formula returned NaN, not a worker count, and the current count is unknown: set to 1 worker, the minimum raised to what the queued images alone need.',
    );
  });

  it('current above max: cut to max', () => {
    const guarded = guardDecision({ ...validDecision(), current: 50, desired: Number.NaN }, LIMITS);

    expect(guarded.desired).toBe(20);
  });

  it.each([
    { name: 'current 0, images visible', current: 0, visible: 300, inFlight: 0, expected: 1 },
    { name: 'current unknown, 7 in flight', current: undefined, visible: 0, inFlight: 7, expected: 7 },
    { name: 'current 2, 7 in flight, step up 3', current: 2, visible: 0, inFlight: 7, expected: 5 },
  ])('never zero while work waits: $name', ({ current, visible, inFlight, expected }) => {
    const inputs = { ...validDecision().inputs, visible, inFlight };
    const guarded = guardDecision({ ...validDecision(), current, desired: Number.NaN, inputs }, LIMITS);

    expect(guarded.desired).toBe(expected);
  });
});

describe('assertUsableConfig', () => {
  it.each([
    { name: 'fractional max', pool: { ...buildPool(), limits: { ...buildPool().limits, max: 2.5 } }, field: /limits 0\.\.2\.5/ },
    { name: 'zero step', pool: { ...buildPool(), limits: { ...buildPool().limits, maxStepDown: 0 } }, field: /limits step/ },
    { name: 'queue SLA of 0 s', pool: buildPool({ queues: [queueConfig('a', { sla: { seconds: 0, percentile: 95 } })] }), field: /queues\[0\]\.sla\.seconds 0/ },
    { name: 'zero message groups', pool: buildPool({ queues: [queueConfig('a.fifo', { messageGroups: 0 })] }), field: /queues\[0\]\.messageGroups 0/ },
    { name: 'negative fallback', pool: buildPool({ fallback: { workers: -1, afterFailedTicks: 3 } }), field: /fallback -1 workers/ },
  ])('rejects $name', ({ pool, field }) => {
    expect(() => assertUsableConfig(pool)).toThrow(field);
  });
});
