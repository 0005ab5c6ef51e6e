/**
 * The closing section of docs/benchmarks.md: the headline ratios and, for each target, whether
 * this run met it and what limits it. Every figure comes from the run's summaries.
 */
import type { RunSummary } from '../../src/sim/measures.js';
import { formatSaving, formatTuning, savingShare, type MatchedComparison } from './matched.js';

export interface BenchResult {
  trace: string;
  /** Length of the trace, seconds. */
  durationSeconds: number;
  scenario: { name: string; slaSeconds: number; slaPercentile: number };
  summaries: RunSummary[];
  /** Sweep of each baseline's main knob against sla's attainment; absent when not run. */
  matched?: MatchedComparison[];
}

export interface BenchFleet {
  serviceMeanSeconds: number;
  bootMeanSeconds: number;
}

/** Attainment target of the sla policy on every trace and scenario. */
const ATTAINMENT_TARGET = 0.995;
/** Paid ÷ useful target on traces of a day or more (the diurnal traces). */
const COST_TARGET = 1.25;
/** Saving against a baseline at equal or better attainment. */
const SAVING_TARGET = 0.3;
/** Or this many times fewer late images at equal cost. */
const MISSES_TARGET = 10;
/** "Equal cost": sla pays at most this much more than the baseline. */
const EQUAL_COST_MARGIN = 0.05;
const DAY_SECONDS = 86_400;
const BASELINES = ['backlogPerInstance', 'queueLength'] as const;

const percent = (share: number): string => `${(share * 100).toFixed(2)} %`;
const label = (result: BenchResult): string => `${result.trace} ${result.scenario.name}`;

function find(result: BenchResult, policy: string): RunSummary | undefined {
  return result.summaries.find((summary) => summary.policy === policy);
}

function missesRatio(baseline: RunSummary, sla: RunSummary): number {
  const slaMisses = 1 - sla.slaAttainment;
  const baselineMisses = 1 - baseline.slaAttainment;
  if (slaMisses === 0) return baselineMisses === 0 ? 1 : Number.POSITIVE_INFINITY;
  return baselineMisses / slaMisses;
}

function formatRatio(ratio: number): string {
  return Number.isFinite(ratio) ? `${ratio.toFixed(1)}×` : 'sla has none late';
}

/** Renders one table row per trace and scenario: sla against each baseline. */
function headlineTable(results: BenchResult[]): string[] {
  const lines = [
    '| trace | scenario | sla attainment | sla paid ÷ useful | vs backlogPerInstance: sla pays, its attainment, its late ÷ sla late | vs queueLength: sla pays, its attainment, its late ÷ sla late |',
    '| --- | --- | ---: | ---: | --- | --- |',
  ];
  for (const result of results) {
    const sla = find(result, 'sla');
    if (sla === undefined) continue;
    const cells = BASELINES.map((name) => {
      const baseline = find(result, name);
      if (baseline === undefined) return 'not run';
      const saving = 1 - sla.paidGpuSeconds / baseline.paidGpuSeconds;
      const paid = saving >= 0 ? `${(saving * 100).toFixed(1)} % less` : `${(-saving * 100).toFixed(1)} % more`;
      return `${paid}, ${percent(baseline.slaAttainment)}, ${formatRatio(missesRatio(baseline, sla))}`;
    });
    lines.push(`| ${result.trace} | ${result.scenario.name} | ${percent(sla.slaAttainment)} | ${sla.paidToUsefulRatio.toFixed(2)} | ${cells.join(' | ')} |`);
  }
  return lines;
}

function attainmentFindings(results: BenchResult[], fleet: BenchFleet): string[] {
  const missed = results.filter((result) => (find(result, 'sla')?.slaAttainment ?? 0) < ATTAINMENT_TARGET);
  if (missed.length === 0) return [`- Attainment ≥ ${percent(ATTAINMENT_TARGET)} on every trace and scenario: met.`];

  const lines = [`- Attainment ≥ ${percent(ATTAINMENT_TARGET)} on every trace and scenario: not met on ${missed.length} of ${results.length}:`];
  for (const result of missed) {
    const sla = find(result, 'sla')!;
    const budget = result.scenario.slaSeconds - fleet.serviceMeanSeconds;
    const limit =
      fleet.bootMeanSeconds > budget
        ? `a worker boots in ${fleet.bootMeanSeconds} s, longer than the ${budget} s an image may wait, so images that arrive in a rise above the running workers' throughput are late whatever the scaler orders; only idle workers kept in advance serve them (static pays ${find(result, 'static')?.paidToUsefulRatio.toFixed(2) ?? '?'}× the useful time for ${percent(find(result, 'static')?.slaAttainment ?? 0)})`
        : 'the arrivals rose faster than the boot time lets capacity follow';
    lines.push(`  - ${label(result)}: ${percent(sla.slaAttainment)}; ${limit}.`);
  }
  return lines;
}

