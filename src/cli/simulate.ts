/**
 * `npm run simulate`: replays a trace under each policy and prints the comparison; with
 * `--out DIR` it also writes an HTML report with charts. See docs/simulator.md.
 */
import { ConfigError } from '../config/index.js';
import { parseCliOptions, UsageError, USAGE } from '../sim/cli-options.js';
import { writeReport } from '../sim/report/html.js';
import { formatTable } from '../sim/report/table.js';
import { runPolicy, type PolicyRun } from '../sim/run.js';
import { TraceError } from '../sim/trace.js';

/** Draws `label [####....] 42%` on one stderr line; only when stderr is a terminal. */
function progressBar(label: string): ((fraction: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;

  let lastPercent = -1;
  return (fraction) => {
    const percent = Math.floor(fraction * 100);
    if (percent === lastPercent) return;
    lastPercent = percent;
    const filled = Math.round(fraction * 30);
    process.stderr.write(`\r${label.padEnd(20)} [${'#'.repeat(filled)}${'.'.repeat(30 - filled)}] ${String(percent).padStart(3)}%`);
  };
}

async function main(argv: string[]): Promise<number> {
  const options = parseCliOptions(argv);
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }

  const runs: PolicyRun[] = [];
  for (const policy of options.policies) {
    const run = await runPolicy(options.scenario, policy, progressBar(policy));
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    if (run.scalerErrors.count > 0) {
      process.stderr.write(`warning: ${policy}: ${run.scalerErrors.count} failed pool ticks; first: ${run.scalerErrors.first}\n`);
    }
    runs.push(run);
  }

  if (options.json) {
    for (const { summary } of runs) {
      const { policy, slaAttainment, latencyP99Seconds, paidGpuSeconds, usefulGpuSeconds, writes, peakWorkers } = summary;
      process.stdout.write(`${JSON.stringify({ policy, slaAttainment, latencyP99Seconds, paidGpuSeconds, usefulGpuSeconds, writes, peakWorkers, summary })}\n`);
    }
  } else {
    const { trace, scale, slaSeconds, slaPercentile } = options.scenario;
    process.stdout.write(`${trace.name} × ${scale}, SLA ${slaPercentile} % within ${slaSeconds} s\n\n${formatTable(runs.map((run) => run.summary))}\n`);
  }

  if (options.outDir !== undefined) {
    const { trace, scale, seed, slaSeconds, slaPercentile } = options.scenario;
    const command = `npm run simulate -- ${argv.join(' ')}`;
    const path = writeReport(options.outDir, runs, { traceName: trace.name, scale, seed, slaSeconds, slaPercentile, command });
    process.stderr.write(`report written to ${path}\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) process.stderr.write(`error: ${error.message}\n\n${USAGE}\n`);
    else if (error instanceof TraceError || error instanceof ConfigError) process.stderr.write(`error: ${error.message}\n`);
    else process.stderr.write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
