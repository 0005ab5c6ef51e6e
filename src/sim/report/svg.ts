/** One line of a chart: per-minute values, NaN where there is no value. */
export interface ChartSeries {
  label: string;
  values: number[];
}

export interface LineChartOptions {
  title: string;
  yLabel: string;
  series: ChartSeries[];
  /** Reduction of a bucket of minutes to one point, used when the series is longer than the chart is wide. */
  reduce: 'max' | 'mean';
  /** Dashed horizontal reference line, for example the SLA. */
  reference?: { value: number; label: string };
}

/** Colour-blind-safe palette (Okabe and Ito, 2008). */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];

const WIDTH = 960;
const HEIGHT = 320;
const MARGIN = { left: 70, right: 20, top: 56, bottom: 48 };
const MAX_POINTS = 900;

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Reduces a series to at most MAX_POINTS buckets; returns [minute, value] pairs. */
export function downsample(values: number[], reduce: 'max' | 'mean'): Array<[number, number]> {
  const size = Math.max(1, Math.ceil(values.length / MAX_POINTS));
  const points: Array<[number, number]> = [];

  for (let start = 0; start < values.length; start += size) {
    const bucket = values.slice(start, start + size).filter((value) => Number.isFinite(value));
    if (bucket.length === 0) {
      points.push([start, Number.NaN]);
      continue;
    }
    const value = reduce === 'max' ? Math.max(...bucket) : bucket.reduce((sum, item) => sum + item, 0) / bucket.length;
    points.push([start + (size - 1) / 2, value]);
  }
  return points;
}

/** Round tick step (1, 2 or 5 × 10^n) giving about `count` ticks over `span`. */
export function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const factor = [1, 2, 5, 10].find((candidate) => candidate * magnitude >= raw) ?? 10;
  return factor * magnitude;
}

function formatNumber(value: number): string {
  if (Math.abs(value) >= 1000) return `${Math.round(value / 100) / 10}k`;
  return String(Math.round(value * 100) / 100);
}

/** Draws a line chart as a standalone SVG document: axes with ticks, labels, legend and lines. */
export function lineChart(options: LineChartOptions): string {
  const minutes = Math.max(1, ...options.series.map((line) => line.values.length));
  const lines = options.series.map((line) => ({ label: line.label, points: downsample(line.values, options.reduce) }));
  const finite = lines.flatMap((line) => line.points.map(([, value]) => value)).filter((value) => Number.isFinite(value));
  const yTop = Math.max(1e-9, ...finite, options.reference?.value ?? 0) * 1.05;

  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (minute: number): number => MARGIN.left + (minute / minutes) * plotWidth;
  const y = (value: number): number => MARGIN.top + plotHeight - (value / yTop) * plotHeight;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${MARGIN.left}" y="22" font-size="15" font-weight="bold">${escapeXml(options.title)}</text>`,
    ...yAxis(yTop, y, plotWidth, options.yLabel),
    ...xAxis(minutes, x, plotHeight),
  ];

  if (options.reference !== undefined) {
    const ry = y(options.reference.value).toFixed(1);
    parts.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + plotWidth}" y1="${ry}" y2="${ry}" stroke="#555" stroke-dasharray="6 4"/>`);
    parts.push(`<text x="${MARGIN.left + 4}" y="${Number(ry) - 4}" fill="#555">${escapeXml(options.reference.label)}</text>`);
  }

  lines.forEach((line, index) => parts.push(linePath(line.points, x, y, PALETTE[index % PALETTE.length]!)));
  parts.push(...legend(lines.map((line) => line.label)));
  parts.push('</svg>');
  return parts.join('\n');
}

function linePath(points: Array<[number, number]>, x: (m: number) => number, y: (v: number) => number, colour: string): string {
  let d = '';
  let pen = false;
  for (const [minute, value] of points) {
    if (!Number.isFinite(value)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${x(minute).toFixed(1)},${y(value).toFixed(1)}`;
    pen = true;
  }
  return `<path d="${d}" fill="none" stroke="${colour}" stroke-width="1.5" stroke-linejoin="round"/>`;
}

function yAxis(yTop: number, y: (v: number) => number, plotWidth: number, label: string): string[] {
  const step = niceStep(yTop, 5);
  const parts: string[] = [];
  for (let value = 0; value <= yTop; value += step) {
    const py = y(value).toFixed(1);
    parts.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + plotWidth}" y1="${py}" y2="${py}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${MARGIN.left - 6}" y="${Number(py) + 4}" text-anchor="end">${formatNumber(value)}</text>`);
  }
  const middle = MARGIN.top + (HEIGHT - MARGIN.top - MARGIN.bottom) / 2;
  parts.push(`<text transform="translate(16 ${middle}) rotate(-90)" text-anchor="middle">${escapeXml(label)}</text>`);
  return parts;
}

function xAxis(minutes: number, x: (m: number) => number, plotHeight: number): string[] {
  const hours = minutes / 60;
  const stepHours = hours <= 3 ? niceStep(hours, 6) : [1, 2, 3, 6, 12, 24, 48].find((step) => hours / step <= 12) ?? 72;
  const baseline = MARGIN.top + plotHeight;
  const parts = [`<line x1="${MARGIN.left}" x2="${x(minutes)}" y1="${baseline}" y2="${baseline}" stroke="#333"/>`];

  for (let hour = 0; hour <= hours + 1e-9; hour += stepHours) {
    const px = x(hour * 60).toFixed(1);
    parts.push(`<line x1="${px}" x2="${px}" y1="${baseline}" y2="${baseline + 5}" stroke="#333"/>`);
    parts.push(`<text x="${px}" y="${baseline + 18}" text-anchor="middle">${formatNumber(hour)}</text>`);
  }
  parts.push(`<text x="${MARGIN.left + (x(minutes) - MARGIN.left) / 2}" y="${HEIGHT - 8}" text-anchor="middle">hours since trace start</text>`);
  return parts;
}

function legend(labels: string[]): string[] {
  // One row under the title, left to right, so a long title never overlaps it.
  const parts: string[] = [];
  let px = MARGIN.left;
  labels.forEach((label, index) => {
    parts.push(`<line x1="${px}" x2="${px + 20}" y1="38" y2="38" stroke="${PALETTE[index % PALETTE.length]}" stroke-width="3"/>`);
    parts.push(`<text x="${px + 25}" y="42">${escapeXml(label)}</text>`);
    px += label.length * 7 + 45;
  });
  return parts;
}
