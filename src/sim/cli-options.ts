import { parseArgs } from 'node:util';

import { loadConfigFile } from '../config/index.js';
import { POLICY_NAMES, type PolicyName } from './run.js';
import { SCENARIO_DEFAULTS, type ScenarioOptions } from './scenario.js';
import { loadTrace, sliceTrace } from './trace.js';

export const USAGE = `Usage: npm run simulate -- --trace FILE [options]

Replays a trace of arrivals through a simulated SQS queue and GPU fleet under each policy
and prints their SLA attainment and GPU cost side by side.

  --trace FILE            trace CSV with header minute,arrivals or second,arrivals (required)
  --scale K               multiply every count by K (default 1)
  --policy LIST           comma-separated: ${POLICY_NAMES.join(',')} (default all)
  --config FILE           pool configuration (YAML or JSON) for the sla policy; its first pool
                          sets the SLA, concurrency, processing prior, warm-up and bounds
  --out DIR               write report.html, SVG charts and summary.json to DIR
  --json                  print one JSON object per policy instead of the table
  --seed N                random seed (default ${SCENARIO_DEFAULTS.seed})
  --sla-seconds S         SLA time from enqueue to finished (default ${SCENARIO_DEFAULTS.slaSeconds})
  --sla-percentile P      percent of images that must meet it (default ${SCENARIO_DEFAULTS.slaPercentile})
  --service-seconds S     mean seconds per image on a warm worker (default ${SCENARIO_DEFAULTS.serviceMeanSeconds})
  --service-cv CV         coefficient of variation of the service time (default ${SCENARIO_DEFAULTS.serviceCv})
  --concurrency C         images per worker at once (default ${SCENARIO_DEFAULTS.concurrency})
  --boot-seconds S        mean boot plus model load, seconds (default ${SCENARIO_DEFAULTS.bootMeanSeconds})
  --boot-jitter S         boot time is uniform in mean ± S seconds (default ${SCENARIO_DEFAULTS.bootJitterSeconds})
  --min N, --max N        worker bounds for every policy (default ${SCENARIO_DEFAULTS.min} and ${SCENARIO_DEFAULTS.max})
  --target KIND           asg or ecs (default asg)
  --start-minute M        skip the first M minutes of the trace (default 0)
  --minutes N             replay only N minutes of the trace (default all)
  -h, --help              print this help`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface CliOptions {
  scenario: ScenarioOptions;
  policies: PolicyName[];
  outDir: string | undefined;
  json: boolean;
  help: boolean;
}

