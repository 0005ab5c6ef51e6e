import type { Context, ScheduledEvent } from 'aws-lambda';

import { createRespondingClientFactory, DEFAULT_CLIENT_SETTINGS } from '../../src/aws/clients.js';
import type { PoolConfig, QueueConfig, ScalerConfig } from '../../src/config/types.js';
import { createHandler, PoolsFailedError } from '../../src/handler.js';
import type { TickResult } from '../../src/tick-types.js';
import { groupTarget, poolConfig, queueConfig, scalerConfig, serviceTarget } from '../observe/fixtures.js';
import { capturingLogger, capturingMetrics, type CapturedLines } from './capture.js';
import { FaultyCloud, type AcceptedWrite } from './cloud.js';

export const HOME_REGION = 'us-east-1';
export const PARTNER_REGION = 'eu-west-1';
export const PARTNER_ACCOUNT = '210987654321';
export const PARTNER_ROLE = `arn:aws:iam::${PARTNER_ACCOUNT}:role/queue-reader`;

/** Tick budget of the matrix: long enough for three attempts with backoff, short enough to cut a call that never returns. */
export const MATRIX_DEADLINE_MS = 8_000;

/** First tick of every run: 2026-12-04 10:00 UTC. */
export const FIRST_TICK_MS = Date.UTC(2026, 11, 4, 10, 0, 0);

const RENDER_QUEUE = queueConfig('render-jobs');
const UPSCALE_QUEUE = queueConfig('upscale-jobs');
export const PARTNER_QUEUE: QueueConfig = {
  url: `https://sqs.${PARTNER_REGION}.amazonaws.com/${PARTNER_ACCOUNT}/partner-jobs`,
  region: PARTNER_REGION,
  accountId: PARTNER_ACCOUNT,
  queueName: 'partner-jobs',
  roleArn: PARTNER_ROLE,
};

/** Pool settings shared by the scenario: 4 s per image from the prior, 60 s SLA, instant warm-up. */
function pool(name: string, overrides: Partial<PoolConfig>): PoolConfig {
  return poolConfig(name, {
    processingTime: { dimensions: {}, statistic: 'Average', priorSeconds: 4 },
    sla: { seconds: 60, percentile: 95 },
    worker: { concurrency: 1, warmupSeconds: 0 },
    limits: { min: 0, max: 50, scaleInStabilizationSeconds: 300, maxStepUp: 30, maxStepDown: 5 },
    ...overrides,
  });
}

/**
 * Three pools that each read and write through different calls. `render` is an Auto Scaling
 * group in the home region and `upscale` an ECS service with a scalable target. `partner` is a
 * group in another region, fed by a queue of another account read with an assumed role.
 */
export const MATRIX_CONFIG: ScalerConfig = scalerConfig([
  pool('render', { queues: [RENDER_QUEUE], target: groupTarget('render-workers') }),
  pool('upscale', { queues: [UPSCALE_QUEUE], target: serviceTarget('gpu', 'upscale') }),
  pool('partner', { queues: [PARTNER_QUEUE], target: groupTarget('partner-workers', PARTNER_REGION) }),
]);

export const POOL_NAMES = MATRIX_CONFIG.pools.map((entry) => entry.name);

/** Bounds AWS enforces or the scaler must keep, per pool. */
export const POOL_BOUNDS: Record<string, { min: number; max: number }> = {
  render: { min: 0, max: 50 },
  upscale: { min: 1, max: 40 },
  partner: { min: 0, max: 20 },
};

