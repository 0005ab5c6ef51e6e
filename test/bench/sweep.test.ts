import { describe, expect, it } from 'vitest';

import { runPolicy } from '../../src/sim/run.js';
import { sweepBaselines } from '../../scripts/bench/sweep.js';
import { exactScenario, minuteTrace } from '../sim/helpers.js';

// A quiet start, a burst of 10 minutes, then quiet again.
const BURST = minuteTrace([...Array.from({ length: 5 }, () => 6), ...Array.from({ length: 10 }, () => 240), ...Array.from({ length: 20 }, () => 6)]);
const OPTIONS = exactScenario(BURST, { serviceMeanSeconds: 4, slaSeconds: 120, bootMeanSeconds: 60, min: 1, max: 40, initialWorkers: 1 });

describe('runPolicy tuning', () => {
  it('smaller queueLength buys more workers', async () => {
    const documented = await runPolicy(OPTIONS, 'queueLength');
    const tuned = await runPolicy(OPTIONS, 'queueLength', undefined, { queueLength: 3 });

    expect(tuned.scalerErrors.count).toBe(0);
    expect(tuned.summary.peakWorkers).toBeGreaterThan(documented.summary.peakWorkers);
  });

  it('sla ignores a tuning', async () => {
    const plain = await runPolicy(OPTIONS, 'sla');
    const tuned = await runPolicy(OPTIONS, 'sla', undefined, { queueLength: 1, acceptableLatencySeconds: 1 });

    expect(tuned.summary).toEqual(plain.summary);
  });
});

describe('sweepBaselines', () => {
  it('sweeps both baselines once per value', async () => {
    const [sla, backlog, queue] = await Promise.all([runPolicy(OPTIONS, 'sla'), runPolicy(OPTIONS, 'backlogPerInstance'), runPolicy(OPTIONS, 'queueLength')]);
    const comparisons = await sweepBaselines(OPTIONS, sla.summary, [backlog.summary, queue.summary], 'burst');

    expect(comparisons.map((comparison) => comparison.baseline)).toEqual(['backlogPerInstance', 'queueLength']);
    expect(comparisons[0]?.points).toHaveLength(7);
    expect(comparisons[0]?.points[0]?.summary).toBe(backlog.summary);
    expect(comparisons[1]?.points.map((point) => point.tuning.queueLength)).toEqual([30, 15, 7, 3, 1]);
    expect(comparisons[1]?.points[0]?.summary).toBe(queue.summary);
  });
});
