/** The drain term of one queue: how many workers its waiting work needs within a horizon. */

/** Tolerance for float error in ratios such as 9.9 / 0.1, which must count as 99 and not 98.99… */
export const EPSILON = 1e-9;

/** Keep-up workers of one queue and the offered load (images in service at once) they serve. */
export interface KeepUpTerm {
  workers: number;
  offeredLoad: number;
}

export interface DrainPlan {
  workers: number;
  horizonSeconds: number;
  rounds: number;
  /** The horizon was negative, so the lost-backlog horizon was used. */
  lost: boolean;
}

/** Rounds a fractional worker count up, ignoring float error just above an integer. */
export function ceilWorkers(workers: number): number {
  return Math.max(0, Math.ceil(workers - EPSILON));
}

/**
 * Counts the images one slot can start one after another so the last still starts within
 * `horizonSeconds`: floor(H / s) + 1. Images take `s` each, so an image started at H ends by
 * H + s, which is the SLA when H = T - s - age. Returns 0 for a negative horizon.
 */
export function drainRounds(horizonSeconds: number, processingSeconds: number): number {
  if (horizonSeconds < 0) return 0;
  return Math.floor(horizonSeconds / processingSeconds + 1 + EPSILON);
}

/**
 * Horizon for waiting images that cannot meet the SLA any more: drain them within one SLA
 * window (T - s), but a new worker need not finish in less time than its own boot (W) or one
 * image (s). Booting a GPU for less work than its boot time costs more than the minutes it
 * saves, so a lost backlog does not get one worker per image. The horizon also does not
 * shrink as those images age, so a backlog lost to boot time cannot grow the order tick
 * after tick.
 */
export function lostBacklogHorizon(slaSeconds: number, processingSeconds: number, warmupSeconds: number): number {
  return Math.min(Math.max(slaSeconds - processingSeconds, 0), Math.max(warmupSeconds, processingSeconds));
}

/**
 * Sizes the drain term: the workers the waiting work needs beyond the spare slots of the
 * keep-up workers. Keep-up slots serve about `offeredLoad` images at once and drain the
 * backlog with the rest, so the total slot need is offeredLoad + work / rounds, and only the
 * part above the keep-up slots is extra. With no arrivals this is work / (c · rounds), the
 * design's (B + D) / (μ · H) counted in whole images per slot.
 */
export function planDrain(
  work: number,
  horizonSeconds: number,
  lostHorizonSeconds: number,
  keepUp: KeepUpTerm,
  processingSeconds: number,
  concurrency: number,
): DrainPlan {
  const lost = horizonSeconds < 0;
  const usedHorizon = lost ? lostHorizonSeconds : horizonSeconds;
  const rounds = drainRounds(usedHorizon, processingSeconds);
  if (work <= 0) return { workers: 0, horizonSeconds: usedHorizon, rounds, lost };

  const slotsNeeded = keepUp.offeredLoad + work / rounds;
  const workers = Math.max(0, slotsNeeded / concurrency - keepUp.workers);
  return { workers, horizonSeconds: usedHorizon, rounds, lost };
}