/** Builds the cloud of the scenario: every queue has work, so every pool grows on the first tick. */
export function matrixCloud(): FaultyCloud {
  const cloud = new FaultyCloud();
  cloud.nowMs = FIRST_TICK_MS;

  cloud.queues.set(RENDER_QUEUE.url, { visible: 95, inFlight: 5, delayed: 0 });
  cloud.queues.set(UPSCALE_QUEUE.url, { visible: 300, inFlight: 10, delayed: 0 });
  cloud.queues.set(PARTNER_QUEUE.url, { visible: 50, inFlight: 3, delayed: 0 });
  cloud.groups.set('render-workers', { min: 0, max: 50, desired: 5, inService: 5 });
  cloud.groups.set('partner-workers', { min: 0, max: 20, desired: 2, inService: 2 });
  cloud.services.set('gpu/upscale', { desired: 4, running: 4, bounds: { min: 1, max: 40 } });

  const arrivals: Array<[QueueConfig, number]> = [[RENDER_QUEUE, 0], [UPSCALE_QUEUE, 60], [PARTNER_QUEUE, 30]];
  for (const [queue, perMinute] of arrivals) {
    cloud.putMetric({ namespace: 'AWS/SQS', metricName: 'NumberOfMessagesSent', dimensions: { QueueName: queue.queueName } }, 'Sum', 20, perMinute);
  }
  return cloud;
}

/** Returns the desired count the cloud holds for a pool's target. */
export function desiredOf(cloud: FaultyCloud, poolName: string): number | undefined {
  if (poolName === 'render') return cloud.groups.get('render-workers')?.desired;
  if (poolName === 'partner') return cloud.groups.get('partner-workers')?.desired;
  return cloud.services.get('gpu/upscale')?.desired;
}

/** Returns the pool a write went to. */
export function poolOfWrite(write: AcceptedWrite): string {
  if (write.resource === 'render-workers') return 'render';
  if (write.resource === 'partner-workers') return 'partner';
  return 'upscale';
}

const CONTEXT = { functionName: 'scaler', awsRequestId: 'fault-matrix', getRemainingTimeInMillis: () => 50_000 } as unknown as Context;

function scheduledEvent(timeMs: number): ScheduledEvent {
  return {
    version: '0',
    id: 'fault-matrix',
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '123456789012',
    time: new Date(timeMs).toISOString(),
    region: HOME_REGION,
    resources: [],
    detail: {},
  };
}

/** What one invocation of the handler did. */
export interface Invocation {
  result: TickResult | undefined;
  /** The error the invocation ended with, if any. */
  error: unknown;
  before: Map<string, number | undefined>;
  after: Map<string, number | undefined>;
  writes: AcceptedWrite[];
  logs: CapturedLines;
  metrics: CapturedLines;
}

/** The real handler over a `FaultyCloud`, with the production retry settings and a short deadline. */
export function matrixRun(cloud: FaultyCloud, config: ScalerConfig = MATRIX_CONFIG) {
  const log = capturingLogger();
  const metrics = capturingMetrics();
  const handler = createHandler({
    config: () => config,
    clients: createRespondingClientFactory(cloud, { maxAttempts: DEFAULT_CLIENT_SETTINGS.maxAttempts }),
    logger: log.logger,
    createMetrics: metrics.createMetrics,
    env: { AUTOSCALER_TICK_DEADLINE_MS: String(MATRIX_DEADLINE_MS) },
    homeRegion: HOME_REGION,
  });

  const invoke = async (timeMs: number): Promise<Invocation> => {
    cloud.nowMs = timeMs;
    const logStart = log.lines.length;
    const metricStart = metrics.lines.length;
    const writeStart = cloud.writes.length;
    const snapshot = () => new Map(config.pools.map((entry) => [entry.name, desiredOf(cloud, entry.name)]));
    const before = snapshot();

    let result: TickResult | undefined;
    let error: unknown;
    try {
      result = await handler(scheduledEvent(timeMs), CONTEXT);
    } catch (caught) {
      error = caught;
      if (caught instanceof PoolsFailedError) result = caught.result;
    }

    return {
      result,
      error,
      before,
      after: snapshot(),
      writes: cloud.writes.slice(writeStart),
      logs: log.lines.slice(logStart),
      metrics: metrics.lines.slice(metricStart),
    };
  };

  return { invoke, rawLogs: log.raw };
}
