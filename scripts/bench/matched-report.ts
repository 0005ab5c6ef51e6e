/**
 * The "Baselines tuned to match the SLA attainment" section of docs/benchmarks.md: the swept knob
 * values, the setting picked per baseline, and every sweep point's attainment and cost.
 */
import type { BenchResult } from './analysis.js';
import {
  SWEEP_FACTORS,
  SWEPT_BASELINES,
  formatSaving,
  formatTuning,
  savingShare,
  sweepTuning,
  type MatchedComparison,
  type SweepFleet,
  type SweepPoint,
} from './matched.js';

const percent = (share: number): string => `${(share * 100).toFixed(2)} %`;
const hours = (seconds: number): string => (seconds / 3600).toFixed(1);

/** Lists the knob values each scenario's sweep runs, in sweep order. */
function sweepValues(results: BenchResult[], fleet: SweepFleet): string[] {
  const scenarios = new Map(results.map((result) => [result.scenario.name, result.scenario.slaSeconds]));
  const lines: string[] = [];
  for (const [name, slaSeconds] of scenarios) {
    const values = SWEPT_BASELINES.map((baseline) => {
      const knobs = new Set(SWEEP_FACTORS.map((factor) => formatTuning(sweepTuning(baseline, slaSeconds, fleet, factor))));
      return `${baseline} ${[...knobs].join(', ')}`;
    });
    lines.push(`  - ${name} (SLA ${slaSeconds} s): ${values.join('; ')}.`);
  }
  return lines;
}

function pickedCells(result: BenchResult, comparison: MatchedComparison | undefined): string[] {
  const sla = result.summaries.find((summary) => summary.policy === 'sla');
  if (comparison === undefined || sla === undefined) return ['not run', '', '', ''];

  const { point, matched } = comparison.choice;
  const setting = matched ? formatTuning(point.tuning) : `${formatTuning(point.tuning)} (none matches; best reached)`;
  const saving = formatSaving(savingShare(sla, point.summary));
  return [setting, percent(point.summary.slaAttainment), hours(point.summary.paidGpuSeconds), saving];
}

function pickedTable(results: BenchResult[]): string[] {
  const header = SWEPT_BASELINES.map((name) => `${name}: setting | its attainment | its paid GPU-hours | sla pays`).join(' | ');
  const lines = [`| trace | scenario | sla attainment | sla paid GPU-hours | ${header} |`, `| --- | --- | ---: | ---: |${' --- | ---: | ---: | --- |'.repeat(SWEPT_BASELINES.length)}`];
  for (const result of results) {
    const sla = result.summaries.find((summary) => summary.policy === 'sla');
    if (sla === undefined) continue;
    const cells = SWEPT_BASELINES.flatMap((name) => pickedCells(result, result.matched?.find((comparison) => comparison.baseline === name)));
    lines.push(`| ${result.trace} | ${result.scenario.name} | ${percent(sla.slaAttainment)} | ${hours(sla.paidGpuSeconds)} | ${cells.join(' | ')} |`);
  }
  return lines;
}

function pointCell(point: SweepPoint | undefined): string {
  if (point === undefined) return '—';
  return `${formatTuning(point.tuning)}: ${percent(point.summary.slaAttainment)}, ${hours(point.summary.paidGpuSeconds)} h`;
}

function sweepTable(results: BenchResult[]): string[] {
  const factors = SWEEP_FACTORS.map((factor) => `f = ${factor}`);
  const lines = [`| trace | scenario | baseline | ${factors.join(' | ')} |`, `| --- | --- | --- |${' --- |'.repeat(SWEEP_FACTORS.length)}`];
  for (const result of results) {
    for (const comparison of result.matched ?? []) {
      const cells = SWEEP_FACTORS.map((factor) => pointCell(comparison.points.find((point) => point.factor === factor)));
      lines.push(`| ${result.trace} | ${result.scenario.name} | ${comparison.baseline} | ${cells.join(' | ')} |`);
    }
  }
  return lines;
}

/** Renders the matched-attainment section; empty when no result carries a sweep. */
export function renderMatchedSection(results: BenchResult[], fleet: SweepFleet): string[] {
  if (!results.some((result) => (result.matched?.length ?? 0) > 0)) return [];
  const factors = SWEEP_FACTORS.join(', ');
  return [
    '## Baselines tuned to match the SLA attainment',
    '',
    'A baseline that reaches a lower attainment than `sla` with its documented setting cannot be compared with it on cost at equal attainment.',
    'So each baseline runs again with its main knob moved toward more capacity. Every other parameter stays as its documentation recommends, and `sla` and `static` are not rerun.',
    '',
    `- Sweep: \`backlogPerInstance\` acceptable latency = SLA × f; \`queueLength\` = floor(SLA ÷ processing time (${fleet.serviceMeanSeconds} s) × concurrency × f), at least 1; f in {${factors}}.`,
    '  f = 1 is the documented setting. Each value runs once, so queueLength stops at 1. Values run:',
    ...sweepValues(results, fleet),
    "- Picked setting: the one with the fewest paid GPU-seconds among those whose SLA attainment is at least that of `sla` on the same trace and scenario. When no swept setting reaches it, the table shows the best attainment reached and says so.",
    '- sla pays: 1 − (sla paid GPU-seconds ÷ the picked setting\'s paid GPU-seconds), written as less or more.',
    '',
    ...pickedTable(results),
    '',
    'Every sweep point (knob value: SLA attainment, paid GPU-hours). A dash marks a factor whose knob value repeats the previous column (queueLength is at least 1), which is not run again.',
    '',
    ...sweepTable(results),
    '',
  ];
}
