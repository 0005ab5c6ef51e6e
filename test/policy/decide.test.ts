import { describe, expect, it } from 'vitest';

import { decide } from '../../src/policy/decide.js';
import type { Decision, Observation, PoolHistory, ReasonCode } from '../../src/policy/types.js';
import { buildObservation, buildPool, MINUTE_MS, NOW_MS, queueWorkHistory, recommendationsAgo, type ObservationOptions } from './builders.js';

function codes(decision: Decision): ReasonCode[] {
  return decision.reasons.map((reason) => reason.code);
}

/** Appends what the tick would store after `decision` at `nowMs`. */
function remember(history: PoolHistory, observation: Observation, decision: Decision): PoolHistory {
  const work = (decision.inputs.visible ?? 0) + (decision.inputs.inFlight ?? 0) + (decision.inputs.delayed ?? 0);
  return {
    recommendations: [...history.recommendations, { atMs: observation.nowMs, workers: decision.recommendation }],
    queueWork: [...history.queueWork, { atMs: observation.nowMs, messages: work }],
    lastGoodProcessingSeconds: history.lastGoodProcessingSeconds,
  };
}

describe('decide: last long jobs in flight', () => {
  const pool = buildPool({ priorSeconds: 240, slaSeconds: 300 });

  it('V=0 F=3 D=0 keeps 3 workers', () => {
    const decision = decide(pool, buildObservation({ inFlight: 3, desired: 3 }));

    expect(decision.desired).toBe(3);
    expect(decision.terms.inFlightFloor).toBe(3);
  });

  it('empty queue inside the idle window holds 1', () => {
    const history = { queueWork: [...queueWorkHistory(10), ...queueWorkHistory(15).slice(10).map((entry) => ({ ...entry, messages: 3 }))] };
    const decision = decide(pool, buildObservation({ desired: 3, history }));

    expect(decision.desired).toBe(1);
    expect(codes(decision)).toContain('IdleWindowNotElapsed');
  });

  it('empty queue after the idle window goes to 0', () => {
    const history = { queueWork: queueWorkHistory(15) };
    const decision = decide(pool, buildObservation({ desired: 3, history }));

    expect(decision.desired).toBe(0);
    expect(codes(decision)).toContain('IdleScaleToZero');
  });

  it('no zero when scale to zero is disabled', () => {
    const decision = decide(buildPool({ scaleToZero: false }), buildObservation({ desired: 3, history: { queueWork: queueWorkHistory(15) } }));

    expect(decision.desired).toBe(1);
    expect(codes(decision)).toContain('IdleWindowNotElapsed');
  });
});

describe('decide: message waits, no worker runs', () => {
  it.each([
    { name: 'V=1, s=600, T=600, desired 0', visible: 1, seconds: 600, sla: 600, desired: 0, expected: 1 },
    { name: 'V=6, s=600, T=1800, desired 1', visible: 6, seconds: 600, sla: 1800, desired: 1, expected: 2 },
  ])('$name: $expected', ({ visible, seconds, sla, desired, expected }) => {
    const decision = decide(buildPool({ priorSeconds: seconds, slaSeconds: sla }), buildObservation({ visible, desired }));

    expect(decision.desired).toBe(expected);
  });
});

describe('decide: workers take 7 minutes to boot', () => {
  const pool = buildPool({ warmupSeconds: 420 });

  it('V=240, s=3, T=180 orders 4 once, then holds 4 while they boot', () => {
    let history: PoolHistory = { recommendations: [], queueWork: [], lastGoodProcessingSeconds: undefined };
    const first = buildObservation({ visible: 240, processingSeconds: [3] });
    const firstDecision = decide(pool, first);

    expect(firstDecision.desired).toBe(4);
    expect(firstDecision.slaAtRisk).toBe(true);
    history = remember(history, first, firstDecision);

    for (let tick = 1; tick <= 6; tick += 1) {
      const options: ObservationOptions = { nowMs: NOW_MS + tick * MINUTE_MS, visible: 240, processingSeconds: [3], desired: 4, inService: 0, pending: 4, history };
      const observation = buildObservation(options);
      const decision = decide(pool, observation);

      expect(decision.desired, `tick ${tick}`).toBe(4);
      expect(codes(decision), `tick ${tick}`).toContain('PendingCounted');
      expect(codes(decision), `tick ${tick}`).toContain('NoChange');
      history = remember(history, observation, decision);
    }
  });

  it('holds 4 while the oldest message ages past the SLA', () => {
    for (let tick = 1; tick <= 6; tick += 1) {
      const observation = buildObservation({ visible: 240, oldestAgeSeconds: tick * 60, desired: 4, inService: 0, pending: 4 });

      expect(decide(pool, observation).desired, `tick ${tick}`).toBe(4);
    }
  });
});

