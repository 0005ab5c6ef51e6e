import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import {
  CONFIG_ENV,
  CONFIG_FILE_ENV,
  ConfigError,
  DEFAULT_CONFIG_FILE,
  loadConfig,
  loadConfigFile,
  type ReadFile,
} from '../../src/config/index.js';
import { minimalPool, QUEUE_URL } from './fixtures.js';

const directory = mkdtempSync(join(tmpdir(), 'autoscaler-config-'));

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

const POOLS_YAML = `
metricsNamespace: FromYaml
pools:
  - name: sdxl
    queues:
      - ${QUEUE_URL}
    target: { autoScalingGroup: sdxl-workers }
    processingTime: { priorSeconds: 3 }
    sla: { seconds: 180 }
    limits: { max: 20 }
`;

function writeConfig(name: string, text: string): string {
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
}

/** Returns the error that `load` throws, failing the test when it throws none or another kind. */
function loadError(load: () => unknown): ConfigError {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError, but the configuration loaded');
}

/** A readFile that fails the test when called, for sources that must not touch the disk. */
const unusedReadFile: ReadFile = (path) => {
  throw new Error(`unexpected read of ${path}`);
};

describe('loadConfig source', () => {
  it('reads JSON from AUTOSCALER_CONFIG', () => {
    const env = { [CONFIG_ENV]: JSON.stringify({ metricsNamespace: 'FromEnv', pools: [minimalPool()] }) };

    const config = loadConfig(env, unusedReadFile);

    expect(config.metricsNamespace).toBe('FromEnv');
    expect(config.pools[0]?.name).toBe('sdxl');
  });

  it('reads the file in AUTOSCALER_CONFIG_FILE', () => {
    const path = writeConfig('pools.yaml', POOLS_YAML);

    const config = loadConfig({ [CONFIG_FILE_ENV]: path });

    expect(config.metricsNamespace).toBe('FromYaml');
  });

  it('reads a JSON file', () => {
    const path = writeConfig('pools.json', JSON.stringify({ pools: [minimalPool()] }, null, 2));

    const config = loadConfig({ [CONFIG_FILE_ENV]: path });

    expect(config.pools[0]?.limits.max).toBe(20);
  });

  it('reads config/pools.yaml from the working directory by default', () => {
    const reads: string[] = [];
    const readFile: ReadFile = (path) => {
      reads.push(path);
      return POOLS_YAML;
    };

    const config = loadConfig({}, readFile);

    expect(reads).toEqual([resolve(process.cwd(), DEFAULT_CONFIG_FILE)]);
    expect(config.metricsNamespace).toBe('FromYaml');
  });

  it('treats blank variables as unset', () => {
    const reads: string[] = [];
    const readFile: ReadFile = (path) => {
      reads.push(path);
      return POOLS_YAML;
    };

    loadConfig({ [CONFIG_ENV]: '', [CONFIG_FILE_ENV]: '  ' }, readFile);

    expect(reads).toEqual([resolve(process.cwd(), DEFAULT_CONFIG_FILE)]);
  });

  it('rejects both variables set', () => {
    const env = { [CONFIG_ENV]: '{}', [CONFIG_FILE_ENV]: 'other.yaml' };

    const error = loadError(() => loadConfig(env, unusedReadFile));

    expect(error.message).toContain(`both ${CONFIG_ENV} and ${CONFIG_FILE_ENV} are set`);
    expect(error.message).toContain(`unset ${CONFIG_FILE_ENV} to use the JSON in ${CONFIG_ENV}`);
    expect(error.message).toContain(`unset ${CONFIG_ENV} to read the file other.yaml`);
    expect(error.issues).toEqual([]);
  });
});

