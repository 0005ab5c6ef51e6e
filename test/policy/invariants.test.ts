import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { decide } from '../../src/policy/decide.js';
import type { CapacityObservation, Observation, QueueObservation } from '../../src/policy/types.js';
import { buildPool, MINUTE_MS, NOW_MS, QUEUE_URL } from './builders.js';

/** A count as AWS might report it, or a broken read. */
const count = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 5000 }) },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, -1, Number.POSITIVE_INFINITY) },
);

const queueArb: fc.Arbitrary<QueueObservation> = fc.record({
  url: fc.constant(QUEUE_URL),
  visible: count,
  inFlight: count,
  delayed: count,
  arrivalsPerMinute: fc.option(fc.array(fc.oneof(fc.integer({ min: 0, max: 20_000 }), fc.constant(Number.NaN)), { maxLength: 15 }), { nil: undefined }),
  oldestAgeSeconds: fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: undefined }),
});

const capacityArb: fc.Arbitrary<CapacityObservation | undefined> = fc.option(
  fc.record({
    desired: fc.integer({ min: 0, max: 200 }),
    inService: fc.integer({ min: 0, max: 200 }),
    pending: fc.integer({ min: 0, max: 50 }),
    min: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
    max: fc.option(fc.integer({ min: 5, max: 300 }), { nil: undefined }),
    protectedFromScaleIn: fc.constant(0),
    deploymentInProgress: fc.boolean(),
  }),
  { nil: undefined },
);

const observationArb: fc.Arbitrary<Observation> = fc.record({
  pool: fc.constant('render'),
  nowMs: fc.constant(NOW_MS),
  queues: fc.array(queueArb, { minLength: 1, maxLength: 3 }),
  processingSeconds: fc.array(fc.oneof(fc.double({ min: 0.01, max: 1200, noNaN: true }), fc.constantFrom(Number.NaN, -3, 0)), { maxLength: 12 }),
  capacity: capacityArb,
  history: fc.record({
    recommendations: fc.array(fc.record({ atMs: fc.integer({ min: NOW_MS - 30 * MINUTE_MS, max: NOW_MS }), workers: fc.integer({ min: 0, max: 300 }) }), { maxLength: 20 }),
    queueWork: fc.array(fc.record({ atMs: fc.integer({ min: NOW_MS - 30 * MINUTE_MS, max: NOW_MS }), messages: fc.integer({ min: 0, max: 3 }) }), { maxLength: 30 }),
    lastGoodProcessingSeconds: fc.option(fc.double({ min: 0.1, max: 600, noNaN: true }), { nil: undefined }),
  }),
});

const poolArb = fc
  .record({
    priorSeconds: fc.double({ min: 0.05, max: 900, noNaN: true }),
    slaSeconds: fc.integer({ min: 1, max: 3600 }),
    percentile: fc.double({ min: 50, max: 99.9, noNaN: true }),
    concurrency: fc.integer({ min: 1, max: 8 }),
    warmupSeconds: fc.integer({ min: 0, max: 900 }),
    min: fc.integer({ min: 0, max: 3 }),
    max: fc.integer({ min: 3, max: 250 }),
    maxStepUp: fc.integer({ min: 1, max: 50 }),
    maxStepDown: fc.integer({ min: 1, max: 50 }),
    scaleToZero: fc.boolean(),
    idleMinutes: fc.integer({ min: 0, max: 30 }),
  })
  .map((overrides) => buildPool(overrides));

function isCount(value: number | undefined): value is number {
  return value !== undefined && Number.isFinite(value) && value >= 0;
}

describe('decide invariants', () => {
  it('desired is a finite integer in [min, max]', () => {
    fc.assert(
      fc.property(poolArb, observationArb, (pool, observation) => {
        const decision = decide(pool, observation);

        expect(Number.isInteger(decision.desired)).toBe(true);
        expect(decision.desired).toBeGreaterThanOrEqual(decision.inputs.min);
        expect(decision.desired).toBeLessThanOrEqual(decision.inputs.max);
        expect(Number.isInteger(decision.raw)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('missing queue counts never shrink the pool', () => {
    fc.assert(
      fc.property(poolArb, observationArb, (pool, observation) => {
        const countsMissing = observation.queues.some((queue) => ![queue.visible, queue.inFlight, queue.delayed].every(isCount));
        const decision = decide(pool, observation);
        fc.pre(countsMissing && decision.current !== undefined);

        expect(decision.desired).toBeGreaterThanOrEqual(Math.min(decision.current ?? 0, decision.inputs.max));
      }),
      { numRuns: 400 },
    );
  });

  it('no zero while work is visible, delayed or in flight', () => {
    fc.assert(
      fc.property(poolArb, observationArb, (pool, observation) => {
        const work = observation.queues.some((queue) => [queue.visible, queue.inFlight, queue.delayed].some((value) => isCount(value) && value > 0));
        const decision = decide(pool, observation);
        fc.pre(work && decision.inputs.max >= 1);

        expect(decision.desired).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 400 },
    );
  });

  it('scale-in never goes below the in-flight need', () => {
    fc.assert(
      fc.property(poolArb, observationArb, (pool, observation) => {
        const decision = decide(pool, observation);
        fc.pre(decision.current !== undefined && decision.desired < decision.current);
        const inFlightNeed = Math.ceil((decision.inputs.inFlight ?? 0) / pool.worker.concurrency);

        expect(decision.desired).toBeGreaterThanOrEqual(Math.min(inFlightNeed, decision.inputs.max));
      }),
      { numRuns: 400 },
    );
  });

  it('deterministic', () => {
    fc.assert(
      fc.property(poolArb, observationArb, (pool, observation) => {
        expect(decide(pool, observation)).toEqual(decide(pool, observation));
      }),
      { numRuns: 100 },
    );
  });
});
