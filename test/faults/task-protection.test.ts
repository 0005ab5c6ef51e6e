import { describe, expect, it } from 'vitest';

import type { PoolConfig } from '../../src/config/types.js';
import { PoolsFailedError } from '../../src/handler.js';
import { poolConfig, queueConfig, scalerConfig, serviceTarget } from '../observe/fixtures.js';
import { sdkError } from './catalogue.js';
import { FaultyCloud } from './cloud.js';
import { FIRST_TICK_MS, matrixRun } from './scenario.js';

const JOBS = queueConfig('upscale-jobs');

function ecsPool(scaleInProtection: boolean): PoolConfig {
  return poolConfig('upscale', {
    queues: [JOBS],
    target: serviceTarget('gpu', 'upscale'),
    processingTime: { dimensions: {}, statistic: 'Average', priorSeconds: 4 },
    sla: { seconds: 60, percentile: 95 },
    worker: { concurrency: 1, warmupSeconds: 0, scaleInProtection },
    limits: { min: 0, max: 50, scaleInStabilizationSeconds: 60, maxStepUp: 30, maxStepDown: 5 },
  });
}

/** 20 running tasks, 6 images in flight, nothing waiting: the pool wants to scale in. */
function busyCloud(protectedTasks: number, visible = 0): FaultyCloud {
  const cloud = new FaultyCloud();
  cloud.nowMs = FIRST_TICK_MS;
  cloud.queues.set(JOBS.url, { visible, inFlight: 6, delayed: 0 });
  cloud.services.set('gpu/upscale', { desired: 20, running: 20, protectedTasks });
  cloud.putMetric({ namespace: 'AWS/SQS', metricName: 'NumberOfMessagesSent', dimensions: { QueueName: JOBS.queueName } }, 'Sum', 20, 0);
  return cloud;
}

const protectionCalls = (cloud: FaultyCloud) => cloud.calls.filter((call) => call.command === 'ListTasksCommand' || call.command === 'GetTaskProtectionCommand');

describe('ECS task scale-in protection', () => {
  it('busy tasks protected: scale-in proceeds', async () => {
    const cloud = busyCloud(6);

    const tick = await matrixRun(cloud, scalerConfig([ecsPool(true)])).invoke(FIRST_TICK_MS);
    const decision = tick.result?.pools[0]?.decision;

    expect(tick.error).toBeUndefined();
    expect(decision?.inputs.protectedFromScaleIn).toBe(6);
    expect(tick.writes).toEqual([{ command: 'UpdateServiceCommand', resource: 'gpu/upscale', desired: 15 }]);
    expect(protectionCalls(cloud).map((call) => call.command)).toEqual(['ListTasksCommand', 'GetTaskProtectionCommand']);
  });

  it('busy tasks unprotected: held', async () => {
    const cloud = busyCloud(0);

    const tick = await matrixRun(cloud, scalerConfig([ecsPool(true)])).invoke(FIRST_TICK_MS);

    expect(tick.error).toBeUndefined();
    expect(tick.writes).toEqual([]);
    expect(tick.result?.pools[0]?.decision?.reasons.map((reason) => reason.code)).toContain('UnprotectedBusyWorkers');
  });

  it('protection unreadable: nothing written, pool failed', async () => {
    const cloud = busyCloud(6);
    cloud.inject({
      command: 'GetTaskProtectionCommand',
      matches: () => true,
      error: () => sdkError('AccessDeniedException', 'not authorized to perform ecs:GetTaskProtection', 400),
      attempts: Number.POSITIVE_INFINITY,
    });

    const tick = await matrixRun(cloud, scalerConfig([ecsPool(true)])).invoke(FIRST_TICK_MS);

    expect(tick.error).toBeInstanceOf(PoolsFailedError);
    expect(tick.result?.pools[0]?.error).toMatchObject({ stage: 'observe', code: 'AccessDeniedException' });
    expect(tick.writes).toEqual([]);
    expect(cloud.services.get('gpu/upscale')?.desired).toBe(20);
  });

  it.each([
    { name: 'scale-out', protection: true, visible: 2_000 },
    { name: 'protection not configured', protection: false, visible: 0 },
  ])('$name: protection not read', async ({ protection, visible }) => {
    const cloud = busyCloud(6, visible);

    await matrixRun(cloud, scalerConfig([ecsPool(protection)])).invoke(FIRST_TICK_MS);

    expect(protectionCalls(cloud)).toEqual([]);
  });
});
