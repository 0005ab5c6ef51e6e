import { describe, expect, it } from 'vitest';

import { parseConfig } from '../../src/config/index.js';
import { documentWithPoolField, issueAt, OTHER_QUEUE_URL, QUEUE_URL, rejectedIssues, ROLE_ARN } from './fixtures.js';

const FIFO_QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/sdxl-jobs.fifo';
const ECS_CLUSTER_ARN = 'arn:aws:ecs:us-east-1:123456789012:cluster/gpu';
const ECS_SERVICE_ARN = 'arn:aws:ecs:us-east-1:123456789012:service/gpu/sdxl';

function queueUrls(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `https://sqs.us-east-1.amazonaws.com/123456789012/q${index}`);
}

function dimensionMap(count: number): Record<string, string> {
  return Object.fromEntries(Array.from({ length: count }, (_, index) => [`D${index}`, 'x']));
}

/** Values each field accepts, with the metric set where a processingTime field needs it. */
const VALID: [path: string, value: unknown][] = [
  ['name', 'a'],
  ['name', 'Sdxl_v1.0-eu'],
  ['name', 'x'.repeat(64)],
  ['queues', queueUrls(10)],
  ['queues', [{ url: QUEUE_URL, roleArn: ROLE_ARN }]],
  ['queues', [{ url: QUEUE_URL }, OTHER_QUEUE_URL]],
  ['queues', [{ url: QUEUE_URL, roleArn: 'arn:aws-cn:iam::123456789012:role/team/ops/reader' }]],
  ['target', { ecsService: { cluster: 'gpu', service: 'sdxl' } }],
  ['target', { ecsService: { cluster: ECS_CLUSTER_ARN, service: ECS_SERVICE_ARN } }],
  ['target', { autoScalingGroup: 'sdxl workers (prod)', region: 'us-west-2' }],
  ['target', { autoScalingGroup: 'sdxl', region: 'us-gov-west-1' }],
  ['processingTime', { namespace: 'Inference', metricName: 'ImageSeconds', priorSeconds: 3 }],
  ['processingTime', { namespace: 'AWS/SageMaker', metricName: 'ModelLatency', priorSeconds: 0.2 }],
  ['processingTime', { namespace: 'N', metricName: 'M', dimensions: dimensionMap(30), priorSeconds: 3 }],
  ['processingTime', { namespace: 'N', metricName: 'M', statistic: 'Average', priorSeconds: 3 }],
  ['processingTime', { namespace: 'N', metricName: 'M', statistic: 'SampleCount', priorSeconds: 3 }],
  ['processingTime', { namespace: 'N', metricName: 'M', statistic: 'p99.9', priorSeconds: 3 }],
  ['processingTime', { namespace: 'N', metricName: 'M', statistic: 'p0.5', priorSeconds: 3 }],
  ['processingTime', { namespace: 'N', metricName: 'M', statistic: 'p99.99', priorSeconds: 3 }],
  ['sla.seconds', 0.5],
  ['sla.percentile', 99.9],
  ['sla.percentile', 0.1],
  ['worker.concurrency', 4],
  ['worker.warmupSeconds', 0],
  ['worker.warmupSeconds', 420.5],
  ['limits.min', 20],
  ['limits.max', 1],
  ['limits.scaleInStabilizationSeconds', 0],
  ['limits.scaleInStabilizationSeconds', 90],
  ['limits.scaleInStabilizationSeconds', 3600],
  ['limits.maxStepUp', 1],
  ['limits.maxStepDown', 100],
  ['scaleToZero.enabled', false],
  ['scaleToZero.idleMinutes', 1],
  ['scaleToZero.idleMinutes', 1440],
  ['queues', [{ url: FIFO_QUEUE_URL, messageGroups: 3 }]],
  ['queues', [{ url: QUEUE_URL, sla: { seconds: 60 } }]],
  ['queues', [{ url: QUEUE_URL, roleArn: ROLE_ARN, sla: { seconds: 0.5, percentile: 99.9 } }]],
  ['worker.scaleInProtection', true],
  ['worker.scaleInProtection', false],
  ['fallback', { workers: 0 }],
  ['fallback', { workers: 20, afterFailedTicks: 1 }],
];

