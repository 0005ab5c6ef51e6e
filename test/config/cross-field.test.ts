import { describe, expect, it } from 'vitest';

import { parseConfig } from '../../src/config/index.js';
import { documentWithPoolField, issueAt, minimalPool, OTHER_QUEUE_URL, QUEUE_URL, rejected, rejectedIssues } from './fixtures.js';

describe('limits.min <= limits.max', () => {
  it('rejects min above max', () => {
    const document = documentWithPoolField('limits', { min: 5, max: 3 });
    const error = rejected(document);
    const issue = issueAt(error.issues, 'limits.min');

    expect(issue).toEqual({ pool: 'sdxl', path: 'limits.min', value: 5, message: 'must be <= limits.max (3)' });
    expect(error.message).toContain('pool "sdxl": limits.min = 5 is invalid: must be <= limits.max (3)');
  });

  it('accepts min equal to max', () => {
    const config = parseConfig(documentWithPoolField('limits', { min: 3, max: 3 }), 'test.yaml');

    expect(config.pools[0]?.limits).toMatchObject({ min: 3, max: 3 });
  });

  it('accepts scaleToZero with min above zero', () => {
    const document = documentWithPoolField('limits', { min: 2, max: 3 });
    const pool = document.pools[0] as Record<string, unknown>;
    pool.scaleToZero = { enabled: true, idleMinutes: 5 };

    const config = parseConfig(document, 'test.yaml');

    expect(config.pools[0]?.scaleToZero.enabled).toBe(true);
    expect(config.pools[0]?.limits.min).toBe(2);
  });
});

describe('processingTime metric fields', () => {
  it.each([
    ['namespace only', { namespace: 'Inference', priorSeconds: 3 }, 'processingTime.metricName', 'processingTime.namespace is set'],
    ['metricName only', { metricName: 'ImageSeconds', priorSeconds: 3 }, 'processingTime.namespace', 'processingTime.metricName is set'],
  ])('rejects %s', (_case, block, missingPath, reason) => {
    const issue = issueAt(rejectedIssues(documentWithPoolField('processingTime', block)), missingPath);

    expect(issue.pool).toBe('sdxl');
    expect(issue.value).toBeUndefined();
    expect(issue.message).toContain(reason);
    expect(issue.message).toContain('set both or neither');
  });

  it.each([
    ['dimensions', { Model: 'sdxl' }],
    ['statistic', 'p90'],
  ])('rejects %s without a metric', (field, value) => {
    const document = documentWithPoolField('processingTime', { priorSeconds: 3, [field]: value });
    const issue = issueAt(rejectedIssues(document), `processingTime.${field}`);

    expect(issue.value).toEqual(value);
    expect(issue.message).toContain('no effect without namespace and metricName');
  });

  it('accepts priorSeconds alone', () => {
    const config = parseConfig(documentWithPoolField('processingTime', { priorSeconds: 3 }), 'test.yaml');

    expect(config.pools[0]?.processingTime).toEqual({ dimensions: {}, statistic: 'p50', priorSeconds: 3 });
  });

  it('rejects a missing processingTime block', () => {
    const issue = issueAt(rejectedIssues(documentWithPoolField('processingTime', undefined)), 'processingTime');

    expect(issue.value).toBeUndefined();
    expect(issue.message).toContain('priorSeconds');
  });
});

describe('queue uniqueness', () => {
  it.each([
    ['same URL twice', [QUEUE_URL, OTHER_QUEUE_URL, QUEUE_URL], 'queues[2]'],
    ['string and mapping', [QUEUE_URL, { url: QUEUE_URL, roleArn: 'arn:aws:iam::123456789012:role/r' }], 'queues[1].url'],
    ['legacy and current host', [QUEUE_URL, 'https://us-east-1.queue.amazonaws.com/123456789012/sdxl-jobs'], 'queues[1]'],
  ])('rejects %s', (_case, queues, path) => {
    const issue = issueAt(rejectedIssues(documentWithPoolField('queues', queues)), path);

    expect(issue.pool).toBe('sdxl');
    expect(issue.message).toBe('same queue as queues[0]');
  });

  it('accepts one queue in two pools', () => {
    const other = { ...minimalPool(), name: 'sdxl-batch' };

    const config = parseConfig({ pools: [minimalPool(), other] }, 'test.yaml');

    expect(config.pools.map((pool) => pool.queues[0]?.url)).toEqual([QUEUE_URL, QUEUE_URL]);
  });
});

describe('pool names', () => {
  it('rejects a repeated name', () => {
    const issues = rejectedIssues({ pools: [minimalPool(), minimalPool()] });
    const issue = issueAt(issues, 'name');

    expect(issue.pool).toBe('pools[1]');
    expect(issue.value).toBe('sdxl');
    expect(issue.message).toBe('must be unique (pools[0] has the same name)');
  });

  it('labels pools with a shared name by index', () => {
    const broken = { ...minimalPool(), limits: { max: 0 } };
    const issues = rejectedIssues({ pools: [minimalPool(), broken] });

    expect(issueAt(issues, 'limits.max').pool).toBe('pools[1]');
  });

  it('reports a repeated name beside other issues', () => {
    const broken = { ...minimalPool(), sla: { seconds: -1 } };
    const issues = rejectedIssues({ pools: [minimalPool(), broken] });

    expect(issues.map((issue) => issue.path)).toEqual(['sla.seconds', 'name']);
  });
});

describe('pools list', () => {
  it.each([
    ['empty', []],
    ['not a list', { sdxl: minimalPool() }],
  ])('rejects %s', (_case, pools) => {
    const issue = issueAt(rejectedIssues({ pools }), 'pools');

    expect(issue.pool).toBeUndefined();
    expect(issue.value).toEqual(pools);
    expect(issue.message).toBe('must be a list of at least one pool');
  });

  it('rejects a missing list', () => {
    const issue = issueAt(rejectedIssues({}), 'pools');

    expect(issue.value).toBeUndefined();
  });
});
