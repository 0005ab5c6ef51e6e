import { describe, expect, it } from 'vitest';

import { arrivalOffsets, parseTrace, peakRatePerSecond, sliceTrace, TraceError } from '../../src/sim/trace.js';
import { minuteTrace } from './helpers.js';

describe('parseTrace', () => {
  it('reads minute traces', () => {
    const trace = parseTrace('minute,arrivals\n0,3\n1,0\n2,7\n', 'file.csv');
    expect(trace.intervalSeconds).toBe(60);
    expect(trace.arrivals).toEqual([3, 0, 7]);
  });

  it('reads second traces', () => {
    expect(parseTrace('second,arrivals\n0,1\n1,2', 'file.csv').intervalSeconds).toBe(1);
  });

  it.each([
    ['unknown header', 'hour,arrivals\n0,1', /invalid header/],
    ['gap in offsets', 'minute,arrivals\n0,1\n2,1', /line 3/],
    ['negative count', 'minute,arrivals\n0,-1', /line 2/],
    ['non-numeric count', 'minute,arrivals\n0,many', /line 2/],
    ['extra column', 'minute,arrivals\n0,1,2', /line 2/],
    ['no rows', 'minute,arrivals\n', /no rows/],
  ])('rejects %s', (_name, text, message) => {
    expect(() => parseTrace(text, 'bad.csv')).toThrow(TraceError);
    expect(() => parseTrace(text, 'bad.csv')).toThrow(message);
  });
});

describe('arrivalOffsets', () => {
  it('spaces even arrivals inside each interval', () => {
    expect([...arrivalOffsets(minuteTrace([2, 1]), 1, 1, 'even')]).toEqual([15, 45, 90]);
  });

  it('repeats with the same seed', () => {
    const trace = minuteTrace([5, 9, 3]);
    expect([...arrivalOffsets(trace, 1.5, 42, 'poisson')]).toEqual([...arrivalOffsets(trace, 1.5, 42, 'poisson')]);
  });

  it('differs with another seed', () => {
    const trace = minuteTrace([5, 9, 3]);
    expect([...arrivalOffsets(trace, 1, 1, 'poisson')]).not.toEqual([...arrivalOffsets(trace, 1, 2, 'poisson')]);
  });

  it('keeps poisson arrivals ordered and inside their interval', () => {
    const offsets = [...arrivalOffsets(minuteTrace([50, 50]), 1, 7, 'poisson')];
    expect(offsets).toHaveLength(100);
    expect(offsets.slice(0, 50).every((offset) => offset >= 0 && offset < 60)).toBe(true);
    expect(offsets.slice(50).every((offset) => offset >= 60 && offset < 120)).toBe(true);
    expect([...offsets].sort((a, b) => a - b)).toEqual(offsets);
  });

  it('keeps the scaled mean with stochastic rounding', () => {
    const trace = minuteTrace(Array.from({ length: 2000 }, () => 1));
    const count = [...arrivalOffsets(trace, 0.5, 3, 'poisson')].length;
    expect(count).toBeGreaterThan(900);
    expect(count).toBeLessThan(1100);
  });
});

describe('trace helpers', () => {
  it('slices rows', () => {
    expect(sliceTrace(minuteTrace([1, 2, 3, 4]), 1, 2).arrivals).toEqual([2, 3]);
  });

  it('rejects an empty slice', () => {
    expect(() => sliceTrace(minuteTrace([1]), 5, 2)).toThrow(/empty/);
  });

  it('finds the peak minute of a second trace', () => {
    const trace = parseTrace(['second,arrivals', ...Array.from({ length: 120 }, (_, i) => `${i},${i < 60 ? 1 : 2}`)].join('\n'), 's');
    expect(peakRatePerSecond(trace, 1)).toBe(2);
  });
});
