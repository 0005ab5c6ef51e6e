import { describe, expect, it } from 'vitest';

import { decide } from '../../src/policy/decide.js';
import { backlogShareOf, bootSlackSeconds, burstHeadroomRate, type FleetInput, type QueueDemand } from '../../src/policy/queue-sizing.js';
import { sizePool, sizeQueues } from '../../src/policy/sizing.js';
import { buildObservation, buildPool } from './builders.js';

const FLEET: FleetInput = { processingSeconds: 4, concurrency: 1, warmupSeconds: 180, inService: 10, pending: 0 };

function demand(changes: Partial<QueueDemand>): QueueDemand {
  return {
    url: 'q',
    arrivalRate: 2,
    arrivalSpread: 1,
    visible: 0,
    inFlight: 0,
    delayed: 0,
    oldestAgeSeconds: undefined,
    slaSeconds: 120,
    slaPercentile: 95,
    messageGroups: undefined,
    ...changes,
  };
}

describe('burstHeadroomRate', () => {
  it.each([
    // Reaction 180 + 60 = 240 s; the SLA covers 116 s of it, so 124 / 240 is exposed.
    { name: 'sla shorter than boot', headroom: 2, slaSeconds: 120, rate: (2 * 124) / 240 },
    { name: 'sla covers the boot', headroom: 2, slaSeconds: 900, rate: 0 },
    { name: 'default none', headroom: undefined, slaSeconds: 120, rate: 0 },
  ])('$name', ({ headroom, slaSeconds, rate }) => {
    expect(burstHeadroomRate({ ...FLEET, burstHeadroom: headroom }, demand({ slaSeconds }))).toBeCloseTo(rate, 10);
  });

  it('raises keep-up', () => {
    const without = sizeQueues(FLEET, [demand({ arrivalRate: 5 })]);
    const withHeadroom = sizeQueues({ ...FLEET, burstHeadroom: 3 }, [demand({ arrivalRate: 5, arrivalSpread: 2 })]);
    expect(withHeadroom.keepUp).toBeGreaterThan(without.keepUp);
  });
});

describe('backlogShareOf', () => {
  it.each([
    // Budget 896 s; slack after a 180 s boot and a 60 s tick is 656 s.
    { name: 'batch sla', share: 0.8, slaSeconds: 900, result: (0.8 * 656) / 896 },
    { name: 'sla shorter than boot', share: 0.8, slaSeconds: 120, result: 0 },
    { name: 'share above 1 is cut', share: 3, slaSeconds: 900, result: 656 / 896 },
    { name: 'default none', share: undefined, slaSeconds: 900, result: 0 },
  ])('$name', ({ share, slaSeconds, result }) => {
    expect(backlogShareOf({ ...FLEET, backlogShare: share }, demand({ slaSeconds }))).toBeCloseTo(result, 10);
  });

  it('boot slack', () => {
    expect(bootSlackSeconds(FLEET, 900)).toBe(656);
    expect(bootSlackSeconds(FLEET, 120)).toBe(-124);
  });

  it('keep-up leaves the share to the queue', () => {
    const full = sizeQueues(FLEET, [demand({ arrivalRate: 10, slaSeconds: 900, slaPercentile: 99 })]);
    const shared = sizeQueues({ ...FLEET, backlogShare: 0.8 }, [demand({ arrivalRate: 10, slaSeconds: 900, slaPercentile: 99 })]);
    expect(full.keepUp).toBe(41);
    expect(shared.keepUp).toBeLessThan(full.keepUp);
    expect(shared.keepUp).toBeGreaterThanOrEqual(Math.ceil(40 * (1 - (0.8 * 656) / 896)));
  });

  it('issue case: 6 waiting, s 600, T 1800 still gets 2', () => {
    const pool = { ...buildPool({ priorSeconds: 600, slaSeconds: 1800 }), policy: { name: 'sla' as const, backlogShare: 0.8 } };
    expect(decide(pool, buildObservation({ visible: 6, desired: 1 })).desired).toBe(2);
  });
});

describe('in-flight floor and the window', () => {
  it('needRaw leaves out the in-flight floor', () => {
    const sizing = sizePool({ ...FLEET, arrivalRate: 0, visible: 0, inFlight: 12, delayed: 0, oldestAgeSeconds: undefined, slaSeconds: 900, slaPercentile: 99 });
    expect(sizing.raw).toBe(12);
    expect(sizing.needRaw).toBe(1);
  });

  it('short sla keeps the busy in the window', () => {
    const pool = buildPool({ scaleInProtection: true, slaSeconds: 120, warmupSeconds: 180 });
    const decision = decide(pool, buildObservation({ inFlight: 12, desired: 12, protectedFromScaleIn: 12 }));
    expect(decision.recommendation).toBe(12);
  });

  it('decision stores the need, holds the busy', () => {
    const pool = buildPool({ scaleInProtection: true });
    const decision = decide(pool, buildObservation({ inFlight: 12, desired: 12, protectedFromScaleIn: 12 }));
    expect(decision.desired).toBe(12);
    expect(decision.raw).toBe(12);
    expect(decision.recommendation).toBe(1);
  });
});

describe('plain drain floor', () => {
  it('covers the backlog a running fleet would finish late', () => {
    // 1500 images at 0.1 s on 10 workers take 15 s, past the 10 s SLA, even though the running
    // workers finish them before a new worker boots: the plain arithmetic needs 15.
    const sizing = sizePool({ ...FLEET, processingSeconds: 0.1, warmupSeconds: 60, arrivalRate: 0, visible: 1500, inFlight: 0, delayed: 0, oldestAgeSeconds: undefined, slaSeconds: 10, slaPercentile: 95 });
    expect(sizing.plainDrainFloor).toBe(15);
    expect(sizing.raw).toBe(15);
  });
});
