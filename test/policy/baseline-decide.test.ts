import { describe, expect, it } from 'vitest';

import type { PolicyConfig } from '../../src/config/types.js';
import { rememberDecision } from '../../src/history.js';
import { decide } from '../../src/policy/decide.js';
import type { PoolHistory } from '../../src/policy/types.js';
import type { HistoryStore } from '../../src/tick-types.js';
import { buildObservation, buildPool, MINUTE_MS, NOW_MS, type ObservationOptions } from './builders.js';

const QUEUE_LENGTH: PolicyConfig = {
  name: 'queueLength',
  queueLength: 60,
  activationQueueLength: 0,
  scaleOnInFlight: true,
  scaleOnDelayed: false,
  tolerance: 0.1,
  scaleDownStabilizationSeconds: 300,
  cooldownSeconds: 300,
};

const BACKLOG_PER_INSTANCE: PolicyConfig = {
  name: 'backlogPerInstance',
  acceptableLatencySeconds: 180,
  processingSeconds: 3,
  scaleOutDatapoints: 3,
  scaleInDatapoints: 15,
  scaleInRatio: 0.9,
};

function decideWith(policy: PolicyConfig, options: ObservationOptions, pool = {}) {
  return decide({ ...buildPool(pool), policy }, buildObservation(options));
}

describe('baseline policy dispatch', () => {
  it('queueLength: takes the HPA count', () => {
    const decision = decideWith(QUEUE_LENGTH, { visible: 300, desired: 1 });
    expect(decision.desired).toBe(5);
    expect(decision.baseline?.policy).toBe('queueLength');
    expect(decision.baseline?.workers).toBe(5);
    expect(decision.reasons[0]?.code).toBe('BaselinePolicy');
    expect(decision.reasons[0]?.message).toContain('queueLength computes 5 workers');
  });

  it('queueLength: state is kept for the next tick', () => {
    const decision = decideWith(QUEUE_LENGTH, { visible: 300, desired: 1 });
    const state = decision.baseline?.state.state as { recommendations: Array<{ replicas: number }> };
    expect(state.recommendations.map((entry) => entry.replicas)).toEqual([5]);
  });

  it('backlogPerInstance: scales out after three datapoints', () => {
    let history: Partial<PoolHistory> = {};
    const desired: number[] = [];
    for (let minute = 0; minute < 3; minute += 1) {
      const decision = decideWith(BACKLOG_PER_INSTANCE, { nowMs: NOW_MS + minute * MINUTE_MS, visible: 600, desired: 2, history });
      desired.push(decision.desired);
      history = { baselineState: decision.baseline?.state };
    }
    expect(desired).toEqual([2, 2, 10]);
  });

  it('state of another policy starts fresh', () => {
    const history = { baselineState: { policy: 'queueLength' as const, state: { recommendations: [{ atMs: NOW_MS, replicas: 9 }], lastActiveMs: NOW_MS } } };
    const decision = decideWith(BACKLOG_PER_INSTANCE, { visible: 600, desired: 2, history });
    const state = decision.baseline?.state.state as { datapoints: unknown[] };
    expect(decision.baseline?.state.policy).toBe('backlogPerInstance');
    expect(state.datapoints).toHaveLength(1);
  });

  it('static: in-flight floor applies', () => {
    const decision = decideWith({ name: 'static', workers: 0 }, { inFlight: 3, desired: 3 }, { scaleInProtection: true });
    expect(decision.desired).toBe(3);
    expect(decision.reasons.map((reason) => reason.code)).toContain('InFlightFloor');
  });

  it('static: no zero while work waits', () => {
    const decision = decideWith({ name: 'static', workers: 0 }, { visible: 5, desired: 0 });
    expect(decision.desired).toBe(1);
    expect(decision.reasons.map((reason) => reason.code)).toContain('WorkWaitingFloor');
  });

  it('static: missing data never shrinks', () => {
    const decision = decideWith({ name: 'static', workers: 1 }, { visible: undefined, desired: 5 });
    expect(decision.desired).toBe(5);
    expect(decision.reasons.map((reason) => reason.code)).toContain('HoldOnMissingData');
  });

  it('static: target bounds apply', () => {
    const decision = decideWith({ name: 'static', workers: 1 }, { desired: 4, targetMin: 3 });
    expect(decision.desired).toBe(3);
    expect(decision.inputs.min).toBe(3);
  });

  it('static: step limit applies', () => {
    const decision = decideWith({ name: 'static', workers: 40 }, { desired: 4 }, { maxStepUp: 10 });
    expect(decision.desired).toBe(14);
    expect(decision.reasons.map((reason) => reason.code)).toContain('StepLimitedUp');
  });

  it('static: no formula stabilization on scale-in', () => {
    const history = { recommendations: [{ atMs: NOW_MS - MINUTE_MS, workers: 8 }] };
    const decision = decideWith({ name: 'static', workers: 2 }, { desired: 8, history });
    expect(decision.desired).toBe(2);
  });
});

describe('rememberDecision with a baseline', () => {
  it('stores the baseline state', () => {
    const store: HistoryStore = new Map();
    const pool = { ...buildPool(), policy: QUEUE_LENGTH };
    const observation = buildObservation({ visible: 300, desired: 1 });
    const next = rememberDecision(store, pool, observation, decide(pool, observation));
    expect(next.baselineState?.policy).toBe('queueLength');
    expect(store.get('render')?.baselineState).toEqual(next.baselineState);
  });
});
