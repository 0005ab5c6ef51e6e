import { describe, expect, it } from 'vitest';

import { Simulation } from '../../src/sim/engine.js';
import { runPolicy } from '../../src/sim/run.js';
import { buildPoolSpec, buildScalerConfig, buildSettings, type ScenarioOptions } from '../../src/sim/scenario.js';
import { exactScenario, minuteTrace } from './helpers.js';

/** Runs a scenario with a fixed fleet: no scaler writes anything. */
async function runFixed(options: ScenarioOptions, workers: number) {
  const pool = buildScalerConfig(options).pools[0]!;
  const sim = new Simulation([buildPoolSpec(options, pool, workers)], buildSettings(options));
  const [summary] = await sim.run(() => {}, 'fixed');
  return summary!;
}

describe('Simulation accounting', () => {
  // Six images at 5, 15, …, 55 s, 4 s each, one warm worker: no waiting, done at 59 s.
  it('gives exact figures without queueing', async () => {
    const summary = await runFixed(exactScenario(minuteTrace([6]), { serviceMeanSeconds: 4, slaSeconds: 4 }), 1);

    expect(summary.images).toBe(6);
    expect(summary.finished).toBe(6);
    expect(summary.slaAttainment).toBe(1);
    expect(summary.latencyMaxSeconds).toBe(4);
    expect(summary.paidGpuSeconds).toBe(60);
    expect(summary.usefulGpuSeconds).toBe(24);
  });

  // Same arrivals, 15 s each: finishes at 20, 35, 50, 65, 80, 95 s, latencies 15 to 40 s.
  it('gives exact figures with queueing', async () => {
    const summary = await runFixed(exactScenario(minuteTrace([6]), { serviceMeanSeconds: 15, slaSeconds: 25 }), 1);

    expect(summary.slaAttainment).toBe(0.5);
    expect(summary.latencyP50Seconds).toBe(25);
    expect(summary.latencyMaxSeconds).toBe(40);
    expect(summary.paidGpuSeconds).toBe(120);
    expect(summary.usefulGpuSeconds).toBe(90);
    expect(summary.paidToUsefulRatio).toBeCloseTo(120 / 90, 12);
  });

  it('divides useful time by the concurrency', async () => {
    const summary = await runFixed(exactScenario(minuteTrace([6]), { serviceMeanSeconds: 4, concurrency: 2 }), 1);
    expect(summary.usefulGpuSeconds).toBe(12);
  });

  it('counts images left unfinished as late', async () => {
    const options = exactScenario(minuteTrace([6]), { serviceMeanSeconds: 15, slaSeconds: 1000, drainLimitSeconds: 0 });
    const summary = await runFixed(options, 1);
    expect(summary.finished).toBe(3);
    expect(summary.slaAttainment).toBe(0.5);
  });

  it('records one series point per minute', async () => {
    const pool = buildScalerConfig(exactScenario(minuteTrace([6, 0]))).pools[0]!;
    const options = exactScenario(minuteTrace([6, 0]), { serviceMeanSeconds: 15 });
    const sim = new Simulation([buildPoolSpec(options, pool, 1)], buildSettings(options));
    await sim.run(() => {}, 'fixed');

    const series = sim.pools[0]!.measures.series;
    expect(series.arrivals).toEqual([6, 0]);
    expect(series.workers).toEqual([1, 1]);
    expect(series.backlog).toEqual([2, 0]);
  });
});

describe('Simulation determinism', () => {
  const options: ScenarioOptions = { ...exactScenario(minuteTrace([30, 80, 10, 60, 5])), spread: 'poisson', serviceCv: 0.5, bootJitterSeconds: 30, approximateLagSeconds: 5 };

  it('repeats a run with the same seed', async () => {
    const first = await runPolicy({ ...options, seed: 7 }, 'queueLength');
    const second = await runPolicy({ ...options, seed: 7 }, 'queueLength');
    expect(second.summary).toEqual(first.summary);
    expect(second.series).toEqual(first.series);
  });

  it('changes with another seed', async () => {
    const first = await runPolicy({ ...options, seed: 7 }, 'queueLength');
    const second = await runPolicy({ ...options, seed: 8 }, 'queueLength');
    expect(second.summary.latencyMaxSeconds).not.toBe(first.summary.latencyMaxSeconds);
  });
});
