import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { PolicyRun } from '../run.js';
import { lineChart, type ChartSeries } from './svg.js';
import { SUMMARY_ROWS } from './table.js';

/** Run settings printed in the report's header. */
export interface ReportContext {
  traceName: string;
  scale: number;
  seed: number;
  slaSeconds: number;
  slaPercentile: number;
  command: string;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Builds the four charts of a set of runs, keyed by file name. */
export function buildCharts(runs: PolicyRun[], slaSeconds: number): Map<string, string> {
  const perPolicy = (pick: (run: PolicyRun) => number[]): ChartSeries[] =>
    runs.map((run) => ({ label: run.summary.policy, values: pick(run) }));
  const first = runs[0];

  return new Map([
    [
      'arrivals.svg',
      lineChart({
        title: 'Arrivals (images sent per minute)',
        yLabel: 'images / minute',
        series: first === undefined ? [] : [{ label: 'arrivals', values: first.series.arrivals }],
        reduce: 'mean',
      }),
    ],
    [
      'backlog.svg',
      lineChart({ title: 'Backlog (visible messages, peak per point)', yLabel: 'messages', series: perPolicy((run) => run.series.backlog), reduce: 'max' }),
    ],
    [
      'workers.svg',
      lineChart({ title: 'Workers (booting and in service, peak per point)', yLabel: 'workers', series: perPolicy((run) => run.series.workers), reduce: 'max' }),
    ],
    [
      'latency.svg',
      lineChart({
        title: 'Latency p95 of images finished in the minute (peak per point)',
        yLabel: 'seconds',
        series: perPolicy((run) => run.series.latencyP95Seconds),
        reduce: 'max',
        reference: { value: slaSeconds, label: `SLA ${slaSeconds} s` },
      }),
    ],
  ]);
}

/** Writes `report.html`, the SVG charts and `summary.json` to `dir`; returns the report's path. */
export function writeReport(dir: string, runs: PolicyRun[], context: ReportContext): string {
  mkdirSync(dir, { recursive: true });
  const charts = buildCharts(runs, context.slaSeconds);
  for (const [file, svg] of charts) writeFileSync(join(dir, file), svg);
  writeFileSync(join(dir, 'summary.json'), `${JSON.stringify(runs.map((run) => run.summary), null, 2)}\n`);

  const header = runs.map((run) => `<th>${escapeHtml(run.summary.policy)}</th>`).join('');
  const rows = SUMMARY_ROWS.map(
    (row) => `<tr><th scope="row">${escapeHtml(row.label)}</th>${runs.map((run) => `<td>${escapeHtml(row.value(run.summary))}</td>`).join('')}</tr>`,
  ).join('\n');
  const images = [...charts.keys()].map((file) => `<figure><img src="${file}" alt="${file.replace('.svg', '')} over time"></figure>`).join('\n');

  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Simulation: ${escapeHtml(context.traceName)}</title>
<style>
body { font-family: sans-serif; margin: 2rem; max-width: 1000px; color: #222; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { padding: 0.3rem 0.8rem; border-bottom: 1px solid #ddd; text-align: right; }
th[scope=row] { text-align: left; font-weight: normal; }
figure { margin: 1.5rem 0; }
img { max-width: 100%; border: 1px solid #eee; }
code { background: #f4f4f4; padding: 0.1rem 0.3rem; }
</style>
</head>
<body>
<h1>Trace replay: ${escapeHtml(context.traceName)}</h1>
<p>Scale ${context.scale}, seed ${context.seed}, SLA: ${context.slaPercentile} % of images within ${context.slaSeconds} s.
Command: <code>${escapeHtml(context.command)}</code></p>
<table>
<thead><tr><th></th>${header}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
${images}
</body>
</html>
`;
  const path = join(dir, 'report.html');
  writeFileSync(path, html);
  return path;
}
