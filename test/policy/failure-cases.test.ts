/**
 * Failure cases from public reports of queue autoscalers, with details replaced. Each states the
 * count plain arithmetic gives; the formula may ask for more, never for less.
 */
import { describe, expect, it } from 'vitest';

import { decide } from '../../src/policy/decide.js';
import type { Decision, ReasonCode } from '../../src/policy/types.js';
import { buildObservation, buildPool, queueConfig, queueObservation, queueWorkHistory } from './builders.js';

function codes(decision: Decision): ReasonCode[] {
  return decision.reasons.map((reason) => reason.code);
}

/** Lists the paths of every number in the decision that is NaN or infinite. */
function nonFiniteNumbers(value: unknown, path = 'decision'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((item, index) => nonFiniteNumbers(item, `${path}[${index}]`));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => nonFiniteNumbers(item, `${path}.${key}`));
  }
  return [];
}

describe('ECS rolling deployment: 20 tasks run, desired 10', () => {
  // V=310, F=10, s=6, T=180: (310 + 10) · 6 / 180 = 10.7, so 11 with plain arithmetic.
  const pool = buildPool({ priorSeconds: 6, slaSeconds: 180 });

  it.each([
    { name: 'primary runs 10', inService: 10 },
    { name: 'running sum reported', inService: 20 },
  ])('compares with desired, not the running sum: $name', ({ inService }) => {
    const observation = buildObservation({ visible: 310, inFlight: 10, desired: 10, inService, deploymentInProgress: true });
    const decision = decide(pool, observation);

    expect(decision.current).toBe(10);
    expect(decision.desired).toBe(11);
  });

  it('no scale-in while the deployment rolls', () => {
    const decision = decide(pool, buildObservation({ visible: 30, desired: 10, deploymentInProgress: true }));

    expect(decision.desired).toBe(10);
    expect(codes(decision)).toContain('DeploymentInProgress');
  });

  it('scale-in once the deployment is steady', () => {
    const decision = decide(pool, buildObservation({ visible: 30, desired: 10, deploymentInProgress: false }));

    expect(decision.desired).toBeLessThan(10);
    expect(codes(decision)).not.toContain('DeploymentInProgress');
  });
});

describe('three idle workers, one busy on a 20-minute image', () => {
  // V=0, F=1, desired 4: one busy worker is all the work needs.
  const observation = (protectedFromScaleIn: number) => buildObservation({ inFlight: 1, desired: 4, inService: 4, protectedFromScaleIn });

  it.each([
    { name: 'protection on, busy worker protected', scaleInProtection: true, protectedWorkers: 1, desired: 1, code: undefined },
    { name: 'protection on, not yet protected', scaleInProtection: true, protectedWorkers: 0, desired: 4, code: 'UnprotectedBusyWorkers' },
    { name: 'protection off', scaleInProtection: false, protectedWorkers: 0, desired: 4, code: 'UnprotectedBusyWorkers' },
    { name: 'protection off, group reports one protected', scaleInProtection: false, protectedWorkers: 1, desired: 4, code: 'UnprotectedBusyWorkers' },
  ])('$name: $desired', ({ scaleInProtection, protectedWorkers, desired, code }) => {
    const pool = buildPool({ priorSeconds: 1200, slaSeconds: 3600, scaleInProtection });
    const decision = decide(pool, observation(protectedWorkers));

    expect(decision.desired).toBe(desired);
    if (code === undefined) expect(codes(decision)).not.toContain('UnprotectedBusyWorkers');
    else expect(codes(decision)).toContain(code);
  });

  it('never below the protected workers', () => {
    const pool = buildPool({ priorSeconds: 1200, slaSeconds: 3600, scaleInProtection: true });
    const decision = decide(pool, observation(2));

    expect(decision.desired).toBe(2);
    expect(codes(decision)).toContain('ProtectedWorkersFloor');
  });

  it('scale-in when nothing is in flight', () => {
    const pool = buildPool({ priorSeconds: 1200, slaSeconds: 3600 });
    const decision = decide(pool, buildObservation({ desired: 4, history: { queueWork: queueWorkHistory(15) } }));

    expect(decision.desired).toBe(0);
  });
});

describe('newest processing-time window empty', () => {
  // V=500, F=8, s=2 (last good), T=120: (500 + 8) · 2 / 120 = 8.5, so 9 with plain arithmetic.
  const pool = buildPool({ priorSeconds: 30, slaSeconds: 120 });

  it.each([
    { name: 'no datapoints', processingSeconds: [] },
    { name: 'NaN statistic', processingSeconds: [Number.NaN] },
    { name: 'zero, negative and Infinity', processingSeconds: [0, -1, Number.POSITIVE_INFINITY] },
  ])('$name: last good 2 s, 9 workers', ({ processingSeconds }) => {
    const observation = buildObservation({ visible: 500, inFlight: 8, desired: 8, processingSeconds, history: { lastGoodProcessingSeconds: 2 } });
    const decision = decide(pool, observation);

    expect(decision.inputs.processingSeconds).toBe(2);
    expect(decision.desired).toBe(9);
    expect(codes(decision)).toContain('ProcessingTimeFromLastGood');
  });
});

