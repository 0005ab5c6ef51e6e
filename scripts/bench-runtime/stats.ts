/** Order statistics and formatting shared by the runtime benchmark. */

/**
 * Returns the `percent` percentile of `values` by linear interpolation between the two nearest
 * ranks (NumPy's default `linear` method). Returns NaN for an empty list.
 */
export function percentile(values: readonly number[], percent: number): number {
  if (values.length === 0) return Number.NaN;

  const sorted = [...values].sort((a, b) => a - b);
  const position = (percent / 100) * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const fraction = position - lower;
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * fraction;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Minimum, maximum and mean of per-tick counts of one command. */
export interface CountSummary {
  min: number;
  max: number;
  mean: number;
}

/**
 * Summarizes per-tick request counts by command. A command missing from a tick counts as 0 on
 * that tick, so a write sent on some ticks only gets a minimum of 0.
 */
export function summarizeCounts(ticks: ReadonlyArray<Readonly<Record<string, number>>>): Map<string, CountSummary> {
  const commands = [...new Set(ticks.flatMap((tick) => Object.keys(tick)))].sort();
  const summaries = new Map<string, CountSummary>();

  for (const command of commands) {
    const counts = ticks.map((tick) => tick[command] ?? 0);
    const mean = counts.reduce((sum, count) => sum + count, 0) / counts.length;
    summaries.set(command, { min: Math.min(...counts), max: Math.max(...counts), mean });
  }
  return summaries;
}

/** Formats a count summary: the count when every tick had the same, else `mean (min–max)`. */
export function formatCount(summary: CountSummary | undefined): string {
  if (summary === undefined) return '0';
  if (summary.min === summary.max) return String(summary.min);
  return `${summary.mean.toFixed(1)} (${summary.min}–${summary.max})`;
}

/** Formats milliseconds with one decimal, or `-` when not measured. */
export function formatMs(ms: number): string {
  return Number.isFinite(ms) ? ms.toFixed(1) : '-';
}

/** Formats a byte count as KiB with one decimal, keeping the exact bytes beside it. */
export function formatBytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB (${bytes.toLocaleString('en-US')} B)`;
}
