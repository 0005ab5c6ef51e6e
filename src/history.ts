import type { PoolConfig } from './config/types.js';
import type { Decision, Observation, PoolHistory } from './policy/types.js';
import type { HistoryStore } from './tick-types.js';

const MINUTE_MS = 60_000;

function minuteOf(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

/** Keeps one entry per minute, the newest write winning, and drops what is older than `sinceMs`. */
function upsert<T extends { atMs: number }>(entries: T[], entry: T, sinceMs: number): T[] {
  return [...entries.filter((item) => item.atMs !== entry.atMs && item.atMs >= sinceMs), entry].sort((a, b) => a.atMs - b.atMs);
}

/**
 * Stores this tick's recommendation, queue work and processing time in the in-memory history,
 * which warm invocations reuse. Entries older than the longest window the policy reads are dropped.
 */
export function rememberDecision(store: HistoryStore, pool: PoolConfig, observation: Observation, decision: Decision): PoolHistory {
  const atMs = minuteOf(observation.nowMs);
  const keepMs = Math.max(pool.limits.scaleInStabilizationSeconds * 1000, pool.scaleToZero.idleMinutes * MINUTE_MS) + 2 * MINUTE_MS;
  const sinceMs = atMs - keepMs;
  const previous = store.get(pool.name) ?? { recommendations: [], queueWork: [], lastGoodProcessingSeconds: undefined };

  const { visible, inFlight, delayed } = decision.inputs;
  const queueWorkKnown = visible !== undefined && inFlight !== undefined && delayed !== undefined;
  const processingFromData = !decision.reasons.some(
    (reason) => reason.code === 'ProcessingTimeFromPrior' || reason.code === 'ProcessingTimeFromLastGood',
  );

  const next: PoolHistory = {
    recommendations: upsert(previous.recommendations, { atMs, workers: decision.recommendation }, sinceMs),
    queueWork: queueWorkKnown
      ? upsert(previous.queueWork, { atMs, messages: visible + inFlight + delayed }, sinceMs)
      : previous.queueWork.filter((entry) => entry.atMs >= sinceMs),
    lastGoodProcessingSeconds: processingFromData ? decision.inputs.processingSeconds : previous.lastGoodProcessingSeconds,
  };

  store.set(pool.name, next);
  return next;
}
