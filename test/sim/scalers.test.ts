import { describe, expect, it } from 'vitest';

import { runPolicy } from '../../src/sim/run.js';
import { exactScenario, minuteTrace } from './helpers.js';

// A quiet start, a burst of 10 minutes, then quiet again.
const BURST = minuteTrace([...Array.from({ length: 5 }, () => 6), ...Array.from({ length: 10 }, () => 240), ...Array.from({ length: 20 }, () => 6)]);
const OPTIONS = exactScenario(BURST, { serviceMeanSeconds: 4, slaSeconds: 120, bootMeanSeconds: 60, min: 1, max: 40, initialWorkers: 1 });

describe('sla scaler', () => {
  it('runs the production tick without failures', async () => {
    const run = await runPolicy(OPTIONS, 'sla');
    expect(run.scalerErrors).toEqual({ count: 0, first: undefined });
    expect(run.requests.GetQueueAttributesCommand).toBeGreaterThan(30);
    expect(run.requests.GetMetricDataCommand).toBeGreaterThan(30);
  });

  it('scales out for the burst and back in', async () => {
    const run = await runPolicy(OPTIONS, 'sla');
    expect(run.summary.peakWorkers).toBeGreaterThan(5);
    expect(run.summary.writes).toBeGreaterThanOrEqual(2);
    expect(run.series.workers.at(-1)).toBeLessThan(run.summary.peakWorkers);
  });

  it('drives an ECS service', async () => {
    const run = await runPolicy({ ...OPTIONS, target: 'ecsService' }, 'sla');
    expect(run.scalerErrors.count).toBe(0);
    expect(run.requests.UpdateServiceCommand).toBeGreaterThan(0);
    expect(run.requests.DescribeServicesCommand).toBeGreaterThan(30);
  });
});

describe('baseline scalers', () => {
  it.each(['backlogPerInstance', 'queueLength'] as const)('%s scales out through the cloud', async (policy) => {
    const run = await runPolicy(OPTIONS, policy);
    expect(run.scalerErrors.count).toBe(0);
    expect(run.summary.peakWorkers).toBeGreaterThan(1);
    expect(run.requests.SetDesiredCapacityCommand).toBe(run.summary.writes);
  });

  it('static never writes', async () => {
    const run = await runPolicy(OPTIONS, 'static');
    expect(run.summary.writes).toBe(0);
    expect(run.summary.peakWorkers).toBe(16);
  });
});
