import { describe, expect, it } from 'vitest';

import { renderAnalysis, type BenchResult } from '../../scripts/bench/analysis.js';
import { formatSaving, formatTuning, pickMatching, savingShare, sweepTuning, type MatchedComparison, type SweepPoint } from '../../scripts/bench/matched.js';
import { renderMatchedSection } from '../../scripts/bench/matched-report.js';
import { runSummary } from './fixtures.js';

const FLEET = { serviceMeanSeconds: 4, concurrency: 1, bootMeanSeconds: 180 };

const summary = runSummary;

function point(factor: number, slaAttainment: number, paidGpuSeconds: number): SweepPoint {
  return { factor, tuning: { queueLength: Math.max(1, Math.floor(30 * factor)) }, summary: summary('queueLength', slaAttainment, paidGpuSeconds) };
}

describe('sweepTuning', () => {
  it.each([
    [1, 120],
    [0.5, 60],
    [0.0625, 7.5],
  ])('backlogPerInstance at f=%d', (factor, seconds) => {
    expect(sweepTuning('backlogPerInstance', 120, FLEET, factor)).toEqual({ acceptableLatencySeconds: seconds });
  });

  it.each([
    [120, 1, 30],
    [120, 0.125, 3],
    [120, 0.0625, 1],
    [900, 0.5, 112],
    [4, 0.5, 1],
  ])('queueLength at sla %d s, f=%d', (slaSeconds, factor, queueLength) => {
    expect(sweepTuning('queueLength', slaSeconds, FLEET, factor)).toEqual({ queueLength });
  });

  it('queueLength scales with concurrency', () => {
    expect(sweepTuning('queueLength', 120, { serviceMeanSeconds: 4, concurrency: 2 }, 0.5)).toEqual({ queueLength: 30 });
  });
});

describe('formatTuning', () => {
  it.each([
    [{ acceptableLatencySeconds: 7.5 }, '7.5 s'],
    [{ queueLength: 15 }, '15'],
    [{}, 'documented default'],
  ])('%o', (tuning, text) => {
    expect(formatTuning(tuning)).toBe(text);
  });
});

describe('pickMatching', () => {
  it('cheapest point at or above target', () => {
    const points = [point(1, 0.8, 100), point(0.5, 0.985, 130), point(0.25, 0.99, 120), point(0.125, 1, 200)];
    const choice = pickMatching(points, 0.985);

    expect(choice?.matched).toBe(true);
    expect(choice?.point.factor).toBe(0.25);
  });

  it('equal attainment counts as a match', () => {
    const choice = pickMatching([point(1, 0.9, 100), point(0.5, 1, 150)], 1);

    expect(choice?.matched).toBe(true);
    expect(choice?.point.factor).toBe(0.5);
  });

  it('best attainment when none matches', () => {
    const choice = pickMatching([point(1, 0.7, 100), point(0.5, 0.9, 150), point(0.25, 0.85, 160)], 0.99);

    expect(choice?.matched).toBe(false);
    expect(choice?.point.factor).toBe(0.5);
  });

  it('cheaper of equal best attainments', () => {
    const choice = pickMatching([point(1, 0.9, 150), point(0.5, 0.9, 140), point(0.25, 0.8, 100)], 0.99);

    expect(choice?.matched).toBe(false);
    expect(choice?.point.factor).toBe(0.5);
  });

  it('empty sweep', () => {
    expect(pickMatching([], 0.9)).toBeUndefined();
  });
});

describe('savingShare', () => {
  it.each([
    [100, 200, '50.0 % less'],
    [120, 100, '20.0 % more'],
    [100, 100, '0.0 % less'],
  ])('sla %d s against %d s', (slaPaid, baselinePaid, text) => {
    expect(formatSaving(savingShare(summary('sla', 1, slaPaid), summary('queueLength', 1, baselinePaid)))).toBe(text);
  });
});

function comparison(points: SweepPoint[], target: number): MatchedComparison {
  return { baseline: 'queueLength', points, choice: pickMatching(points, target)! };
}

function result(matched: MatchedComparison[] | undefined): BenchResult {
  const sla = summary('sla', 0.99, 3600 * 10);
  return { trace: 'day.csv', durationSeconds: 86_400, scenario: { name: 'interactive', slaSeconds: 120, slaPercentile: 95 }, summaries: [sla], matched };
}

describe('renderMatchedSection', () => {
  const points = [point(1, 0.75, 3600 * 9), point(0.5, 0.95, 3600 * 12), point(0.25, 0.995, 3600 * 16), point(0.125, 1, 3600 * 20), point(0.0625, 1, 3600 * 30)];

  it('lists sweep values per scenario', () => {
    const text = renderMatchedSection([result([comparison(points, 0.99)])], FLEET).join('\n');

    expect(text).toContain('## Baselines tuned to match the SLA attainment');
    expect(text).toContain('  - interactive (SLA 120 s): backlogPerInstance 120 s, 60 s, 30 s, 15 s, 7.5 s, 3.75 s, 1.875 s; queueLength 30, 15, 7, 3, 1.');
  });

  it('row with the picked setting', () => {
    const text = renderMatchedSection([result([comparison(points, 0.99)])], FLEET).join('\n');

    expect(text).toContain('| day.csv | interactive | 99.00 % | 10.0 | not run |  |  |  | 7 | 99.50 % | 16.0 | 37.5 % less |');
    expect(text).toContain('| day.csv | interactive | queueLength | 30: 75.00 %, 9.0 h | 15: 95.00 %, 12.0 h | 7: 99.50 %, 16.0 h | 3: 100.00 %, 20.0 h | 1: 100.00 %, 30.0 h |');
  });

  it('marks an unmatched pick', () => {
    const text = renderMatchedSection([result([comparison(points.slice(0, 2), 0.99)])], FLEET).join('\n');

    expect(text).toContain('| 15 (none matches; best reached) | 95.00 % | 12.0 | 16.7 % less |');
  });

  it('empty without a sweep', () => {
    expect(renderMatchedSection([result(undefined)], FLEET)).toEqual([]);
  });
});

describe('renderAnalysis matched findings', () => {
  const points = [point(1, 0.75, 3600 * 9), point(0.5, 0.995, 3600 * 16)];

  it('judges the saving at matched attainment', () => {
    const text = renderAnalysis([result([comparison(points, 0.99)])], FLEET).join('\n');

    expect(text).toContain("tuned to match sla's attainment (cheapest swept setting with attainment ≥ sla's, or the best reached when none does; section above): met in 1 of 1 comparisons:");
    expect(text).toContain('  - day.csv interactive against queueLength at 15 (99.50 %): sla pays 37.5 % less; met.');
  });

  it('names the best setting when none matches', () => {
    const text = renderAnalysis([result([comparison(points.slice(0, 1), 0.99)])], FLEET).join('\n');

    expect(text).toContain('met in 0 of 1 comparisons:');
    expect(text).toContain('no swept queueLength setting reaches 99.00 %; the best, queueLength at 30, reaches 75.00 %, and sla pays 11.1 % more than it at a higher attainment; not met.');
  });

  it('unmatched but cheaper sla meets', () => {
    const text = renderAnalysis([result([comparison([point(1, 0.9, 3600 * 20)], 0.99)])], FLEET).join('\n');

    expect(text).toContain('met in 1 of 1 comparisons:');
    expect(text).toContain('reaches 90.00 %, and sla pays 50.0 % less than it at a higher attainment; met.');
  });

  it('no matched findings without a sweep', () => {
    expect(renderAnalysis([result(undefined)], FLEET).join('\n')).not.toContain('tuned to match');
  });
});
