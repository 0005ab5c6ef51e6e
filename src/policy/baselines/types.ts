/**
 * Baseline policies: the scaling rules users run today, written as pure functions over the same
 * `Observation` the SLA formula reads, so a pool can pick one in its configuration and the
 * simulator can compare them on equal terms. Each returns the desired count and its next state;
 * the state is plain JSON, so a caller can keep it between ticks or persist it.
 */
import type { Observation } from '../types.js';

export interface BaselineResult<State> {
  /** Desired worker count, or undefined to hold the current count because an input is missing. */
  desired: number | undefined;
  state: State;
}

export type BaselinePolicy<Params, State> = (params: Params, observation: Observation, state: State) => BaselineResult<State>;

/** Bounds every baseline takes: the same `min` and `max` as the SLA policy. */
export interface BaselineBounds {
  min: number;
  max: number;
}

/** Queue counts summed over the pool's queues; a count is undefined when any queue's is. */
export interface QueueTotals {
  visible: number | undefined;
  inFlight: number | undefined;
  delayed: number | undefined;
}

function sumKnown(values: Array<number | undefined>): number | undefined {
  let total = 0;
  for (const value of values) {
    if (value === undefined || !Number.isFinite(value)) return undefined;
    total += value;
  }
  return total;
}

export function queueTotals(observation: Observation): QueueTotals {
  return {
    visible: sumKnown(observation.queues.map((queue) => queue.visible)),
    inFlight: sumKnown(observation.queues.map((queue) => queue.inFlight)),
    delayed: sumKnown(observation.queues.map((queue) => queue.delayed)),
  };
}

/** Clamps to the configured bounds intersected with the target's own bounds when it reports them. */
export function clampToBounds(count: number, bounds: BaselineBounds, observation: Observation): number {
  const min = Math.max(bounds.min, observation.capacity?.min ?? bounds.min);
  const max = Math.min(bounds.max, observation.capacity?.max ?? bounds.max);
  return Math.min(max, Math.max(min, count));
}
