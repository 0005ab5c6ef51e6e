import { existsSync, readdirSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';

import { createAwsClientFactory, createRespondingClientFactory } from '../aws/clients.js';
import type { AwsCall, AwsResponder } from '../aws/responder.js';
import { loadConfig, loadConfigFile } from '../config/index.js';
import type { ScalerConfig } from '../config/types.js';
import { createHandler, PoolsFailedError, SERVICE_NAME } from '../handler.js';
import type { TickResult } from '../tick-types.js';
import { formatTick, toJsonLines } from './format.js';
import { loadRecording } from './recording.js';
import { RecordingResponder } from './recording-responder.js';

export const DEFAULT_RECORDING = 'events/recordings/burst-from-zero.json';

const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SHIPPED_RECORDINGS = 'events/recordings';

const USAGE = `Usage: npm run dry-run -- [options]

Replays recorded AWS responses through the real handler and prints what it would scale each
pool to, and why. Nothing is ever written to AWS.

Options:
  --recording FILE   recording to replay (repeatable); default ${DEFAULT_RECORDING}
  --config FILE      pool configuration; default: the recording's own "config" file
  --live             read real AWS with the caller's credentials instead of a recording
                     (still writes nothing); configuration from --config, else
                     AUTOSCALER_CONFIG or AUTOSCALER_CONFIG_FILE, else config/pools.yaml
  --json             one JSON line per tick and pool instead of the table
  --verbose          also print the handler's structured log lines
  --help             show this help

Relative paths are resolved from the directory where npm was run.`;

interface Options {
  recordings: string[];
  config: string | undefined;
  live: boolean;
  json: boolean;
  verbose: boolean;
}

/** Responder the dry run points at each recorded tick in turn. */
class SwitchingResponder implements AwsResponder {
  current: AwsResponder | undefined;

  respond(call: AwsCall): unknown {
    if (!this.current) throw new Error('No recorded tick is loaded');
    return this.current.respond(call);
  }
}

const LAMBDA_CONTEXT = {
  functionName: 'gpu-worker-autoscaler-dry-run',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:gpu-worker-autoscaler-dry-run',
  memoryLimitInMB: '256',
  awsRequestId: 'dry-run',
  getRemainingTimeInMillis: () => 50_000,
} as unknown as Context;

function parseOptions(argv: string[]): Options | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      recording: { type: 'string', multiple: true },
      config: { type: 'string' },
      live: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return undefined;
  if (values.live && values.recording) throw new Error('--live and --recording exclude each other: pick one source');

  return {
    recordings: values.recording?.map(resolveUserPath) ?? (values.live ? [] : [resolve(REPOSITORY_ROOT, DEFAULT_RECORDING)]),
    config: values.config === undefined ? undefined : resolveUserPath(values.config),
    live: values.live ?? false,
    json: values.json ?? false,
    verbose: values.verbose ?? false,
  };
}

/**
 * Resolves a path from the command line against the directory the user ran npm in. `npm run`
 * starts the script in the repository root and keeps the caller's directory in `INIT_CWD`.
 */
function resolveUserPath(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

/** Shortens an absolute path to one relative to the working directory when it lies inside it. */
function displayPath(path: string): string {
  const inside = relative(process.cwd(), path);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path;
}

function shippedRecordingNames(): string[] {
  try {
    return readdirSync(join(REPOSITORY_ROOT, SHIPPED_RECORDINGS)).filter((name) => name.endsWith('.json')).sort();
  } catch {
    return [];
  }
}

/** `requests` is undefined for a live read, whose requests are not counted. */
function print(result: TickResult, requests: number | undefined, options: Options, note?: string): void {
  if (options.json) {
    for (const line of toJsonLines(result, requests)) process.stdout.write(`${JSON.stringify(line)}\n`);
  } else {
    process.stdout.write(`${formatTick(result, requests, note)}\n`);
  }
}

/** Invokes the handler; a tick with failed pools still has a result worth printing. */
async function invoke(handler: ReturnType<typeof createHandler>, event: unknown): Promise<TickResult> {
  try {
    return await handler(event as never, LAMBDA_CONTEXT);
  } catch (error) {
    if (error instanceof PoolsFailedError) return error.result;
    throw error;
  }
}

async function replay(path: string, options: Options, logger: Logger): Promise<void> {
  const displayedPath = displayPath(path);
  if (!existsSync(path)) {
    const names = shippedRecordingNames();
    const shipped = names.length > 0 ? `. The shipped recordings in ${SHIPPED_RECORDINGS}/ are ${names.join(', ')}` : '';
    throw new Error(`recording ${displayedPath} not found${shipped}`);
  }

  const recording = loadRecording(displayedPath);
  const configPath = options.config ?? (recording.config ? resolve(dirname(path), recording.config) : undefined);
  if (!configPath) throw new Error(`Recording ${displayedPath} names no "config" file: pass --config FILE`);
  const config = loadConfigFile(displayPath(configPath));

  const switching = new SwitchingResponder();
  const handler = createHandler({
    config: () => config,
    clients: createRespondingClientFactory(switching),
    logger,
    forceDryRun: true,
    homeRegion: config.pools[0]?.target.region ?? 'us-east-1',
  });

  if (!options.json) process.stdout.write(`Recording ${displayedPath}: ${recording.description}\nConfiguration ${displayPath(configPath)}\n\n`);
  for (const tick of recording.ticks) {
    const responder = new RecordingResponder(tick);
    switching.current = responder;
    const result = await invoke(handler, scheduledEvent(tick.time, config));
    print(result, responder.calls.length, options, tick.note);
  }
}

async function live(options: Options, logger: Logger): Promise<void> {
  const config: ScalerConfig = options.config ? loadConfigFile(options.config) : loadConfig();
  const handler = createHandler({ config: () => config, clients: createAwsClientFactory(), logger, forceDryRun: true });
  const result = await invoke(handler, scheduledEvent(new Date().toISOString(), config));
  print(result, undefined, options, 'live read, nothing written');
}

function scheduledEvent(time: string, config: ScalerConfig): unknown {
  return {
    version: '0',
    id: 'dry-run',
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '123456789012',
    time,
    region: config.pools[0]?.target.region ?? 'us-east-1',
    resources: [],
    detail: {},
  };
}

export async function main(argv: string[]): Promise<number> {
  let options: Options | undefined;
  try {
    options = parseOptions(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (!options) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }

  const logger = new Logger({ serviceName: SERVICE_NAME, logLevel: options.verbose ? 'INFO' : 'SILENT' });
  try {
    if (options.live) await live(options, logger);
    for (const path of options.recordings) await replay(path, options, logger);
    return 0;
  } catch (error) {
    process.stderr.write(`dry-run: ${(error as Error).message}\n`);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}