function costFindings(results: BenchResult[], fleet: BenchFleet): string[] {
  const diurnal = results.filter((result) => result.durationSeconds >= DAY_SECONDS);
  const over = diurnal.filter((result) => (find(result, 'sla')?.paidToUsefulRatio ?? Infinity) > COST_TARGET);
  if (over.length === 0) return [`- Paid ÷ useful ≤ ${COST_TARGET} on the diurnal traces (a day or longer): met.`];

  const lines = [`- Paid ÷ useful ≤ ${COST_TARGET} on the diurnal traces (a day or longer): not met on ${over.length} of ${diurnal.length}:`];
  for (const result of over) {
    const sla = find(result, 'sla')!;
    const slaSeconds = result.scenario.slaSeconds;
    const reason =
      slaSeconds - fleet.serviceMeanSeconds < fleet.bootMeanSeconds + 60
        ? `With an SLA of ${slaSeconds} s, shorter than a ${fleet.bootMeanSeconds} s boot plus a one-minute tick, the formula keeps up with arrivals and keeps workers through the stabilization window, because workers released now cannot return in time for the next rise`
        : `The SLA of ${slaSeconds} s leaves time to boot, so the cost comes from capacity kept above the arrivals; see the table above`;
    lines.push(`  - ${label(result)}: ${sla.paidToUsefulRatio.toFixed(2)}. ${reason}.`);
  }
  return lines;
}

function baselineFinding(result: BenchResult, name: string): string | undefined {
  const sla = find(result, 'sla');
  const baseline = find(result, name);
  if (sla === undefined || baseline === undefined) return undefined;

  const saving = 1 - sla.paidGpuSeconds / baseline.paidGpuSeconds;
  const atLeastAsGood = sla.slaAttainment >= baseline.slaAttainment;
  const equalCost = sla.paidGpuSeconds <= baseline.paidGpuSeconds * (1 + EQUAL_COST_MARGIN);
  const ratio = missesRatio(baseline, sla);
  if ((atLeastAsGood && saving >= SAVING_TARGET) || (equalCost && ratio >= MISSES_TARGET)) return undefined;

  // Paying 30 % less than the baseline means paid ÷ useful below 0.7 × the baseline's, and no
  // policy pays less than the useful time.
  const floor = (1 - SAVING_TARGET) * baseline.paidToUsefulRatio;
  const explanation =
    floor < 1
      ? `30 % less would need paid ÷ useful ${floor.toFixed(2)}, below the useful floor of 1, because ${name} already pays ${baseline.paidToUsefulRatio.toFixed(2)}× useful while missing ${percent(1 - baseline.slaAttainment)} of the images`
      : `sla pays ${(-saving * 100).toFixed(1)} % ${saving >= 0 ? 'less' : 'more'} for ${formatRatio(ratio)} as many late images`;
  return `  - ${label(result)} against ${name}: ${explanation}.`;
}

function savingFindings(results: BenchResult[]): string[] {
  const misses = results.flatMap((result) => BASELINES.map((name) => baselineFinding(result, name))).filter((line): line is string => line !== undefined);
  const rule = `≥ ${SAVING_TARGET * 100} % fewer paid GPU-seconds at equal or better attainment, or ≥ ${MISSES_TARGET}× fewer late images at equal cost (sla pays at most ${EQUAL_COST_MARGIN * 100} % more)`;
  if (misses.length === 0) return [`- ${rule} than backlogPerInstance and queueLength: met everywhere.`];
  return [`- ${rule} than backlogPerInstance and queueLength: not met in ${misses.length} of ${results.length * BASELINES.length} comparisons:`, ...misses];
}

function matchedFinding(result: BenchResult, sla: RunSummary, comparison: MatchedComparison): string {
  const { point, matched } = comparison.choice;
  const saving = savingShare(sla, point.summary);
  const setting = `${comparison.baseline} at ${formatTuning(point.tuning)}`;
  const verdict = saving >= SAVING_TARGET ? 'met' : 'not met';
  if (!matched) {
    // sla's attainment is above every swept setting's here, so the saving alone decides the target.
    return `  - ${label(result)}: no swept ${comparison.baseline} setting reaches ${percent(sla.slaAttainment)}; the best, ${setting}, reaches ${percent(point.summary.slaAttainment)}, and sla pays ${formatSaving(saving)} than it at a higher attainment; ${verdict}.`;
  }
  return `  - ${label(result)} against ${setting} (${percent(point.summary.slaAttainment)}): sla pays ${formatSaving(saving)}; ${verdict}.`;
}

/** Judges the saving target against each baseline tuned to reach sla's attainment. */
function matchedFindings(results: BenchResult[]): string[] {
  const lines: string[] = [];
  let met = 0;
  let total = 0;
  for (const result of results) {
    const sla = find(result, 'sla');
    if (sla === undefined) continue;
    for (const comparison of result.matched ?? []) {
      total += 1;
      if (savingShare(sla, comparison.choice.point.summary) >= SAVING_TARGET) met += 1;
      lines.push(matchedFinding(result, sla, comparison));
    }
  }
  if (total === 0) return [];
  const rule = `≥ ${SAVING_TARGET * 100} % fewer paid GPU-seconds than each baseline tuned to match sla's attainment (cheapest swept setting with attainment ≥ sla's, or the best reached when none does; section above)`;
  return [`- ${rule}: met in ${met} of ${total} comparisons:`, ...lines];
}

/** Renders the closing section: headline ratios, then each target with this run's figures. */
export function renderAnalysis(results: BenchResult[], fleet: BenchFleet): string[] {
  return [
    '## Headline ratios and targets',
    '',
    ...headlineTable(results),
    '',
    ...attainmentFindings(results, fleet),
    ...costFindings(results, fleet),
    ...savingFindings(results),
    ...matchedFindings(results),
    '',
  ];
}
