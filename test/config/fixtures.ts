import { expect } from 'vitest';

import { ConfigError, type ConfigIssue, parseConfig } from '../../src/config/index.js';

export const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/sdxl-jobs';
export const OTHER_QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/sdxl-retries';
export const ROLE_ARN = 'arn:aws:iam::210987654321:role/queue-reader';

/** Returns the smallest pool the schema accepts, with only the required fields. */
export function minimalPool(): Record<string, unknown> {
  return {
    name: 'sdxl',
    queues: [QUEUE_URL],
    target: { autoScalingGroup: 'sdxl-workers' },
    processingTime: { priorSeconds: 3 },
    sla: { seconds: 180 },
    limits: { max: 20 },
  };
}

/**
 * Returns a document with one minimal pool where the field at `path` (relative to the pool,
 * dots between keys) is set to `value`, or removed when `value` is undefined.
 */
export function documentWithPoolField(path: string, value: unknown): { pools: Record<string, unknown>[] } {
  const pool = minimalPool();
  const keys = path.split('.');
  const last = keys.pop() as string;

  let parent: Record<string, unknown> = pool;
  for (const key of keys) {
    const child = parent[key];
    parent[key] = typeof child === 'object' && child !== null ? { ...child } : {};
    parent = parent[key] as Record<string, unknown>;
  }
  if (value === undefined) {
    delete parent[last];
  } else {
    parent[last] = value;
  }
  return { pools: [pool] };
}

/** Parses a document that must be rejected and returns the issues of its `ConfigError`. */
export function rejectedIssues(raw: unknown, source = 'test.yaml'): readonly ConfigIssue[] {
  return rejected(raw, source).issues;
}

/** Parses a document that must be rejected and returns the `ConfigError`. */
export function rejected(raw: unknown, source = 'test.yaml'): ConfigError {
  try {
    parseConfig(raw, source);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected parseConfig to throw a ConfigError, but it returned a configuration');
}

/** Returns the only issue at `path`, failing the test when there is none or several. */
export function issueAt(issues: readonly ConfigIssue[], path: string): ConfigIssue {
  const matching = issues.filter((issue) => issue.path === path);
  expect(matching, `issues at ${path} among ${JSON.stringify(issues)}`).toHaveLength(1);
  return matching[0] as ConfigIssue;
}
