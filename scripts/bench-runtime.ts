/**
 * `npm run bench:runtime`: measures the bundle size and cold-start load time of the Lambda,
 * and the AWS requests and wall time of one tick for 1, 10 and 200 pools against the simulated
 * cloud with simulated network latency. Writes docs/runtime.md, whose figures come only from
 * this script.
 */
import { writeFileSync } from 'node:fs';
import { arch, cpus, platform } from 'node:os';
import { parseArgs } from 'node:util';

import { measureBundle, packageLambda } from './bench-runtime/bundle.js';
import { measureColdStart } from './bench-runtime/cold-start.js';
import { renderRuntimeReport, runLabel } from './bench-runtime/report.js';
import { runTickBenchmark, type TickRun, type TickRunOptions } from './bench-runtime/tick-runner.js';

const USAGE = `Usage: npm run bench:runtime -- [options]

Measures bundle size, cold-start load time, and requests and wall time per tick, and writes
the results as Markdown.

Options:
  --skip-package   measure the existing .serverless/scaler.zip instead of running
                   npx serverless package --stage bench
  --runs N         node processes of each kind for the cold start (default 20)
  --ticks N        measured ticks per fleet with latency, and as many without (default 20)
  --out FILE       output file (default docs/runtime.md)
  --help           show this help`;

const WARMUP_TICKS = 15;
const FLEETS: Array<Pick<TickRunOptions, 'pools' | 'mix'>> = [
  { pools: 1, mix: 'asg' },
  { pools: 10, mix: 'asg' },
  { pools: 200, mix: 'asg' },
  { pools: 10, mix: 'mixed' },
  { pools: 200, mix: 'mixed' },
];

interface Options {
  skipPackage: boolean;
  runs: number;
  ticks: number;
  out: string;
}

function positiveInteger(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, got "${text}"`);
  return value;
}

function parseOptions(argv: string[]): Options | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      'skip-package': { type: 'boolean', default: false },
      runs: { type: 'string' },
      ticks: { type: 'string' },
      out: { type: 'string', default: 'docs/runtime.md' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return undefined;

  return {
    skipPackage: values['skip-package'] ?? false,
    runs: positiveInteger('runs', values.runs, 20),
    ticks: positiveInteger('ticks', values.ticks, 20),
    out: values.out ?? 'docs/runtime.md',
  };
}

function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}

function describeMachine(): string {
  const cores = cpus();
  return `${cores[0]?.model.trim() ?? 'unknown CPU'}, ${cores.length} cores, Node ${process.version}, ${platform()} ${arch()}`;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const options = parseOptions(argv);
  if (options === undefined) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const started = performance.now();
  const root = process.cwd();

  if (!options.skipPackage) {
    progress('Packaging: npx serverless package --stage bench');
    packageLambda(root);
  }
  progress('Bundle: reading the archive and building the esbuild metafile');
  const bundle = await measureBundle(root);

  progress(`Cold start: ${options.runs} processes of each kind`);
  const coldStart = measureColdStart(root, options.runs);

  const ticks: TickRun[] = [];
  for (const fleet of FLEETS) {
    progress(`Ticks: ${runLabel({ options: fleet })}`);
    const run = await runTickBenchmark({ ...fleet, ticksPerMode: options.ticks, warmupTicks: WARMUP_TICKS, seed: 1 });
    // A failed pool makes no decision and sends no write, so its tick would not be a real one.
    if (run.firstFailure !== undefined) {
      throw new Error(
        `pool outcome failed in the run "${runLabel(run)}": ${run.firstFailure}. ` +
          'Its ticks would not represent a working scaler, so nothing was written; fix the failure and run again',
      );
    }
    ticks.push(run);
  }

  const markdown = renderRuntimeReport({
    machine: describeMachine(),
    dateIso: new Date().toISOString().slice(0, 10),
    command: ['npm run bench:runtime', ...(argv.length > 0 ? ['--', ...argv] : [])].join(' '),
    wallSeconds: (performance.now() - started) / 1000,
    bundle,
    coldStart,
    ticks,
  });
  writeFileSync(options.out, `${markdown}\n`);
  progress(`Wrote ${options.out}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:runtime failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
