/**
 * Property tests of the safety rules the decision core owns. Each run feeds a random sequence
 * of observations (with NaN, Infinity, negative, string and missing values) through `decide`
 * tick after tick, carrying the history over with `rememberDecision` and `rememberOutcome` as
 * the tick does, and checks one rule on every tick. The facts each check uses are computed
 * here from the raw observation, not taken from the decision.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { PoolConfig, QueueConfig } from '../../src/config/types.js';
import { rememberDecision, rememberOutcome } from '../../src/history.js';
import { decide } from '../../src/policy/decide.js';
import type { CapacityObservation, Decision, Observation, PoolHistory, QueueObservation } from '../../src/policy/types.js';
import type { HistoryStore } from '../../src/tick-types.js';
import { buildPool, MINUTE_MS, NOW_MS, queueConfig } from './builders.js';

/** Sequences per property; five properties make 10 000 sequences per run. */
const RUNS_PER_RULE = 2000;
const MAX_TICKS = 10;

/** Values a broken reader might pass where a number belongs. */
const BROKEN = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1, -0.5, undefined, '7' as unknown as number, 2 ** 60];

const countArb: fc.Arbitrary<number | undefined> = fc.oneof(
  { weight: 5, arbitrary: fc.constant(0) },
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 40 }) },
  { weight: 3, arbitrary: fc.integer({ min: 41, max: 3000 }) },
  { weight: 2, arbitrary: fc.constantFrom(...BROKEN) },
);

const ageArb: fc.Arbitrary<number | undefined> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(undefined) },
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 4000 }) },
  { weight: 1, arbitrary: fc.constantFrom(-120, ...BROKEN) },
);

const arrivalsArb: fc.Arbitrary<number[] | undefined> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 6, arbitrary: fc.array(countArb.map((value) => value as number), { minLength: 1, maxLength: 6 }) },
);

const processingArb = fc.array(
  fc.oneof(
    { weight: 6, arbitrary: fc.double({ min: 0.2, max: 900, noNaN: true }) },
    { weight: 1, arbitrary: fc.constantFrom(0, ...BROKEN, 1e308).map((value) => value as number) },
  ),
  { maxLength: 4 },
);

interface TickInput {
  stepSeconds: number;
  /** Every queue reads 0 with no arrivals, so idle stretches occur and scale to zero is reached. */
  quiet: boolean;
  queues: Array<Omit<QueueObservation, 'url'>>;
  processingSeconds: number[];
  /** `follow`: the target applied the last decision; `external`: someone else set `desired`. */
  capacityMode: 'follow' | 'external' | 'failed';
  /** May be broken like any reading, so the type admits undefined. */
  desired: number | undefined;
  inServiceShortfall: number;
  pending: number | undefined;
  protectedFromScaleIn: number | undefined;
  deploymentInProgress: boolean;
  targetMin: number | undefined;
  targetMax: number | undefined;
}

const queueReadingArb = fc.record({
  visible: countArb,
  inFlight: countArb,
  delayed: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: countArb }),
  arrivalsPerMinute: arrivalsArb,
  oldestAgeSeconds: ageArb,
});

const tickArb: fc.Arbitrary<TickInput> = fc.record({
  stepSeconds: fc.constantFrom(30, 60, 60, 60, 120),
  quiet: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 2, arbitrary: fc.constant(true) }),
  queues: fc.array(queueReadingArb, { minLength: 2, maxLength: 2 }),
  processingSeconds: processingArb,
  capacityMode: fc.constantFrom('follow', 'follow', 'follow', 'external', 'failed'),
  desired: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 80 }) }, { weight: 1, arbitrary: fc.constantFrom(...BROKEN) }),
  inServiceShortfall: fc.integer({ min: 0, max: 3 }),
  pending: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 3 }) }, { weight: 1, arbitrary: fc.constantFrom(...BROKEN) }),
  protectedFromScaleIn: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 12 }) }, { weight: 1, arbitrary: fc.constantFrom(...BROKEN) }),
  deploymentInProgress: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  targetMin: fc.option(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant(Number.NaN)), { nil: undefined }),
  targetMax: fc.option(fc.oneof(fc.integer({ min: 3, max: 100 }), fc.constant(Number.NaN)), { nil: undefined }),
});

