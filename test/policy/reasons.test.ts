import { describe, expect, it } from 'vitest';

import { formatNumber, reason, REASON_TEXT, type ReasonDetails } from '../../src/policy/reasons.js';
import type { ReasonCode } from '../../src/policy/types.js';

/** One sample per code; the mapped type makes a new code without a sample a type error. */
const SAMPLES: { [C in ReasonCode]: ReasonDetails[C] } = {
  KeepUp: { workers: 4, slots: 4, arrivalRate: 1.3, processingSeconds: 3, waitSeconds: 177, percentile: 95 },
  DrainBacklog: { workers: 4, work: 240, horizonSeconds: 177, rounds: 60, processingSeconds: 3 },
  BootBacklog: { warmupSeconds: 420, ordered: 0, expectedBacklog: 240, horizonSeconds: 177 },
  InFlightFloor: { workers: 3, inFlight: 3, concurrency: 1 },
  WorkWaitingFloor: { work: 50 },
  PendingCounted: { pending: 4, inService: 0, needed: 4 },
  CappedAtMax: { requested: 35, max: 20 },
  HeldAtMin: { requested: 1, min: 2 },
  ScaleInStabilized: { requested: 2, held: 6, windowSeconds: 300 },
  StepLimitedUp: { requested: 19, limited: 12, step: 10 },
  StepLimitedDown: { requested: 1, limited: 8, step: 4 },
  IdleScaleToZero: { idleMinutes: 15 },
  IdleWindowNotElapsed: { enabled: true, idleMinutes: 15, observedMinutes: 9, busyMinutes: 1, work: 0 },
  SlaAtRisk: { needed: 35, desired: 20 },
  SlaBroken: { cause: 'boot', oldestAgeSeconds: 0, slaSeconds: 180, processingSeconds: 3, warmupSeconds: 420, horizonSeconds: 177 },
  ProcessingTimeFromPrior: { seconds: 3 },
  ProcessingTimeFromLastGood: { seconds: 2.5 },
  ArrivalRateUnknown: { unknownQueues: 1, queues: 2, queueIdle: false },
  HoldOnMissingData: { missing: ['queue visible count'], current: 6 },
  FallbackFloor: { requested: 0, floor: 2, failedTicks: 3 },
  DeploymentInProgress: { requested: 4, held: 10 },
  UnprotectedBusyWorkers: { requested: 1, held: 4, inFlight: 1, busyWorkers: 1, protectedWorkers: 0, protectionEnabled: false },
  ProtectedWorkersFloor: { requested: 1, held: 2, protectedWorkers: 2 },
  OrderingLimited: { queue: 'render-jobs.fifo', messageGroups: 3, workerCap: 3, needed: 20 },
  InvalidResultHeld: { value: 'NaN', held: 4, current: 4 },
  BaselinePolicy: { policy: 'queueLength', workers: 7 },
  NoChange: { desired: 4 },
};

describe('REASON_TEXT', () => {
  it.each(Object.keys(SAMPLES) as ReasonCode[])('%s: a sentence with numbers', (code) => {
    const message = reason(code, SAMPLES[code] as never).message;

    expect(message).toMatch(/^[A-Z0-9].*\.$/);
    expect(message).toMatch(/\d/);
  });

  it('covers every sample code', () => {
    expect(Object.keys(REASON_TEXT).sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  it.each([
    { name: 'aged', cause: 'aged' as const, fragment: 'waited 200 s' },
    { name: 'boot', cause: 'boot' as const, fragment: 'ready only after 420 s' },
    { name: 'unreachable', cause: 'unreachable' as const, fragment: 'longer than the SLA of 180 s' },
  ])('SlaBroken names its cause: $name', ({ cause, fragment }) => {
    const details = { ...SAMPLES.SlaBroken, cause, oldestAgeSeconds: 200, processingSeconds: cause === 'unreachable' ? 240 : 3 };

    expect(reason('SlaBroken', details).message).toContain(fragment);
  });

  it('hold without a current count warns against a scale-in write', () => {
    const message = reason('HoldOnMissingData', { missing: ['capacity'], current: undefined }).message;

    expect(message).toContain('must not be written as a scale-in');
  });
});

describe('formatNumber', () => {
  it.each([
    { value: 4, text: '4' },
    { value: 1.3333333, text: '1.33' },
    { value: 0.051666, text: '0.0517' },
    { value: 176.6, text: '177' },
    { value: 4850.2, text: '4850' },
  ])('$value as $text', ({ value, text }) => {
    expect(formatNumber(value)).toBe(text);
  });
});
