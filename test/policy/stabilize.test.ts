import { describe, expect, it } from 'vitest';

import { settleDesired, stabilizationWindowMax, type SettleInput } from '../../src/policy/stabilize.js';
import { buildPool, NOW_MS, recommendationsAgo } from './builders.js';

function settle(overrides: Partial<SettleInput>) {
  return settleDesired({
    raw: 0,
    current: 0,
    bounds: { min: 0, max: 20 },
    limits: buildPool({ stabilizationSeconds: 300, maxStepUp: 10, maxStepDown: 4 }).limits,
    history: { recommendations: [] },
    nowMs: NOW_MS,
    holdAtCurrent: false,
    zeroAllowed: false,
    ...overrides,
  });
}

describe('stabilizationWindowMax', () => {
  it.each([
    { name: 'inside the window', entries: [[60, 7]] as Array<[number, number]>, expected: 7 },
    { name: 'on the window edge', entries: [[300, 9]] as Array<[number, number]>, expected: 9 },
    { name: 'older than the window', entries: [[301, 9]] as Array<[number, number]>, expected: 2 },
    { name: 'in the future', entries: [[-60, 9]] as Array<[number, number]>, expected: 2 },
    { name: 'NaN entry', entries: [[60, Number.NaN]] as Array<[number, number]>, expected: 2 },
  ])('$name', ({ entries, expected }) => {
    const history = { recommendations: recommendationsAgo(entries) };

    expect(stabilizationWindowMax(history, NOW_MS, 300, 2)).toBe(expected);
  });
});

describe('settleDesired', () => {
  it('scale-in held by the window', () => {
    const result = settle({ raw: 2, current: 8, history: { recommendations: recommendationsAgo([[120, 6], [240, 5]]) } });

    expect(result.recommendation).toBe(2);
    expect(result.desired).toBe(6);
    expect(result.clamps).toEqual([{ code: 'ScaleInStabilized', before: 2, after: 6 }]);
  });

  it('scale-in after the window passes', () => {
    const result = settle({ raw: 2, current: 3, history: { recommendations: recommendationsAgo([[400, 6]]) } });

    expect(result.desired).toBe(2);
    expect(result.clamps).toEqual([]);
  });

  it('window never raises above current', () => {
    const result = settle({ raw: 2, current: 4, history: { recommendations: recommendationsAgo([[60, 12]]) } });

    expect(result.desired).toBe(4);
  });

  it('scale-out ignores the window', () => {
    const result = settle({ raw: 9, current: 5, history: { recommendations: recommendationsAgo([[60, 2]]) } });

    expect(result.desired).toBe(9);
  });

  it.each([
    { name: 'up', raw: 19, current: 2, desired: 12, code: 'StepLimitedUp' },
    { name: 'down', raw: 1, current: 12, desired: 8, code: 'StepLimitedDown' },
  ])('step limit $name', ({ raw, current, desired, code }) => {
    const result = settle({ raw, current });

    expect(result.desired).toBe(desired);
    expect(result.clamps).toEqual([{ code, before: raw, after: desired }]);
  });

  it.each([
    { name: 'capped at max', raw: 35, current: 20, recommendation: 20, code: 'CappedAtMax' },
    { name: 'held at min', raw: 1, current: 3, recommendation: 3, code: 'HeldAtMin' },
  ])('recommendation $name', ({ raw, current, recommendation, code }) => {
    const result = settle({ raw, current, bounds: { min: 3, max: 20 } });

    expect(result.recommendation).toBe(recommendation);
    expect(result.desired).toBe(recommendation);
    expect(result.clamps[0]).toEqual({ code, before: raw, after: recommendation });
  });

  it('bounds win over a current count above max', () => {
    const result = settle({ raw: 5, current: 50, bounds: { min: 0, max: 20 } });

    expect(result.desired).toBe(20);
    expect(result.clamps.map((clamp) => clamp.code)).toEqual(['StepLimitedDown', 'CappedAtMax']);
  });

  it('missing data holds at current', () => {
    const result = settle({ raw: 1, current: 6, holdAtCurrent: true });

    expect(result.desired).toBe(6);
    expect(result.clamps.at(-1)).toEqual({ code: 'HoldOnMissingData', before: 2, after: 6 });
  });

  it('missing data still lets it grow', () => {
    const result = settle({ raw: 9, current: 6, holdAtCurrent: true });

    expect(result.desired).toBe(9);
  });

  it.each([
    { name: 'idle window not elapsed', zeroAllowed: false, current: 3, desired: 1 },
    { name: 'idle window elapsed', zeroAllowed: true, current: 3, desired: 0 },
    { name: 'already at zero', zeroAllowed: false, current: 0, desired: 0 },
    { name: 'current unknown', zeroAllowed: false, current: undefined, desired: 1 },
  ])('zero: $name', ({ zeroAllowed, current, desired }) => {
    const result = settle({ raw: 0, current, zeroAllowed });

    expect(result.desired).toBe(desired);
  });

  it('min above zero wins over an elapsed idle window', () => {
    const result = settle({ raw: 0, current: 3, zeroAllowed: true, bounds: { min: 2, max: 20 } });

    expect(result.desired).toBe(2);
  });

  it('unknown current: recommendation stands', () => {
    const result = settle({ raw: 7, current: undefined, history: { recommendations: recommendationsAgo([[60, 12]]) } });

    expect(result.desired).toBe(7);
    expect(result.clamps).toEqual([]);
  });
});