const queueConfigArb = (index: number): fc.Arbitrary<QueueConfig> =>
  fc
    .record({
      sla: fc.option(fc.record({ seconds: fc.integer({ min: 10, max: 3600 }), percentile: fc.constantFrom(90, 95, 99) }), { nil: undefined }),
      fifo: fc.boolean(),
      messageGroups: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
    })
    .map(({ sla, fifo, messageGroups }) =>
      queueConfig(fifo ? `q${index}.fifo` : `q${index}`, {
        ...(sla === undefined ? {} : { sla }),
        ...(fifo && messageGroups !== undefined ? { messageGroups } : {}),
      }),
    );

const poolArb: fc.Arbitrary<PoolConfig> = fc
  .record({
    priorSeconds: fc.double({ min: 0.2, max: 600, noNaN: true }),
    slaSeconds: fc.integer({ min: 10, max: 3600 }),
    percentile: fc.constantFrom(50, 90, 95, 99, 99.9),
    concurrency: fc.integer({ min: 1, max: 4 }),
    warmupSeconds: fc.integer({ min: 0, max: 600 }),
    min: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) }),
    max: fc.integer({ min: 3, max: 200 }),
    stabilizationSeconds: fc.constantFrom(0, 60, 90, 300, 600),
    maxStepUp: fc.integer({ min: 1, max: 20 }),
    maxStepDown: fc.integer({ min: 1, max: 20 }),
    scaleToZero: fc.boolean(),
    idleMinutes: fc.integer({ min: 1, max: 4 }),
    scaleInProtection: fc.boolean(),
    fallback: fc.option(fc.record({ workers: fc.integer({ min: 0, max: 10 }), afterFailedTicks: fc.integer({ min: 1, max: 3 }) }), { nil: undefined }),
    queues: fc.tuple(queueConfigArb(0), queueConfigArb(1), fc.boolean()).map(([first, second, both]) => (both ? [first, second] : [first])),
  })
  .map(({ fallback, ...overrides }) => buildPool({ ...overrides, ...(fallback === undefined ? {} : { fallback }) }));

/** Returns true for a count the policy may use: a finite number from 0 to the largest safe integer. */
function isValidCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= Number.MAX_SAFE_INTEGER;
}

function capacityFor(tick: TickInput, previousDesired: number | undefined): CapacityObservation | undefined {
  if (tick.capacityMode === 'failed') return undefined;

  const desired = tick.capacityMode === 'follow' && previousDesired !== undefined ? previousDesired : tick.desired;
  const inService = isValidCount(desired) ? Math.max(0, desired - tick.inServiceShortfall) : desired;
  // Broken readings are passed as they come, as a faulty reader would.
  return {
    desired: desired as number,
    inService: inService as number,
    pending: tick.pending as number,
    min: tick.targetMin,
    max: tick.targetMax,
    protectedFromScaleIn: tick.protectedFromScaleIn as number,
    deploymentInProgress: tick.deploymentInProgress,
  };
}

/** What one tick saw and decided, with the facts the checks need. */
interface TickRecord {
  pool: PoolConfig;
  observation: Observation;
  decision: Decision;
  current: number | undefined;
  /** Bounds from the config and the usable target bounds. */
  min: number;
  max: number;
  /** Some queue count, usable age, capacity count or list is not usable. */
  dataMissing: boolean;
  countsKnown: boolean;
  /** Sum of the usable visible, in-flight and delayed counts. */
  knownWork: number;
  knownInFlight: number;
  inFlightKnown: boolean;
  failedTicksBefore: number;
}

function expectedBounds(pool: PoolConfig, capacity: CapacityObservation | undefined): { min: number; max: number } {
  const targetMin = isValidCount(capacity?.min) ? capacity.min : 0;
  const targetMax = isValidCount(capacity?.max) ? capacity.max : Number.POSITIVE_INFINITY;
  return { min: Math.max(pool.limits.min, targetMin), max: Math.min(pool.limits.max, targetMax) };
}

