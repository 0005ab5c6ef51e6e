import { describe, expect, it } from 'vitest';

import { decide } from '../../src/policy/decide.js';
import type { Decision, Observation, ReasonCode } from '../../src/policy/types.js';
import { buildObservation, buildPool, queueWorkHistory } from './builders.js';

function codes(decision: Decision): ReasonCode[] {
  return decision.reasons.map((reason) => reason.code);
}

/** A value a broken reader might pass where a number belongs. */
const NOT_A_NUMBER = '12' as unknown as number;

const BAD_VALUES = [
  { name: 'NaN', value: Number.NaN },
  { name: 'Infinity', value: Number.POSITIVE_INFINITY },
  { name: '-Infinity', value: Number.NEGATIVE_INFINITY },
  { name: 'negative', value: -3 },
  { name: 'a string', value: NOT_A_NUMBER },
  { name: 'undefined', value: undefined },
];

describe('bad queue counts', () => {
  it.each(BAD_VALUES)('visible $name never shrinks and never zeroes', ({ value }) => {
    const decision = decide(buildPool(), buildObservation({ visible: value, desired: 6, history: { queueWork: queueWorkHistory(15) } }));

    expect(decision.desired).toBe(6);
    expect(decision.inputs.visible).toBeUndefined();
    expect(codes(decision)).toContain('HoldOnMissingData');
  });

  it.each(BAD_VALUES)('in flight $name still grows on the visible count', ({ value }) => {
    const decision = decide(buildPool(), buildObservation({ visible: 600, inFlight: value, desired: 6 }));

    expect(decision.desired).toBe(10);
  });
});

describe('bad ages', () => {
  it.each([
    { name: 'in the future (negative)', age: -120 },
    { name: 'NaN', age: Number.NaN },
    { name: 'Infinity', age: Number.POSITIVE_INFINITY },
    { name: 'a string', age: NOT_A_NUMBER },
  ])('$name holds the pool', ({ age }) => {
    const decision = decide(buildPool(), buildObservation({ visible: 30, oldestAgeSeconds: age, desired: 7 }));

    expect(decision.desired).toBe(7);
    expect(decision.inputs.oldestAgeSeconds).toBeUndefined();
    expect(decision.reasons.find((reason) => reason.code === 'HoldOnMissingData')?.message).toContain('oldest message age');
  });

  it('absent age is optional data and lets the pool scale in', () => {
    const decision = decide(buildPool(), buildObservation({ visible: 30, desired: 7 }));

    expect(decision.desired).toBeLessThan(7);
  });
});

describe('bad arrivals', () => {
  it.each([
    { name: 'only NaN', arrivals: [Number.NaN, Number.NaN] },
    { name: 'only negative', arrivals: [-5, -1] },
    { name: 'not a list', arrivals: 'many' as unknown as number[] },
  ])('$name: rate unknown, no scale-in', ({ arrivals }) => {
    const decision = decide(buildPool(), buildObservation({ visible: 3, arrivalsPerMinute: arrivals, desired: 9 }));

    expect(decision.inputs.arrivalRatePerSecond).toBeUndefined();
    expect(decision.desired).toBe(9);
  });

  it('bad minutes are skipped, good ones count', () => {
    const decision = decide(buildPool(), buildObservation({ arrivalsPerMinute: [Number.NaN, 120, -4, 120, Number.POSITIVE_INFINITY], desired: 0 }));

    expect(decision.inputs.arrivalRatePerSecond).toBe(2);
  });
});

describe('bad processing times', () => {
  it('not a list: prior', () => {
    const observation = buildObservation({ visible: 240, processingSeconds: 'slow' as unknown as number[] });

    expect(decide(buildPool({ priorSeconds: 3 }), observation).inputs.processingSeconds).toBe(3);
  });

  it.each([
    { name: 'NaN', lastGood: Number.NaN },
    { name: 'zero', lastGood: 0 },
    { name: 'negative', lastGood: -2 },
  ])('last good $name: prior', ({ lastGood }) => {
    const observation = buildObservation({ visible: 240, history: { lastGoodProcessingSeconds: lastGood } });

    expect(decide(buildPool({ priorSeconds: 3 }), observation).inputs.processingSeconds).toBe(3);
  });
});

describe('bad capacity counts', () => {
  it.each([
    { name: 'pending NaN', pending: Number.NaN, inService: 6 },
    { name: 'in service negative', pending: 0, inService: -1 },
  ])('$name: desired known, no scale-in', ({ pending, inService }) => {
    const decision = decide(buildPool(), buildObservation({ visible: 30, desired: 6, inService, pending }));

    expect(decision.current).toBe(6);
    expect(decision.desired).toBe(6);
    expect(codes(decision)).toContain('HoldOnMissingData');
  });

  it('pending NaN: still grows', () => {
    const decision = decide(buildPool(), buildObservation({ visible: 600, desired: 6, pending: Number.NaN }));

    expect(decision.desired).toBe(10);
    expect(decision.inputs.pending).toBeUndefined();
  });

  it('NaN desired: current unknown, no write can be a scale-in', () => {
    const decision = decide(buildPool(), buildObservation({ visible: 300, desired: Number.NaN }));

    expect(decision.current).toBeUndefined();
    expect(decision.desired).toBe(5);
  });

  it('NaN target max: the configured max applies', () => {
    const decision = decide(buildPool({ max: 8 }), buildObservation({ visible: 1200, desired: 4, targetMax: Number.NaN }));

    expect(decision.inputs.max).toBe(8);
    expect(decision.desired).toBe(8);
  });
});

describe('bad history', () => {
  it('lists that are not lists hold the pool', () => {
    const observation: Observation = {
      ...buildObservation({ visible: 30, desired: 7 }),
      history: { recommendations: null, queueWork: 'x', lastGoodProcessingSeconds: undefined } as unknown as Observation['history'],
    };
    const decision = decide(buildPool(), observation);

    expect(decision.desired).toBe(7);
    expect(codes(decision)).toContain('HoldOnMissingData');
  });

  it('NaN recommendation in the window is skipped', () => {
    const history = { recommendations: [{ atMs: buildObservation().nowMs - 60_000, workers: Number.NaN }] };

    expect(decide(buildPool(), buildObservation({ visible: 30, desired: 7, history })).recommendation).toBe(1);
  });
});

describe('counts too large for the formula', () => {
  it('9e15 visible: max, finite', () => {
    const decision = decide(buildPool({ max: 40 }), buildObservation({ visible: 9e15, desired: 4 }));

    expect(decision.desired).toBe(40);
    expect(decision.slaAtRisk).toBe(true);
  });

  it('processing time that overflows the load: held by the output guard', () => {
    const observation = buildObservation({ visible: 10, arrivalsPerMinute: [6000, 6000], processingSeconds: [1e308, 1e308, 1e308], desired: 4 });
    const decision = decide(buildPool(), observation);

    expect(decision.desired).toBe(4);
    expect(decision.recommendation).toBe(4);
    expect(codes(decision)).toContain('InvalidResultHeld');
  });
});
