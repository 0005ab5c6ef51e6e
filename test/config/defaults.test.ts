import { describe, expect, it } from 'vitest';

import { DEFAULTS, defaultMaxStepDown, parseConfig } from '../../src/config/index.js';
import { DEFAULT_METRICS_NAMESPACE } from '../../src/telemetry/names.js';
import { documentWithPoolField, minimalPool, QUEUE_URL, ROLE_ARN } from './fixtures.js';

describe('defaults', () => {
  it('fills every optional field of a minimal pool', () => {
    const config = parseConfig({ pools: [minimalPool()] }, 'test.yaml');

    expect(config).toEqual({
      metricsNamespace: DEFAULT_METRICS_NAMESPACE,
      pools: [
        {
          name: 'sdxl',
          queues: [{ url: QUEUE_URL, region: 'us-east-1', accountId: '123456789012', queueName: 'sdxl-jobs' }],
          target: { kind: 'autoScalingGroup', name: 'sdxl-workers', region: 'us-east-1' },
          processingTime: { dimensions: {}, statistic: 'p50', priorSeconds: 3 },
          sla: { seconds: 180, percentile: 95 },
          worker: { concurrency: 1, warmupSeconds: 180, scaleInProtection: false },
          limits: { min: 0, max: 20, scaleInStabilizationSeconds: 300, maxStepUp: 20, maxStepDown: 5 },
          scaleToZero: { enabled: true, idleMinutes: 15 },
          policy: { name: 'sla', burstHeadroom: 0, backlogShare: 0.8 },
        },
      ],
    });
  });

  it('keeps every value that is given', () => {
    const pool = {
      name: 'flux',
      queues: [{ url: 'https://sqs.eu-west-1.amazonaws.com/123456789012/flux', roleArn: ROLE_ARN }],
      target: { ecsService: { cluster: 'gpu', service: 'flux' }, region: 'eu-central-1' },
      processingTime: { namespace: 'Inference', metricName: 'Seconds', dimensions: { Model: 'flux' }, statistic: 'Average', priorSeconds: 8 },
      sla: { seconds: 600, percentile: 99 },
      worker: { concurrency: 4, warmupSeconds: 420, scaleInProtection: true },
      limits: { min: 1, max: 8, scaleInStabilizationSeconds: 600, maxStepUp: 2, maxStepDown: 1 },
      scaleToZero: { enabled: false, idleMinutes: 60 },
      fallback: { workers: 2, afterFailedTicks: 5 },
    };

    const [resolved] = parseConfig({ metricsNamespace: 'Team/Scaler', pools: [pool] }, 'test.yaml').pools;

    expect(resolved?.queues[0]?.roleArn).toBe(ROLE_ARN);
    expect(resolved?.target).toEqual({ kind: 'ecsService', cluster: 'gpu', service: 'flux', region: 'eu-central-1' });
    expect(resolved?.processingTime).toEqual(pool.processingTime);
    expect(resolved?.sla).toEqual(pool.sla);
    expect(resolved?.worker).toEqual(pool.worker);
    expect(resolved?.limits).toEqual(pool.limits);
    expect(resolved?.scaleToZero).toEqual(pool.scaleToZero);
    expect(resolved?.fallback).toEqual(pool.fallback);
  });

  it('takes the target region from the first queue', () => {
    const queues = ['https://sqs.ap-south-1.amazonaws.com/123456789012/a', 'https://sqs.eu-west-1.amazonaws.com/123456789012/b'];

    const [pool] = parseConfig(documentWithPoolField('queues', queues), 'test.yaml').pools;

    expect(pool?.target.region).toBe('ap-south-1');
  });

  it('leaves roleArn out when not given', () => {
    const [pool] = parseConfig({ pools: [minimalPool()] }, 'test.yaml').pools;

    expect(pool?.queues[0]).not.toHaveProperty('roleArn');
  });

  it.each([
    [1, 1],
    [3, 1],
    [4, 1],
    [5, 2],
    [20, 5],
    [21, 6],
  ])('maxStepDown for max %i is %i', (max, expected) => {
    const [pool] = parseConfig(documentWithPoolField('limits', { max }), 'test.yaml').pools;

    expect(defaultMaxStepDown(max)).toBe(expected);
    expect(pool?.limits.maxStepDown).toBe(expected);
    expect(pool?.limits.maxStepUp).toBe(max);
  });

  it('copies the dimensions default', () => {
    const [first, second] = parseConfig({ pools: [minimalPool(), { ...minimalPool(), name: 'b' }] }, 'test.yaml').pools;

    expect(first?.processingTime.dimensions).not.toBe(second?.processingTime.dimensions);
    expect(DEFAULTS.processingTime.dimensions).toEqual({});
  });
});