describe('decide: no CloudWatch datapoints', () => {
  it('V=300, prior s=3, T=180, desired 0 scales out to 5', () => {
    const observation = buildObservation({ visible: 300, arrivalsPerMinute: undefined, processingSeconds: [] });
    const decision = decide(buildPool({ priorSeconds: 3 }), observation);

    expect(decision.desired).toBe(5);
    expect(decision.inputs.arrivalRatePerSecond).toBeUndefined();
    expect(codes(decision)).toEqual(expect.arrayContaining(['ArrivalRateUnknown', 'ProcessingTimeFromPrior']));
  });

  it('unknown arrival rate never shrinks the pool', () => {
    const decision = decide(buildPool(), buildObservation({ visible: 3, arrivalsPerMinute: undefined, desired: 9 }));

    expect(decision.desired).toBe(9);
    expect(codes(decision)).toContain('HoldOnMissingData');
  });

  it('unknown arrival rate of an idle queue lets it scale in', () => {
    const observation = buildObservation({ arrivalsPerMinute: undefined, desired: 2, history: { queueWork: queueWorkHistory(15) } });

    expect(decide(buildPool(), observation).desired).toBe(0);
  });
});

describe('decide: retries sent with a delay', () => {
  it('V=0, F=0, D=50, s=6, T=300, desired 3, min 0: not zero', () => {
    const decision = decide(buildPool({ priorSeconds: 6, slaSeconds: 300 }), buildObservation({ delayed: 50, desired: 3 }));

    expect(decision.desired).toBeGreaterThan(0);
    expect(decision.raw).toBe(1);
  });
});

describe('decide: AWS backlog-per-instance example', () => {
  // 1500 messages, 10 instances, 0.1 s per message, 10 s acceptable latency: 1500 / (10 / 0.1) = 15.
  const pool = buildPool({ priorSeconds: 0.1, slaSeconds: 10 });

  it('asks for 15 instances', () => {
    expect(decide(pool, buildObservation({ visible: 1500, desired: 10 })).desired).toBe(15);
  });

  it.each([
    { name: 'with arrivals', arrivalsPerMinute: [600, 600, 600, 600, 600] },
    { name: 'with an aged backlog', oldestAgeSeconds: 8 },
    { name: 'with warm-up', warmupSeconds: 60 },
    { name: 'with an SLA already broken', oldestAgeSeconds: 30, warmupSeconds: 60 },
  ])('never fewer than 15 $name', ({ arrivalsPerMinute, oldestAgeSeconds, warmupSeconds }) => {
    const observation = buildObservation({ visible: 1500, desired: 10, arrivalsPerMinute: arrivalsPerMinute ?? [0], oldestAgeSeconds });
    const decision = decide(buildPool({ priorSeconds: 0.1, slaSeconds: 10, warmupSeconds: warmupSeconds ?? 0 }), observation);

    expect(decision.desired).toBeGreaterThanOrEqual(15);
  });
});

describe('decide: bounds', () => {
  it('capped at max flags the SLA at risk', () => {
    const decision = decide(buildPool({ max: 8 }), buildObservation({ visible: 1200, desired: 4 }));

    expect(decision.raw).toBe(20);
    expect(decision.desired).toBe(8);
    expect(decision.slaAtRisk).toBe(true);
    expect(codes(decision)).toEqual(expect.arrayContaining(['CappedAtMax', 'SlaAtRisk']));
  });

  it('held at min', () => {
    const decision = decide(buildPool({ min: 2 }), buildObservation({ visible: 1, desired: 2 }));

    expect(decision.desired).toBe(2);
    expect(decision.clamps).toEqual([{ code: 'HeldAtMin', before: 1, after: 2 }]);
    expect(codes(decision)).toContain('HeldAtMin');
  });

  it('target bounds narrow the config', () => {
    const decision = decide(buildPool({ max: 100 }), buildObservation({ visible: 1200, desired: 4, targetMax: 12 }));

    expect(decision.inputs.max).toBe(12);
    expect(decision.desired).toBe(12);
  });
});

