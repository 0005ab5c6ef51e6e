/**
 * Checks every number the policy reads from an observation. A value that is not a finite,
 * non-negative number is unknown: it never counts as zero, and the decision that reads it
 * holds the pool at no fewer workers than now.
 */
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

/** One queue's checked counts: 0 where a count is unknown, which `missingCounts` lists. */
export interface QueueCounts extends QueueTotals {
  /** The queue reported an age that is not a finite, non-negative number. */
  ageUnusable: boolean;
}

export type QueueCountName = 'visible' | 'inFlight' | 'delayed';

const COUNT_NAMES: readonly QueueCountName[] = ['visible', 'inFlight', 'delayed'];

/** Capacity figures of the target, each checked; only `desired` must be usable. */
export interface CapacityCounts {
  desired: number;
  /** Undefined when the target reported a count that is not usable. */
  inService: number | undefined;
  pending: number | undefined;
  protectedFromScaleIn: number | undefined;
  /** True also when the target reported something other than a boolean. */
  deploymentInProgress: boolean;
  /** Names of the unusable counts that hold the pool at its current size. */
  missing: string[];
}

export interface PoolBounds {
  min: number;
  max: number;
}

/**
 * Returns true for a finite, non-negative number that is at most `Number.MAX_SAFE_INTEGER`,
 * so sums of counts stay exact and finite. Strings and other types are not counts.
 */
export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= Number.MAX_SAFE_INTEGER;
}

/** Checks one queue's counts and age. */
export function readQueueCounts(queue: QueueObservation): QueueCounts {
  const counts: QueueCounts = { visible: 0, inFlight: 0, delayed: 0, oldestAgeSeconds: undefined, missingCounts: [], ageUnusable: false };

  for (const name of COUNT_NAMES) {
    const count = queue[name];
    if (isCount(count)) counts[name] = count;
    else counts.missingCounts.push(name);
  }

  // An age that is absent is optional data, but a negative age (a timestamp in the future),
  // NaN or Infinity means the reading is broken.
  const age = queue.oldestAgeSeconds;
  if (isCount(age)) counts.oldestAgeSeconds = age;
  else if (age !== undefined) counts.ageUnusable = true;
  return counts;
}

/** Sums visible, in-flight and delayed counts over the queues and takes the oldest age. */
export function sumQueueCounts(queues: readonly QueueObservation[]): QueueTotals {
  const totals: QueueTotals = { visible: 0, inFlight: 0, delayed: 0, oldestAgeSeconds: undefined, missingCounts: [] };

  for (const queue of queues) {
    const counts = readQueueCounts(queue);
    for (const name of COUNT_NAMES) {
      totals[name] += counts[name];
      if (counts.missingCounts.includes(name) && !totals.missingCounts.includes(name)) totals.missingCounts.push(name);
    }
    if (counts.oldestAgeSeconds !== undefined) totals.oldestAgeSeconds = Math.max(totals.oldestAgeSeconds ?? 0, counts.oldestAgeSeconds);
  }
  return totals;
}

/**
 * Reads the target's counts. Returns undefined when the read failed or the desired count is not
 * usable, because every write compares with it. An unusable in-service or pending count leaves
 * the desired count known, so the pool may still grow, and is listed in `missing`.
 */
export function readCapacity(capacity: CapacityObservation | undefined): CapacityCounts | undefined {
  if (capacity === undefined || !isCount(capacity.desired)) return undefined;

  const inService = isCount(capacity.inService) ? capacity.inService : undefined;
  const pending = isCount(capacity.pending) ? capacity.pending : undefined;
  const missing: string[] = [];
  if (inService === undefined) missing.push('workers in service');
  if (pending === undefined) missing.push('pending workers');

  return {
    desired: capacity.desired,
    inService,
    pending,
    protectedFromScaleIn: isCount(capacity.protectedFromScaleIn) ? capacity.protectedFromScaleIn : undefined,
    deploymentInProgress: capacity.deploymentInProgress !== false,
    missing,
  };
}

/**
 * Returns the running and booting workers the sizing counts. An unknown count is filled so that
 * the two add up to the desired count, which is the capacity the target was asked for. Without
 * a capacity reading both are 0.
 */
export function orderedWorkers(capacity: CapacityCounts | undefined): { inService: number; pending: number } {
  if (capacity === undefined) return { inService: 0, pending: 0 };

  const { desired, inService, pending } = capacity;
  if (inService !== undefined && pending !== undefined) return { inService, pending };
  if (inService !== undefined) return { inService, pending: Math.max(0, desired - inService) };
  if (pending !== undefined) return { inService: Math.max(0, desired - pending), pending };
  return { inService: desired, pending: 0 };
}

/**
 * Intersects the configured bounds with the target's own.
 *
 * AWS rejects a desired count outside the group's or the scalable target's bounds, so when
 * the two ranges do not overlap the target's range wins: the result is the target bound
 * nearest to the configured range. A target bound that is not a usable count is ignored, and a
 * fractional one is rounded inward, so the bounds are always integers.
 */
export function resolveBounds(limits: LimitsConfig, capacity: CapacityObservation | undefined): PoolBounds {
  const reportedMin = capacity?.min;
  const reportedMax = capacity?.max;
  const targetMin = isCount(reportedMin) ? Math.ceil(reportedMin) : 0;
  const targetMax = isCount(reportedMax) ? Math.floor(reportedMax) : Number.POSITIVE_INFINITY;
  const min = Math.max(limits.min, targetMin);
  const max = Math.min(limits.max, targetMax);
  if (min <= max) return { min, max };

  const nearest = limits.min > targetMax ? targetMax : targetMin;
  return { min: nearest, max: nearest };
}