/** Rejected values: the issue appears at `path` itself, and its message contains `allowed`. */
const INVALID: [path: string, value: unknown, allowed: string][] = [
  ['name', '', '1 to 64 letters'],
  ['name', 'x'.repeat(65), '1 to 64 letters'],
  ['name', 'sdxl xl', '1 to 64 letters'],
  ['name', 'sdxl/v1', '1 to 64 letters'],
  ['name', 7, '1 to 64 letters'],
  ['queues', [], 'list of 1 to 10 queues'],
  ['queues', queueUrls(11), 'list of 1 to 10 queues'],
  ['queues', QUEUE_URL, 'list of 1 to 10 queues'],
  ['queues[0]', 42, 'queue URL such as https://sqs.us-east-1.amazonaws.com/'],
  ['queues[0].url', 42, 'SQS queue URL such as'],
  ['queues[0].roleArn', 'queue-reader', 'IAM role ARN'],
  ['queues[0].roleArn', 'arn:aws:iam::12345:role/reader', 'IAM role ARN'],
  ['queues[0].roleArn', 'arn:aws:iam::123456789012:user/reader', 'IAM role ARN'],
  ['target', {}, 'must set autoScalingGroup'],
  ['target', { autoScalingGroup: 'a', ecsService: { cluster: 'c', service: 's' } }, 'only one of autoScalingGroup and ecsService'],
  ['target', 'sdxl-workers', 'mapping with the keys autoScalingGroup, ecsService, region'],
  ['target.autoScalingGroup', '', '1 to 255 characters'],
  ['target.region', 'US-EAST-1', 'region code such as us-east-1'],
  ['target.region', 'useast1', 'region code such as us-east-1'],
  ['target.ecsService.cluster', 'gpu cluster', 'ECS cluster name'],
  ['target.ecsService.service', '', 'ECS service name'],
  ['processingTime.priorSeconds', 0, 'number > 0'],
  ['processingTime.priorSeconds', -1, 'number > 0'],
  ['processingTime.priorSeconds', Number.NaN, 'number > 0'],
  ['processingTime.priorSeconds', Number.POSITIVE_INFINITY, 'number > 0'],
  ['processingTime.priorSeconds', '3', 'number > 0'],
  ['processingTime.namespace', '', 'CloudWatch namespace'],
  ['processingTime.namespace', ':Inference', 'not starting with ":"'],
  ['processingTime.metricName', 'Sekunden\u00e4', 'ASCII'],
  ['processingTime.statistic', 'p0', 'with 0 < NN < 100'],
  ['processingTime.statistic', 'p100', 'with 0 < NN < 100'],
  ['processingTime.statistic', 'P50', 'with 0 < NN < 100'],
  ['processingTime.statistic', 'avg', 'Average, Minimum, Maximum, Sum, SampleCount'],
  ['processingTime.statistic', 'p50.123', 'with 0 < NN < 100'],
  ['processingTime.dimensions', dimensionMap(31), 'at most 30 dimensions'],
  ['processingTime.dimensions', ['Model'], 'mapping of dimension names to values'],
  ['processingTime.dimensions.Model', 1, 'quote numbers in YAML'],
  ['sla', undefined, 'mapping with the keys seconds, percentile'],
  ['sla.seconds', 0, 'number > 0'],
  ['sla.seconds', -180, 'number > 0'],
  ['sla.seconds', undefined, 'number > 0'],
  ['sla.percentile', 0, 'between 0 and 100, both excluded'],
  ['sla.percentile', 100, 'between 0 and 100, both excluded'],
  ['sla.percentile', '95', 'between 0 and 100, both excluded'],
  ['worker.concurrency', 0, 'integer >= 1'],
  ['worker.concurrency', 1.5, 'integer >= 1'],
  ['worker.warmupSeconds', -1, 'number >= 0'],
  ['limits.min', -1, 'integer >= 0'],
  ['limits.min', 1.5, 'integer >= 0'],
  ['limits.max', 0, 'integer >= 1'],
  ['limits.max', 2.5, 'integer >= 1'],
  ['limits.max', undefined, 'integer >= 1'],
  ['limits.scaleInStabilizationSeconds', 3601, 'integer from 0 to 3600'],
  ['limits.scaleInStabilizationSeconds', -60, 'integer from 0 to 3600'],
  ['limits.maxStepUp', 0, 'integer >= 1'],
  ['limits.maxStepDown', 0, 'integer >= 1'],
  ['scaleToZero.enabled', 'yes', 'true or false'],
  ['scaleToZero.idleMinutes', 0, 'integer from 1 to 1440'],
  ['scaleToZero.idleMinutes', 1441, 'integer from 1 to 1440'],
  ['scaleToZero.idleMinutes', 2.5, 'integer from 1 to 1440'],
  ['queues[0].messageGroups', 3, 'applies only to FIFO queues'],
  ['queues[0].messageGroups', 0, 'integer >= 1'],
  ['queues[0].messageGroups', 2.5, 'integer >= 1'],
  ['queues[0].sla', 60, 'mapping with the keys seconds, percentile'],
  ['worker.scaleInProtection', 'yes', 'true or false'],
  ['fallback', 2, 'mapping with the keys workers, afterFailedTicks'],
  ['fallback.workers', -1, 'integer >= 0'],
  ['fallback.workers', 1.5, 'integer >= 0'],
  ['fallback.workers', 21, 'must be <= limits.max (20)'],
  ['fallback.afterFailedTicks', 0, 'integer >= 1'],
];