describe('decide: stabilization and step limits', () => {
  it('window holds a scale-in', () => {
    const history = { recommendations: recommendationsAgo([[60, 7], [180, 6]]) };
    const decision = decide(buildPool(), buildObservation({ visible: 30, desired: 7, history }));

    expect(decision.recommendation).toBe(1);
    expect(decision.desired).toBe(7);
    expect(codes(decision)).toContain('ScaleInStabilized');
  });

  it.each([
    { name: 'up', pool: buildPool({ maxStepUp: 3 }), visible: 1200, desired: 4, expected: 7, code: 'StepLimitedUp' as const },
    { name: 'down', pool: buildPool({ maxStepDown: 2 }), visible: 30, desired: 9, expected: 7, code: 'StepLimitedDown' as const },
  ])('step limit $name', ({ pool, visible, desired, expected, code }) => {
    const decision = decide(pool, buildObservation({ visible, desired }));

    expect(decision.desired).toBe(expected);
    expect(codes(decision)).toContain(code);
  });

  it('step-limited scale-out flags the SLA at risk', () => {
    const decision = decide(buildPool({ maxStepUp: 3 }), buildObservation({ visible: 1200, desired: 4 }));

    expect(decision.slaAtRisk).toBe(true);
  });
});

describe('decide: missing data', () => {
  it.each([
    { name: 'visible', visible: undefined },
    { name: 'in flight', inFlight: undefined },
    { name: 'delayed', delayed: undefined },
  ])('missing $name count never shrinks', (options) => {
    const decision = decide(buildPool(), buildObservation({ ...options, desired: 6 }));

    expect(decision.desired).toBe(6);
    expect(codes(decision)).toContain('HoldOnMissingData');
  });

  it('missing count still grows on the data present', () => {
    const decision = decide(buildPool(), buildObservation({ visible: 600, delayed: undefined, desired: 6 }));

    expect(decision.desired).toBe(10);
    expect(decision.inputs.delayed).toBeUndefined();
  });

  it('unknown capacity: need from present data, flagged', () => {
    const decision = decide(buildPool(), buildObservation({ visible: 300, capacity: undefined }));

    expect(decision.current).toBeUndefined();
    expect(decision.desired).toBe(5);
    expect(codes(decision)).toContain('HoldOnMissingData');
  });

  it('NaN and negative processing values are ignored', () => {
    const decision = decide(buildPool({ priorSeconds: 30 }), buildObservation({ visible: 240, processingSeconds: [Number.NaN, -2, 3, 0, 3] }));

    expect(decision.inputs.processingSeconds).toBe(3);
    expect(decision.desired).toBe(4);
  });

  it('last good processing time beats the prior', () => {
    const decision = decide(buildPool({ priorSeconds: 30 }), buildObservation({ visible: 240, history: { lastGoodProcessingSeconds: 3 } }));

    expect(decision.inputs.processingSeconds).toBe(3);
    expect(codes(decision)).toContain('ProcessingTimeFromLastGood');
  });
});

describe('decide: record', () => {
  it('same input, same output', () => {
    const pool = buildPool({ warmupSeconds: 300 });
    const observation = buildObservation({ visible: 800, inFlight: 12, arrivalsPerMinute: [90, 120, 80, 100, 110], desired: 6, pending: 2, inService: 4 });

    expect(decide(pool, observation)).toEqual(decide(pool, structuredClone(observation)));
  });

  it('keep-up sentence states the numbers', () => {
    const decision = decide(buildPool(), buildObservation({ inFlight: 4, arrivalsPerMinute: [78, 78, 78, 78, 78], desired: 4 }));
    const keepUp = decision.reasons.find((reason) => reason.code === 'KeepUp');

    expect(keepUp?.message).toBe('Keep-up needs 4 workers (4 slots) for 1.3 images/s at 3 s each to hold the p95 wait under 177 s.');
  });

  it.each([
    { name: 'concurrency 0', overrides: { concurrency: 0 }, field: /worker\.concurrency 0/ },
    { name: 'prior of 0 s', overrides: { priorSeconds: 0 }, field: /processingTime\.priorSeconds 0/ },
    { name: 'SLA of -5 s', overrides: { slaSeconds: -5 }, field: /sla\.seconds -5/ },
    { name: 'percentile 100', overrides: { percentile: 100 }, field: /sla\.percentile 100/ },
    { name: 'negative warm-up', overrides: { warmupSeconds: -1 }, field: /worker\.warmupSeconds -1/ },
  ])('rejects config: $name', ({ overrides, field }) => {
    expect(() => decide(buildPool(overrides), buildObservation())).toThrow(field);
  });
});
