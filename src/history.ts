import type { PoolConfig } from './config/types.js';
import type { Decision, Observation, PoolHistory } from './policy/types.js';
import type { HistoryStore } from './tick-types.js';

const MINUTE_MS = 60_000;

function minuteOf(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

function emptyHistory(): PoolHistory {
  return { recommendations: [], queueWork: [], lastGoodProcessingSeconds: undefined, consecutiveFailedTicks: 0 };
}

/** Reads the stored count, treating an absent or broken value as 0. */
function failedTicks(history: PoolHistory): number {
  const count = history.consecutiveFailedTicks;
  return count !== undefined && Number.isInteger(count) && count > 0 ? count : 0;
}

/**
 * Returns the queue work to record for the idle window: the sum when every count is known, and
 * the known part when some count is unknown but the rest already shows work, so the minute counts
 * as busy. Returns undefined when the known counts are all 0 and another is unknown, because that
 * minute may have had work.
 */
function observedWork(decision: Decision): number | undefined {
  const { visible, inFlight, delayed, knownQueueWork } = decision.inputs;
  if (visible !== undefined && inFlight !== undefined && delayed !== undefined) return visible + inFlight + delayed;

  return knownQueueWork > 0 ? knownQueueWork : undefined;
}

/**
 * Keeps one entry per minute and drops what is older than `sinceMs`. Within a minute the highest
 * value wins, as in the CloudWatch read-back, because a tick that saw work must keep its minute
 * busy for the idle window even when a later tick of the same minute saw none.
 */
function upsert<T extends { atMs: number }>(entries: T[], entry: T, sinceMs: number, value: (item: T) => number): T[] {
  const sameMinute = entries.find((item) => item.atMs === entry.atMs);
  const kept = sameMinute !== undefined && value(sameMinute) > value(entry) ? sameMinute : entry;
  return [...entries.filter((item) => item.atMs !== entry.atMs && item.atMs >= sinceMs), kept].sort((a, b) => a.atMs - b.atMs);
}

/**
 * Stores this tick's recommendation, queue work and processing time in the in-memory history,
 * which warm invocations reuse. Entries older than the longest window the policy reads are dropped.
 */
export function rememberDecision(store: HistoryStore, pool: PoolConfig, observation: Observation, decision: Decision): PoolHistory {
  const atMs = minuteOf(observation.nowMs);
  const keepMs = Math.max(pool.limits.scaleInStabilizationSeconds * 1000, pool.scaleToZero.idleMinutes * MINUTE_MS) + 2 * MINUTE_MS;
  const sinceMs = atMs - keepMs;
  const previous = store.get(pool.name) ?? emptyHistory();

  const work = observedWork(decision);
  const processingFromData = !decision.reasons.some(
    (reason) => reason.code === 'ProcessingTimeFromPrior' || reason.code === 'ProcessingTimeFromLastGood',
  );

  const next: PoolHistory = {
    recommendations: upsert(previous.recommendations, { atMs, workers: decision.recommendation }, sinceMs, (item) => item.workers),
    queueWork:
      work === undefined
        ? previous.queueWork.filter((entry) => entry.atMs >= sinceMs)
        : upsert(previous.queueWork, { atMs, messages: work }, sinceMs, (item) => item.messages),
    lastGoodProcessingSeconds: processingFromData ? decision.inputs.processingSeconds : previous.lastGoodProcessingSeconds,
    consecutiveFailedTicks: failedTicks(previous),
  };
  // A baseline's state replaces the previous one; a pool back on the formula drops it.
  if (decision.baseline !== undefined) next.baselineState = decision.baseline.state;

  store.set(pool.name, next);
  return next;
}

/**
 * Counts the pool's failed ticks in a row for the fallback floor: a failed tick adds one, a
 * clean tick resets the count to 0. Call it once per pool after each tick, after
 * `rememberDecision`. The count lives in memory only, so a cold start begins again at 0.
 */
export function rememberOutcome(store: HistoryStore, poolName: string, failed: boolean): void {
  const previous = store.get(poolName) ?? emptyHistory();
  store.set(poolName, { ...previous, consecutiveFailedTicks: failed ? failedTicks(previous) + 1 : 0 });
}
