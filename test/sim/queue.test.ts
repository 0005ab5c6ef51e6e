import { describe, expect, it } from 'vitest';

import { SimQueue, type QueueParams, type SimMessage } from '../../src/sim/queue.js';
import { createRandom } from '../../src/sim/random.js';
import { TestClock } from './helpers.js';

const EXACT: QueueParams = { visibilityTimeoutSeconds: 30, delaySeconds: 0, approximateLagSeconds: 0 };

function message(id: number, sentAtMs: number): SimMessage {
  return { id, sentAtMs, serviceSeconds: 1, receiveCount: 0 };
}

function setup(params: Partial<QueueParams> = {}): { clock: TestClock; queue: SimQueue } {
  const clock = new TestClock();
  const queue = new SimQueue('https://sqs.us-east-1.amazonaws.com/123456789012/q', 'q', { ...EXACT, ...params }, clock, createRandom(1));
  return { clock, queue };
}

describe('SimQueue accounting', () => {
  it('counts sent messages as visible', () => {
    const { queue } = setup();
    queue.send(message(1, 0));
    queue.send(message(2, 0));
    expect(queue.counts()).toEqual({ visible: 2, inFlight: 0, delayed: 0 });
  });

  it('moves received messages to in flight', () => {
    const { queue } = setup();
    queue.send(message(1, 0));
    queue.send(message(2, 0));
    expect(queue.receive()?.id).toBe(1);
    expect(queue.counts()).toEqual({ visible: 1, inFlight: 1, delayed: 0 });
  });

  it('removes deleted messages', () => {
    const { queue } = setup();
    queue.send(message(1, 0));
    queue.delete(queue.receive()!);
    expect(queue.counts()).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });

  it('holds delayed messages until their delay ends', () => {
    const { clock, queue } = setup({ delaySeconds: 10 });
    queue.send(message(1, 0));
    expect(queue.counts()).toEqual({ visible: 0, inFlight: 0, delayed: 1 });

    clock.advance(9_999);
    expect(queue.counts().delayed).toBe(1);
    clock.advance(10_000);
    expect(queue.counts()).toEqual({ visible: 1, inFlight: 0, delayed: 0 });
  });

  it('returns a released message after the visibility timeout', () => {
    const { clock, queue } = setup();
    queue.send(message(1, 0));
    const received = queue.receive()!;
    queue.release(received, clock.nowMs + queue.visibilityTimeoutMs);

    clock.advance(29_999);
    expect(queue.counts()).toEqual({ visible: 0, inFlight: 1, delayed: 0 });
    clock.advance(30_000);
    expect(queue.counts()).toEqual({ visible: 1, inFlight: 0, delayed: 0 });
    expect(queue.receive()?.receiveCount).toBe(2);
  });

  it('reports the oldest unfinished age', () => {
    const { clock, queue } = setup();
    queue.send(message(1, 0));
    clock.advance(5_000);
    queue.send(message(2, 5_000));
    clock.advance(12_000);
    expect(queue.oldestAgeSeconds()).toBe(12);
  });

  it('takes minute stats including deleted ages', () => {
    const { clock, queue } = setup();
    queue.send(message(1, 0));
    queue.send(message(2, 0));
    clock.advance(40_000);
    queue.delete(queue.receive()!);
    queue.receive();
    clock.advance(50_000);
    queue.delete({ ...message(2, 0), receiveCount: 1 });

    expect(queue.takeMinuteStats()).toEqual({ sent: 2, maxOldestAgeSeconds: 50 });
    expect(queue.takeMinuteStats().sent).toBe(0);
  });
});

describe('SimQueue approximate counts', () => {
  it('are exact without lag', () => {
    const { queue } = setup();
    queue.send(message(1, 0));
    expect(queue.approximateCounts()).toEqual(queue.counts());
  });

  it('lag behind recent sends by at most the lag', () => {
    const { clock, queue } = setup({ approximateLagSeconds: 5 });
    for (let second = 0; second < 10; second += 1) {
      clock.advance(second * 1000);
      queue.send(message(second, clock.nowMs));
    }
    clock.advance(10_000);

    const seen = new Set<number>();
    for (let read = 0; read < 100; read += 1) seen.add(queue.approximateCounts().visible);
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(5);
    expect(Math.max(...seen)).toBe(10);
    expect(seen.size).toBeGreaterThan(1);
  });
});
