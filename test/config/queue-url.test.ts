import { describe, expect, it } from 'vitest';

import { parseQueueUrl } from '../../src/config/aws-names.js';
import { parseConfig } from '../../src/config/index.js';
import { documentWithPoolField, issueAt, rejectedIssues } from './fixtures.js';

describe('parseQueueUrl', () => {
  it.each([
    ['current host', 'https://sqs.us-east-1.amazonaws.com/123456789012/sdxl-jobs', 'us-east-1', 'sdxl-jobs'],
    ['China host', 'https://sqs.cn-north-1.amazonaws.com.cn/123456789012/sdxl-jobs', 'cn-north-1', 'sdxl-jobs'],
    ['legacy host', 'https://eu-west-1.queue.amazonaws.com/123456789012/sdxl_jobs', 'eu-west-1', 'sdxl_jobs'],
    ['GovCloud region', 'https://sqs.us-gov-west-1.amazonaws.com/123456789012/q', 'us-gov-west-1', 'q'],
    ['FIFO queue', 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs.fifo', 'us-east-1', 'jobs.fifo'],
    ['80-character name', `https://sqs.us-east-1.amazonaws.com/123456789012/${'q'.repeat(80)}`, 'us-east-1', 'q'.repeat(80)],
    ['80-character FIFO name', `https://sqs.us-east-1.amazonaws.com/123456789012/${'q'.repeat(75)}.fifo`, 'us-east-1', `${'q'.repeat(75)}.fifo`],
  ])('parses %s', (_case, url, region, queueName) => {
    expect(parseQueueUrl(url)).toEqual({ ok: true, region, accountId: '123456789012', queueName });
  });

  it.each([
    ['http scheme', 'http://sqs.us-east-1.amazonaws.com/123456789012/q', 'must have the form'],
    ['no queue name', 'https://sqs.us-east-1.amazonaws.com/123456789012', 'must have the form'],
    ['trailing slash', 'https://sqs.us-east-1.amazonaws.com/123456789012/q/', 'must have the form'],
    ['other host', 'https://queue.example.com/123456789012/q', 'not an SQS endpoint'],
    ['legacy China host', 'https://cn-north-1.queue.amazonaws.com.cn/123456789012/q', 'not an SQS endpoint'],
    ['bad region', 'https://sqs.useast1.amazonaws.com/123456789012/q', 'not a region code'],
    ['short account', 'https://sqs.us-east-1.amazonaws.com/12345678901/q', 'must be 12 digits'],
    ['letters in account', 'https://sqs.us-east-1.amazonaws.com/12345678901x/q', 'must be 12 digits'],
    ['81-character name', `https://sqs.us-east-1.amazonaws.com/123456789012/${'q'.repeat(81)}`, 'queue name'],
    ['81-character FIFO name', `https://sqs.us-east-1.amazonaws.com/123456789012/${'q'.repeat(76)}.fifo`, 'queue name'],
    ['dot in name', 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs.v2', 'queue name'],
    ['empty name', 'https://sqs.us-east-1.amazonaws.com/123456789012/', 'queue name'],
  ])('rejects %s', (_case, url, problem) => {
    const result = parseQueueUrl(url);

    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.problem).toContain(problem);
  });
});

describe('queue URL in a pool', () => {
  it('derives region, account and name', () => {
    const url = 'https://sqs.cn-northwest-1.amazonaws.com.cn/210987654321/render.fifo';

    const [pool] = parseConfig(documentWithPoolField('queues', [url]), 'test.yaml').pools;

    expect(pool?.queues).toEqual([{ url, region: 'cn-northwest-1', accountId: '210987654321', queueName: 'render.fifo' }]);
  });

  it('reports the problem with pool, path and value', () => {
    const url = 'https://sqs.us-east-1.amazonaws.com/1234/sdxl-jobs';

    const issue = issueAt(rejectedIssues(documentWithPoolField('queues', [url])), 'queues[0]');

    expect(issue).toEqual({ pool: 'sdxl', path: 'queues[0]', value: url, message: 'account ID "1234" must be 12 digits' });
  });
});
