/**
 * Writes a pool configuration in the YAML layout of `config/pools.yaml`: one line per section,
 * nested values in flow style.
 */
import { parse } from 'yaml';

import type { PoolFile } from './scenario.js';

const PLAIN = /^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/;

/** Formats a scalar, quoting a string only where YAML would read it as something else. */
function scalar(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  return PLAIN.test(value) && parse(value) === value ? value : JSON.stringify(value);
}

function flow(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(flow).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([key, item]) => `${key}: ${flow(item)}`);
    return `{ ${entries.join(', ')} }`;
  }
  return scalar(value as string | number | boolean);
}

/** Returns the YAML text of a configuration file holding `pools`, after the `header` comment lines. */
export function configYaml(header: string[], pools: PoolFile[]): string {
  const lines = header.map((line) => (line ? `# ${line}` : '#'));
  lines.push('pools:');

  for (const pool of pools) {
    const [first, ...rest] = Object.entries(pool);
    lines.push(`  - ${first![0]}: ${flow(first![1])}`);
    for (const [key, value] of rest) lines.push(`    ${key}: ${flow(value)}`);
  }
  return `${lines.join('\n')}\n`;
}
