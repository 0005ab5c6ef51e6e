/**
 * Matched-attainment comparison: each baseline's main knob swept toward more capacity, and the
 * cheapest swept setting that reaches the sla policy's attainment on the same run.
 */
import type { RunSummary } from '../../src/sim/measures.js';
import type { BaselineTuning } from '../../src/sim/run.js';

/**
 * Multipliers of the documented knob value. Each halving orders capacity for a smaller backlog,
 * down to acceptable latency below one processing time, where target tracking keeps more workers
 * than messages.
 */
export const SWEEP_FACTORS = [1, 0.5, 0.25, 0.125, 0.0625, 0.03125, 0.015625] as const;
export const SWEPT_BASELINES = ['backlogPerInstance', 'queueLength'] as const;
export type SweptBaseline = (typeof SWEPT_BASELINES)[number];

export interface SweepFleet {
  /** Mean processing time of an image, seconds. */
  serviceMeanSeconds: number;
  concurrency: number;
}

/** One swept setting of a baseline and the measures of its run. */
export interface SweepPoint {
  factor: number;
  tuning: BaselineTuning;
  summary: RunSummary;
}

export interface MatchedChoice {
  point: SweepPoint;
  /** True when the point's attainment is at least the target, false when it is only the best reached. */
  matched: boolean;
}

/** Sweep of one baseline on one trace and scenario, with the setting picked against sla. */
export interface MatchedComparison {
  baseline: SweptBaseline;
  points: SweepPoint[];
  choice: MatchedChoice;
}

/**
 * Returns a baseline's knob at `factor` × its documented value. backlogPerInstance takes
 * acceptable latency = SLA × factor. queueLength takes floor(SLA × concurrency ÷ processing time
 * × factor), at least 1, rounded as the production default rounds it, so factor 1 is the
 * documented setting of both.
 */
export function sweepTuning(baseline: SweptBaseline, slaSeconds: number, fleet: SweepFleet, factor: number): BaselineTuning {
  if (baseline === 'backlogPerInstance') return { acceptableLatencySeconds: slaSeconds * factor };

  const documented = (slaSeconds * fleet.concurrency) / fleet.serviceMeanSeconds;
  return { queueLength: Math.max(1, Math.floor(documented * factor)) };
}

/** Renders the knob value alone: "60 s" for an acceptable latency, "15" for a queueLength. */
export function formatTuning(tuning: BaselineTuning): string {
  if (tuning.acceptableLatencySeconds !== undefined) return `${tuning.acceptableLatencySeconds} s`;
  if (tuning.queueLength !== undefined) return String(tuning.queueLength);
  return 'documented default';
}

/**
 * Picks the point with the fewest paid GPU-seconds among those whose attainment is at least
 * `targetAttainment`. When none reaches it, picks the best attainment (the cheaper on a tie) and
 * marks the choice unmatched. Returns undefined for an empty sweep.
 */
export function pickMatching(points: readonly SweepPoint[], targetAttainment: number): MatchedChoice | undefined {
  const cheaper = (a: SweepPoint, b: SweepPoint): SweepPoint => (b.summary.paidGpuSeconds < a.summary.paidGpuSeconds ? b : a);
  const matching = points.filter((point) => point.summary.slaAttainment >= targetAttainment);
  if (matching.length > 0) return { point: matching.reduce(cheaper), matched: true };

  const best = points.reduce<SweepPoint | undefined>((kept, point) => {
    if (kept === undefined || point.summary.slaAttainment > kept.summary.slaAttainment) return point;
    return point.summary.slaAttainment === kept.summary.slaAttainment ? cheaper(kept, point) : kept;
  }, undefined);
  return best === undefined ? undefined : { point: best, matched: false };
}

/** Share (at most 1) of the baseline's paid GPU-seconds that sla does not pay, negative when sla pays more. */
export function savingShare(sla: RunSummary, baseline: RunSummary): number {
  return 1 - sla.paidGpuSeconds / baseline.paidGpuSeconds;
}

/** Renders a saving as "12.3 % less" or "4.5 % more". */
export function formatSaving(saving: number): string {
  return saving >= 0 ? `${(saving * 100).toFixed(1)} % less` : `${(-saving * 100).toFixed(1)} % more`;
}
