export {
  acceptableBacklogPerInstance,
  backlogPerInstance,
  BACKLOG_PER_INSTANCE_DEFAULTS,
  initialBacklogPerInstanceState,
  type BacklogPerInstanceParams,
  type BacklogPerInstanceState,
} from './backlog-per-instance.js';
export {
  hpaRecommendation,
  initialQueueLengthState,
  queueLength,
  QUEUE_LENGTH_DEFAULTS,
  scaleUpLimit,
  type QueueLengthParams,
  type QueueLengthState,
} from './queue-length.js';
export { peakWorkers, staticPolicy, type StaticParams, type StaticState } from './static.js';
export { clampToBounds, queueTotals, type BaselineBounds, type BaselinePolicy, type BaselineResult } from './types.js';

/** Names a pool's `policy:` setting can take besides the SLA formula. */
export const BASELINE_NAMES = ['backlogPerInstance', 'queueLength', 'static'] as const;
export type BaselineName = (typeof BASELINE_NAMES)[number];
