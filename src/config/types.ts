/**
 * Resolved pool configuration: what the schema produces after defaults are applied and
 * every cross-field rule has passed. The rest of the scaler reads only these types.
 */

/** One SQS queue feeding a pool. Region and account come from the queue URL. */
export interface QueueConfig {
  url: string;
  region: string;
  accountId: string;
  queueName: string;
  /** Role to assume for a queue in another account; absent for the scaler's own account. */
  roleArn?: string;
}

export type TargetConfig =
  | { kind: 'autoScalingGroup'; name: string; region: string }
  | { kind: 'ecsService'; cluster: string; service: string; region: string };

/**
 * Source of the per-image processing time: the workers' CloudWatch metric and a prior.
 * `namespace` and `metricName` are both set or both absent. Without them the pool has no
 * metric and always uses `priorSeconds`.
 */
export interface ProcessingTimeConfig {
  namespace?: string;
  metricName?: string;
  /** Empty when the metric has no dimensions or the pool has no metric. */
  dimensions: Record<string, string>;
  /** CloudWatch statistic: `Average`, `Maximum`, `Minimum`, `Sum`, `SampleCount` or a percentile such as `p50`. */
  statistic: string;
  /** Seconds per image assumed when there is no metric, or CloudWatch has no datapoints and no earlier value is known. */
  priorSeconds: number;
}

export interface SlaConfig {
  /** Seconds from enqueue to finished result. */
  seconds: number;
  /** Share of images, in percent, that must finish within `seconds`; in (0, 100). */
  percentile: number;
}

export interface WorkerConfig {
  /** Images one worker processes at once. */
  concurrency: number;
  /** Boot plus model load, seconds, before a new worker takes work. */
  warmupSeconds: number;
}

export interface LimitsConfig {
  min: number;
  max: number;
  /** Scale-in uses the highest recommendation of this many past seconds. */
  scaleInStabilizationSeconds: number;
  /** Most workers added in one tick. */
  maxStepUp: number;
  /** Most workers removed in one tick. */
  maxStepDown: number;
}

export interface ScaleToZeroConfig {
  enabled: boolean;
  /** Minutes with nothing visible, delayed or in flight before the pool may go to zero. */
  idleMinutes: number;
}

export interface PoolConfig {
  name: string;
  queues: QueueConfig[];
  target: TargetConfig;
  processingTime: ProcessingTimeConfig;
  sla: SlaConfig;
  worker: WorkerConfig;
  limits: LimitsConfig;
  scaleToZero: ScaleToZeroConfig;
}

export interface ScalerConfig {
  /** CloudWatch namespace of the scaler's own metrics, also read back for its history. */
  metricsNamespace: string;
  pools: PoolConfig[];
}
