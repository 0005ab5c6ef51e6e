import { describe, expect, it } from 'vitest';

import { SimFleet, type FleetParams } from '../../src/sim/fleet.js';
import { SimQueue, type SimMessage } from '../../src/sim/queue.js';
import { createRandom } from '../../src/sim/random.js';
import { TestClock } from './helpers.js';

const PARAMS: FleetParams = {
  concurrency: 1,
  bootMeanSeconds: 60,
  bootJitterSeconds: 0,
  coldImages: 0,
  coldFactor: 1,
  failureProbability: 0,
  protectBusyWorkers: true,
};

function setup(params: Partial<FleetParams> = {}) {
  const clock = new TestClock();
  const queue = new SimQueue('https://sqs.us-east-1.amazonaws.com/123456789012/q', 'q', { visibilityTimeoutSeconds: 30, delaySeconds: 0, approximateLagSeconds: 0 }, clock, createRandom(1));
  const fleet = new SimFleet({ ...PARAMS, ...params }, queue, clock, createRandom(2), createRandom(3));
  const finished: number[] = [];
  fleet.onCompletion = (message) => finished.push(message.id);
  let nextId = 1;
  const send = (serviceSeconds: number): void => {
    const message: SimMessage = { id: nextId, sentAtMs: clock.nowMs, serviceSeconds, receiveCount: 0 };
    nextId += 1;
    queue.send(message);
  };
  return { clock, queue, fleet, finished, send };
}

const states = (fleet: SimFleet): string[] => fleet.liveWorkers().map((worker) => worker.state);

describe('SimFleet scale-out', () => {
  it('keeps launched workers pending for the boot time', () => {
    const { clock, fleet } = setup();
    fleet.setDesired(2);
    expect(states(fleet)).toEqual(['pending', 'pending']);

    clock.advance(59_999);
    expect(states(fleet)).toEqual(['pending', 'pending']);
    clock.advance(60_000);
    expect(states(fleet)).toEqual(['inService', 'inService']);
  });

  it('starts work only once in service', () => {
    const { clock, fleet, queue, send } = setup();
    send(10);
    fleet.setDesired(1);
    clock.advance(30_000);
    expect(queue.counts().visible).toBe(1);

    clock.advance(60_000);
    expect(queue.counts()).toEqual({ visible: 0, inFlight: 1, delayed: 0 });
  });

  it('slows the first images of a fresh worker', () => {
    const { clock, fleet, finished, send } = setup({ coldImages: 1, coldFactor: 3, bootMeanSeconds: 0 });
    fleet.setDesired(1);
    send(10);
    clock.advance(29_999);
    expect(finished).toEqual([]);
    clock.advance(30_000);
    expect(finished).toEqual([1]);
  });

  it('pays every second a worker exists, booting included', () => {
    const { clock, fleet } = setup();
    fleet.setDesired(2);
    clock.advance(90_000);
    expect(fleet.paidSeconds()).toBe(180);
  });
});

describe('SimFleet scale-in', () => {
  it('removes booting workers first', () => {
    const { clock, fleet } = setup();
    fleet.startWarm(1);
    fleet.setDesired(3);
    clock.advance(10_000);
    fleet.setDesired(1);
    expect(states(fleet)).toEqual(['inService']);
  });

  it('removes idle workers before busy ones', () => {
    const { fleet, send } = setup();
    fleet.startWarm(2);
    send(100);
    const busy = fleet.liveWorkers().find((worker) => worker.busy > 0)!;

    fleet.setDesired(1);
    expect(fleet.liveWorkers().map((worker) => worker.id)).toEqual([busy.id]);
  });

  it('never stops a protected busy worker', () => {
    const { clock, fleet, finished, send } = setup();
    fleet.startWarm(1);
    send(100);
    fleet.setDesired(0);

    expect(fleet.liveWorkers()).toHaveLength(1);
    expect(fleet.liveWorkers()[0]!.draining).toBe(true);
    clock.advance(100_000);
    expect(finished).toEqual([1]);
    expect(fleet.liveWorkers()).toHaveLength(0);
  });

  it('gives a draining worker no new images', () => {
    const { clock, fleet, queue, send } = setup();
    fleet.startWarm(1);
    send(100);
    fleet.setDesired(0);
    send(5);
    clock.advance(50_000);
    expect(queue.counts()).toEqual({ visible: 1, inFlight: 1, delayed: 0 });
  });

  it('keeps a draining worker when capacity is raised again', () => {
    const { fleet, send } = setup();
    fleet.startWarm(1);
    send(100);
    fleet.setDesired(0);
    fleet.setDesired(1);
    expect(fleet.liveWorkers().map((worker) => [worker.state, worker.draining])).toEqual([['inService', false]]);
  });

  it('stops an unprotected busy worker and its image returns after the timeout', () => {
    const { clock, fleet, queue, finished, send } = setup({ protectBusyWorkers: false });
    fleet.startWarm(1);
    send(100);
    fleet.setDesired(0);
    expect(fleet.liveWorkers()).toHaveLength(0);

    clock.advance(29_999);
    expect(queue.counts()).toEqual({ visible: 0, inFlight: 1, delayed: 0 });
    clock.advance(200_000);
    expect(queue.counts()).toEqual({ visible: 1, inFlight: 0, delayed: 0 });
    expect(finished).toEqual([]);
  });

  it('reports busy workers as protected', () => {
    const { fleet, send } = setup();
    fleet.startWarm(2);
    send(100);
    expect(fleet.liveWorkers().map((worker) => fleet.isProtected(worker)).sort()).toEqual([false, true]);
  });
});
