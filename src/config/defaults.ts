import { DEFAULT_METRICS_NAMESPACE } from '../telemetry/names.js';
import { parseQueueUrl } from './aws-names.js';
import type { RawConfig, RawPool } from './schema.js';
import type { FallbackConfig, PolicyConfig, PoolConfig, QueueConfig, ScalerConfig, SlaConfig, TargetConfig } from './types.js';

/**
 * Default values of the optional fields. `limits.maxStepUp`, `limits.maxStepDown` and
 * `target.region` depend on other fields, so `resolvePool` computes them.
 */
export const DEFAULTS = {
  metricsNamespace: DEFAULT_METRICS_NAMESPACE,
  processingTime: { dimensions: {}, statistic: 'p50' },
  sla: { percentile: 95 },
  worker: { concurrency: 1, warmupSeconds: 180, scaleInProtection: false },
  limits: { min: 0, scaleInStabilizationSeconds: 300 },
  scaleToZero: { enabled: true, idleMinutes: 15 },
  fallback: { afterFailedTicks: 3 },
  /** Measured with `npm run bench`: see docs/benchmarks.md. */
  policy: { name: 'sla', burstHeadroom: 0, backlogShare: 0.8 },
  /** AWS target tracking creates a high alarm of 3 of 3 minutes and a low alarm of 15 of 15 below 90 %. */
  backlogPerInstance: { scaleOutDatapoints: 3, scaleInDatapoints: 15, scaleInRatio: 0.9 },
  /** Defaults of KEDA 2.x and the Kubernetes HPA (autoscaling/v2). */
  queueLength: {
    activationQueueLength: 0,
    scaleOnInFlight: true,
    scaleOnDelayed: false,
    tolerance: 0.1,
    scaleDownStabilizationSeconds: 300,
    cooldownSeconds: 300,
  },
} as const;

/** Default `limits.maxStepDown`: a quarter of `max`, rounded up, so a full pool drains in about four ticks. */
export function defaultMaxStepDown(max: number): number {
  return Math.max(1, Math.ceil(max / 4));
}

/** Applies the defaults to a configuration that passed the schema. */
export function resolveConfig(raw: RawConfig): ScalerConfig {
  return {
    metricsNamespace: raw.metricsNamespace ?? DEFAULTS.metricsNamespace,
    pools: raw.pools.map(resolvePool),
  };
}

/** Applies the defaults to one pool that passed the schema. */
export function resolvePool(raw: RawPool): PoolConfig {
  const sla: SlaConfig = {
    seconds: raw.sla.seconds,
    percentile: raw.sla.percentile ?? DEFAULTS.sla.percentile,
  };
  const queues = raw.queues.map((entry) => resolveQueue(entry, sla));
  const max = raw.limits.max;

  return {
    name: raw.name,
    queues,
    target: resolveTarget(raw.target, queues[0]?.region),
    processingTime: {
      ...(raw.processingTime.namespace === undefined ? {} : { namespace: raw.processingTime.namespace }),
      ...(raw.processingTime.metricName === undefined ? {} : { metricName: raw.processingTime.metricName }),
      dimensions: { ...(raw.processingTime.dimensions ?? DEFAULTS.processingTime.dimensions) },
      statistic: raw.processingTime.statistic ?? DEFAULTS.processingTime.statistic,
      priorSeconds: raw.processingTime.priorSeconds,
    },
    sla,
    worker: {
      concurrency: raw.worker?.concurrency ?? DEFAULTS.worker.concurrency,
      warmupSeconds: raw.worker?.warmupSeconds ?? DEFAULTS.worker.warmupSeconds,
      scaleInProtection: raw.worker?.scaleInProtection ?? DEFAULTS.worker.scaleInProtection,
    },
    limits: {
      min: raw.limits.min ?? DEFAULTS.limits.min,
      max,
      scaleInStabilizationSeconds: raw.limits.scaleInStabilizationSeconds ?? DEFAULTS.limits.scaleInStabilizationSeconds,
      maxStepUp: raw.limits.maxStepUp ?? max,
      maxStepDown: raw.limits.maxStepDown ?? defaultMaxStepDown(max),
    },
    scaleToZero: {
      enabled: raw.scaleToZero?.enabled ?? DEFAULTS.scaleToZero.enabled,
      idleMinutes: raw.scaleToZero?.idleMinutes ?? DEFAULTS.scaleToZero.idleMinutes,
    },
    ...(raw.fallback === undefined ? {} : { fallback: resolveFallback(raw.fallback) }),
    policy: resolvePolicy(raw.policy, sla, raw.processingTime.priorSeconds, raw.worker?.concurrency ?? DEFAULTS.worker.concurrency),
  };
}