function describeTick(pool: PoolConfig, observation: Observation, decision: Decision): TickRecord {
  const capacity = observation.capacity;
  const counts = observation.queues.flatMap((queue) => [queue.visible, queue.inFlight, queue.delayed]);
  const countsKnown = counts.every(isValidCount);
  const knownWork = counts.filter(isValidCount).reduce((sum, count) => sum + count, 0);
  const inFlights = observation.queues.map((queue) => queue.inFlight);
  const ageBroken = observation.queues.some((queue) => queue.oldestAgeSeconds !== undefined && !isValidCount(queue.oldestAgeSeconds));
  const capacityBroken = capacity !== undefined && (!isValidCount(capacity.inService) || !isValidCount(capacity.pending));
  // An unknown rate holds only while the queue is not idle; work now proves it is not.
  const rateUnknown = observation.queues.some((queue) => !(queue.arrivalsPerMinute ?? []).some(isValidCount)) && knownWork > 0;

  return {
    pool,
    observation,
    decision,
    current: isValidCount(capacity?.desired) ? capacity.desired : undefined,
    ...expectedBounds(pool, capacity),
    dataMissing: !countsKnown || ageBroken || capacityBroken || rateUnknown,
    countsKnown,
    knownWork,
    knownInFlight: inFlights.filter(isValidCount).reduce((sum, count) => sum + count, 0),
    inFlightKnown: inFlights.every(isValidCount),
    failedTicksBefore: observation.history.consecutiveFailedTicks ?? 0,
  };
}

const QUIET_QUEUE = { visible: 0, inFlight: 0, delayed: 0, arrivalsPerMinute: [0, 0], oldestAgeSeconds: undefined };

const EMPTY_HISTORY: PoolHistory = { recommendations: [], queueWork: [], lastGoodProcessingSeconds: undefined };

/** Runs the ticks as the tick engine would and calls `check` with each tick and the ones before it. */
function runTicks(pool: PoolConfig, ticks: TickInput[], check: (tick: TickRecord, earlier: TickRecord[]) => void): void {
  const store: HistoryStore = new Map();
  const earlier: TickRecord[] = [];
  let nowMs = NOW_MS;
  let previousDesired: number | undefined;

  for (const tick of ticks) {
    nowMs += tick.stepSeconds * 1000;
    const observation: Observation = {
      pool: pool.name,
      nowMs,
      queues: pool.queues.map((queue, index) => ({ url: queue.url, ...(tick.quiet ? QUIET_QUEUE : (tick.queues[index] ?? tick.queues[0])) }) as QueueObservation),
      processingSeconds: tick.processingSeconds,
      capacity: capacityFor(tick, previousDesired),
      history: structuredClone(store.get(pool.name) ?? EMPTY_HISTORY),
    };

    const decision = decide(pool, observation);
    const record = describeTick(pool, observation, decision);
    check(record, earlier);

    rememberDecision(store, pool, observation, decision);
    rememberOutcome(store, pool.name, record.dataMissing || observation.capacity === undefined);
    previousDesired = decision.desired;
    earlier.push(record);
  }
}

function assertRule(rule: (tick: TickRecord, earlier: TickRecord[]) => void): void {
  fc.assert(
    fc.property(poolArb, fc.array(tickArb, { minLength: 1, maxLength: MAX_TICKS }), (pool, ticks) => runTicks(pool, ticks, rule)),
    { numRuns: RUNS_PER_RULE },
  );
}

/** Rule 1: missing, stale or malformed data never shrinks the pool; the fallback floor applies. */
function missingDataNeverShrinks({ pool, decision, current, max, min, dataMissing, failedTicksBefore }: TickRecord): void {
  if (!dataMissing) return;
  if (current !== undefined) expect(decision.desired).toBeGreaterThanOrEqual(Math.min(current, max));

  const fallback = pool.fallback;
  if (fallback !== undefined && failedTicksBefore >= fallback.afterFailedTicks) {
    const floor = Math.min(Math.max(fallback.workers, min), max);
    const stepCap = current === undefined ? Number.POSITIVE_INFINITY : Math.max(current + pool.limits.maxStepUp, min);
    expect(decision.desired).toBeGreaterThanOrEqual(Math.min(floor, stepCap));
  }
}

/** Rule 2: every count is an integer within the bounds; a need above max flags the SLA. */
function withinBounds({ decision, min, max }: TickRecord): void {
  expect(Number.isInteger(decision.desired)).toBe(true);
  expect(decision.desired).toBeGreaterThanOrEqual(min);
  expect(decision.desired).toBeLessThanOrEqual(max);
  expect(Number.isInteger(decision.recommendation)).toBe(true);
  expect(decision.recommendation).toBeGreaterThanOrEqual(min);
  expect(decision.recommendation).toBeLessThanOrEqual(max);
  expect(Number.isInteger(decision.raw)).toBe(true);
  if (decision.raw > max) expect(decision.slaAtRisk).toBe(true);
}