const OPTIONS = {
  trace: { type: 'string' },
  scale: { type: 'string' },
  policy: { type: 'string' },
  config: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  seed: { type: 'string' },
  'sla-seconds': { type: 'string' },
  'sla-percentile': { type: 'string' },
  'service-seconds': { type: 'string' },
  'service-cv': { type: 'string' },
  concurrency: { type: 'string' },
  'boot-seconds': { type: 'string' },
  'boot-jitter': { type: 'string' },
  min: { type: 'string' },
  max: { type: 'string' },
  target: { type: 'string' },
  'start-minute': { type: 'string' },
  minutes: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parses a numeric option; `integer` also rejects fractions. Undefined when the option is absent. */
function numberOption(values: Record<string, unknown>, name: string, rule: { min: number; integer?: boolean; above?: boolean }): number | undefined {
  const text = values[name];
  if (text === undefined) return undefined;

  const value = Number(text);
  const tooSmall = rule.above === true ? value <= rule.min : value < rule.min;
  if (String(text).trim() === '' || !Number.isFinite(value) || tooSmall || (rule.integer === true && !Number.isInteger(value))) {
    const kind = rule.integer === true ? 'an integer' : 'a number';
    throw new UsageError(`invalid --${name} "${String(text)}": expected ${kind} ${rule.above === true ? '>' : '>='} ${rule.min}`);
  }
  return value;
}

function parsePolicies(text: string | undefined): PolicyName[] {
  if (text === undefined) return [...POLICY_NAMES];

  const names = text.split(',').map((name) => name.trim()).filter((name) => name !== '');
  const unknown = names.filter((name) => !(POLICY_NAMES as readonly string[]).includes(name));
  if (names.length === 0 || unknown.length > 0) {
    throw new UsageError(`invalid --policy "${text}": expected a comma-separated list of ${POLICY_NAMES.join(', ')}`);
  }
  return [...new Set(names)] as PolicyName[];
}

/** Parses the command line into scenario options; throws `UsageError` with the bad value. */
export function parseCliOptions(argv: string[]): CliOptions {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help === true) return { scenario: { ...SCENARIO_DEFAULTS, trace: { name: '', intervalSeconds: 60, arrivals: [] } }, policies: [], outDir: undefined, json: false, help: true };

  const tracePath = values.trace as string | undefined;
  if (tracePath === undefined) throw new UsageError('missing --trace FILE');

  const target = (values.target as string | undefined) ?? 'asg';
  if (target !== 'asg' && target !== 'ecs') throw new UsageError(`invalid --target "${target}": expected asg or ecs`);

  let trace = loadTrace(tracePath);
  const startMinute = numberOption(values, 'start-minute', { min: 0, integer: true }) ?? 0;
  const minutes = numberOption(values, 'minutes', { min: 1, integer: true });
  if (startMinute > 0 || minutes !== undefined) {
    const perMinute = 60 / trace.intervalSeconds;
    trace = sliceTrace(trace, startMinute * perMinute, (minutes ?? Number.MAX_SAFE_INTEGER / perMinute) * perMinute);
  }

  const scenario: ScenarioOptions = {
    ...SCENARIO_DEFAULTS,
    trace,
    target: target === 'asg' ? 'autoScalingGroup' : 'ecsService',
    scale: numberOption(values, 'scale', { min: 0, above: true }) ?? SCENARIO_DEFAULTS.scale,
    seed: numberOption(values, 'seed', { min: 0, integer: true }) ?? SCENARIO_DEFAULTS.seed,
    slaSeconds: numberOption(values, 'sla-seconds', { min: 0, above: true }) ?? SCENARIO_DEFAULTS.slaSeconds,
    slaPercentile: numberOption(values, 'sla-percentile', { min: 0, above: true }) ?? SCENARIO_DEFAULTS.slaPercentile,
    serviceMeanSeconds: numberOption(values, 'service-seconds', { min: 0, above: true }) ?? SCENARIO_DEFAULTS.serviceMeanSeconds,
    serviceCv: numberOption(values, 'service-cv', { min: 0 }) ?? SCENARIO_DEFAULTS.serviceCv,
    concurrency: numberOption(values, 'concurrency', { min: 1, integer: true }) ?? SCENARIO_DEFAULTS.concurrency,
    bootMeanSeconds: numberOption(values, 'boot-seconds', { min: 0 }) ?? SCENARIO_DEFAULTS.bootMeanSeconds,
    bootJitterSeconds: numberOption(values, 'boot-jitter', { min: 0 }) ?? SCENARIO_DEFAULTS.bootJitterSeconds,
    min: numberOption(values, 'min', { min: 0, integer: true }) ?? SCENARIO_DEFAULTS.min,
    max: numberOption(values, 'max', { min: 1, integer: true }) ?? SCENARIO_DEFAULTS.max,
  };
  if (scenario.slaPercentile >= 100) throw new UsageError(`invalid --sla-percentile "${scenario.slaPercentile}": expected a number in (0, 100)`);
  if (scenario.min > scenario.max) throw new UsageError(`invalid --min ${scenario.min}: it is above --max ${scenario.max}`);

  const configPath = values.config as string | undefined;
  const withConfig = configPath === undefined ? scenario : applyConfigFile(scenario, configPath, values);

  return { scenario: withConfig, policies: parsePolicies(values.policy as string | undefined), outDir: values.out as string | undefined, json: values.json === true, help: false };
}

/** Takes the SLA, concurrency, bounds, target kind and priors from the configuration's first pool. */
function applyConfigFile(scenario: ScenarioOptions, path: string, values: Record<string, unknown>): ScenarioOptions {
  const config = loadConfigFile(path);
  const pool = config.pools[0];
  if (pool === undefined) throw new UsageError(`${path}: the configuration has no pool`);

  return {
    ...scenario,
    config: { ...config, pools: [pool] },
    slaSeconds: pool.sla.seconds,
    slaPercentile: pool.sla.percentile,
    concurrency: pool.worker.concurrency,
    min: pool.limits.min,
    max: pool.limits.max,
    target: pool.target.kind,
    serviceMeanSeconds: values['service-seconds'] === undefined ? pool.processingTime.priorSeconds : scenario.serviceMeanSeconds,
    bootMeanSeconds: values['boot-seconds'] === undefined ? pool.worker.warmupSeconds : scenario.bootMeanSeconds,
  };
}
