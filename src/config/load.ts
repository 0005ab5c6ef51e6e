import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { parseDocument } from 'yaml';

import { ConfigError } from './errors.js';
import { parseConfig } from './parse.js';
import type { ScalerConfig } from './types.js';

/** Environment variable holding the whole configuration as JSON. */
export const CONFIG_ENV = 'AUTOSCALER_CONFIG';
/** Environment variable holding the path of a YAML or JSON configuration file. */
export const CONFIG_FILE_ENV = 'AUTOSCALER_CONFIG_FILE';
/** File read when neither variable is set, relative to the working directory (`/var/task` in Lambda). */
export const DEFAULT_CONFIG_FILE = 'config/pools.yaml';

/** The subset of `fs.readFileSync` the loader uses, so tests can pass a fake. */
export type ReadFile = (path: string, encoding: 'utf8') => string;

/**
 * Loads the configuration named by the environment: the JSON in `AUTOSCALER_CONFIG`, else the
 * file at `AUTOSCALER_CONFIG_FILE`, else `config/pools.yaml`. A variable set to an empty or
 * blank string counts as unset. Throws `ConfigError` when both variables are set.
 */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
  readFile: ReadFile = readFileSync,
): ScalerConfig {
  const inline = nonBlank(env[CONFIG_ENV]);
  const file = nonBlank(env[CONFIG_FILE_ENV]);

  if (inline !== undefined && file !== undefined) {
    const summary =
      `both ${CONFIG_ENV} and ${CONFIG_FILE_ENV} are set: unset ${CONFIG_FILE_ENV} to use the JSON in ${CONFIG_ENV}, ` +
      `or unset ${CONFIG_ENV} to read the file ${file}`;
    throw new ConfigError(`${CONFIG_ENV} and ${CONFIG_FILE_ENV}`, summary);
  }
  if (inline !== undefined) {
    return parseConfig(parseJson(inline), CONFIG_ENV);
  }
  if (file !== undefined) {
    return loadConfigFile(file, readFile);
  }
  return loadConfigFile(DEFAULT_CONFIG_FILE, readFile, `the default path, used because neither ${CONFIG_ENV} nor ${CONFIG_FILE_ENV} is set`);
}

/**
 * Loads a YAML or JSON configuration file; a relative path is resolved against the working
 * directory. Throws `ConfigError` when the file cannot be read, parsed or validated.
 */
export function loadConfigFile(path: string, readFile: ReadFile = readFileSync, note?: string): ScalerConfig {
  const absolute = resolve(path);
  const shown = absolute === path ? path : `${path} (${absolute})`;

  let text: string;
  try {
    text = readFile(absolute, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const summary = `cannot read configuration file ${shown}${note === undefined ? '' : `, ${note}`}: ${reason}`;
    throw new ConfigError(path, summary, [], { cause: error });
  }

  return parseConfig(parseYaml(text, path), path);
}

function nonBlank(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const summary =
      `${CONFIG_ENV} is not valid JSON: ${reason}. ` +
      `The variable takes JSON only; for YAML, write a file and name it in ${CONFIG_FILE_ENV}`;
    throw new ConfigError(CONFIG_ENV, summary, [], { cause: error });
  }
}

/** Parses YAML 1.2, of which JSON is a subset. Duplicate keys are errors. */
function parseYaml(text: string, source: string): unknown {
  const document = parseDocument(text, { uniqueKeys: true });
  if (document.errors.length > 0) {
    // The first line of each message contains the problem and its line and column, and ends in a
    // colon that introduces a code excerpt, which is left out.
    const lines = document.errors.map((error) => `  - ${(error.message.split('\n')[0] ?? '').replace(/:$/, '')}`);
    throw new ConfigError(source, [`${source} is not valid YAML:`, ...lines].join('\n'), [], { cause: document.errors[0] });
  }

  try {
    return document.toJS();
  } catch (error) {
    // toJS rejects documents that expand aliases too often, a guard against resource exhaustion.
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(source, `${source} is not valid YAML: ${reason}`, [], { cause: error });
  }
}
