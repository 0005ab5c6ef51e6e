import type { RunSummary } from '../measures.js';

/** One row of the side-by-side comparison: a label and how to format a summary's value. */
interface Row {
  label: string;
  value: (summary: RunSummary) => string;
}

const fixed = (value: number, digits: number): string => (Number.isFinite(value) ? value.toFixed(digits) : '-');
const percent = (share: number): string => `${fixed(share * 100, 2)} %`;
const integer = (value: number): string => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '-');

export const SUMMARY_ROWS: Row[] = [
  { label: 'SLA attainment', value: (s) => percent(s.slaAttainment) },
  { label: 'images (finished)', value: (s) => `${integer(s.images)} (${integer(s.finished)})` },
  { label: 'latency p50 s', value: (s) => fixed(s.latencyP50Seconds, 1) },
  { label: 'latency p95 s', value: (s) => fixed(s.latencyP95Seconds, 1) },
  { label: 'latency p99 s', value: (s) => fixed(s.latencyP99Seconds, 1) },
  { label: 'latency max s', value: (s) => fixed(s.latencyMaxSeconds, 1) },
  { label: 'paid GPU-hours', value: (s) => fixed(s.paidGpuSeconds / 3600, 1) },
  { label: 'useful GPU-hours', value: (s) => fixed(s.usefulGpuSeconds / 3600, 1) },
  { label: 'paid / useful', value: (s) => fixed(s.paidToUsefulRatio, 2) },
  { label: 'scaling writes', value: (s) => integer(s.writes) },
  { label: 'peak workers', value: (s) => integer(s.peakWorkers) },
];

/** Plain-text table: one column per policy, one row per measure, padded for a terminal. */
export function formatTable(summaries: RunSummary[]): string {
  const header = ['', ...summaries.map((summary) => summary.policy)];
  const rows = SUMMARY_ROWS.map((row) => [row.label, ...summaries.map((summary) => row.value(summary))]);
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((cells) => cells[column]!.length)));

  const render = (cells: string[]): string =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  return [render(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(render)].join('\n');
}

/** Markdown table with the same rows, for docs/benchmarks.md. */
export function formatMarkdownTable(summaries: RunSummary[]): string {
  const header = `| measure | ${summaries.map((summary) => summary.policy).join(' | ')} |`;
  const divider = `| --- | ${summaries.map(() => '---:').join(' | ')} |`;
  const rows = SUMMARY_ROWS.map((row) => `| ${row.label} | ${summaries.map((summary) => row.value(summary)).join(' | ')} |`);
  return [header, divider, ...rows].join('\n');
}
