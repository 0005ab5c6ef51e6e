import type { PoolHistory } from './types.js';

export interface IdleWindowCheck {
  /** The queue had no work for the whole window, with enough minutes observed. */
  idle: boolean;
  requiredMinutes: number;
  /** Minutes of the window with at least one observation. */
  observedMinutes: number;
  /** Minutes with work observed (or a value that is not a zero count), the current one included. */
  busyMinutes: number;
}

const MINUTE_MS = 60_000;

/** Minutes of the window that may lack an observation and still count as idle. */
export const IDLE_GAP_MINUTES = 1;

/**
 * Checks that the queue work (visible + in flight + delayed) was zero for the `idleMinutes`
 * whole minutes before the one holding `nowMs`, in the current minute so far, and now.
 *
 * A minute without an observation is unknown, not idle. One such minute is accepted because
 * the read-back of the scaler's own metric lags by about a minute after a cold start, and
 * scheduled ticks drift so two can land in one minute. A value that is not a finite,
 * non-negative count makes its minute busy.
 */
export function checkIdleWindow(
  history: Pick<PoolHistory, 'queueWork'>,
  nowMs: number,
  idleMinutes: number,
  workNow: number,
): IdleWindowCheck {
  const requiredMinutes = Math.max(0, Math.ceil(idleMinutes));
  const currentMinute = Math.floor(nowMs / MINUTE_MS);
  const firstMinute = currentMinute - requiredMinutes;
  const observed = new Set<number>();
  const busy = new Set<number>();

  for (const sample of history.queueWork) {
    const minute = Math.floor(sample.atMs / MINUTE_MS);
    if (minute < firstMinute || sample.atMs > nowMs) continue;
    if (minute < currentMinute) observed.add(minute);
    if (!(Number.isFinite(sample.messages) && sample.messages === 0)) busy.add(minute);
  }

  // At least one minute must be observed, so an empty history never counts as idle.
  const allowedGap = Math.min(IDLE_GAP_MINUTES, Math.max(0, requiredMinutes - 1));
  const missing = requiredMinutes - observed.size;
  const idle = workNow === 0 && busy.size === 0 && missing <= allowedGap;
  return { idle, requiredMinutes, observedMinutes: observed.size, busyMinutes: busy.size };
}
