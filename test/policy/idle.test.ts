import { describe, expect, it } from 'vitest';

import { checkIdleWindow } from '../../src/policy/idle.js';
import { MINUTE_MS, NOW_MS, queueWorkHistory } from './builders.js';

const IDLE_MINUTES = 15;

describe('checkIdleWindow', () => {
  it('idle after every minute read zero', () => {
    const check = checkIdleWindow({ queueWork: queueWorkHistory(IDLE_MINUTES) }, NOW_MS, IDLE_MINUTES, 0);

    expect(check.idle).toBe(true);
    expect(check.observedMinutes).toBe(IDLE_MINUTES);
  });

  it('accepts one missing minute', () => {
    const history = queueWorkHistory(IDLE_MINUTES).slice(1);

    expect(checkIdleWindow({ queueWork: history }, NOW_MS, IDLE_MINUTES, 0).idle).toBe(true);
  });

  it.each([
    { name: 'two missing minutes', queueWork: queueWorkHistory(IDLE_MINUTES).slice(2), workNow: 0 },
    { name: 'empty history', queueWork: [], workNow: 0 },
    { name: 'work now', queueWork: queueWorkHistory(IDLE_MINUTES), workNow: 3 },
    {
      name: 'work in one minute',
      queueWork: [...queueWorkHistory(IDLE_MINUTES), { atMs: NOW_MS - 7 * MINUTE_MS, messages: 2 }],
      workNow: 0,
    },
    {
      name: 'NaN in one minute',
      queueWork: [...queueWorkHistory(IDLE_MINUTES), { atMs: NOW_MS - 3 * MINUTE_MS, messages: Number.NaN }],
      workNow: 0,
    },
    {
      name: 'work earlier in the current minute',
      queueWork: [...queueWorkHistory(IDLE_MINUTES), { atMs: NOW_MS + 10_000, messages: 1 }],
      workNow: 0,
    },
  ])('not idle: $name', ({ queueWork, workNow }) => {
    const nowMs = NOW_MS + 20_000;

    expect(checkIdleWindow({ queueWork }, nowMs, IDLE_MINUTES, workNow).idle).toBe(false);
  });

  it('ignores work before the window', () => {
    const history = [...queueWorkHistory(IDLE_MINUTES), { atMs: NOW_MS - (IDLE_MINUTES + 2) * MINUTE_MS, messages: 40 }];

    expect(checkIdleWindow({ queueWork: history }, NOW_MS, IDLE_MINUTES, 0).idle).toBe(true);
  });

  it('one-minute window needs its minute observed', () => {
    expect(checkIdleWindow({ queueWork: [] }, NOW_MS, 1, 0).idle).toBe(false);
    expect(checkIdleWindow({ queueWork: queueWorkHistory(1) }, NOW_MS, 1, 0).idle).toBe(true);
  });

  it('zero-minute window needs only an empty queue now', () => {
    expect(checkIdleWindow({ queueWork: [] }, NOW_MS, 0, 0).idle).toBe(true);
  });
});
