import type { Observation } from '../types.js';
import { clampToBounds, queueTotals, type BaselineBounds, type BaselineResult } from './types.js';

/**
 * KEDA's `aws-sqs-queue` scaler feeding the Kubernetes Horizontal Pod Autoscaler: the metric is
 * the queue length (visible, plus in flight by default), the HPA target is `queueLength`
 * messages per replica, with the HPA's tolerance, scale-up rate limit and scale-down
 * stabilization window, and KEDA's scale to zero after its cooldown.
 */
export interface QueueLengthParams extends BaselineBounds {
  /** Target messages per replica (KEDA `queueLength`). */
  queueLength: number;
  /** The queue is active above this many messages (KEDA `activationQueueLength`). */
  activationQueueLength: number;
  /** Count in-flight messages (KEDA `scaleOnInFlight`). */
  scaleOnInFlight: boolean;
  /** Count delayed messages (KEDA `scaleOnDelayed`). */
  scaleOnDelayed: boolean;
  /** No change while |usage ratio − 1| is within this (HPA `--horizontal-pod-autoscaler-tolerance`). */
  tolerance: number;
  /** Scale-down uses the highest recommendation of this window, seconds (HPA `stabilizationWindowSeconds`). */
  scaleDownStabilizationSeconds: number;
  /** Seconds after the last active reading before scaling to zero (KEDA `cooldownPeriod`). */
  cooldownSeconds: number;
  /** HPA default scale-up policies: add at most max(this many pods, this percent) per sync period. */
  scaleUpPods: number;
  scaleUpPercent: number;
  /** HPA sync period and the tick interval, seconds; the rate limit applies once per sync period. */
  syncPeriodSeconds: number;
  tickSeconds: number;
}

export interface QueueLengthState {
  /** HPA recommendations of past ticks, for the stabilization window. */
  recommendations: Array<{ atMs: number; replicas: number }>;
  /** Last time the queue was active, epoch milliseconds. */
  lastActiveMs: number | undefined;
}

/** Defaults of KEDA 2.x and the Kubernetes HPA (autoscaling/v2). */
export const QUEUE_LENGTH_DEFAULTS = {
  activationQueueLength: 0,
  scaleOnInFlight: true,
  scaleOnDelayed: false,
  tolerance: 0.1,
  scaleDownStabilizationSeconds: 300,
  cooldownSeconds: 300,
  scaleUpPods: 4,
  scaleUpPercent: 100,
  syncPeriodSeconds: 15,
  tickSeconds: 60,
} as const;

export const initialQueueLengthState = (): QueueLengthState => ({ recommendations: [], lastActiveMs: undefined });

/** Computes the HPA's replica count for an `AverageValue` external metric, with its tolerance. */
export function hpaRecommendation(messages: number, queueLength: number, currentReplicas: number, tolerance: number): number {
  const replicas = Math.max(1, currentReplicas);
  const usageRatio = messages / (queueLength * replicas);
  if (Math.abs(usageRatio - 1) <= tolerance) return replicas;
  return Math.ceil(messages / queueLength);
}

/** Highest count the HPA's default scale-up policies reach from `current` within one tick. */
export function scaleUpLimit(current: number, params: QueueLengthParams): number {
  const periods = Math.max(1, Math.round(params.tickSeconds / params.syncPeriodSeconds));
  let limit = Math.max(1, current);
  for (let period = 0; period < periods; period += 1) {
    limit = Math.max(limit + params.scaleUpPods, Math.ceil(limit * (1 + params.scaleUpPercent / 100)));
  }
  return limit;
}

/**
 * Runs one tick of KEDA and the HPA. Scale-up takes the new recommendation at once (within the rate
 * limit); scale-down takes the highest recommendation of the stabilization window. With
 * `min` 0, KEDA sets zero replicas once the queue has been inactive for the cooldown and
 * activates one replica when messages arrive.
 */
export function queueLength(params: QueueLengthParams, observation: Observation, state: QueueLengthState): BaselineResult<QueueLengthState> {
  const totals = queueTotals(observation);
  const capacity = observation.capacity;
  const needed = [totals.visible, params.scaleOnInFlight ? totals.inFlight : 0, params.scaleOnDelayed ? totals.delayed : 0];
  if (capacity === undefined || needed.some((value) => value === undefined)) return { desired: undefined, state };

  const nowMs = observation.nowMs;
  const messages = needed.reduce<number>((total, value) => total + (value ?? 0), 0);
  const active = messages > params.activationQueueLength;
  const lastActiveMs = active ? nowMs : state.lastActiveMs;
  const current = capacity.desired;

  if (!active && params.min === 0) {
    const cooledDown = lastActiveMs === undefined || nowMs - lastActiveMs >= params.cooldownSeconds * 1000;
    if (current === 0 || cooledDown) return { desired: clampToBounds(0, params, observation), state: { recommendations: [], lastActiveMs } };
  }

  const recommendation = Math.max(1, hpaRecommendation(messages, params.queueLength, current, params.tolerance));
  const windowStartMs = nowMs - params.scaleDownStabilizationSeconds * 1000;
  const recommendations = [...state.recommendations.filter((entry) => entry.atMs > windowStartMs), { atMs: nowMs, replicas: recommendation }];

  let desired: number;
  if (recommendation > current) desired = Math.min(recommendation, scaleUpLimit(current, params));
  else desired = Math.min(current, Math.max(...recommendations.map((entry) => entry.replicas)));

  return { desired: clampToBounds(desired, params, observation), state: { recommendations, lastActiveMs } };
}
