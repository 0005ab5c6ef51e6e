import { setMaxListeners } from 'node:events';

import { ScalerError } from '../errors.js';

/** Error code of a call cut by the tick deadline. */
export const DEADLINE_EXCEEDED = 'TickDeadlineExceeded';

/** A call got no response before the tick's deadline, so its result is unknown. */
export class DeadlineExceededError extends ScalerError {
  constructor(message = 'no response before the tick deadline, so the call was aborted') {
    super(message);
    this.name = DEADLINE_EXCEEDED;
  }
}

/** Per-call options of an SDK `send`. */
export interface SendOptions {
  abortSignal?: AbortSignal;
}

/**
 * Sends one request that must settle before `signal` aborts. The signal reaches the SDK, which
 * aborts the HTTP request and any retry backoff. The race here also ends a call whose
 * handler ignores the signal. Once the signal has aborted, the request is not sent at all.
 * Rejects with `DeadlineExceededError` on the deadline, or with the SDK's error.
 */
export async function sendBeforeDeadline<T>(send: (options: SendOptions) => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return send({});
  if (signal.aborted) throw new DeadlineExceededError('the call was not sent because the tick deadline had passed');

  let onAbort = (): void => undefined;
  const deadline = new Promise<never>((_, reject) => {
    onAbort = () => reject(new DeadlineExceededError());
    signal.addEventListener('abort', onAbort, { once: true });
  });

  try {
    return await Promise.race([send({ abortSignal: signal }), deadline]);
  } catch (error) {
    // The SDK reports its own abort as AbortError; it is the same deadline.
    if (signal.aborted) throw new DeadlineExceededError();
    throw error;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** Abort signals of one tick: reads stop first, so writes keep time to be sent. */
export interface TickDeadline {
  reads: AbortSignal | undefined;
  writes: AbortSignal | undefined;
}

/** Maximum share of the budget kept for writes, milliseconds. */
export const WRITE_RESERVE_MS = 10_000;

/**
 * Splits a tick budget, milliseconds: reads get the budget minus the write reserve (a quarter
 * of the budget, at most `WRITE_RESERVE_MS`), and writes end with the budget.
 */
export function splitTickBudget(budgetMs: number): { readsMs: number; writesMs: number } {
  const writesMs = Math.max(0, Math.floor(budgetMs));
  return { readsMs: writesMs - Math.min(WRITE_RESERVE_MS, Math.floor(writesMs / 4)), writesMs };
}

/** Starts the deadline of a tick of `budgetMs` milliseconds. Without a budget nothing is cut. */
export function startTickDeadline(budgetMs: number | undefined): TickDeadline {
  if (budgetMs === undefined || !Number.isFinite(budgetMs)) return { reads: undefined, writes: undefined };

  const { readsMs, writesMs } = splitTickBudget(budgetMs);
  const reads = AbortSignal.timeout(readsMs);
  const writes = AbortSignal.timeout(writesMs);

  // Every call of the tick listens on the same signal, a few listeners each, and removes them
  // when it settles; Node's warning at 10 listeners would fire on every tick with many pools.
  setMaxListeners(0, reads, writes);
  return { reads, writes };
}
