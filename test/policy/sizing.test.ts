import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { drainRounds, lostBacklogHorizon, MAX_RAW_WORKERS, sizePool, sizeQueues, type QueueDemand, type SizingInput } from '../../src/policy/sizing.js';

function input(overrides: Partial<SizingInput>): SizingInput {
  return {
    arrivalRate: 0,
    visible: 0,
    inFlight: 0,
    delayed: 0,
    oldestAgeSeconds: undefined,
    processingSeconds: 3,
    concurrency: 1,
    slaSeconds: 180,
    slaPercentile: 95,
    warmupSeconds: 0,
    inService: 0,
    pending: 0,
    ...overrides,
  };
}

describe('drainRounds', () => {
  it.each([
    { horizonSeconds: 177, processingSeconds: 3, rounds: 60 },
    { horizonSeconds: 9.9, processingSeconds: 0.1, rounds: 100 },
    { horizonSeconds: 0, processingSeconds: 600, rounds: 1 },
    { horizonSeconds: 1200, processingSeconds: 600, rounds: 3 },
    { horizonSeconds: 1199, processingSeconds: 600, rounds: 2 },
    { horizonSeconds: -1, processingSeconds: 3, rounds: 0 },
  ])('H = $horizonSeconds s, s = $processingSeconds s: $rounds', ({ horizonSeconds, processingSeconds, rounds }) => {
    expect(drainRounds(horizonSeconds, processingSeconds)).toBe(rounds);
  });
});

describe('lostBacklogHorizon', () => {
  it.each([
    { name: 'boot longer than SLA: one SLA window', sla: 180, s: 3, warmup: 420, horizon: 177 },
    { name: 'short boot: one boot time', sla: 180, s: 3, warmup: 30, horizon: 30 },
    { name: 'no boot: one image', sla: 180, s: 3, warmup: 0, horizon: 3 },
    { name: 'image longer than SLA: none', sla: 600, s: 900, warmup: 60, horizon: 0 },
  ])('$name', ({ sla, s, warmup, horizon }) => {
    expect(lostBacklogHorizon(sla, s, warmup)).toBe(horizon);
  });
});

describe('sizePool', () => {
  it('keep-up alone for a steady load', () => {
    const sizing = sizePool(input({ arrivalRate: 1.3, inFlight: 4, visible: 3 }));

    expect(sizing.keepUp).toBe(4);
    expect(sizing.drain).toBe(0);
    expect(sizing.raw).toBe(4);
  });

  it('drain counts in-flight images beyond the offered load', () => {
    const sizing = sizePool(input({ inFlight: 3, processingSeconds: 240, slaSeconds: 300 }));

    expect(sizing.waitingWork).toBe(3);
    expect(sizing.drain).toBe(3);
  });

  it('oldest age shortens the horizon', () => {
    const sizing = sizePool(input({ visible: 240, oldestAgeSeconds: 87 }));

    expect(sizing.drainHorizonSeconds).toBe(90);
    expect(sizing.drainRounds).toBe(31);
    expect(sizing.raw).toBe(8);
  });

  it('running and booting workers that cover the need add nothing', () => {
    const sizing = sizePool(input({ visible: 240, warmupSeconds: 420, inService: 1, pending: 3 }));

    expect(sizing.bootAware).toBe(false);
    expect(sizing.pendingCounted).toBe(true);
    expect(sizing.raw).toBe(4);
  });

  it('new workers drain the backlog expected once they are ready', () => {
    // 1 image/s arrives, 2 workers serve 0.4/s, so 0.6/s piles up during the 600 s boot.
    const sizing = sizePool(input({ arrivalRate: 1, visible: 100, processingSeconds: 5, slaSeconds: 1800, warmupSeconds: 600, inService: 2 }));

    expect(sizing.bootAware).toBe(true);
    expect(sizing.expectedBacklogAtReady).toBeCloseTo(460, 10);
    // The running workers serve the oldest images first, so the 460 waiting at ready arrived
    // in the last 460 s at 1 image/s: horizon 1800 - 5 - 460.
    expect(sizing.drainHorizonSeconds).toBe(1335);
    expect(sizing.drainRounds).toBe(268);
    // Slots: 5 for the offered load plus 460 / 268 for the backlog = 6.72, so 7 workers.
    expect(sizing.keepUp).toBe(6);
    expect(sizing.raw).toBe(7);
  });

  it('backlog lost to boot time drains over one SLA window', () => {
    const sizing = sizePool(input({ visible: 240, oldestAgeSeconds: 150, warmupSeconds: 420 }));

    expect(sizing.slaBroken).toBe(true);
    expect(sizing.drainHorizonSeconds).toBe(177);
    expect(sizing.raw).toBe(4);
  });

  it('keeps the workers already ordered while the backlog needs more', () => {
    const sizing = sizePool(input({ visible: 240, oldestAgeSeconds: 150, warmupSeconds: 420, inService: 6 }));

    expect(sizing.raw).toBe(6);
  });

  it('flags an SLA shorter than one image', () => {
    const sizing = sizePool(input({ visible: 2, processingSeconds: 900, slaSeconds: 600 }));

    expect(sizing.slaBroken).toBe(true);
    expect(sizing.raw).toBe(2);
  });

  it.each([
    { name: 'in flight', inFlight: 7, concurrency: 2, inFlightFloor: 4, workWaitingFloor: 1 },
    { name: 'delayed only', delayed: 1, concurrency: 1, inFlightFloor: 0, workWaitingFloor: 1 },
    { name: 'empty queue', concurrency: 1, inFlightFloor: 0, workWaitingFloor: 0 },
  ])('floors: $name', ({ inFlight, delayed, concurrency, inFlightFloor, workWaitingFloor }) => {
    const sizing = sizePool(input({ inFlight: inFlight ?? 0, delayed: delayed ?? 0, concurrency }));

    expect(sizing.inFlightFloor).toBe(inFlightFloor);
    expect(sizing.workWaitingFloor).toBe(workWaitingFloor);
  });

  it('never below the plain arithmetic (B + D)·s / (c·T)', () => {
    fc.assert(
      fc.property(
        fc.record({
          visible: fc.integer({ min: 0, max: 20_000 }),
          delayed: fc.integer({ min: 0, max: 500 }),
          arrivalRate: fc.double({ min: 0, max: 50, noNaN: true }),
          processingSeconds: fc.double({ min: 0.05, max: 900, noNaN: true }),
          slaSeconds: fc.integer({ min: 1, max: 3600 }),
          concurrency: fc.integer({ min: 1, max: 8 }),
          warmupSeconds: fc.integer({ min: 0, max: 900 }),
          oldestAgeSeconds: fc.integer({ min: 0, max: 7200 }),
          inService: fc.integer({ min: 0, max: 50 }),
        }),
        (values) => {
          const sizing = sizePool(input(values));
          const work = values.visible + values.delayed;
          const plain = Math.ceil((work * values.processingSeconds) / (values.concurrency * values.slaSeconds) - 1e-6);
          // More slots than waiting images cannot help, which caps the plain count when s > T.
          const onePerImage = Math.ceil(work / values.concurrency);

          expect(sizing.raw).toBeGreaterThanOrEqual(Math.min(plain, onePerImage));
          expect(Number.isInteger(sizing.raw)).toBe(true);
        },
      ),
    );
  });
});

