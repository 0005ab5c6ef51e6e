import { describe, expect, it } from 'vitest';

import { ConfigError, formatIssue } from '../../src/config/index.js';
import { ScalerError } from '../../src/errors.js';
import { documentWithPoolField, issueAt, minimalPool, QUEUE_URL, rejected, rejectedIssues } from './fixtures.js';

describe('unknown keys', () => {
  it.each([
    ['top level', { pools: [minimalPool()], pool: [] }, undefined, 'pool', 'metricsNamespace, pools'],
    ['pool', { pools: [{ ...minimalPool(), minWorkers: 1 }] }, 'sdxl', 'minWorkers', 'name, queues, target'],
    ['limits', documentWithPoolField('limits.mx', 4), 'sdxl', 'limits.mx', 'min, max, scaleInStabilizationSeconds, maxStepUp, maxStepDown'],
    ['ecsService', documentWithPoolField('target', { ecsService: { cluster: 'c', service: 's', count: 1 } }), 'sdxl', 'target.ecsService.count', 'cluster, service'],
    ['queue mapping', documentWithPoolField('queues', [{ url: QUEUE_URL, role: 'r' }]), 'sdxl', 'queues[0].role', 'url, roleArn'],
    ['scaleToZero', documentWithPoolField('scaleToZero', { idle: 15 }), 'sdxl', 'scaleToZero.idle', 'enabled, idleMinutes'],
  ])('rejects at %s', (_level, document, pool, path, allowedKeys) => {
    const issue = issueAt(rejectedIssues(document), path);

    expect(issue.pool).toBe(pool);
    expect(issue.message).toContain('unknown key');
    expect(issue.message).toContain(`allowed keys: ${allowedKeys}`);
  });

  it('reports each unknown key', () => {
    const issues = rejectedIssues(documentWithPoolField('sla', { seconds: 180, p: 95, target: 1 }));

    expect(issues.map((issue) => issue.path)).toEqual(['sla.p', 'sla.target']);
    expect(issues.map((issue) => issue.value)).toEqual([95, 1]);
  });
});

describe('issue collection', () => {
  const document = {
    metricsNamespace: 'AWS/Scaler',
    pools: [
      { ...minimalPool(), limits: { min: 5, max: 3 }, sla: { seconds: 180, percentile: 100 } },
      { ...minimalPool(), name: 'flux', worker: { concurrency: 0 }, queues: ['https://example.com/123456789012/q'] },
      { ...minimalPool(), name: undefined },
    ],
  };

  it('lists every issue in document order', () => {
    const issues = rejectedIssues(document);

    expect(issues.map((issue) => [issue.pool, issue.path])).toEqual([
      [undefined, 'metricsNamespace'],
      ['sdxl', 'sla.percentile'],
      ['sdxl', 'limits.min'],
      ['flux', 'queues[0]'],
      ['flux', 'worker.concurrency'],
      ['pools[2]', 'name'],
    ]);
  });

  it('writes one line per issue', () => {
    const error = rejected(document, 'config/pools.yaml');
    const lines = error.message.split('\n');

    expect(lines[0]).toBe('invalid configuration in config/pools.yaml (6 issues):');
    expect(lines).toHaveLength(7);
    expect(lines).toContain('  - pool "sdxl": limits.min = 5 is invalid: must be <= limits.max (3)');
    expect(lines).toContain('  - pool "sdxl": sla.percentile = 100 is invalid: must be a number between 0 and 100, both excluded');
    expect(lines).toContain('  - pools[2]: name is missing: must be 1 to 64 letters, digits, "_", "." or "-"');
  });

  it('names the host problem of a queue URL', () => {
    const issue = issueAt(rejectedIssues(document), 'queues[0]');

    expect(issue.pool).toBe('flux');
    expect(issue.value).toBe('https://example.com/123456789012/q');
    expect(issue.message).toContain('is not an SQS endpoint');
  });
});

describe('ConfigError', () => {
  it('is a ScalerError with source and issues', () => {
    const error = rejected(documentWithPoolField('limits.max', 0), 'AUTOSCALER_CONFIG');

    expect(error).toBeInstanceOf(ScalerError);
    expect(error.name).toBe('ConfigError');
    expect(error.source).toBe('AUTOSCALER_CONFIG');
    expect(error.issues).toHaveLength(1);
  });

  it('lists issues passed to it', () => {
    const error = new ConfigError('x.yaml', 'summary', [{ path: 'pools', value: 3, message: 'must be a list' }]);

    expect(error.message).toBe('summary\n  - pools = 3 is invalid: must be a list');
  });

  it('labels a pool that is not a mapping by index', () => {
    const issue = issueAt(rejectedIssues({ pools: [minimalPool(), 'flux'] }), '');

    expect(formatIssue(issue)).toBe(
      'pools[1] = "flux" is invalid: must be a mapping with the keys name, queues, target, processingTime, sla, worker, limits, scaleToZero, fallback, policy',
    );
  });

  it('reports a document that is not a mapping', () => {
    const error = rejected(null);

    expect(error.message).toContain('configuration = null is invalid: must be a mapping with the keys metricsNamespace, pools');
  });
});

describe('formatIssue', () => {
  it.each([
    [{ pool: 'sdxl', path: 'sla.seconds', value: undefined, message: 'm' }, 'pool "sdxl": sla.seconds is missing: m'],
    [{ pool: 'pools[3]', path: 'name', value: 'a b', message: 'm' }, 'pools[3]: name = "a b" is invalid: m'],
    [{ path: 'metricsNamespace', value: Number.NaN, message: 'm' }, 'metricsNamespace = NaN is invalid: m'],
    [{ pool: 'sdxl', path: 'processingTime.dimensions["Model Name"]', value: 7, message: 'm' }, 'pool "sdxl": processingTime.dimensions["Model Name"] = 7 is invalid: m'],
    [{ path: 'pools', value: 'x'.repeat(100), message: 'm' }, `pools = "${'x'.repeat(76)}... is invalid: m`],
  ])('formats %j', (issue, line) => {
    expect(formatIssue(issue)).toBe(line);
  });

  it('quotes keys that are not plain names', () => {
    const document = documentWithPoolField('processingTime', { namespace: 'N', metricName: 'M', dimensions: { '': 'x' }, priorSeconds: 3 });
    const issue = issueAt(rejectedIssues(document), 'processingTime.dimensions[""]');

    expect(issue.value).toBe('');
    expect(issue.message).toContain('dimension name');
  });
});
