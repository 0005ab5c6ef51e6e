/**
 * A scenario describes one recording: the pools, messages sent per minute, processing time per
 * minute and the scripted desired count per tick. `buildRecording` runs the fleet and queue
 * models over it and assembles the ticks in the recording format.
 */
import { autoScalingGroup, ecsService, scalableTarget, type GroupScript, type ServiceScript } from './aws-shapes.js';
import { planFleet, type FleetPlan } from './fleet.js';
import { simulateQueue, type MinuteArrivals, type QueueTimeline } from './queue-sim.js';

/** One pool as the YAML configuration file writes it. */
export interface PoolFile {
  name: string;
  queues: string[];
  target: { autoScalingGroup: string } | { ecsService: { cluster: string; service: string } };
  processingTime: { namespace: string; metricName: string; dimensions: Record<string, string>; statistic: string; priorSeconds: number };
  sla: { seconds: number; percentile: number };
  worker: { concurrency: number; warmupSeconds: number };
  limits: { min: number; max: number; scaleInStabilizationSeconds: number; maxStepUp: number; maxStepDown: number };
  scaleToZero: { enabled: boolean; idleMinutes: number };
}

export interface PoolScenario {
  /** The pool's configuration; its single queue is the one modelled. */
  pool: PoolFile;
  /** The Auto Scaling group or the ECS service behind `pool.target`. */
  fleet: { group: GroupScript } | { service: ServiceScript };
  /** Messages sent in each minute. Minute 0 contains the first recorded tick, and earlier minutes are history. */
  arrivals: (minute: number) => MinuteArrivals;
  /** Median processing seconds of a warm worker in each minute. */
  processingSeconds: (minute: number) => number;
  /** Factor on the processing time during a worker's first minute in service; 1 when absent. */
  coldStartFactor?: number;
  /** Desired count the target reports at each tick, negative ticks included (scripted, see fleet.ts). */
  desired: (tick: number) => number;
  /** `RecommendedWorkers` the scaler published at each tick; defaults to the desired count of the next tick. */
  recommended?: (tick: number) => number;
  /** First minute with `AWS/SQS` datapoints; earlier minutes have none. Defaults to every minute. */
  sqsMetricsFromMinute?: number;
  /** False when the scaler's own metrics did not exist yet (recorded before it was deployed). */
  history: boolean;
  /** ECS rolling deployments of a new task definition revision. */
  deployments?: Array<{ afterTick: number; revision: number }>;
}

export interface RecordedFault {
  command: string;
  resource?: string;
  code: string;
  message: string;
}

export interface Scenario {
  name: string;
  description: string;
  /** Time of the first recorded tick; the others follow one minute apart. */
  firstTick: string;
  tickCount: number;
  pools: PoolScenario[];
  notes?: Record<number, string>;
  faults?: Record<number, RecordedFault[]>;
}

/** Minutes simulated before the first recorded tick: the longest read-back window plus margin. */
export const HISTORY_MINUTES = 20;
const STOP_SECONDS = { group: 90, service: 30 };

export interface PoolRun {
  scenario: PoolScenario;
  plan: FleetPlan;
  timeline: QueueTimeline;
  tickTime: (tick: number) => number;
}

/** Runs the fleet and queue models of one pool over the history minutes and the recorded ticks. */
export function runPool(scenario: Scenario, pool: PoolScenario, offsetSeconds: number): PoolRun {
  const tickTime = (tick: number) => tick * 60 + offsetSeconds;
  const lastTick = scenario.tickCount - 1;
  const plan = planFleet(
    {
      firstTick: -HISTORY_MINUTES,
      lastTick,
      tickTime,
      desired: pool.desired,
      warmupSeconds: pool.pool.worker.warmupSeconds,
      stopSeconds: 'group' in pool.fleet ? STOP_SECONDS.group : STOP_SECONDS.service,
      deployments: pool.deployments ?? [],
    },
    1,
  );

  const tickTimes = [];
  for (let tick = -HISTORY_MINUTES; tick <= lastTick; tick++) tickTimes.push(tickTime(tick));
  const timeline = simulateQueue({
    seed: `${scenario.name}/${pool.pool.name}`,
    firstMinute: -HISTORY_MINUTES,
    lastSecond: tickTime(lastTick),
    tickTimes,
    arrivals: pool.arrivals,
    processingSeconds: pool.processingSeconds,
    coldStartFactor: pool.coldStartFactor ?? 1,
    concurrency: pool.pool.worker.concurrency,
    workers: plan.workers,
  });
  return { scenario: pool, plan, timeline, tickTime };
}