/**
 * Applies a policy's defaults, tuned as its own documentation recommends for the pool's SLA:
 * target tracking takes the SLA as acceptable latency, KEDA the messages one worker clears
 * within the SLA as `queueLength`.
 */
export function resolvePolicy(raw: RawPool['policy'], sla: SlaConfig, priorSeconds: number, concurrency: number): PolicyConfig {
  if (raw === undefined || raw.name === 'sla') {
    return {
      name: 'sla',
      burstHeadroom: raw?.burstHeadroom ?? DEFAULTS.policy.burstHeadroom,
      backlogShare: raw?.backlogShare ?? DEFAULTS.policy.backlogShare,
    };
  }

  if (raw.name === 'backlogPerInstance') {
    const alarms = DEFAULTS.backlogPerInstance;
    return {
      name: 'backlogPerInstance',
      acceptableLatencySeconds: raw.acceptableLatencySeconds ?? sla.seconds,
      processingSeconds: raw.processingSeconds ?? priorSeconds,
      scaleOutDatapoints: raw.scaleOutDatapoints ?? alarms.scaleOutDatapoints,
      scaleInDatapoints: raw.scaleInDatapoints ?? alarms.scaleInDatapoints,
      scaleInRatio: raw.scaleInRatio ?? alarms.scaleInRatio,
    };
  }
  if (raw.name === 'queueLength') {
    const keda = DEFAULTS.queueLength;
    return {
      name: 'queueLength',
      queueLength: raw.queueLength ?? Math.max(1, Math.floor((sla.seconds * concurrency) / priorSeconds)),
      activationQueueLength: raw.activationQueueLength ?? keda.activationQueueLength,
      scaleOnInFlight: raw.scaleOnInFlight ?? keda.scaleOnInFlight,
      scaleOnDelayed: raw.scaleOnDelayed ?? keda.scaleOnDelayed,
      tolerance: raw.tolerance ?? keda.tolerance,
      scaleDownStabilizationSeconds: raw.scaleDownStabilizationSeconds ?? keda.scaleDownStabilizationSeconds,
      cooldownSeconds: raw.cooldownSeconds ?? keda.cooldownSeconds,
    };
  }
  // The schema requires `workers` for the static policy.
  return { name: 'static', workers: raw.workers ?? 0 };
}

function resolveFallback(raw: NonNullable<RawPool['fallback']>): FallbackConfig {
  return { workers: raw.workers, afterFailedTicks: raw.afterFailedTicks ?? DEFAULTS.fallback.afterFailedTicks };
}

/** Resolves one queue entry; a queue `sla` without a percentile takes the pool's percentile. */
function resolveQueue(entry: RawPool['queues'][number], poolSla: SlaConfig): QueueConfig {
  const { url, roleArn, sla, messageGroups } = typeof entry === 'string' ? { url: entry } : entry;
  const parsed = parseQueueUrl(url);
  if (!parsed.ok) {
    // The schema rejects such URLs, so reaching this line means the schema and parser disagree.
    throw new Error(`queue URL ${url} passed the schema but does not parse: ${parsed.problem}`);
  }

  const { region, accountId, queueName } = parsed;
  return {
    url,
    region,
    accountId,
    queueName,
    ...(roleArn === undefined ? {} : { roleArn }),
    ...(sla === undefined ? {} : { sla: { seconds: sla.seconds, percentile: sla.percentile ?? poolSla.percentile } }),
    ...(messageGroups === undefined ? {} : { messageGroups }),
  };
}

function resolveTarget(raw: RawPool['target'], firstQueueRegion: string | undefined): TargetConfig {
  // The schema requires at least one queue and exactly one target kind, so the empty-string
  // fallbacks below are never used.
  const region = raw.region ?? firstQueueRegion ?? '';

  if (raw.ecsService !== undefined) {
    return { kind: 'ecsService', cluster: raw.ecsService.cluster, service: raw.ecsService.service, region };
  }
  return { kind: 'autoScalingGroup', name: raw.autoScalingGroup ?? '', region };
}
