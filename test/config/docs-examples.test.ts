import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { parseConfig } from '../../src/config/index.js';

const DOC = 'docs/configuration.md';

/** YAML blocks of the configuration reference, each a complete document. */
function yamlExamples(): string[] {
  const text = readFileSync(new URL(`../../${DOC}`, import.meta.url), 'utf8');
  return [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1] as string);
}

describe('configuration reference examples', () => {
  it('has both examples', () => {
    expect(yamlExamples()).toHaveLength(2);
  });

  it.each(yamlExamples().map((example, index) => [index, example]))('example %i is valid', (_index, example) => {
    const config = parseConfig(parse(example as string), DOC);

    expect(config.pools.length).toBeGreaterThan(0);
  });

  it('group example resolves the safety fields', () => {
    const [group] = yamlExamples();

    const [pool] = parseConfig(parse(group as string), DOC).pools;

    expect(pool?.worker.scaleInProtection).toBe(true);
    expect(pool?.fallback).toEqual({ workers: 2, afterFailedTicks: 3 });
    expect(pool?.queues[1]?.sla).toEqual({ seconds: 60, percentile: 95 });
  });

  it('ECS example caps its FIFO queue', () => {
    const [, ecs] = yamlExamples();

    expect(parseConfig(parse(ecs as string), DOC).pools[0]?.queues[0]?.messageGroups).toBe(6);
  });

  it('ECS example resolves its defaults', () => {
    const [, ecs] = yamlExamples();

    const [pool] = parseConfig(parse(ecs as string), DOC).pools;

    expect(pool?.target).toEqual({ kind: 'ecsService', cluster: 'gpu', service: 'flux-batch', region: 'eu-west-1' });
    expect(pool?.limits).toEqual({ min: 1, max: 8, scaleInStabilizationSeconds: 300, maxStepUp: 8, maxStepDown: 2 });
    expect(pool?.processingTime).toEqual({ dimensions: {}, statistic: 'p50', priorSeconds: 8 });
  });
});