describe('processing-time statistic NaN (Sum / SampleCount without samples)', () => {
  it('empty queue still goes to zero after the idle window', () => {
    const observation = buildObservation({ desired: 3, processingSeconds: [Number.NaN], history: { queueWork: queueWorkHistory(15) } });
    const decision = decide(buildPool(), observation);

    expect(decision.desired).toBe(0);
    expect(codes(decision)).toContain('IdleScaleToZero');
  });

  it('V=120, F=3, last good 1.5 s, T=60: 4 workers', () => {
    // (120 + 3) · 1.5 / 60 = 3.1, so 4 with plain arithmetic.
    const observation = buildObservation({ visible: 120, inFlight: 3, desired: 2, processingSeconds: [Number.NaN], history: { lastGoodProcessingSeconds: 1.5 } });
    const decision = decide(buildPool({ slaSeconds: 60 }), observation);

    expect(decision.desired).toBe(4);
    expect(nonFiniteNumbers(decision)).toEqual([]);
  });
});

describe('FIFO queue with 3 message groups', () => {
  // 600 visible, s=6, T=180: 600 · 6 / 180 = 20 workers, but only 3 groups can progress.
  const fifo = (extra = {}) => [queueConfig('render-jobs.fifo', extra)];
  const observation = buildObservation({ queues: [queueObservation(fifo()[0]?.url ?? '', { visible: 600 })], desired: 1 });

  it('capped at the groups, SLA at risk', () => {
    const decision = decide(buildPool({ priorSeconds: 6, queues: fifo({ messageGroups: 3 }) }), observation);

    expect(decision.desired).toBe(3);
    expect(decision.slaAtRisk).toBe(true);
    expect(codes(decision)).toContain('OrderingLimited');
    expect(decision.terms.queues[0]?.workerCap).toBe(3);
  });

  it('two slots per worker: 2 workers hold 3 groups', () => {
    const decision = decide(buildPool({ priorSeconds: 6, concurrency: 2, queues: fifo({ messageGroups: 3 }) }), observation);

    expect(decision.desired).toBe(2);
  });

  it('no cap without messageGroups', () => {
    const decision = decide(buildPool({ priorSeconds: 6, queues: fifo() }), observation);

    expect(decision.desired).toBe(20);
    expect(codes(decision)).not.toContain('OrderingLimited');
  });

  it('enough groups: no cap, no risk', () => {
    const decision = decide(buildPool({ priorSeconds: 6, queues: fifo({ messageGroups: 50 }) }), observation);

    expect(decision.desired).toBe(20);
    expect(decision.slaAtRisk).toBe(false);
  });
});

describe('one pool, an interactive and a bulk queue', () => {
  // Interactive T=60, V=50, F=3; bulk T=1800, V=9000, F=5; s=2:
  // 53 · 2 / 60 + 9005 · 2 / 1800 = 1.77 + 10.01 = 11.8, so 12 with plain arithmetic.
  const interactive = queueConfig('interactive', { region: 'us-east-1', accountId: '210987654321', sla: { seconds: 60, percentile: 95 } });
  const bulk = queueConfig('bulk');
  const pool = buildPool({ priorSeconds: 2, slaSeconds: 1800, queues: [interactive, bulk] });
  const queues = (interactiveCounts = {}) => [
    queueObservation(interactive.url, { visible: 50, inFlight: 3, ...interactiveCounts }),
    queueObservation(bulk.url, { visible: 9000, inFlight: 5 }),
  ];

  it('needs add up per queue SLA: 12', () => {
    const decision = decide(pool, buildObservation({ queues: queues(), desired: 0 }));

    expect(decision.desired).toBe(12);
    expect(decision.terms.queues.map((queue) => queue.slaSeconds)).toEqual([60, 1800]);
  });

  it('interactive queue unread: no scale-in', () => {
    const unread = { visible: undefined, inFlight: undefined, delayed: undefined, error: 'AccessDenied' };
    const decision = decide(pool, buildObservation({ queues: queues(unread), desired: 20 }));

    expect(decision.desired).toBe(20);
    expect(codes(decision)).toContain('HoldOnMissingData');
  });

  it('interactive queue unread: bulk still grows the pool', () => {
    const unread = { visible: undefined, inFlight: undefined, delayed: undefined, error: 'AccessDenied' };
    const decision = decide(pool, buildObservation({ queues: queues(unread), desired: 5 }));

    // The bulk queue alone: 9005 / 900 rounds = 10.01, so 11.
    expect(decision.desired).toBe(11);
  });

  it('configured queue missing from the observation holds', () => {
    const decision = decide(pool, buildObservation({ queues: queues().slice(1), desired: 20 }));

    expect(decision.desired).toBe(20);
    expect(decision.inputs.visible).toBeUndefined();
  });
});