/** Fields under processingTime need the metric set, or the rule "has no effect without" would fire too. */
function documentFor(path: string, value: unknown) {
  if (path.startsWith('processingTime.') && !path.endsWith('priorSeconds')) {
    const document = documentWithPoolField('processingTime', { namespace: 'N', metricName: 'M', priorSeconds: 3 });
    const pool = document.pools[0] as Record<string, unknown>;
    const [, field, key] = path.split('.');
    const block = pool.processingTime as Record<string, unknown>;
    block[field as string] = key === undefined ? value : { [key]: value };
    return document;
  }
  if (path.startsWith('queues[0]')) {
    const field = path.split('.')[1];
    const entry = field === undefined ? value : { url: QUEUE_URL, [field]: value };
    return documentWithPoolField('queues', [entry]);
  }
  return documentWithPoolField(path, value);
}

describe('field rules', () => {
  it.each(VALID)('accepts %s = %j', (path, value) => {
    const config = parseConfig(documentFor(path, value), 'test.yaml');

    expect(config.pools).toHaveLength(1);
  });

  it.each(INVALID)('rejects %s = %j', (path, value, allowed) => {
    const issue = issueAt(rejectedIssues(documentFor(path, value)), path);

    // An invalid name cannot label the pool, so the issue names it by its index.
    expect(issue.pool).toBe(path === 'name' ? 'pools[0]' : 'sdxl');
    if (path.endsWith('dimensions.Model')) {
      expect(issue.value).toBe(1);
    } else {
      expect(issue.value).toEqual(value);
    }
    expect(issue.message).toContain(allowed);
  });
});

describe('metricsNamespace rule', () => {
  it.each(['GpuWorkerAutoscaler', 'Team/Scaler', 'a:b'])('accepts %j', (metricsNamespace) => {
    const document = { ...documentWithPoolField('name', 'sdxl'), metricsNamespace };

    expect(parseConfig(document, 'test.yaml').metricsNamespace).toBe(metricsNamespace);
  });

  it.each(['', 'AWS/Scaler', ':Scaler', '   ', 12])('rejects %j', (metricsNamespace) => {
    const document = { ...documentWithPoolField('name', 'sdxl'), metricsNamespace };
    const issue = issueAt(rejectedIssues(document), 'metricsNamespace');

    expect(issue.pool).toBeUndefined();
    expect(issue.value).toBe(metricsNamespace);
    expect(issue.message).toContain('not starting with ":" or "AWS/"');
  });
});
