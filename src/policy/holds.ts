/**
 * Floors that protect a pool from a wrong scale-in: a rolling ECS deployment, busy workers the
 * group may stop, workers protected from scale-in, and the configured fallback floor.
 */
import type { PoolConfig } from '../config/types.js';
import type { CapacityCounts, PoolBounds } from './inputs.js';
import type { ScaleInFloor } from './stabilize.js';

/** Busy workers: the fewest workers that can hold the images in flight, ceil(F / c). */
export function busyWorkers(inFlight: number, concurrency: number): number {
  return Math.ceil(inFlight / concurrency);
}

/**
 * Returns true when a scale-in cannot stop a busy worker: workers protect themselves around each
 * image (`worker.scaleInProtection`) and the target reports at least ceil(F / c) protected
 * workers. Without protection the Auto Scaling group or ECS service picks which worker to stop,
 * and it may pick a busy one, so any scale-in while images are in flight may lose work.
 */
export function busyWorkersProtected(pool: PoolConfig, capacity: CapacityCounts, inFlight: number): boolean {
  if (inFlight <= 0) return true;
  if (pool.worker.scaleInProtection !== true) return false;
  return (capacity.protectedFromScaleIn ?? 0) >= busyWorkers(inFlight, pool.worker.concurrency);
}

/**
 * Lists the floors below the current count, in the order they apply:
 * - `DeploymentInProgress`: no scale-in while an ECS deployment rolls, because tasks of two
 *   deployments run and the counts settle only when it is steady;
 * - `UnprotectedBusyWorkers`: no scale-in while images are in flight on workers that are not
 *   known to be protected;
 * - `ProtectedWorkersFloor`: never below the protected workers, which AWS does not stop.
 * A floor above the current count is cut to it when applied, so none grows the pool.
 */
export function scaleInFloors(pool: PoolConfig, capacity: CapacityCounts | undefined, inFlight: number): ScaleInFloor[] {
  if (capacity === undefined) return [];

  const floors: ScaleInFloor[] = [];
  if (capacity.deploymentInProgress) floors.push({ code: 'DeploymentInProgress', workers: capacity.desired });
  if (!busyWorkersProtected(pool, capacity, inFlight)) floors.push({ code: 'UnprotectedBusyWorkers', workers: capacity.desired });
  if (capacity.protectedFromScaleIn !== undefined && capacity.protectedFromScaleIn > 0) {
    floors.push({ code: 'ProtectedWorkersFloor', workers: capacity.protectedFromScaleIn });
  }
  return floors;
}

/**
 * Returns the fallback floor, clamped to the bounds, when the pool configures one, data is
 * missing now and at least `afterFailedTicks` ticks in a row have failed before this one.
 * Returns undefined otherwise.
 */
export function fallbackFloor(pool: PoolConfig, failedTicks: number, dataMissing: boolean, bounds: PoolBounds): number | undefined {
  const fallback = pool.fallback;
  if (fallback === undefined || !dataMissing || failedTicks < fallback.afterFailedTicks) return undefined;
  return Math.min(Math.max(fallback.workers, bounds.min), bounds.max);
}
