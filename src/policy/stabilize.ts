/**
 * Turns the raw worker count into the desired count: bounds, the fallback floor, scale-in
 * stabilization, step limits, the holds on scale-in and the scale-to-zero rule, each recorded
 * as a clamp.
 */
import type { LimitsConfig } from '../config/types.js';
import type { PoolBounds } from './inputs.js';
import type { Clamp, PoolHistory, ReasonCode } from './types.js';

export interface SettleInput {
  raw: number;
  /** Desired count the target reported; undefined when the read failed. */
  current: number | undefined;
  bounds: PoolBounds;
  limits: LimitsConfig;
  history: Pick<PoolHistory, 'recommendations'>;
  nowMs: number;
  /** Data is missing, so the result must not go below `current`. */
  holdAtCurrent: boolean;
  /** Scale to zero is enabled and the idle window has elapsed with no work now. */
  zeroAllowed: boolean;
  /**
   * Floors that stop a scale-in, applied in order after the missing-data hold. Each is cut to
   * `current`, so none of them grows the pool.
   */
  scaleInFloors?: ScaleInFloor[];
  /** Fallback floor, already clamped to the bounds; it may grow the pool within the step limit. */
  fallbackFloor?: number;
  /**
   * Count to store for later ticks' windows when it differs from `raw`: the need without the
   * in-flight floor. That floor applies to this tick only, because busy workers show what the pool
   * had, not what it needs. Default `raw`.
   */
  storedRaw?: number;
}

export interface ScaleInFloor {
  code: ReasonCode;
  workers: number;
}

export interface SettleResult {
  /** `storedRaw` (default the raw count) clamped to the bounds: the value to store in the history. */
  recommendation: number;
  /** Highest recommendation of the stabilization window, this tick included. */
  windowMax: number;
  desired: number;
  clamps: Clamp[];
}

/** Applies `after` and records a clamp when it changes the value. */
function applyClamp(clamps: Clamp[], code: ReasonCode, before: number, after: number): number {
  if (after !== before) clamps.push({ code, before, after });
  return after;
}

/** Clamps a count to `[min, max]`, recording `CappedAtMax` or `HeldAtMin`. */
export function clampToBounds(clamps: Clamp[], value: number, bounds: PoolBounds): number {
  if (value > bounds.max) return applyClamp(clamps, 'CappedAtMax', value, bounds.max);
  if (value < bounds.min) return applyClamp(clamps, 'HeldAtMin', value, bounds.min);
  return value;
}

/** Finds the highest recommendation stored within the window ending at `nowMs`, at least `recommendation`. */
export function stabilizationWindowMax(
  history: Pick<PoolHistory, 'recommendations'>,
  nowMs: number,
  windowSeconds: number,
  recommendation: number,
): number {
  const startMs = nowMs - windowSeconds * 1000;
  let highest = recommendation;

  for (const entry of history.recommendations) {
    if (entry.atMs < startMs || entry.atMs > nowMs || !Number.isFinite(entry.workers)) continue;
    highest = Math.max(highest, entry.workers);
  }
  return highest;
}

/** Limits a move from `current` to `maxStepUp` up and `maxStepDown` down. */
function limitStep(clamps: Clamp[], value: number, current: number, limits: LimitsConfig): number {
  if (value > current + limits.maxStepUp) {
    return applyClamp(clamps, 'StepLimitedUp', value, current + limits.maxStepUp);
  }
  if (value < current - limits.maxStepDown) {
    return applyClamp(clamps, 'StepLimitedDown', value, current - limits.maxStepDown);
  }
  return value;
}

function applyScaleInFloors(clamps: Clamp[], value: number, current: number, floors: readonly ScaleInFloor[]): number {
  let result = value;
  for (const floor of floors) {
    const held = Math.min(current, floor.workers);
    if (result < held) result = applyClamp(clamps, floor.code, result, held);
  }
  return result;
}

/**
 * Settles the desired count. The steps run in this order: bounds (the recommendation), the
 * fallback floor, scale-in stabilization, step limits, the missing-data hold, the other scale-in
 * floors, the scale-to-zero rule, and bounds again. The last step keeps the result in
 * `[min, max]` even when `current` lies outside them. The fallback floor comes before the step limit so that it grows
 * the pool no faster than `maxStepUp`. Without a current count there is nothing to stabilize,
 * step from or hold, so the result is the recommendation, raised to the fallback floor.
 */
export function settleDesired(input: SettleInput): SettleResult {
  const { current, limits } = input;
  const clamps: Clamp[] = [];
  const recommendation = clampToBounds(clamps, input.raw, input.bounds);
  const windowMax = stabilizationWindowMax(input.history, input.nowMs, limits.scaleInStabilizationSeconds, recommendation);
  let value = recommendation;

  const fallback = input.fallbackFloor;
  if (fallback !== undefined && value < fallback) value = applyClamp(clamps, 'FallbackFloor', value, fallback);

  if (current !== undefined) {
    if (value < current) value = applyClamp(clamps, 'ScaleInStabilized', value, Math.max(value, Math.min(current, windowMax)));
    value = limitStep(clamps, value, current, limits);
    if (input.holdAtCurrent && value < current) value = applyClamp(clamps, 'HoldOnMissingData', value, current);
    value = applyScaleInFloors(clamps, value, current, input.scaleInFloors ?? []);
  }

  // Going to zero needs the idle window; a pool already at zero stays there.
  if (value === 0 && current !== 0 && !input.zeroAllowed) {
    value = applyClamp(clamps, 'IdleWindowNotElapsed', value, 1);
  }

  const desired = clampToBounds(clamps, value, input.bounds);
  const stored = input.storedRaw === undefined ? recommendation : Math.min(Math.max(input.storedRaw, input.bounds.min), input.bounds.max);
  return { recommendation: stored, windowMax, desired, clamps };
}
