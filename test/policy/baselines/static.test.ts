import { describe, expect, it } from 'vitest';

import { peakWorkers, staticPolicy } from '../../../src/policy/baselines/index.js';
import { observation } from './observation.js';

describe('static policy', () => {
  it('returns the fixed count whatever the queue', () => {
    expect(staticPolicy({ workers: 7 }, observation({ visible: 5000, desired: 2 }), {}).desired).toBe(7);
  });

  it.each([
    ['exact fit', 2, 4, 1, 8],
    ['rounds up', 2.1, 4, 1, 9],
    ['concurrency', 2, 4, 4, 2],
    ['idle trace', 0, 4, 1, 1],
  ])('peak workers: %s', (_name, rate, seconds, concurrency, expected) => {
    expect(peakWorkers(rate, seconds, concurrency)).toBe(expected);
  });
});
