import { createAwsClientFactory, type AwsClientFactory } from '../../src/aws/clients.js';
import type { PoolConfig, QueueConfig, ScalerConfig, TargetConfig } from '../../src/config/types.js';

/** 2024-05-06 12:34:56.789 UTC: a tick in the middle of a minute. */
export const NOW_MS = Date.UTC(2024, 4, 6, 12, 34, 56, 789);
/** 12:34:00.000, the end of the last complete minute before `NOW_MS`. */
export const LAST_COMPLETE_MINUTE_END_MS = Date.UTC(2024, 4, 6, 12, 34, 0, 0);
export const MINUTE = 60_000;

export const HOME_REGION = 'us-east-1';
export const ACCOUNT_ID = '123456789012';
export const METRICS_NAMESPACE = 'GpuWorkerAutoscalerTest';

export function queueConfig(queueName: string, region = HOME_REGION): QueueConfig {
  return { url: `https://sqs.${region}.amazonaws.com/${ACCOUNT_ID}/${queueName}`, region, accountId: ACCOUNT_ID, queueName };
}

export const RENDER_QUEUE = queueConfig('render-jobs');
export const UPSCALE_QUEUE = queueConfig('upscale-jobs');
export const EU_QUEUE = queueConfig('render-jobs-eu', 'eu-west-1');

export function groupTarget(name: string, region = HOME_REGION): TargetConfig {
  return { kind: 'autoScalingGroup', name, region };
}

export function serviceTarget(cluster: string, service: string, region = HOME_REGION): TargetConfig {
  return { kind: 'ecsService', cluster, service, region };
}

/** Builds a pool with realistic defaults. `overrides` replaces whole sections. */
export function poolConfig(name: string, overrides: Partial<PoolConfig> = {}): PoolConfig {
  return {
    name,
    queues: [queueConfig(`${name}-jobs`)],
    target: groupTarget(`${name}-workers`),
    processingTime: {
      namespace: 'GpuWorkers',
      metricName: 'ImageProcessingSeconds',
      dimensions: { Fleet: name },
      statistic: 'p50',
      priorSeconds: 3,
    },
    sla: { seconds: 180, percentile: 95 },
    worker: { concurrency: 1, warmupSeconds: 420 },
    limits: { min: 0, max: 50, scaleInStabilizationSeconds: 300, maxStepUp: 20, maxStepDown: 5 },
    scaleToZero: { enabled: true, idleMinutes: 15 },
    ...overrides,
  };
}

export function scalerConfig(pools: PoolConfig[]): ScalerConfig {
  return { metricsNamespace: METRICS_NAMESPACE, pools };
}

/** Real SDK clients whose `send` the tests replace with aws-sdk-client-mock, so nothing reaches the network. */
export function testClients(): AwsClientFactory {
  return createAwsClientFactory({ maxAttempts: 1 });
}

/** Creates an error shaped like an SDK service exception, whose `name` is the AWS error code. */
export function awsError(name: string, message = `${name} (test)`): Error {
  const error = new Error(message);
  error.name = name;
  return Object.assign(error, { $fault: 'client', $metadata: {} });
}
