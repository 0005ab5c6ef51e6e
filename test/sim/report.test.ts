import { describe, expect, it } from 'vitest';

import { downsample, lineChart, niceStep } from '../../src/sim/report/svg.js';
import { formatMarkdownTable, formatTable } from '../../src/sim/report/table.js';
import type { RunSummary } from '../../src/sim/measures.js';

const SUMMARY: RunSummary = {
  policy: 'sla',
  pool: 'sim',
  slaSeconds: 120,
  images: 1000,
  finished: 1000,
  slaAttainment: 0.9975,
  latencyP50Seconds: 4,
  latencyP95Seconds: 30,
  latencyP99Seconds: 90,
  latencyMaxSeconds: 150,
  paidGpuSeconds: 7200,
  usefulGpuSeconds: 3600,
  paidToUsefulRatio: 2,
  writes: 12,
  peakWorkers: 9,
};

describe('lineChart', () => {
  const svg = lineChart({ title: 'Workers', yLabel: 'workers', reduce: 'max', series: [{ label: 'sla', values: [1, 2, 3] }, { label: 'static', values: [4, 4, 4] }], reference: { value: 2, label: 'SLA' } });

  it('draws one path per series', () => {
    expect(svg.match(/<path /g)).toHaveLength(2);
  });

  it('labels the legend, axes and reference', () => {
    expect(svg).toContain('>sla<');
    expect(svg).toContain('>static<');
    expect(svg).toContain('hours since trace start');
    expect(svg).toContain('>workers<');
    expect(svg).toContain('stroke-dasharray');
  });

  it('breaks lines at missing values', () => {
    const gapped = lineChart({ title: 't', yLabel: 'y', reduce: 'max', series: [{ label: 'a', values: [1, Number.NaN, 2] }] });
    expect(gapped.match(/M/g)?.length).toBeGreaterThanOrEqual(2);
  });
});

describe('chart helpers', () => {
  it('downsamples long series to at most 900 points', () => {
    expect(downsample(Array.from({ length: 20_160 }, (_, i) => i), 'max').length).toBeLessThanOrEqual(900);
  });

  it.each([
    [100, 5, 20],
    [7, 5, 2],
    [0.9, 5, 0.2],
  ])('nice step for span %d', (span, count, expected) => {
    expect(niceStep(span, count)).toBeCloseTo(expected, 10);
  });
});

describe('tables', () => {
  it('formats a terminal table', () => {
    const text = formatTable([SUMMARY]);
    expect(text).toContain('99.75 %');
    expect(text).toContain('paid GPU-hours');
    expect(text.split('\n')[0]).toContain('sla');
  });

  it('formats a markdown table', () => {
    const lines = formatMarkdownTable([SUMMARY, { ...SUMMARY, policy: 'static' }]).split('\n');
    expect(lines[0]).toBe('| measure | sla | static |');
    expect(lines).toContain('| paid / useful | 2.00 | 2.00 |');
  });
});
