import { describe, expect, it } from 'vitest';

import { erlangB, erlangC, minServersForSla, waitExceedProbability } from '../../src/policy/erlang.js';

/**
 * Reference Erlang C from the textbook sum form, as the Wolfram Language `ErlangC[c, a]`
 * reference defines it:
 *   C(k, a) = (a^k / k! · k / (k - a)) / (Σ_{i<k} a^i / i! + a^k / k! · k / (k - a)).
 * Direct evaluation overflows for large k, which is why the product code uses the recursion;
 * here it checks the recursion for small k.
 */
function erlangCBySum(servers: number, offeredLoad: number): number {
  let term = 1;
  let sum = 0;
  for (let i = 0; i < servers; i += 1) {
    sum += term;
    term *= offeredLoad / (i + 1);
  }
  const top = (term * servers) / (servers - offeredLoad);
  return top / (sum + top);
}

describe('erlangC', () => {
  // Erlang C for a = 10 Erlangs, computed independently from the sum form with
  //   python3 -c "from math import factorial as f; C=lambda k,a: a**k/f(k)*k/(k-a)/(sum(a**i/f(i) for i in range(k))+a**k/f(k)*k/(k-a)); print([round(C(k,10),4) for k in (11,12,13)])"
  // which prints [0.6821, 0.4494, 0.2853].
  it.each([
    { servers: 11, expected: 0.6821 },
    { servers: 12, expected: 0.4494 },
    { servers: 13, expected: 0.2853 },
  ])('a = 10 Erlangs, k = $servers: $expected', ({ servers, expected }) => {
    expect(erlangC(servers, 10)).toBeCloseTo(expected, 4);
  });

  it.each([
    { servers: 1, offeredLoad: 0.5 },
    { servers: 3, offeredLoad: 2 },
    { servers: 10, offeredLoad: 6 },
    { servers: 30, offeredLoad: 25.5 },
    { servers: 60, offeredLoad: 48 },
  ])('matches the sum form: k = $servers, a = $offeredLoad', ({ servers, offeredLoad }) => {
    expect(erlangC(servers, offeredLoad)).toBeCloseTo(erlangCBySum(servers, offeredLoad), 12);
  });

  it('single slot: C equals the utilization', () => {
    expect(erlangC(1, 0.3)).toBeCloseTo(0.3, 12);
  });

  it.each([
    { name: 'load equals slots', servers: 5, offeredLoad: 5 },
    { name: 'load above slots', servers: 5, offeredLoad: 7.5 },
    { name: 'no slots', servers: 0, offeredLoad: 0.1 },
  ])('returns 1 when $name', ({ servers, offeredLoad }) => {
    expect(erlangC(servers, offeredLoad)).toBe(1);
  });

  it('returns 0 without load', () => {
    expect(erlangC(3, 0)).toBe(0);
  });

  it.each([
    { name: 'fractional', servers: 2.5 },
    { name: 'negative', servers: -1 },
    { name: 'NaN', servers: Number.NaN },
  ])('rejects $name slot counts', ({ servers }) => {
    expect(() => erlangC(servers, 1)).toThrow(RangeError);
  });

  it('stays finite for thousands of Erlangs', () => {
    const waiting = erlangC(5200, 5000);

    expect(Number.isFinite(waiting)).toBe(true);
    expect(waiting).toBeGreaterThan(0);
    expect(waiting).toBeLessThan(1);
  });
});

describe('erlangB', () => {
  it.each([
    { servers: 1, offeredLoad: 1, expected: 0.5 },
    { servers: 2, offeredLoad: 1, expected: 0.2 },
    { servers: 0, offeredLoad: 4, expected: 1 },
  ])('k = $servers, a = $offeredLoad: $expected', ({ servers, offeredLoad, expected }) => {
    expect(erlangB(servers, offeredLoad)).toBeCloseTo(expected, 12);
  });
});

describe('waitExceedProbability', () => {
  it('equals Erlang C at zero wait', () => {
    expect(waitExceedProbability(12, 10, 3, 0)).toBeCloseTo(erlangC(12, 10), 12);
  });

  it('decays with the spare slot rate', () => {
    const expected = erlangC(12, 10) * Math.exp((-(12 - 10) * 6) / 3);

    expect(waitExceedProbability(12, 10, 3, 6)).toBeCloseTo(expected, 12);
  });

  it.each([
    { name: 'negative wait', servers: 12, offeredLoad: 10, waitSeconds: -1 },
    { name: 'unstable queue', servers: 10, offeredLoad: 10, waitSeconds: 60 },
  ])('returns 1 for $name', ({ servers, offeredLoad, waitSeconds }) => {
    expect(waitExceedProbability(servers, offeredLoad, 3, waitSeconds)).toBe(1);
  });
});

describe('minServersForSla', () => {
  // With service time equal to the SLA the wait bound is 0, so the target is C(k, a) itself,
  // and the values above fix the smallest count.
  it.each([
    { percentile: 30, servers: 11 },
    { percentile: 55, servers: 12 },
    { percentile: 70, servers: 13 },
  ])('a = 10, wait bound 0, p$percentile: $servers slots', ({ percentile, servers }) => {
    const staffing = minServersForSla(1, 10, 10, percentile);

    expect(staffing.servers).toBe(servers);
    expect(staffing.waitSeconds).toBe(0);
  });

  it('returns 0 slots without arrivals', () => {
    expect(minServersForSla(0, 3, 180, 95).servers).toBe(0);
  });

  it.each([
    { arrivalRate: 1.3, serviceSeconds: 3, slaSeconds: 180, percentile: 95 },
    { arrivalRate: 0.2, serviceSeconds: 240, slaSeconds: 300, percentile: 99 },
    { arrivalRate: 50, serviceSeconds: 2, slaSeconds: 5, percentile: 90 },
  ])('finds the smallest count: $arrivalRate/s at $serviceSeconds s', ({ arrivalRate, serviceSeconds, slaSeconds, percentile }) => {
    const staffing = minServersForSla(arrivalRate, serviceSeconds, slaSeconds, percentile);
    const allowed = 1 - percentile / 100;
    const waitSeconds = slaSeconds - serviceSeconds;
    const offeredLoad = arrivalRate * serviceSeconds;

    expect(waitExceedProbability(staffing.servers, offeredLoad, serviceSeconds, waitSeconds)).toBeLessThanOrEqual(allowed);
    expect(waitExceedProbability(staffing.servers - 1, offeredLoad, serviceSeconds, waitSeconds)).toBeGreaterThan(allowed);
  });

  it('sizes 5000 Erlangs fast and near square-root staffing', () => {
    const started = performance.now();
    const staffing = minServersForSla(2500, 2, 2, 99);
    const elapsedMs = performance.now() - started;

    expect(staffing.offeredLoad).toBe(5000);
    expect(staffing.servers).toBeGreaterThan(5000);
    expect(staffing.servers).toBeLessThan(5000 + 5 * Math.sqrt(5000));
    expect(elapsedMs).toBeLessThan(100);
  });

  it('falls back to a zero wait bound when one image exceeds the SLA', () => {
    const staffing = minServersForSla(1, 10, 8, 70);

    expect(staffing.slaReachable).toBe(false);
    expect(staffing.waitSeconds).toBe(0);
    expect(staffing.servers).toBe(13);
  });
});