function idleWindowObserved(tick: TickRecord, earlier: TickRecord[]): boolean {
  const required = tick.pool.scaleToZero.idleMinutes;
  const currentMinute = Math.floor(tick.observation.nowMs / MINUTE_MS);
  const inWindow = earlier.filter((past) => Math.floor(past.observation.nowMs / MINUTE_MS) >= currentMinute - required);
  if (inWindow.some((past) => past.knownWork > 0)) return false;

  const observedMinutes = new Set(
    inWindow.filter((past) => past.countsKnown).map((past) => Math.floor(past.observation.nowMs / MINUTE_MS)).filter((minute) => minute < currentMinute),
  );
  const allowedGap = Math.min(1, Math.max(0, required - 1));
  return observedMinutes.size >= required - allowedGap;
}

/** Rule 3: no zero while work is visible, delayed or in flight, and only after the idle window. */
function noZeroWhileBusy(tick: TickRecord, earlier: TickRecord[]): void {
  const { decision, current, max, min, knownWork, countsKnown, pool } = tick;
  if (knownWork > 0 && max >= 1) expect(decision.desired).toBeGreaterThanOrEqual(1);

  if (decision.desired === 0 && current !== 0 && min === 0) {
    expect(pool.scaleToZero.enabled).toBe(true);
    expect(countsKnown).toBe(true);
    expect(knownWork).toBe(0);
    expect(idleWindowObserved(tick, earlier)).toBe(true);
  }
}

/** Rule 4: no scale-in below ceil(F / c), nor while unprotected busy workers could be stopped. */
function noScaleInBelowInFlight({ decision, current, max, knownInFlight, inFlightKnown, pool, observation }: TickRecord): void {
  if (current === undefined || decision.desired >= current) return;
  const busy = Math.ceil(knownInFlight / pool.worker.concurrency);
  expect(decision.desired).toBeGreaterThanOrEqual(Math.min(busy, max));

  // Below the current count only when the bounds force it, or the busy workers are protected.
  if (decision.desired < Math.min(current, max) && inFlightKnown && knownInFlight > 0) {
    const protectedWorkers = observation.capacity?.protectedFromScaleIn;
    expect(pool.worker.scaleInProtection).toBe(true);
    expect(isValidCount(protectedWorkers)).toBe(true);
    expect(protectedWorkers).toBeGreaterThanOrEqual(busy);
  }
  if (decision.desired < Math.min(current, max)) {
    expect(observation.capacity?.deploymentInProgress).toBe(false);
    const protectedWorkers = observation.capacity?.protectedFromScaleIn;
    if (isValidCount(protectedWorkers)) expect(decision.desired).toBeGreaterThanOrEqual(Math.min(protectedWorkers, current));
  }
}

function windowMax({ observation, decision, pool }: TickRecord): number {
  const startMs = observation.nowMs - pool.limits.scaleInStabilizationSeconds * 1000;
  const inWindow = observation.history.recommendations.filter((entry) => entry.atMs >= startMs && entry.atMs <= observation.nowMs && Number.isFinite(entry.workers));
  return Math.max(decision.recommendation, ...inWindow.map((entry) => entry.workers));
}

/** Rule 5: scale-in within maxStepDown and the stabilization window; scale-out within maxStepUp. */
function stepAndWindowLimits(tick: TickRecord): void {
  const { decision, current, max, min, pool } = tick;
  if (current === undefined) return;

  if (decision.desired < current) {
    expect(decision.desired).toBeGreaterThanOrEqual(Math.min(current - pool.limits.maxStepDown, max));
    expect(decision.desired).toBeGreaterThanOrEqual(Math.min(current, windowMax(tick), max));
  }
  if (decision.desired > current) expect(decision.desired).toBeLessThanOrEqual(Math.max(current + pool.limits.maxStepUp, min));
}

describe('safety rules over random tick sequences', () => {
  it('rule 1: missing data never shrinks', () => {
    assertRule(missingDataNeverShrinks);
  });

  it('rule 2: counts within bounds', () => {
    assertRule(withinBounds);
  });

  it('rule 3: no zero while busy', () => {
    assertRule(noZeroWhileBusy);
  });

  it('rule 4: no scale-in below in-flight need', () => {
    assertRule(noScaleInBelowInFlight);
  });

  it('rule 5: step limits and window', () => {
    assertRule(stepAndWindowLimits);
  });
});
