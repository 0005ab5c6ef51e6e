import { SCENARIO_DEFAULTS, type ScenarioOptions } from '../../src/sim/scenario.js';
import { parseTrace, type Trace } from '../../src/sim/trace.js';

/** Trace with the given per-minute counts. */
export function minuteTrace(counts: number[]): Trace {
  return parseTrace(['minute,arrivals', ...counts.map((count, index) => `${index},${count}`)].join('\n'), 'test');
}

/** Builds a scenario without randomness: even arrivals, constant service and boot, exact counts, warm workers. */
export function exactScenario(trace: Trace, overrides: Partial<ScenarioOptions> = {}): ScenarioOptions {
  return {
    ...SCENARIO_DEFAULTS,
    trace,
    spread: 'even',
    serviceCv: 0,
    bootJitterSeconds: 0,
    coldImages: 0,
    coldFactor: 1,
    approximateLagSeconds: 0,
    ...overrides,
  };
}

import type { SimClock } from '../../src/sim/clock.js';
import { EventHeap } from '../../src/sim/event-heap.js';

/** A clock for unit tests: `advance` runs every event up to and including the given time. */
export class TestClock implements SimClock {
  nowMs = 0;
  private readonly events = new EventHeap<() => void>();

  schedule(atMs: number, action: () => void): void {
    this.events.push(Math.max(atMs, this.nowMs), action);
  }

  advance(toMs: number): void {
    while (this.events.peekTime() <= toMs) {
      const event = this.events.pop()!;
      this.nowMs = event.atMs;
      event.payload();
    }
    this.nowMs = toMs;
  }
}
