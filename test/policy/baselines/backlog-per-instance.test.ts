import { describe, expect, it } from 'vitest';

import {
  acceptableBacklogPerInstance,
  backlogPerInstance,
  BACKLOG_PER_INSTANCE_DEFAULTS,
  initialBacklogPerInstanceState,
  type BacklogPerInstanceParams,
  type BacklogPerInstanceState,
} from '../../../src/policy/baselines/index.js';
import { NOW_MS, observation } from './observation.js';

// Target 10 messages per instance: 40 s acceptable latency, 4 s per message.
const PARAMS: BacklogPerInstanceParams = { ...BACKLOG_PER_INSTANCE_DEFAULTS, acceptableLatencySeconds: 40, processingSeconds: 4, concurrency: 1, min: 1, max: 100 };
const MINUTE = 60_000;

/** State holding `count` datapoints of `value`, one per minute, ending a minute before NOW_MS. */
function history(value: number, count: number): BacklogPerInstanceState {
  return { datapoints: Array.from({ length: count }, (_, index) => ({ atMs: NOW_MS - (count - index) * MINUTE, value })) };
}

describe('backlogPerInstance target', () => {
  it('matches the AWS guide example', () => {
    expect(acceptableBacklogPerInstance({ ...PARAMS, acceptableLatencySeconds: 10, processingSeconds: 0.1 })).toBe(100);
  });

  it('grows with concurrency', () => {
    expect(acceptableBacklogPerInstance({ ...PARAMS, concurrency: 4 })).toBe(40);
  });
});

describe('backlogPerInstance scale-out', () => {
  it('waits for three datapoints above target', () => {
    const result = backlogPerInstance(PARAMS, observation({ visible: 100, desired: 2 }), history(50, 1));
    expect(result.desired).toBe(2);
  });

  it('scales out on the third datapoint', () => {
    const result = backlogPerInstance(PARAMS, observation({ visible: 100, desired: 2 }), history(50, 2));
    expect(result.desired).toBe(10);
  });

  it('rounds the new capacity up', () => {
    const result = backlogPerInstance(PARAMS, observation({ visible: 101, desired: 2 }), history(50, 2));
    expect(result.desired).toBe(11);
  });

  it('leaves booting instances out of the metric', () => {
    const result = backlogPerInstance(PARAMS, observation({ visible: 60, desired: 5, inService: 2, pending: 3 }), history(30, 2));
    expect(result.state.datapoints.at(-1)?.value).toBe(30);
    expect(result.desired).toBe(6);
  });

  it('never orders booting capacity twice', () => {
    const result = backlogPerInstance(PARAMS, observation({ visible: 40, desired: 5, inService: 2, pending: 3 }), history(20, 2));
    expect(result.desired).toBe(5);
  });

  it('ignores datapoints with a gap', () => {
    const state = { datapoints: [{ atMs: NOW_MS - 10 * MINUTE, value: 50 }, { atMs: NOW_MS - MINUTE, value: 50 }] };
    expect(backlogPerInstance(PARAMS, observation({ visible: 100, desired: 2 }), state).desired).toBe(2);
  });
});

describe('backlogPerInstance scale-in', () => {
  it('waits for fifteen low datapoints', () => {
    const result = backlogPerInstance(PARAMS, observation({ visible: 10, desired: 8 }), history(1, 13));
    expect(result.desired).toBe(8);
  });

  it('scales in on the fifteenth low datapoint', () => {
    const result = backlogPerInstance(PARAMS, observation({ visible: 16, desired: 8 }), history(2, 14));
    expect(result.desired).toBe(2);
  });

  it('does not scale in within 10 % of the target', () => {
    const result = backlogPerInstance(PARAMS, observation({ visible: 76, desired: 8 }), history(9.5, 14));
    expect(result.desired).toBe(8);
  });

  it('holds at min', () => {
    const result = backlogPerInstance(PARAMS, observation({ visible: 0, desired: 3 }), history(0, 14));
    expect(result.desired).toBe(1);
  });
});

describe('backlogPerInstance missing data', () => {
  it('holds when the queue was not read', () => {
    expect(backlogPerInstance(PARAMS, observation({ visible: undefined, desired: 3 }), initialBacklogPerInstanceState()).desired).toBeUndefined();
  });

  it('holds when the target was not described', () => {
    expect(backlogPerInstance(PARAMS, observation({ visible: 50, capacityKnown: false }), initialBacklogPerInstanceState()).desired).toBeUndefined();
  });
});
