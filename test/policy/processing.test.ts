import { describe, expect, it } from 'vitest';

import { estimateProcessingSeconds, median, PROCESSING_WINDOW_MINUTES } from '../../src/policy/processing.js';

const PRIOR_SECONDS = 3;

describe('median', () => {
  it.each([
    { name: 'odd count', values: [5, 1, 3], expected: 3 },
    { name: 'even count', values: [4, 1, 3, 2], expected: 2.5 },
    { name: 'single value', values: [7], expected: 7 },
  ])('$name', ({ values, expected }) => {
    expect(median(values)).toBe(expected);
  });
});

describe('estimateProcessingSeconds', () => {
  it('takes the median of the metric', () => {
    const estimate = estimateProcessingSeconds([3, 3.2, 2.8, 3.1, 2.9], undefined, PRIOR_SECONDS);

    expect(estimate.seconds).toBe(3);
    expect(estimate.source).toBe('metric');
    expect(estimate.samples).toBe(5);
  });

  it('ignores cold-start minutes of freshly booted workers', () => {
    const coldStart = [45, 38, 30, 3.1, 3, 2.9, 3.2, 3, 3.1, 2.9];

    expect(estimateProcessingSeconds(coldStart, undefined, PRIOR_SECONDS).seconds).toBeCloseTo(3.1, 10);
  });

  it('first cold minute cannot move the estimate', () => {
    const estimate = estimateProcessingSeconds([10.4], undefined, PRIOR_SECONDS);

    expect(estimate.seconds).toBe(PRIOR_SECONDS);
    expect(estimate.source).toBe('metric');
    expect(estimate.samples).toBe(1);
  });

  it('two slow minutes outvote the reference', () => {
    expect(estimateProcessingSeconds([10, 12], 2.5, PRIOR_SECONDS).seconds).toBe(10);
  });

  it('pads with the last good value first', () => {
    expect(estimateProcessingSeconds([9], 2.5, PRIOR_SECONDS).seconds).toBe(2.5);
  });

  it.each([
    { name: 'NaN', bad: Number.NaN },
    { name: 'negative', bad: -4 },
    { name: 'zero', bad: 0 },
    { name: 'infinite', bad: Number.POSITIVE_INFINITY },
  ])('ignores $name values', ({ bad }) => {
    const estimate = estimateProcessingSeconds([bad, 6, bad, 6, bad], undefined, PRIOR_SECONDS);

    expect(estimate.seconds).toBe(6);
    expect(estimate.samples).toBe(2);
  });

  it('uses only the newest ten usable values', () => {
    const old = [100, 100, 100, 100, 100, 100];
    const recent = Array.from({ length: PROCESSING_WINDOW_MINUTES }, () => 4);

    expect(estimateProcessingSeconds([...old, ...recent], undefined, PRIOR_SECONDS).seconds).toBe(4);
  });

  it.each([
    { name: 'empty series', values: [] as number[] },
    { name: 'only unusable values', values: [Number.NaN, -1, 0] },
  ])('falls back to the last good value: $name', ({ values }) => {
    const estimate = estimateProcessingSeconds(values, 5.5, PRIOR_SECONDS);

    expect(estimate).toEqual({ seconds: 5.5, source: 'lastGood', samples: 0 });
  });

  it.each([
    { name: 'no last good value', lastGood: undefined },
    { name: 'unusable last good value', lastGood: Number.NaN },
  ])('falls back to the prior: $name', ({ lastGood }) => {
    const estimate = estimateProcessingSeconds([], lastGood, PRIOR_SECONDS);

    expect(estimate).toEqual({ seconds: PRIOR_SECONDS, source: 'prior', samples: 0 });
  });
});
