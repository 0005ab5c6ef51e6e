export { DEFAULTS, defaultMaxStepDown } from './defaults.js';
export { ConfigError, formatIssue, type ConfigIssue } from './errors.js';
export { CONFIG_ENV, CONFIG_FILE_ENV, DEFAULT_CONFIG_FILE, loadConfig, loadConfigFile, type ReadFile } from './load.js';
export { parseConfig } from './parse.js';
export type * from './types.js';
