/** Simulated time and the way components schedule work on it. */
export interface SimClock {
  /** Current simulated time, epoch milliseconds. */
  readonly nowMs: number;
  /** Runs `action` at `atMs` (never before the current time). */
  schedule(atMs: number, action: () => void): void;
}
