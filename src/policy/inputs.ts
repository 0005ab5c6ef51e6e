import type { LimitsConfig } from '../config/types.js';
import type { CapacityObservation, QueueObservation } from './types.js';

/** Queue counts summed over a pool's queues; a count that could not be read adds 0. */
export interface QueueTotals {
  visible: number;
  inFlight: number;
  delayed: number;
  /** Age of the oldest message over all queues, seconds; undefined when no queue reported one. */
  oldestAgeSeconds: number | undefined;
  /** Counts that at least one queue lacks, or reported negative or not finite. */
  missingCounts: QueueCountName[];
}

export type QueueCountName = 'visible' | 'inFlight' | 'delayed';

const COUNT_NAMES: readonly QueueCountName[] = ['visible', 'inFlight', 'delayed'];

/** Capacity figures the sizing uses, after checking that each is a usable count. */
export interface CapacityCounts {
  desired: number;
  inService: number;
  pending: number;
}

export interface PoolBounds {
  min: number;
  max: number;
}

/** Returns true for a finite, non-negative count. */
export function isCount(value: number | undefined): value is number {
  return value !== undefined && Number.isFinite(value) && value >= 0;
}

/** Sums visible, in-flight and delayed counts over the queues and takes the oldest age. */
export function sumQueueCounts(queues: readonly QueueObservation[]): QueueTotals {
  const totals: QueueTotals = { visible: 0, inFlight: 0, delayed: 0, oldestAgeSeconds: undefined, missingCounts: [] };

  for (const queue of queues) {
    for (const name of COUNT_NAMES) {
      const count = queue[name];
      if (isCount(count)) totals[name] += count;
      else if (!totals.missingCounts.includes(name)) totals.missingCounts.push(name);
    }

    const age = queue.oldestAgeSeconds;
    if (isCount(age)) totals.oldestAgeSeconds = Math.max(totals.oldestAgeSeconds ?? 0, age);
  }
  return totals;
}

/** Reads the target's counts; undefined when the read failed or a count is not usable. */
export function readCapacity(capacity: CapacityObservation | undefined): CapacityCounts | undefined {
  if (capacity === undefined) return undefined;

  const { desired, inService, pending } = capacity;
  if (!isCount(desired) || !isCount(inService) || !isCount(pending)) return undefined;
  return { desired, inService, pending };
}

/**
 * Intersects the configured bounds with the target's own.
 *
 * AWS rejects a desired count outside the group's or the scalable target's bounds, so when
 * the two ranges do not overlap the target's range wins: the result is the target bound
 * nearest to the configured range.
 */
export function resolveBounds(limits: LimitsConfig, capacity: CapacityObservation | undefined): PoolBounds {
  const reportedMin = capacity?.min;
  const reportedMax = capacity?.max;
  const targetMin = isCount(reportedMin) ? reportedMin : 0;
  const targetMax = isCount(reportedMax) ? reportedMax : Number.POSITIVE_INFINITY;
  const min = Math.max(limits.min, targetMin);
  const max = Math.min(limits.max, targetMax);
  if (min <= max) return { min, max };

  const nearest = limits.min > targetMax ? targetMax : targetMin;
  return { min: nearest, max: nearest };
}
