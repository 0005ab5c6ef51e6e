/**
 * Assembles the recorded ticks of a scenario: SQS attributes, the CloudWatch datapoints one
 * tick's `GetMetricData` would return, and the describe outputs of each pool's target.
 */
import {
  ARRIVALS_WINDOW_MINUTES,
  OLDEST_AGE_WINDOW_MINUTES,
  PROCESSING_WINDOW_MINUTES,
} from '../../src/observe/metric-queries.js';
import { DEFAULT_METRICS_NAMESPACE, METRIC, POOL_DIMENSION } from '../../src/telemetry/names.js';
import { autoScalingGroup, ecsService, scalableTarget } from './aws-shapes.js';
import { runPool, type PoolRun, type Scenario } from './scenario.js';

interface Series {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  statistic: string;
  datapoints: Array<{ timestamp: string; value: number }>;
}

function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('.000Z', 'Z');
}

function queueName(url: string): string {
  return url.slice(url.lastIndexOf('/') + 1);
}

/** Minutes `[tick - minutes, tick)`: the complete minutes a window of that length reads at `tick`. */
function windowMinutes(tick: number, minutes: number): number[] {
  return Array.from({ length: minutes }, (_, i) => tick - minutes + i);
}

/** Returns the queue work the scaler published at a tick: visible plus in flight, because no delayed messages are modelled. */
function queueWorkAt(run: PoolRun, tick: number): number {
  const counts = run.timeline.counts.get(run.tickTime(tick));
  return (counts?.visible ?? 0) + (counts?.inFlight ?? 0);
}

function poolSeries(run: PoolRun, tick: number, minuteZeroMs: number): Series[] {
  const { pool, sqsMetricsFromMinute = -Infinity } = run.scenario;
  const points = (minutes: number[], value: (minute: number) => number | undefined) =>
    minutes.flatMap((minute) => {
      const found = value(minute);
      return found === undefined ? [] : [{ timestamp: isoTime(minuteZeroMs + minute * 60_000), value: found }];
    });
  const sqs = (minute: number, values: Map<number, number>) => (minute >= sqsMetricsFromMinute ? values.get(minute) : undefined);

  const queue = { QueueName: queueName(pool.queues[0] ?? '') };
  const own = { [POOL_DIMENSION]: pool.name };
  const stabilizationMinutes = Math.max(1, Math.ceil(pool.limits.scaleInStabilizationSeconds / 60));
  const idleMinutes = Math.max(1, Math.ceil(pool.scaleToZero.idleMinutes));
  const recommended = run.scenario.recommended ?? ((at: number) => run.scenario.desired(at + 1));
  const { namespace, metricName, dimensions, statistic } = pool.processingTime;

  const all: Series[] = [
    { namespace: 'AWS/SQS', metricName: 'NumberOfMessagesSent', dimensions: queue, statistic: 'Sum', datapoints: points(windowMinutes(tick, ARRIVALS_WINDOW_MINUTES), (m) => sqs(m, run.timeline.sentPerMinute)) },
    { namespace: 'AWS/SQS', metricName: 'ApproximateAgeOfOldestMessage', dimensions: queue, statistic: 'Maximum', datapoints: points(windowMinutes(tick, OLDEST_AGE_WINDOW_MINUTES), (m) => sqs(m, run.timeline.oldestAgePerMinute)) },
    { namespace, metricName, dimensions, statistic, datapoints: points(windowMinutes(tick, PROCESSING_WINDOW_MINUTES), (m) => run.timeline.processingPerMinute.get(m)) },
  ];
  if (run.scenario.history) {
    all.push(
      { namespace: DEFAULT_METRICS_NAMESPACE, metricName: METRIC.recommendedWorkers, dimensions: own, statistic: 'Maximum', datapoints: points(windowMinutes(tick, stabilizationMinutes), recommended) },
      { namespace: DEFAULT_METRICS_NAMESPACE, metricName: METRIC.queueWork, dimensions: own, statistic: 'Maximum', datapoints: points(windowMinutes(tick, idleMinutes), (m) => queueWorkAt(run, m)) },
    );
  }

  // A series without datapoints is left out: CloudWatch returns nothing for it either way.
  return all.filter((series) => series.datapoints.length > 0);
}

function buildTick(scenario: Scenario, runs: PoolRun[], tick: number, minuteZeroMs: number): Record<string, unknown> {
  const at = runs[0]!.tickTime(tick);
  const sqs: Record<string, Record<string, string>> = {};
  const groups = [];
  const services = [];
  const targets = [];

  for (const run of runs) {
    const counts = run.timeline.counts.get(at) ?? { visible: 0, inFlight: 0 };
    sqs[run.scenario.pool.queues[0] ?? ''] = {
      ApproximateNumberOfMessages: String(counts.visible),
      ApproximateNumberOfMessagesNotVisible: String(counts.inFlight),
      ApproximateNumberOfMessagesDelayed: '0',
    };

    const desired = run.scenario.desired(tick);
    const fleet = run.scenario.fleet;
    if ('group' in fleet) groups.push(autoScalingGroup(fleet.group, run.plan, desired, at));
    else {
      services.push(ecsService(fleet.service, run.plan, desired, at, minuteZeroMs));
      targets.push(scalableTarget(fleet.service));
    }
  }

  const note = scenario.notes?.[tick];
  const faults = scenario.faults?.[tick];
  return {
    time: isoTime(minuteZeroMs + at * 1000),
    ...(note ? { note } : {}),
    sqs,
    cloudwatch: runs.flatMap((run) => poolSeries(run, tick, minuteZeroMs)),
    ...(groups.length > 0 ? { autoScalingGroups: groups } : {}),
    ...(services.length > 0 ? { ecsServices: services, scalableTargets: targets } : {}),
    ...(faults ? { faults } : {}),
  };
}

/** Builds the recording object of a scenario; its `config` names `<name>.config.yaml` beside it. */
export function buildRecording(scenario: Scenario): Record<string, unknown> {
  const firstTickMs = Date.parse(scenario.firstTick);
  const minuteZeroMs = Math.floor(firstTickMs / 60_000) * 60_000;
  const offsetSeconds = (firstTickMs - minuteZeroMs) / 1000;
  const runs = scenario.pools.map((pool) => runPool(scenario, pool, offsetSeconds));

  const ticks = [];
  for (let tick = 0; tick < scenario.tickCount; tick++) ticks.push(buildTick(scenario, runs, tick, minuteZeroMs));
  return { description: scenario.description, config: `${scenario.name}.config.yaml`, ticks };
}
