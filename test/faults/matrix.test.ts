import { beforeAll, describe, expect, it } from 'vitest';

import { GENERIC_FAULTS } from './catalogue.js';
import { buildFaultRows, CALLS } from './rows.js';
import { RULES, runFaultRow, type RowResult } from './run-row.js';

const ROWS = buildFaultRows();
const results = new Map<string, RowResult>();

// The rows run concurrently, as in `npm run test:faults`: each waits on SDK backoff and on the
// tick deadline, not on the CPU.
beforeAll(async () => {
  for (const result of await Promise.all(ROWS.map((row) => runFaultRow(row)))) results.set(result.row.id, result);
}, 60_000);

describe('fault matrix', () => {
  it('covers every call and generic fault', () => {
    const apis = new Set(CALLS.map((call) => call.api));

    expect([...apis].sort()).toEqual([
      'DescribeAutoScalingGroups',
      'DescribeScalableTargets',
      'DescribeServices',
      'GetMetricData',
      'GetQueueAttributes',
      'SetDesiredCapacity',
      'UpdateService',
    ]);
    for (const call of CALLS.filter((entry) => entry.pools.length === 1)) {
      expect(call.faults.map((fault) => fault.id)).toEqual(expect.arrayContaining(GENERIC_FAULTS.map((fault) => fault.id)));
    }
  });

  it.each(ROWS.map((row) => ({ id: row.id })))('$id', ({ id }) => {
    const result = results.get(id);

    expect(result?.checks.map((check) => check.rule)).toEqual(RULES.map(([rule]) => rule));
    for (const check of result?.checks ?? []) {
      expect.soft(check.held, `${check.rule}: ${check.detail}`).toBe(true);
    }
  });
});
