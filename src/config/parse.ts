import * as z from 'zod/mini';

import { resolveConfig } from './defaults.js';
import { ConfigError, type ConfigIssue } from './errors.js';
import { configSchema, POOL_NAME_PATTERN } from './schema.js';
import type { ScalerConfig } from './types.js';

type PathSegment = PropertyKey;

/** An issue with the index of its pool, so issues can be listed in document order. */
interface PlacedIssue {
  poolIndex: number;
  issue: ConfigIssue;
}

/**
 * Validates a parsed configuration document, applies the defaults and returns the resolved
 * configuration. Throws a `ConfigError` that lists every issue found, with `source` (a file
 * path or a variable name) in its message.
 */
export function parseConfig(raw: unknown, source: string): ScalerConfig {
  const result = z.safeParse(configSchema, raw);
  const labels = poolLabels(raw);

  const placed = [
    ...(result.success ? [] : result.error.issues.flatMap((issue) => placeIssues(issue, [], raw, labels))),
    ...duplicateNameIssues(raw),
  ];
  if (!result.success || placed.length > 0) {
    const issues = withoutRepeats(placed)
      .sort((a, b) => a.poolIndex - b.poolIndex)
      .map(({ issue }) => issue);
    const count = issues.length === 1 ? '1 issue' : `${issues.length} issues`;
    throw new ConfigError(source, `invalid configuration in ${source} (${count}):`, issues);
  }

  return resolveConfig(result.data);
}

/**
 * Drops issues that repeat an earlier one. Zod runs the length checks of an array schema even
 * on a string that failed the type check, so `queues: "https://..."` fails twice with one message.
 */
function withoutRepeats(placed: PlacedIssue[]): PlacedIssue[] {
  const seen = new Set<string>();
  return placed.filter(({ issue }) => {
    const key = JSON.stringify([issue.pool, issue.path, issue.message]);
    const repeated = seen.has(key);
    seen.add(key);
    return !repeated;
  });
}

/** Turns one schema issue into configuration issues: unknown keys and union branches fan out. */
function placeIssues(issue: z.core.$ZodIssue, prefix: PathSegment[], raw: unknown, labels: string[]): PlacedIssue[] {
  const path = [...prefix, ...issue.path];

  if (issue.code === 'invalid_union') {
    // Report the branch that accepted the value's type: for a queue given as a string, the
    // URL problems, not "expected an object".
    const branch = issue.errors.find((issues) => !issues.some((inner) => inner.code === 'invalid_type' && inner.path.length === 0));
    if (branch !== undefined) {
      return branch.flatMap((inner) => placeIssues(inner, path, raw, labels));
    }
  }
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => place([...path, key], valueAt(raw, [...path, key]), issue.message, labels));
  }
  if (issue.code === 'invalid_key') {
    // The key itself is wrong, so show the key, with the message of the key schema.
    const key = path[path.length - 1];
    return [place(path, key, issue.issues[0]?.message ?? issue.message, labels)];
  }
  return [place(path, valueAt(raw, path), issue.message, labels)];
}

function place(path: PathSegment[], value: unknown, message: string, labels: string[]): PlacedIssue {
  const [first, index, ...rest] = path;
  if (first === 'pools' && typeof index === 'number') {
    return { poolIndex: index, issue: { pool: labels[index] ?? `pools[${index}]`, path: formatPath(rest), value, message } };
  }
  return { poolIndex: -1, issue: { path: formatPath(path), value, message } };
}

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/** Formats a path as written in the document: `queues[1].url`, `dimensions["Model Name"]`. */
function formatPath(path: PathSegment[]): string {
  return path
    .map((segment, position) => {
      if (typeof segment === 'number') {
        return `[${segment}]`;
      }
      const key = String(segment);
      if (!PLAIN_KEY.test(key)) {
        return `[${JSON.stringify(key)}]`;
      }
      return position === 0 ? key : `.${key}`;
    })
    .join('');
}

/** Returns the value at `path` in the raw document, or undefined where the path leaves it. */
function valueAt(raw: unknown, path: PathSegment[]): unknown {
  let current = raw;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null || typeof segment === 'symbol') {
      return undefined;
    }
    current = Object.hasOwn(current, segment) ? (current as Record<string | number, unknown>)[segment] : undefined;
  }
  return current;
}

function rawPools(raw: unknown): unknown[] {
  const pools = valueAt(raw, ['pools']);
  return Array.isArray(pools) ? pools : [];
}

function validName(pool: unknown): string | undefined {
  const name = valueAt(pool, ['name']);
  return typeof name === 'string' && POOL_NAME_PATTERN.test(name) ? name : undefined;
}

/** Labels each pool by its name, or by `pools[INDEX]` when the name is missing, invalid or shared. */
function poolLabels(raw: unknown): string[] {
  const names = rawPools(raw).map(validName);
  return names.map((name, index) => {
    const unique = name !== undefined && names.indexOf(name) === names.lastIndexOf(name);
    return unique ? name : `pools[${index}]`;
  });
}

function duplicateNameIssues(raw: unknown): PlacedIssue[] {
  const names = rawPools(raw).map(validName);
  return names.flatMap((name, index) => {
    const first = name === undefined ? -1 : names.indexOf(name);
    if (first === -1 || first === index) {
      return [];
    }
    const message = `must be unique (pools[${first}] has the same name)`;
    return [{ poolIndex: index, issue: { pool: `pools[${index}]`, path: 'name', value: name, message } }];
  });
}
