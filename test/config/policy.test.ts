import { describe, expect, it } from 'vitest';

import { parseConfig } from '../../src/config/index.js';
import { documentWithPoolField, issueAt, rejectedIssues } from './fixtures.js';

function resolvedPolicy(policy: unknown) {
  return parseConfig(documentWithPoolField('policy', policy), 'test.yaml').pools[0]?.policy;
}

describe('policy config', () => {
  it('defaults to the sla formula', () => {
    expect(parseConfig(documentWithPoolField('policy', undefined), 'test.yaml').pools[0]?.policy).toEqual({ name: 'sla', burstHeadroom: 0, backlogShare: 0.8 });
  });

  it('keeps the sla burst headroom', () => {
    expect(resolvedPolicy({ name: 'sla', burstHeadroom: 1.5 })).toEqual({ name: 'sla', burstHeadroom: 1.5, backlogShare: 0.8 });
  });

  it('tunes backlogPerInstance to the sla by default', () => {
    expect(resolvedPolicy({ name: 'backlogPerInstance' })).toEqual({
      name: 'backlogPerInstance',
      acceptableLatencySeconds: 180,
      processingSeconds: 3,
      scaleOutDatapoints: 3,
      scaleInDatapoints: 15,
      scaleInRatio: 0.9,
    });
  });

  it('tunes queueLength to sla seconds over prior', () => {
    expect(resolvedPolicy({ name: 'queueLength', cooldownSeconds: 600 })).toEqual({
      name: 'queueLength',
      queueLength: 60,
      activationQueueLength: 0,
      scaleOnInFlight: true,
      scaleOnDelayed: false,
      tolerance: 0.1,
      scaleDownStabilizationSeconds: 300,
      cooldownSeconds: 600,
    });
  });

  it('keeps static workers', () => {
    expect(resolvedPolicy({ name: 'static', workers: 7 })).toEqual({ name: 'static', workers: 7 });
  });

  it.each([
    { name: 'unknown name', policy: { name: 'keda' }, path: 'policy.name', message: 'must be one of sla, backlogPerInstance, queueLength, static' },
    { name: 'unknown key', policy: { name: 'sla', target: 3 }, path: 'policy.target', message: 'unknown key' },
    { name: 'key of another policy', policy: { name: 'backlogPerInstance', queueLength: 5 }, path: 'policy.queueLength', message: 'is not a parameter of policy backlogPerInstance' },
    { name: 'parameter sla lacks', policy: { name: 'sla', workers: 2 }, path: 'policy.workers', message: 'its parameters are burstHeadroom, backlogShare' },
    { name: 'negative headroom', policy: { name: 'sla', burstHeadroom: -1 }, path: 'policy.burstHeadroom', message: 'from 0 to 10' },
    { name: 'static without workers', policy: { name: 'static' }, path: 'policy.workers', message: 'required by policy static' },
    { name: 'static above max', policy: { name: 'static', workers: 21 }, path: 'policy.workers', message: 'must lie within limits.min (0) and limits.max (20)' },
    { name: 'ratio of 1', policy: { name: 'backlogPerInstance', scaleInRatio: 1 }, path: 'policy.scaleInRatio', message: 'between 0 and 1' },
    { name: 'zero queueLength', policy: { name: 'queueLength', queueLength: 0 }, path: 'policy.queueLength', message: 'integer >= 1' },
    { name: 'text boolean', policy: { name: 'queueLength', scaleOnInFlight: 'yes' }, path: 'policy.scaleOnInFlight', message: 'must be true or false' },
  ])('rejects $name', ({ policy, path, message }) => {
    const issue = issueAt(rejectedIssues(documentWithPoolField('policy', policy)), path);
    expect(issue.pool).toContain('sdxl');
    expect(issue.message).toContain(message);
  });

  it('names the rejected value', () => {
    const issue = issueAt(rejectedIssues(documentWithPoolField('policy', { name: 'keda' })), 'policy.name');
    expect(issue.value).toBe('keda');
  });
});
