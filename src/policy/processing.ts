/** Source of a decision's processing time. */
export type ProcessingSource = 'metric' | 'lastGood' | 'prior';

export interface ProcessingEstimate {
  /** Seconds of worker time per image. */
  seconds: number;
  source: ProcessingSource;
  /** Usable per-minute values the median was taken over; 0 unless `source` is `metric`. */
  samples: number;
}

/** Number of newest usable per-minute values the median covers. */
export const PROCESSING_WINDOW_MINUTES = 10;

/** Minutes of values below which the last good value, or else the prior, fills the median. */
export const TRUSTED_MINUTES = 3;

/** Returns true for a value that can be a processing time: a finite number above zero. */
export function isUsableSeconds(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

/** Computes the median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  if (sorted.length % 2 === 1) return upper;

  const lower = sorted[middle - 1] ?? upper;
  return (lower + upper) / 2;
}

/**
 * Estimates seconds per image from per-minute values of the configured statistic, oldest first.
 *
 * Non-finite and non-positive values are dropped. The median of the newest ten usable values
 * ignores up to four outlying minutes, so the slow first images of freshly booted workers
 * (cold caches, model compilation) cannot multiply the fleet. CloudWatch leaves out minutes
 * without datapoints, so the ten values may span more than ten minutes. Without usable values
 * the last value measured from real datapoints is kept, and without that the configured prior,
 * so a statistic such as Sum / SampleCount that is NaN without samples never becomes 0 s.
 */
export function estimateProcessingSeconds(
  perMinute: readonly number[],
  lastGoodSeconds: number | undefined,
  priorSeconds: number,
): ProcessingEstimate {
  const usable = Array.isArray(perMinute) ? perMinute.filter((value) => isUsableSeconds(value)) : [];
  const recent = usable.slice(-PROCESSING_WINDOW_MINUTES);
  const reference = isUsableSeconds(lastGoodSeconds) ? lastGoodSeconds : priorSeconds;

  if (recent.length > 0) {
    // Until three minutes have values, the reference fills the missing ones, so the first minute
    // of a fleet that just booted (all cold images) cannot alone move the estimate.
    const padding = Array.from({ length: Math.max(0, TRUSTED_MINUTES - recent.length) }, () => reference);
    return { seconds: median([...recent, ...padding]), source: 'metric', samples: recent.length };
  }

  if (isUsableSeconds(lastGoodSeconds)) {
    return { seconds: lastGoodSeconds, source: 'lastGood', samples: 0 };
  }
  return { seconds: priorSeconds, source: 'prior', samples: 0 };
}
