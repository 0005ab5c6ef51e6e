import { describe, expect, it } from 'vitest';

import { parseConfig } from '../src/config/index.js';
import { rememberDecision, rememberOutcome } from '../src/history.js';
import { buildObservation } from '../src/observe/observation.js';
import type { Decision, Observation } from '../src/policy/types.js';
import type { HistoryStore } from '../src/tick-types.js';

const POOL = parseConfig(
  {
    pools: [
      {
        name: 'sdxl',
        queues: ['https://sqs.us-east-1.amazonaws.com/123456789012/sdxl-jobs'],
        target: { autoScalingGroup: 'sdxl-workers' },
        processingTime: { priorSeconds: 3 },
        sla: { seconds: 180 },
        limits: { max: 10, scaleInStabilizationSeconds: 300 },
        scaleToZero: { enabled: true, idleMinutes: 5 },
      },
    ],
  },
  'test',
).pools[0]!;

const T0 = Date.parse('2026-12-04T10:00:20Z');
const MINUTE = 60_000;

function observationAt(nowMs: number): Observation {
  return { pool: 'sdxl', nowMs, queues: [], processingSeconds: [], capacity: undefined, history: { recommendations: [], queueWork: [], lastGoodProcessingSeconds: undefined } };
}

function decision(recommendation: number, counts: [number | undefined, number, number], reasons: Decision['reasons'] = []): Decision {
  const [visible, inFlight, delayed] = counts;
  const knownQueueWork = (visible ?? 0) + inFlight + delayed;
  return {
    recommendation,
    reasons,
    inputs: { visible, inFlight, delayed, knownQueueWork, processingSeconds: 2.5 },
  } as unknown as Decision;
}

describe('rememberDecision', () => {
  it('stores one entry per minute', () => {
    const store: HistoryStore = new Map();

    rememberDecision(store, POOL, observationAt(T0), decision(3, [10, 2, 0]));
    const history = rememberDecision(store, POOL, observationAt(T0 + 30_000), decision(5, [12, 2, 0]));

    expect(history.recommendations).toEqual([{ atMs: Date.parse('2026-12-04T10:00:00Z'), workers: 5 }]);
    expect(history.queueWork).toEqual([{ atMs: Date.parse('2026-12-04T10:00:00Z'), messages: 14 }]);
  });

  it('keeps the higher value of a minute', () => {
    const store: HistoryStore = new Map();

    rememberDecision(store, POOL, observationAt(T0), decision(5, [12, 2, 0]));
    const history = rememberDecision(store, POOL, observationAt(T0 + 30_000), decision(3, [0, 0, 0]));

    expect(history.recommendations).toEqual([{ atMs: Date.parse('2026-12-04T10:00:00Z'), workers: 5 }]);
    expect(history.queueWork).toEqual([{ atMs: Date.parse('2026-12-04T10:00:00Z'), messages: 14 }]);
  });

  it('drops entries older than the longest window', () => {
    const store: HistoryStore = new Map();

    for (let minute = 0; minute < 20; minute += 1) {
      rememberDecision(store, POOL, observationAt(T0 + minute * MINUTE), decision(minute, [0, 0, 0]));
    }

    // The stabilization window is 5 minutes, the idle window 5 minutes; two spare minutes are kept.
    expect(store.get('sdxl')?.recommendations.length).toBe(8);
    expect(store.get('sdxl')?.recommendations[0]?.workers).toBe(12);
  });

  it('records no queue work when a count is unknown', () => {
    const store: HistoryStore = new Map();

    const history = rememberDecision(store, POOL, observationAt(T0), decision(2, [undefined, 0, 0]));

    expect(history.queueWork).toEqual([]);
  });

  it('records known work beside an unknown count', () => {
    const store: HistoryStore = new Map();

    const history = rememberDecision(store, POOL, observationAt(T0), decision(2, [undefined, 4, 0]));

    expect(history.queueWork).toEqual([{ atMs: Date.parse('2026-12-04T10:00:00Z'), messages: 4 }]);
  });

  it('keeps the last processing time from data', () => {
    const store: HistoryStore = new Map();

    rememberDecision(store, POOL, observationAt(T0), decision(1, [0, 0, 0]));
    const history = rememberDecision(
      store,
      POOL,
      observationAt(T0 + MINUTE),
      { ...decision(1, [0, 0, 0]), inputs: { visible: 0, inFlight: 0, delayed: 0, processingSeconds: 3 }, reasons: [{ code: 'ProcessingTimeFromPrior', message: '' }] } as unknown as Decision,
    );

    expect(history.lastGoodProcessingSeconds).toBe(2.5);
  });
});

describe('rememberOutcome', () => {
  it('counts failed ticks in a row', () => {
    const store: HistoryStore = new Map();

    rememberOutcome(store, 'sdxl', true);
    rememberOutcome(store, 'sdxl', true);
    rememberOutcome(store, 'sdxl', true);

    expect(store.get('sdxl')?.consecutiveFailedTicks).toBe(3);
  });

  it('resets on a clean tick', () => {
    const store: HistoryStore = new Map();

    rememberOutcome(store, 'sdxl', true);
    rememberOutcome(store, 'sdxl', true);
    rememberOutcome(store, 'sdxl', false);

    expect(store.get('sdxl')?.consecutiveFailedTicks).toBe(0);
  });

  it('keeps the rest of the history', () => {
    const store: HistoryStore = new Map();
    rememberDecision(store, POOL, observationAt(T0), decision(3, [10, 2, 0]));

    rememberOutcome(store, 'sdxl', true);

    expect(store.get('sdxl')?.recommendations).toEqual([{ atMs: Date.parse('2026-12-04T10:00:00Z'), workers: 3 }]);
    expect(store.get('sdxl')?.lastGoodProcessingSeconds).toBe(2.5);
  });

  it.each([
    { name: 'NaN', stored: Number.NaN },
    { name: 'negative', stored: -2 },
  ])('treats a $name count as 0', ({ stored }) => {
    const store: HistoryStore = new Map([['sdxl', { recommendations: [], queueWork: [], lastGoodProcessingSeconds: undefined, consecutiveFailedTicks: stored }]]);

    rememberOutcome(store, 'sdxl', true);

    expect(store.get('sdxl')?.consecutiveFailedTicks).toBe(1);
  });

  it('rememberDecision keeps the count', () => {
    const store: HistoryStore = new Map();
    rememberOutcome(store, 'sdxl', true);
    rememberOutcome(store, 'sdxl', true);

    const history = rememberDecision(store, POOL, observationAt(T0), decision(3, [10, 2, 0]));

    expect(history.consecutiveFailedTicks).toBe(2);
  });

  it('count reaches the next observation', () => {
    const store: HistoryStore = new Map();
    rememberOutcome(store, 'sdxl', true);

    const observation = buildObservation(POOL, T0, new Map(), undefined, undefined, store.get('sdxl'));

    expect(observation.history.consecutiveFailedTicks).toBe(1);
  });
});