describe('sizeQueues', () => {
  const fleet = { processingSeconds: 2, concurrency: 1, warmupSeconds: 0, inService: 0, pending: 0 };
  const demand = (overrides: Partial<QueueDemand>): QueueDemand => ({
    url: 'q',
    arrivalRate: 0,
    visible: 0,
    inFlight: 0,
    delayed: 0,
    oldestAgeSeconds: undefined,
    slaSeconds: 180,
    slaPercentile: 95,
    messageGroups: undefined,
    ...overrides,
  });

  it('one queue equals sizePool', () => {
    const values = { arrivalRate: 1, visible: 100, processingSeconds: 5, slaSeconds: 1800, warmupSeconds: 600, inService: 2 };
    const single = sizePool(input(values));
    const { processingSeconds, warmupSeconds, inService } = values;
    const queued = sizeQueues({ ...fleet, processingSeconds, warmupSeconds, inService }, [demand({ arrivalRate: 1, visible: 100, slaSeconds: 1800 })]);

    expect(queued.raw).toBe(single.raw);
    expect(queued.drain).toBe(single.drain);
    expect(queued.expectedBacklogAtReady).toBe(single.expectedBacklogAtReady);
  });

  it('each queue drains within its own SLA', () => {
    const sizing = sizeQueues(fleet, [demand({ url: 'fast', visible: 50, slaSeconds: 60 }), demand({ url: 'slow', visible: 50, slaSeconds: 1800 })]);

    expect(sizing.queues.map((queue) => queue.drainHorizonSeconds)).toEqual([58, 1798]);
    expect(sizing.drainHorizonSeconds).toBe(58);
    // 50 / 30 rounds + 50 / 900 rounds = 1.72, so 2.
    expect(sizing.raw).toBe(2);
  });

  it('ordering cap cuts only its queue', () => {
    const sizing = sizeQueues(fleet, [demand({ url: 'a.fifo', visible: 600, messageGroups: 3 }), demand({ url: 'b', visible: 300 })]);

    expect(sizing.queues.map((queue) => queue.orderingLimited)).toEqual([true, false]);
    expect(sizing.orderingLimited).toBe(true);
    // 3 for the FIFO queue, 300 / 90 rounds = 3.3 for the other: 6.3, so 7.
    expect(sizing.raw).toBe(7);
  });

  it('booting growth split by arrival share', () => {
    const boot = { ...fleet, warmupSeconds: 100 };
    const sizing = sizeQueues(boot, [demand({ url: 'a', arrivalRate: 3, visible: 10 }), demand({ url: 'b', arrivalRate: 1, visible: 10 })]);

    expect(sizing.bootAware).toBe(true);
    expect(sizing.queues.map((queue) => queue.expectedBacklogAtReady)).toEqual([310, 110]);
  });

  it('in-flight floor over all queues', () => {
    const sizing = sizeQueues({ ...fleet, concurrency: 2 }, [demand({ inFlight: 3 }), demand({ inFlight: 4 })]);

    expect(sizing.inFlightFloor).toBe(4);
  });

  it.each([
    { name: 'Infinity arrivals', values: { arrivalRate: Number.POSITIVE_INFINITY } },
    { name: '1e300 visible', values: { visible: 1e300 } },
  ])('raw stays finite or NaN for the guard: $name', ({ values }) => {
    const sizing = sizeQueues(fleet, [demand(values)]);

    expect(sizing.raw === MAX_RAW_WORKERS || Number.isNaN(sizing.raw)).toBe(true);
  });
});