describe('loadConfig errors', () => {
  it('names a missing file', () => {
    const path = join(directory, 'missing.yaml');

    const error = loadError(() => loadConfigFile(path));

    expect(error.message).toContain(`cannot read configuration file ${path}`);
    expect(error.message).toContain('ENOENT');
    expect(error.source).toBe(path);
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('names a directory given as file', () => {
    const error = loadError(() => loadConfigFile(directory));

    expect(error.message).toContain(`cannot read configuration file ${directory}`);
    expect(error.message).toContain('EISDIR');
  });

  it.skipIf(process.getuid?.() === 0)('names an unreadable file', () => {
    const path = writeConfig('locked.yaml', POOLS_YAML);
    chmodSync(path, 0o000);

    const error = loadError(() => loadConfigFile(path));

    expect(error.message).toContain(`cannot read configuration file ${path}`);
    expect(error.message).toContain('EACCES');
  });

  it('shows the resolved path of a relative file', () => {
    const failingRead: ReadFile = () => {
      throw new Error('ENOENT: no such file or directory');
    };

    const error = loadError(() => loadConfig({}, failingRead));

    expect(error.message).toContain(`cannot read configuration file ${DEFAULT_CONFIG_FILE} (${resolve(DEFAULT_CONFIG_FILE)})`);
    expect(error.message).toContain(`neither ${CONFIG_ENV} nor ${CONFIG_FILE_ENV} is set`);
  });

  it('names the file with invalid YAML', () => {
    const path = writeConfig('broken.yaml', 'pools:\n  - name: sdxl\n    queues: [a, b\n');

    const error = loadError(() => loadConfigFile(path));

    expect(error.message).toContain(`${path} is not valid YAML:`);
    expect(error.message).toMatch(/line \d+, column \d+/);
    expect(error.issues).toEqual([]);
  });

  it('rejects duplicate YAML keys', () => {
    const path = writeConfig('duplicate.yaml', `${POOLS_YAML}metricsNamespace: Again\n`);

    const error = loadError(() => loadConfigFile(path));

    expect(error.message).toContain(`${path} is not valid YAML:`);
    expect(error.message).toContain('unique');
  });

  it('rejects excessive YAML aliases', () => {
    const aliases = (name: string) => `[${Array.from({ length: 10 }, () => `*${name}`).join(', ')}]`;
    const text = ['a: &a [x, x, x, x, x, x, x, x, x, x]', `b: &b ${aliases('a')}`, `c: &c ${aliases('b')}`, `d: ${aliases('c')}`];
    const path = writeConfig('aliases.yaml', text.join('\n'));

    const error = loadError(() => loadConfigFile(path));

    expect(error.message).toContain(`${path} is not valid YAML: Excessive alias count`);
  });

  it('names the variable with invalid JSON', () => {
    const error = loadError(() => loadConfig({ [CONFIG_ENV]: 'pools:\n  - name: sdxl' }, unusedReadFile));

    expect(error.message).toContain(`${CONFIG_ENV} is not valid JSON:`);
    expect(error.message).toContain(`name it in ${CONFIG_FILE_ENV}`);
    expect(error.source).toBe(CONFIG_ENV);
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('names the file in validation errors', () => {
    const path = writeConfig('invalid.yaml', POOLS_YAML.replace('max: 20', 'max: 0'));

    const error = loadError(() => loadConfigFile(path));

    expect(error.message).toContain(`invalid configuration in ${path} (1 issue):`);
    expect(error.issues[0]).toMatchObject({ pool: 'sdxl', path: 'limits.max', value: 0 });
  });

  it('names the variable in validation errors', () => {
    const error = loadError(() => loadConfig({ [CONFIG_ENV]: '{"pools": []}' }, unusedReadFile));

    expect(error.message).toContain(`invalid configuration in ${CONFIG_ENV} (1 issue):`);
  });

  it('rejects an empty file', () => {
    const path = writeConfig('empty.yaml', '');

    const error = loadError(() => loadConfigFile(path));

    expect(error.message).toContain('configuration = null is invalid: must be a mapping with the keys metricsNamespace, pools');
  });
});
