import type { Observation } from '../types.js';
import { clampToBounds, queueTotals, type BaselineBounds, type BaselineResult } from './types.js';

/**
 * AWS's recipe for scaling on SQS ("Scaling policy based on Amazon SQS", Amazon EC2 Auto Scaling
 * user guide): track the backlog per instance, visible messages ÷ in-service instances, at the
 * acceptable backlog per instance, acceptable latency ÷ processing time per message.
 */
export interface BacklogPerInstanceParams extends BaselineBounds {
  /** Maximum acceptable wait of a message, seconds; tuned to the SLA. */
  acceptableLatencySeconds: number;
  /** Seconds one worker slot spends per message, as the operator measured it. */
  processingSeconds: number;
  /** Messages one instance processes at once; the acceptable backlog grows with it. */
  concurrency: number;
  /** Consecutive one-minute datapoints above the target before a scale-out (the high alarm). */
  scaleOutDatapoints: number;
  /** Consecutive one-minute datapoints below `scaleInRatio` × target before a scale-in (the low alarm). */
  scaleInDatapoints: number;
  /** Share of the target under which the metric counts as low; target tracking uses 0.9. */
  scaleInRatio: number;
}

export interface BacklogPerInstanceState {
  /** Backlog-per-instance datapoints of past ticks, oldest first. */
  datapoints: Array<{ atMs: number; value: number }>;
}

/** Alarm settings target tracking creates: high after 3 of 3 minutes, low after 15 of 15 below 90 %. */
export const BACKLOG_PER_INSTANCE_DEFAULTS = { scaleOutDatapoints: 3, scaleInDatapoints: 15, scaleInRatio: 0.9 } as const;

export const initialBacklogPerInstanceState = (): BacklogPerInstanceState => ({ datapoints: [] });

/** Acceptable backlog per instance: how many messages one instance clears within the latency. */
export function acceptableBacklogPerInstance(params: BacklogPerInstanceParams): number {
  return (params.acceptableLatencySeconds * params.concurrency) / params.processingSeconds;
}

/** True when the newest `count` datapoints exist, are one minute apart, and all pass `test`. */
function alarmFires(datapoints: BacklogPerInstanceState['datapoints'], count: number, test: (value: number) => boolean): boolean {
  if (datapoints.length < count) return false;

  const recent = datapoints.slice(-count);
  const spanMs = recent[recent.length - 1]!.atMs - recent[0]!.atMs;
  return spanMs <= (count - 1) * 60_000 + 1_000 && recent.every((point) => test(point.value));
}

/**
 * Target tracking on backlog per instance. Instances still booting (pending) are not counted,
 * as target tracking leaves instances in warm-up out of the current capacity; the new capacity
 * is `ceil(visible ÷ target)`, rounded up so the policy never removes more than the metric calls for.
 * Scale-out keeps every launched instance (never below the current desired count); scale-in
 * waits for the low alarm. With no instance in service the metric is taken as the whole
 * backlog, so the policy can still leave zero, which CloudWatch metric math would not do.
 */
export function backlogPerInstance(
  params: BacklogPerInstanceParams,
  observation: Observation,
  state: BacklogPerInstanceState,
): BaselineResult<BacklogPerInstanceState> {
  const { visible } = queueTotals(observation);
  const capacity = observation.capacity;
  if (visible === undefined || capacity === undefined) return { desired: undefined, state };

  const target = acceptableBacklogPerInstance(params);
  const value = visible / Math.max(1, capacity.inService);
  const keepMs = Math.max(params.scaleOutDatapoints, params.scaleInDatapoints) * 60_000;
  const datapoints = [...state.datapoints.filter((point) => point.atMs > observation.nowMs - keepMs), { atMs: observation.nowMs, value }];
  const next = { datapoints };

  const needed = Math.ceil(visible / target);
  let desired = capacity.desired;
  if (alarmFires(datapoints, params.scaleOutDatapoints, (metric) => metric > target)) {
    desired = Math.max(capacity.desired, needed);
  } else if (alarmFires(datapoints, params.scaleInDatapoints, (metric) => metric < params.scaleInRatio * target)) {
    desired = Math.min(capacity.desired, needed);
  }

  return { desired: clampToBounds(desired, params, observation), state: next };
}
