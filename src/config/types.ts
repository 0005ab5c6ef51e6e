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
  /** SLA of this queue's images; absent when the pool's `sla` applies. */
  sla?: SlaConfig;
  /**
   * Message groups of a FIFO queue that can progress at once. SQS hands out one message of a
   * group at a time, so at most this many images of the queue run in parallel. Absent: no cap.
   */
  messageGroups?: number;
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
  /**
   * Workers set scale-in protection on themselves while they process an image (EC2 instance
   * protection or ECS task protection). Absent means false; `resolveConfig` always sets it.
   */
  scaleInProtection?: boolean;
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

/** Floor for pools whose data has been missing for several ticks in a row. */
export interface FallbackConfig {
  /** Minimum workers while data is missing, clamped to the pool's bounds. */
  workers: number;
  /** Consecutive failed ticks before the floor applies. */
  afterFailedTicks: number;
}

/** Names a pool's `policy.name` can take: the SLA formula or one of the baselines. */
export const POLICY_NAMES = ['sla', 'backlogPerInstance', 'queueLength', 'static'] as const;
export type PolicyName = (typeof POLICY_NAMES)[number];

/**
 * AWS target tracking on backlog per instance. The pool's `worker.concurrency` and `limits`
 * apply too.
 */
export interface BacklogPerInstancePolicyConfig {
  name: 'backlogPerInstance';
  /** Maximum acceptable wait of a message, seconds; default the pool's `sla.seconds`. */
  acceptableLatencySeconds: number;
  /** Seconds per message the target divides by; default `processingTime.priorSeconds`. */
  processingSeconds: number;
  /** One-minute datapoints above the target before a scale-out; default 3. */
  scaleOutDatapoints: number;
  /** One-minute datapoints below `scaleInRatio` × target before a scale-in; default 15. */
  scaleInDatapoints: number;
  /** Share of the target under which the metric counts as low; default 0.9. */
  scaleInRatio: number;
}

/** KEDA's SQS scaler with the Kubernetes HPA; the pool's `limits.min` and `limits.max` apply too. */
export interface QueueLengthPolicyConfig {
  name: 'queueLength';
  /** Target messages per worker; default floor(sla.seconds × concurrency ÷ priorSeconds), at least 1. */
  queueLength: number;
  /** The queue counts as active above this many messages; default 0. */
  activationQueueLength: number;
  /** Count in-flight messages; default true. */
  scaleOnInFlight: boolean;
  /** Count delayed messages; default false. */
  scaleOnDelayed: boolean;
  /** No change while |usage ratio − 1| is within this; default 0.1. */
  tolerance: number;
  /** Scale-down takes the highest recommendation of this many seconds; default 300. */
  scaleDownStabilizationSeconds: number;
  /** Seconds without messages before scaling to zero when `limits.min` is 0; default 300. */
  cooldownSeconds: number;
}

/** A fixed worker count, within the pool's bounds. */
export interface StaticPolicyConfig {
  name: 'static';
  workers: number;
}

/** The SLA formula. */
export interface SlaPolicyConfig {
  name: 'sla';
  /**
   * Cost knob: standard deviations of the minute-to-minute arrivals that the keep-up term serves
   * on top of the arrival rate, weighted by the share of the boot time plus one tick that the
   * SLA cannot cover. 0 (the default) adds none; higher values buy attainment under bursts with
   * idle workers. Absent counts as 0.
   */
  burstHeadroom?: number;
  /**
   * Cost knob: share, in [0, 1], of the SLA time left after a boot plus one tick that a steady
   * queue may use. The keep-up term then serves only part of the arrivals and the drain term
   * keeps the rest waiting within the SLA with every worker busy. Applies only to queues whose
   * SLA is longer than a boot; 0 sizes every queue to keep up. Absent counts as 0.
   */
  backlogShare?: number;
}

export type PolicyConfig = SlaPolicyConfig | BacklogPerInstancePolicyConfig | QueueLengthPolicyConfig | StaticPolicyConfig;

export interface PoolConfig {
  name: string;
  queues: QueueConfig[];
  target: TargetConfig;
  processingTime: ProcessingTimeConfig;
  sla: SlaConfig;
  worker: WorkerConfig;
  limits: LimitsConfig;
  scaleToZero: ScaleToZeroConfig;
  /** Absent: missing data holds the current count and no floor applies. */
  fallback?: FallbackConfig;
  /**
   * Policy that computes the worker count; the safety rules apply to every policy. Absent means
   * `{ name: 'sla' }`; `resolveConfig` always sets it.
   */
  policy?: PolicyConfig;
}

export interface ScalerConfig {
  /** CloudWatch namespace of the scaler's own metrics, also read back for its history. */
  metricsNamespace: string;
  pools: PoolConfig[];
}
