import { ScalerError } from '../errors.js';

/** One rejected field of the pool configuration. */
export interface ConfigIssue {
  /** Pool name, or `pools[INDEX]` when the pool has no valid, unique name. Absent for fields outside `pools`. */
  pool?: string;
  /** Field path, relative to the pool when `pool` is set: `limits.min`, `queues[1].url`. */
  path: string;
  /** Rejected value as read from the document, or `undefined` when the field is missing. */
  value: unknown;
  /** Description of the allowed values, such as `must be <= limits.max (3)`. */
  message: string;
}

/**
 * Configuration that cannot be read, parsed or validated. `issues` lists every rejected
 * field after validation, and is empty when the document itself could not be read or parsed.
 */
export class ConfigError extends ScalerError {
  /** Origin of the configuration: a file path or an environment variable name. */
  readonly source: string;
  readonly issues: readonly ConfigIssue[];

  constructor(source: string, summary: string, issues: readonly ConfigIssue[] = [], options?: { cause?: unknown }) {
    super([summary, ...issues.map((issue) => `  - ${formatIssue(issue)}`)].join('\n'), options);
    this.source = source;
    this.issues = issues;
  }
}

const POOL_INDEX_LABEL = /^pools\[\d+\]$/;

/** Formats an issue as one line: `pool "sdxl": limits.min = 5 is invalid: must be <= limits.max (3)`. */
export function formatIssue(issue: ConfigIssue): string {
  let subject: string;
  if (issue.pool === undefined) {
    subject = issue.path === '' ? 'configuration' : issue.path;
  } else {
    subject = issue.path === '' ? formatPool(issue.pool) : `${formatPool(issue.pool)}: ${issue.path}`;
  }

  if (issue.value === undefined) {
    return `${subject} is missing: ${issue.message}`;
  }
  return `${subject} = ${formatValue(issue.value)} is invalid: ${issue.message}`;
}

function formatPool(pool: string): string {
  // Pool names cannot contain brackets, so `pools[3]` is always an index label.
  return POOL_INDEX_LABEL.test(pool) ? pool : `pool "${pool}"`;
}

const MAX_VALUE_LENGTH = 80;

/** Formats a value as JSON, except numbers JSON cannot show (NaN, Infinity), cut to 80 characters. */
export function formatValue(value: unknown): string {
  const text = typeof value === 'number' || typeof value === 'bigint' ? String(value) : (JSON.stringify(value) ?? String(value));
  return text.length <= MAX_VALUE_LENGTH ? text : `${text.slice(0, MAX_VALUE_LENGTH - 3)}...`;
}
