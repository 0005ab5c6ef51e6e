import { describe, expect, it } from 'vitest';

import { decide } from '../../src/policy/decide.js';
import type { Decision, ReasonCode } from '../../src/policy/types.js';
import { buildObservation, buildPool } from './builders.js';

function codes(decision: Decision): ReasonCode[] {
  return decision.reasons.map((reason) => reason.code);
}

const FALLBACK = { workers: 3, afterFailedTicks: 3 };

describe('fallback floor', () => {
  it('applies after enough failed ticks with data missing', () => {
    const observation = buildObservation({ visible: undefined, desired: 1, history: { consecutiveFailedTicks: 3 } });
    const decision = decide(buildPool({ fallback: FALLBACK }), observation);

    expect(decision.desired).toBe(3);
    expect(codes(decision)).toContain('FallbackFloor');
    expect(decision.reasons.find((reason) => reason.code === 'FallbackFloor')?.message).toBe(
      'Data is missing after 3 failed ticks in a row: raised to the fallback floor of 3 workers; 0 requested.',
    );
  });

  it.each([
    { name: 'too few failed ticks', failedTicks: 2, visible: undefined, desired: 1, expected: 1 },
    { name: 'data present again', failedTicks: 5, visible: 0, desired: 0, expected: 0 },
    { name: 'failed-tick count NaN', failedTicks: Number.NaN, visible: undefined, desired: 1, expected: 1 },
  ])('not applied: $name', ({ failedTicks, visible, desired, expected }) => {
    const observation = buildObservation({ visible, desired, history: { consecutiveFailedTicks: failedTicks } });
    const decision = decide(buildPool({ fallback: FALLBACK }), observation);

    expect(decision.desired).toBe(expected);
    expect(codes(decision)).not.toContain('FallbackFloor');
  });

  it('not applied without the config', () => {
    const observation = buildObservation({ visible: undefined, desired: 1, history: { consecutiveFailedTicks: 10 } });

    expect(decide(buildPool(), observation).desired).toBe(1);
  });

  it('clamped to the target max', () => {
    const observation = buildObservation({ visible: undefined, desired: 1, targetMax: 2, history: { consecutiveFailedTicks: 3 } });

    expect(decide(buildPool({ fallback: { workers: 8, afterFailedTicks: 3 } }), observation).desired).toBe(2);
  });

  it('grows no faster than maxStepUp', () => {
    const observation = buildObservation({ visible: undefined, desired: 0, history: { consecutiveFailedTicks: 3 } });
    const decision = decide(buildPool({ fallback: FALLBACK, maxStepUp: 1 }), observation);

    expect(decision.desired).toBe(1);
    expect(codes(decision)).toEqual(expect.arrayContaining(['FallbackFloor', 'StepLimitedUp']));
  });

  it('never lowers a higher hold', () => {
    const observation = buildObservation({ visible: undefined, desired: 9, history: { consecutiveFailedTicks: 3 } });

    expect(decide(buildPool({ fallback: FALLBACK }), observation).desired).toBe(9);
  });

  it('unknown capacity: the floor is the recommendation', () => {
    const observation = buildObservation({ visible: 0, arrivalsPerMinute: undefined, capacity: undefined, history: { consecutiveFailedTicks: 4 } });
    const decision = decide(buildPool({ fallback: FALLBACK }), observation);

    expect(decision.current).toBeUndefined();
    expect(decision.desired).toBe(3);
  });

  it('reported in the inputs', () => {
    const observation = buildObservation({ desired: 1, history: { consecutiveFailedTicks: 2 } });

    expect(decide(buildPool(), observation).inputs.consecutiveFailedTicks).toBe(2);
  });
});
