import { describe, expect, it } from 'vitest';

import { DEADLINE_EXCEEDED, sendBeforeDeadline, splitTickBudget, startTickDeadline } from '../../src/aws/deadline.js';

const never = () => new Promise<never>(() => undefined);

describe('sendBeforeDeadline', () => {
  it('returns the answer before the deadline', async () => {
    await expect(sendBeforeDeadline(async () => 'answer', AbortSignal.timeout(1_000))).resolves.toBe('answer');
  });

  it('passes the signal to the SDK', async () => {
    const signal = AbortSignal.timeout(1_000);
    let received: AbortSignal | undefined;

    await sendBeforeDeadline(async (options) => {
      received = options.abortSignal;
    }, signal);

    expect(received).toBe(signal);
  });

  it('cuts a call that never answers', async () => {
    await expect(sendBeforeDeadline(never, AbortSignal.timeout(10))).rejects.toMatchObject({ name: DEADLINE_EXCEEDED });
  });

  it('sends nothing after the deadline', async () => {
    const controller = new AbortController();
    controller.abort();
    let sent = false;

    await expect(
      sendBeforeDeadline(async () => {
        sent = true;
      }, controller.signal),
    ).rejects.toMatchObject({ name: DEADLINE_EXCEEDED });
    expect(sent).toBe(false);
  });

  it('keeps the SDK error before the deadline', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'Throttling' });

    await expect(sendBeforeDeadline(() => Promise.reject(throttled), AbortSignal.timeout(1_000))).rejects.toBe(throttled);
  });

  it('no signal: no deadline', async () => {
    await expect(sendBeforeDeadline(async (options) => options.abortSignal, undefined)).resolves.toBeUndefined();
  });
});

describe('splitTickBudget', () => {
  it.each([
    { budgetMs: 45_000, readsMs: 35_000, writesMs: 45_000 },
    { budgetMs: 20_000, readsMs: 15_000, writesMs: 20_000 },
    { budgetMs: 3_000, readsMs: 2_250, writesMs: 3_000 },
    { budgetMs: 0, readsMs: 0, writesMs: 0 },
  ])('$budgetMs ms: reads $readsMs ms', ({ budgetMs, readsMs, writesMs }) => {
    expect(splitTickBudget(budgetMs)).toEqual({ readsMs, writesMs });
  });
});

describe('startTickDeadline', () => {
  it('no budget: no signals', () => {
    expect(startTickDeadline(undefined)).toEqual({ reads: undefined, writes: undefined });
  });

  it('reads stop before writes', async () => {
    const deadline = startTickDeadline(400);
    await new Promise((resolve) => deadline.reads?.addEventListener('abort', resolve));

    expect(deadline.reads?.aborted).toBe(true);
    expect(deadline.writes?.aborted).toBe(false);
  });
});
