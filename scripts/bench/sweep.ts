/**
 * Runs the matched-attainment sweep of the baselines for one trace and scenario, in this process.
 */
import type { RunSummary } from '../../src/sim/measures.js';
import { runPolicy, type BaselineTuning } from '../../src/sim/run.js';
import type { ScenarioOptions } from '../../src/sim/scenario.js';
import { SWEEP_FACTORS, SWEPT_BASELINES, formatTuning, pickMatching, sweepTuning, type MatchedComparison, type SweepPoint, type SweptBaseline } from './matched.js';

async function runSetting(options: ScenarioOptions, baseline: SweptBaseline, tuning: BaselineTuning, label: string): Promise<RunSummary> {
  const run = await runPolicy(options, baseline, undefined, tuning);
  if (run.scalerErrors.count > 0) throw new Error(`${label}: ${run.scalerErrors.count} failed ticks; first: ${run.scalerErrors.first}`);
  process.stderr.write(`${label}: ${(run.summary.slaAttainment * 100).toFixed(2)} %, ${run.wallSeconds.toFixed(1)} s\n`);
  return run.summary;
}

/**
 * Sweeps each baseline's knob and picks the setting that matches `sla`'s attainment. Factor 1
 * reuses the `documented` run of the baseline. A factor whose knob value repeats an earlier one
 * (queueLength is at least 1) is skipped, so the sweep contains each setting once.
 */
export async function sweepBaselines(options: ScenarioOptions, sla: RunSummary, documented: RunSummary[], label: string): Promise<MatchedComparison[]> {
  const comparisons: MatchedComparison[] = [];
  for (const baseline of SWEPT_BASELINES) {
    const reused = documented.find((summary) => summary.policy === baseline);
    const seen = new Set<string>();
    const points: SweepPoint[] = [];
    for (const factor of SWEEP_FACTORS) {
      const tuning = sweepTuning(baseline, options.slaSeconds, options, factor);
      const key = formatTuning(tuning);
      if (seen.has(key)) continue;
      seen.add(key);

      const summary = factor === 1 && reused !== undefined ? reused : await runSetting(options, baseline, tuning, `${label} ${baseline} at ${key}`);
      points.push({ factor, tuning, summary });
    }

    const choice = pickMatching(points, sla.slaAttainment);
    if (choice !== undefined) comparisons.push({ baseline, points, choice });
  }
  return comparisons;
}
