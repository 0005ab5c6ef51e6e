import { describe, expect, it } from 'vitest';

import type { RunSummary } from '../../src/sim/measures.js';
import { renderAnalysis, type BenchResult } from '../../scripts/bench/analysis.js';
import { runSummary, USEFUL_GPU_SECONDS } from './fixtures.js';

const FLEET = { serviceMeanSeconds: 4, bootMeanSeconds: 180 };
const DAY_SECONDS = 86_400;

function summary(policy: string, slaAttainment: number, paidToUsefulRatio: number): RunSummary {
  return runSummary(policy, slaAttainment, USEFUL_GPU_SECONDS * paidToUsefulRatio);
}

function result(name: string, slaSeconds: number, summaries: RunSummary[], durationSeconds = DAY_SECONDS): BenchResult {
  return { trace: 'day.csv', durationSeconds, scenario: { name, slaSeconds, slaPercentile: 95 }, summaries };
}

describe('renderAnalysis', () => {
  it('all targets met', () => {
    const text = renderAnalysis(
      [result('batch', 900, [summary('sla', 1, 1.05), summary('backlogPerInstance', 0.95, 1.6), summary('queueLength', 0.99, 1.04), summary('static', 1, 5)])],
      FLEET,
    ).join('\n');

    expect(text).toContain('on every trace and scenario: met.');
    expect(text).toContain('on the diurnal traces (a day or longer): met.');
    expect(text).toContain('met everywhere.');
    expect(text).toContain('| day.csv | batch | 100.00 % | 1.05 | 34.4 % less, 95.00 %, sla has none late |');
  });

  it('names the boot limit of a short sla', () => {
    const text = renderAnalysis([result('interactive', 120, [summary('sla', 0.97, 1.6), summary('static', 1, 5.49)])], FLEET).join('\n');

    expect(text).toContain('not met on 1 of 1');
    expect(text).toContain('day.csv interactive: 97.00 %; a worker boots in 180 s, longer than the 116 s an image may wait');
    expect(text).toContain('static pays 5.49× the useful time for 100.00 %');
    expect(text).toContain('day.csv interactive: 1.60. With an SLA of 120 s, shorter than a 180 s boot plus a one-minute tick');
  });

  it('explains a saving below the useful floor', () => {
    const text = renderAnalysis([result('interactive', 120, [summary('sla', 0.98, 1.3), summary('queueLength', 0.75, 1.2)], 7200)], FLEET).join('\n');

    expect(text).toContain('30 % less would need paid ÷ useful 0.84, below the useful floor of 1');
    expect(text).toContain('on the diurnal traces (a day or longer): met.');
  });
});
