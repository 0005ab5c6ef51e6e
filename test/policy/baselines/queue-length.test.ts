import { describe, expect, it } from 'vitest';

import {
  hpaRecommendation,
  initialQueueLengthState,
  queueLength,
  QUEUE_LENGTH_DEFAULTS,
  scaleUpLimit,
  type QueueLengthParams,
} from '../../../src/policy/baselines/index.js';
import { NOW_MS, observation } from './observation.js';

const PARAMS: QueueLengthParams = { ...QUEUE_LENGTH_DEFAULTS, queueLength: 10, min: 0, max: 100 };
const SECOND = 1000;

describe('queueLength HPA rule', () => {
  it.each([
    ['within tolerance above', 105, 10, 10],
    ['within tolerance below', 95, 10, 10],
    ['beyond tolerance', 120, 10, 12],
    ['rounds up', 121, 10, 13],
  ])('%s', (_name, messages, current, expected) => {
    expect(hpaRecommendation(messages, 10, current, 0.1)).toBe(expected);
  });

  it('counts in-flight messages by default', () => {
    const result = queueLength(PARAMS, observation({ visible: 0, inFlight: 30, desired: 1 }), initialQueueLengthState());
    expect(result.desired).toBe(3);
  });

  it('ignores delayed messages by default', () => {
    const result = queueLength(PARAMS, observation({ visible: 10, delayed: 500, desired: 1 }), initialQueueLengthState());
    expect(result.desired).toBe(1);
  });
});

describe('queueLength scale-up limit', () => {
  it('allows four sync periods per tick', () => {
    expect(scaleUpLimit(1, PARAMS)).toBe(40);
  });

  it('caps a large jump', () => {
    const result = queueLength(PARAMS, observation({ visible: 10_000, desired: 1 }), initialQueueLengthState());
    expect(result.desired).toBe(40);
  });
});

describe('queueLength scale-down stabilization', () => {
  const state = { recommendations: [{ atMs: NOW_MS - 240 * SECOND, replicas: 8 }], lastActiveMs: NOW_MS - 60 * SECOND };

  it('keeps the highest recommendation of the window', () => {
    const result = queueLength(PARAMS, observation({ visible: 20, desired: 10 }), state);
    expect(result.desired).toBe(8);
  });

  it('drops recommendations older than 300 s', () => {
    const result = queueLength(PARAMS, observation({ visible: 20, desired: 10, nowMs: NOW_MS + 61 * SECOND }), state);
    expect(result.desired).toBe(2);
  });
});

describe('queueLength scale to zero', () => {
  it('waits for the cooldown', () => {
    const state = { recommendations: [], lastActiveMs: NOW_MS - 200 * SECOND };
    expect(queueLength(PARAMS, observation({ visible: 0, desired: 2 }), state).desired).toBe(1);
  });

  it('goes to zero after the cooldown', () => {
    const state = { recommendations: [], lastActiveMs: NOW_MS - 300 * SECOND };
    expect(queueLength(PARAMS, observation({ visible: 0, desired: 2 }), state).desired).toBe(0);
  });

  it('never goes to zero with min 1', () => {
    const state = { recommendations: [], lastActiveMs: NOW_MS - 3600 * SECOND };
    expect(queueLength({ ...PARAMS, min: 1 }, observation({ visible: 0, desired: 2 }), state).desired).toBe(1);
  });

  it('activates from zero', () => {
    const result = queueLength(PARAMS, observation({ visible: 5, desired: 0 }), initialQueueLengthState());
    expect(result.desired).toBe(1);
    expect(result.state.lastActiveMs).toBe(NOW_MS);
  });
});

describe('queueLength missing data', () => {
  it('holds when in flight is unknown', () => {
    expect(queueLength(PARAMS, observation({ visible: 5, inFlight: undefined, desired: 2 }), initialQueueLengthState()).desired).toBeUndefined();
  });
});
