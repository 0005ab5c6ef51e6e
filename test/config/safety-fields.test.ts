import { describe, expect, it } from 'vitest';

import { parseConfig } from '../../src/config/index.js';
import { documentWithPoolField, issueAt, minimalPool, QUEUE_URL, rejectedIssues } from './fixtures.js';

const FIFO_QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/sdxl-jobs.fifo';

function resolvedPool(document: { pools: Record<string, unknown>[] }) {
  const [pool] = parseConfig(document, 'test.yaml').pools;
  if (pool === undefined) throw new Error('expected one pool');
  return pool;
}

describe('queue sla', () => {
  it('takes the pool percentile when left out', () => {
    const document = documentWithPoolField('queues', [{ url: QUEUE_URL, sla: { seconds: 60 } }]);
    (document.pools[0] as Record<string, unknown>).sla = { seconds: 1800, percentile: 99 };

    expect(resolvedPool(document).queues[0]?.sla).toEqual({ seconds: 60, percentile: 99 });
  });

  it('keeps its own percentile', () => {
    const document = documentWithPoolField('queues', [{ url: QUEUE_URL, sla: { seconds: 60, percentile: 90 } }]);

    expect(resolvedPool(document).queues[0]?.sla).toEqual({ seconds: 60, percentile: 90 });
  });

  it('absent when not given', () => {
    expect(resolvedPool({ pools: [minimalPool()] }).queues[0]).not.toHaveProperty('sla');
  });

  it.each([
    { name: 'zero seconds', sla: { seconds: 0 }, path: 'queues[0].sla.seconds', allowed: 'number > 0' },
    { name: 'percentile 100', sla: { seconds: 60, percentile: 100 }, path: 'queues[0].sla.percentile', allowed: 'between 0 and 100' },
    { name: 'unknown key', sla: { seconds: 60, p: 95 }, path: 'queues[0].sla.p', allowed: 'allowed keys: seconds, percentile' },
  ])('rejects $name', ({ sla, path, allowed }) => {
    const issue = issueAt(rejectedIssues(documentWithPoolField('queues', [{ url: QUEUE_URL, sla }])), path);

    expect(issue.pool).toBe('sdxl');
    expect(issue.message).toContain(allowed);
  });
});

describe('queue messageGroups', () => {
  it('resolves on a FIFO queue', () => {
    const pool = resolvedPool(documentWithPoolField('queues', [{ url: FIFO_QUEUE_URL, messageGroups: 3 }]));

    expect(pool.queues[0]).toMatchObject({ queueName: 'sdxl-jobs.fifo', messageGroups: 3 });
  });

  it('absent on a FIFO queue without it', () => {
    expect(resolvedPool(documentWithPoolField('queues', [FIFO_QUEUE_URL])).queues[0]).not.toHaveProperty('messageGroups');
  });

  it('names the rule on a standard queue', () => {
    const issue = issueAt(rejectedIssues(documentWithPoolField('queues', [{ url: QUEUE_URL, messageGroups: 3 }])), 'queues[0].messageGroups');

    expect(issue.value).toBe(3);
    expect(issue.message).toBe('applies only to FIFO queues, whose name ends in ".fifo" (remove it for a standard queue)');
  });

  it('unknown queue key lists the new keys', () => {
    const issue = issueAt(rejectedIssues(documentWithPoolField('queues', [{ url: QUEUE_URL, groups: 3 }])), 'queues[0].groups');

    expect(issue.message).toContain('allowed keys: url, roleArn, sla, messageGroups');
  });
});

describe('fallback', () => {
  it('defaults afterFailedTicks to 3', () => {
    expect(resolvedPool(documentWithPoolField('fallback', { workers: 2 })).fallback).toEqual({ workers: 2, afterFailedTicks: 3 });
  });

  it('absent when not given', () => {
    expect(resolvedPool({ pools: [minimalPool()] })).not.toHaveProperty('fallback');
  });

  it('accepts workers equal to max', () => {
    expect(resolvedPool(documentWithPoolField('fallback', { workers: 20 })).fallback?.workers).toBe(20);
  });

  it('rejects workers above max', () => {
    const issue = issueAt(rejectedIssues(documentWithPoolField('fallback', { workers: 21 })), 'fallback.workers');

    expect(issue).toEqual({ pool: 'sdxl', path: 'fallback.workers', value: 21, message: 'must be <= limits.max (20)' });
  });
});

describe('worker.scaleInProtection', () => {
  it.each([
    { name: 'default', worker: undefined, expected: false },
    { name: 'true', worker: { scaleInProtection: true }, expected: true },
  ])('$name', ({ worker, expected }) => {
    expect(resolvedPool(documentWithPoolField('worker', worker)).worker.scaleInProtection).toBe(expected);
  });
});