describe('settleDesired: scale-in floors', () => {
  it.each([
    { name: 'deployment holds at current', floors: [{ code: 'DeploymentInProgress' as const, workers: 8 }], desired: 8 },
    { name: 'floor above current is cut to current', floors: [{ code: 'UnprotectedBusyWorkers' as const, workers: 30 }], desired: 8 },
    { name: 'protected floor below current', floors: [{ code: 'ProtectedWorkersFloor' as const, workers: 6 }], desired: 6 },
  ])('$name', ({ floors, desired }) => {
    const result = settle({ raw: 2, current: 8, scaleInFloors: floors, limits: buildPool({ maxStepDown: 10 }).limits });

    expect(result.desired).toBe(desired);
    expect(result.clamps.at(-1)?.code).toBe(floors[0]?.code);
  });

  it('first floor that holds at current is the one recorded', () => {
    const floors = [
      { code: 'DeploymentInProgress' as const, workers: 8 },
      { code: 'UnprotectedBusyWorkers' as const, workers: 8 },
    ];
    const result = settle({ raw: 2, current: 8, scaleInFloors: floors, limits: buildPool({ maxStepDown: 10 }).limits });

    expect(result.clamps.map((clamp) => clamp.code)).toEqual(['DeploymentInProgress']);
  });

  it('floors never grow the pool', () => {
    const result = settle({ raw: 9, current: 8, scaleInFloors: [{ code: 'ProtectedWorkersFloor', workers: 12 }] });

    expect(result.desired).toBe(9);
    expect(result.clamps).toEqual([]);
  });
});

describe('settleDesired: fallback floor', () => {
  it('raises before the step limit', () => {
    const result = settle({ raw: 0, current: 0, fallbackFloor: 12 });

    expect(result.desired).toBe(10);
    expect(result.clamps.map((clamp) => clamp.code)).toEqual(['FallbackFloor', 'StepLimitedUp']);
  });

  it('keeps the recommendation for the history', () => {
    const result = settle({ raw: 1, current: 4, fallbackFloor: 3 });

    expect(result.recommendation).toBe(1);
    expect(result.desired).toBe(3);
  });

  it('without current', () => {
    expect(settle({ raw: 0, current: undefined, fallbackFloor: 2 }).desired).toBe(2);
  });
});
