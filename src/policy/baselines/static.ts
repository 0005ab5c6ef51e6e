import type { Observation } from '../types.js';
import type { BaselineResult } from './types.js';

export interface StaticParams {
  /** The fixed worker count, for example the peak the traffic needs. */
  workers: number;
}

export type StaticState = Record<string, never>;

/** Always the same count: static provisioning for the peak. */
export function staticPolicy(params: StaticParams, _observation: Observation, state: StaticState): BaselineResult<StaticState> {
  return { desired: params.workers, state };
}

/**
 * Smallest fixed count that keeps up with the busiest minute: `ceil(peak rate × seconds per
 * image ÷ concurrency)`. Short bursts inside that minute still queue.
 */
export function peakWorkers(peakArrivalsPerSecond: number, processingSeconds: number, concurrency: number): number {
  return Math.max(1, Math.ceil((peakArrivalsPerSecond * processingSeconds) / concurrency));
}
