/**
 * Cold-start load time: fresh `node` processes that `require()` the packaged handler, against
 * the same processes without the `require()`. The handler is only loaded, never invoked, so
 * nothing is sent to AWS.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { HANDLER_ENTRY, PACKAGE_PATH } from './bundle.js';
import { listZipEntries, readZipEntry } from './zip.js';

/** One child process: wall time seen by the parent, and what the child measured itself. */
export interface ProcessSample {
  /** From spawn to exit, milliseconds. */
  wallMs: number;
  /** Time of the `require()` inside the child, milliseconds, or about 0 for the baseline. */
  requireMs: number;
  /** Resident set size of the child after the `require()`, bytes. */
  rssBytes: number;
}

export interface ColdStartMeasures {
  baseline: ProcessSample[];
  handler: ProcessSample[];
}

/** The same script runs in both kinds of process, so they differ only by the `require()`. */
const CHILD_SCRIPT = `
const started = performance.now();
if (process.env.BENCH_REQUIRE) require(process.env.BENCH_REQUIRE);
const requireMs = performance.now() - started;
process.stdout.write(JSON.stringify({ requireMs, rssBytes: process.memoryUsage().rss }));
`;

/** Runs discarded before the measured ones, so every measured run finds the files in the page cache. */
const WARMUP_RUNS = 2;

/** Extracts the packaged archive into a new temporary folder and returns its path. */
export function extractPackage(root: string): string {
  const archive = readFileSync(join(root, PACKAGE_PATH));
  const folder = mkdtempSync(join(tmpdir(), 'bench-runtime-'));

  for (const entry of listZipEntries(archive)) {
    if (entry.name.endsWith('/')) continue;
    const target = join(folder, entry.name);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, readZipEntry(archive, entry));
  }
  return folder;
}

function runChild(folder: string, loadHandler: boolean): ProcessSample {
  // A minimal environment: no AWS credentials, the bundled configuration as in serverless.yml.
  const env = {
    PATH: process.env.PATH ?? '',
    AWS_REGION: 'us-east-1',
    AUTOSCALER_CONFIG_FILE: 'config/pools.yaml',
    BENCH_REQUIRE: loadHandler ? `./${HANDLER_ENTRY}` : '',
  };

  const started = performance.now();
  const result = spawnSync(process.execPath, ['-e', CHILD_SCRIPT], { cwd: folder, env, encoding: 'utf8' });
  const wallMs = performance.now() - started;

  if (result.status !== 0) {
    throw new Error(`node -e (require ${loadHandler ? HANDLER_ENTRY : 'nothing'}) failed with exit code ${result.status}: ${result.stderr}`);
  }
  const reported = JSON.parse(result.stdout) as { requireMs: number; rssBytes: number };
  return { wallMs, requireMs: reported.requireMs, rssBytes: reported.rssBytes };
}

/**
 * Runs `runs` processes of each kind, alternating which kind goes first, so drift in the
 * machine's load affects both alike.
 */
export function measureColdStart(root: string, runs: number): ColdStartMeasures {
  const folder = extractPackage(root);
  try {
    for (let run = 0; run < WARMUP_RUNS; run += 1) {
      runChild(folder, true);
      runChild(folder, false);
    }

    const measures: ColdStartMeasures = { baseline: [], handler: [] };
    for (let run = 0; run < runs; run += 1) {
      const order = run % 2 === 0 ? [true, false] : [false, true];
      for (const loadHandler of order) {
        const sample = runChild(folder, loadHandler);
        (loadHandler ? measures.handler : measures.baseline).push(sample);
      }
    }
    return measures;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
