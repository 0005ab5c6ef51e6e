import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { parseCliOptions, UsageError } from '../../src/sim/cli-options.js';

const dir = mkdtempSync(join(tmpdir(), 'sim-cli-'));
const TRACE = join(dir, 'trace.csv');
writeFileSync(TRACE, 'minute,arrivals\n0,5\n1,6\n2,7\n3,8\n');

describe('parseCliOptions', () => {
  it('applies defaults', () => {
    const options = parseCliOptions(['--trace', TRACE]);
    expect(options.policies).toEqual(['sla', 'backlogPerInstance', 'queueLength', 'static']);
    expect(options.scenario.scale).toBe(1);
    expect(options.json).toBe(false);
  });

  it('reads policies, scale and SLA', () => {
    const options = parseCliOptions(['--trace', TRACE, '--policy', 'sla,static', '--scale', '2.5', '--sla-seconds', '900', '--json']);
    expect(options.policies).toEqual(['sla', 'static']);
    expect(options.scenario.scale).toBe(2.5);
    expect(options.scenario.slaSeconds).toBe(900);
    expect(options.json).toBe(true);
  });

  it('slices the trace by minutes', () => {
    expect(parseCliOptions(['--trace', TRACE, '--start-minute', '1', '--minutes', '2']).scenario.trace.arrivals).toEqual([6, 7]);
  });

  it.each([
    ['missing trace', [], /missing --trace/],
    ['unknown policy', ['--trace', TRACE, '--policy', 'hpa'], /invalid --policy "hpa"/],
    ['zero scale', ['--trace', TRACE, '--scale', '0'], /invalid --scale "0"/],
    ['fractional concurrency', ['--trace', TRACE, '--concurrency', '1.5'], /invalid --concurrency "1.5"/],
    ['percentile of 100', ['--trace', TRACE, '--sla-percentile', '100'], /invalid --sla-percentile/],
    ['min above max', ['--trace', TRACE, '--min', '5', '--max', '2'], /above --max/],
    ['bad target', ['--trace', TRACE, '--target', 'k8s'], /invalid --target "k8s"/],
    ['unknown option', ['--trace', TRACE, '--speed', '2'], /speed/],
  ])('rejects %s', (_name, argv, message) => {
    expect(() => parseCliOptions(argv)).toThrow(UsageError);
    expect(() => parseCliOptions(argv)).toThrow(message);
  });

  it('reports a missing trace file', () => {
    expect(() => parseCliOptions(['--trace', join(dir, 'missing.csv')])).toThrow(/cannot read trace file/);
  });

  it('takes the SLA and bounds from a configuration file', () => {
    const config = join(dir, 'pools.yaml');
    writeFileSync(
      config,
      [
        'pools:',
        '  - name: images',
        '    queues: [https://sqs.eu-west-1.amazonaws.com/123456789012/images]',
        '    target: { autoScalingGroup: gpu-workers }',
        '    processingTime: { priorSeconds: 6 }',
        '    sla: { seconds: 300, percentile: 99 }',
        '    worker: { concurrency: 2, warmupSeconds: 240 }',
        '    limits: { min: 0, max: 30 }',
      ].join('\n'),
    );
    const { scenario } = parseCliOptions(['--trace', TRACE, '--config', config]);
    expect(scenario).toMatchObject({ slaSeconds: 300, slaPercentile: 99, concurrency: 2, min: 0, max: 30, serviceMeanSeconds: 6, bootMeanSeconds: 240 });
    expect(scenario.config?.pools[0]?.name).toBe('images');
  });
});
