/** Renders the measures of the runtime benchmark as the Markdown page docs/runtime.md. */
import { bytesByScope, type BundleMeasures } from './bundle.js';
import type { ColdStartMeasures, ProcessSample } from './cold-start.js';
import { DEFAULT_LATENCY_MS, LATENCY_JITTER, LATENCY_MS, MAX_SOCKETS_PER_CLIENT } from './latency-responder.js';
import { formatBytes, formatCount, formatMs, median, percentile, summarizeCounts } from './stats.js';
import type { TickRun, TickRunOptions, TickSample } from './tick-runner.js';

export interface RuntimeReport {
  machine: string;
  dateIso: string;
  command: string;
  wallSeconds: number;
  bundle: BundleMeasures;
  coldStart: ColdStartMeasures;
  ticks: TickRun[];
}

const TOP_PACKAGES = 10;
const TOP_SCOPES = 5;
const MIB = 1024 * 1024;
/** The EventBridge schedule runs one tick a minute. */
const TICKS_PER_DAY = 24 * 60;

const share = (part: number, whole: number): string => `${((100 * part) / whole).toFixed(1)} %`;
const commandName = (command: string): string => command.replace(/Command$/, '');

function bundleSection(bundle: BundleMeasures): string[] {
  const rows = bundle.entries.map((entry) => `| \`${entry.name}\` | ${formatBytes(entry.compressedBytes)} | ${formatBytes(entry.uncompressedBytes)} |`);
  const total = bundle.packages.reduce((sum, entry) => sum + entry.bytes, 0);
  const top = bundle.packages.slice(0, TOP_PACKAGES).map((entry) => `| \`${entry.name}\` | ${entry.bytes.toLocaleString('en-US')} | ${share(entry.bytes, total)} |`);
  const scopes = bytesByScope(bundle.packages)
    .slice(0, TOP_SCOPES)
    .map((entry) => `\`${entry.name}\` ${share(entry.bytes, total)}`);

  return [
    '## Bundle',
    '',
    `\`npx serverless package --stage bench\` builds \`.serverless/scaler.zip\`: ${formatBytes(bundle.zipBytes)}.`,
    '',
    '| file in the archive | compressed | uncompressed |',
    '| --- | ---: | ---: |',
    ...rows,
    '',
    `Largest packages in the bundle, from the metafile of an esbuild ${bundle.esbuildVersion} build of \`src/handler.ts\` with the`,
    `settings of \`serverless.yml\` (bundle, platform node, format cjs, minify, target node22). That build's output is`,
    `${bundle.esbuildOutputBytes.toLocaleString('en-US')} bytes; the ${bundle.packages.length} packages and project folders in it add up to ${total.toLocaleString('en-US')} bytes.`,
    '',
    '| package | bytes in the output | share |',
    '| --- | ---: | ---: |',
    ...top,
    '',
    `By npm scope, the largest: ${scopes.join(', ')}.`,
    '',
  ];
}

function processRow(label: string, samples: ProcessSample[]): string {
  const wall = samples.map((sample) => sample.wallMs);
  const load = samples.map((sample) => sample.requireMs);
  const rss = median(samples.map((sample) => sample.rssBytes)) / MIB;
  return `| ${label} | ${formatMs(median(wall))} | ${formatMs(percentile(wall, 90))} | ${formatMs(median(load))} | ${formatMs(percentile(load, 90))} | ${rss.toFixed(1)} |`;
}

function coldStartSection(coldStart: ColdStartMeasures): string[] {
  const handlerWall = median(coldStart.handler.map((sample) => sample.wallMs));
  const baselineWall = median(coldStart.baseline.map((sample) => sample.wallMs));
  const runs = coldStart.handler.length;

  return [
    '## Cold start',
    '',
    `${runs} fresh \`node\` processes of each kind, started from the extracted archive, alternating which kind goes first,`,
    'after 2 discarded runs of each. One kind only starts; the other also runs `require("./src/handler.cjs")`, which is',
    "what the Lambda runtime does in the function's init phase. The handler is never invoked.",
    '',
    '| process | wall median ms | wall p90 ms | require() median ms | require() p90 ms | RSS median MiB |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    processRow('empty `node -e`', coldStart.baseline),
    processRow('`node -e` with `require()`', coldStart.handler),
    '',
    `Load time, as the difference of the wall medians: ${formatMs(handlerWall - baselineWall)} ms, ${(handlerWall / baselineWall).toFixed(2)}× the empty process.`,
    '',
    'These figures come from this machine. Lambda runs the function on Node.js 22 on arm64 with 256 MB. It allocates CPU in',
    'proportion to memory, and 1,769 MB is one vCPU (Lambda developer guide). So the init phase there is expected to take',
    'longer, which this page does not measure.',
    '',
  ];
}

function latencyLine(): string {
  const entries = Object.entries(LATENCY_MS).map(([command, ms]) => `${commandName(command)} ${ms}`);
  return `${entries.join(', ')}; any other command ${DEFAULT_LATENCY_MS}`;
}

const latencySamples = (run: TickRun): TickSample[] => run.samples.filter((sample) => sample.latencyOn);
const zeroSamples = (run: TickRun): TickSample[] => run.samples.filter((sample) => !sample.latencyOn);
const totalRequests = (sample: TickSample): number => Object.values(sample.requests).reduce((sum, count) => sum + count, 0);
const medianOf = (samples: TickSample[], value: (sample: TickSample) => number): number => median(samples.map(value));

/** Rows of the tick table: a label and the cell of each run. */
function tickRows(runs: TickRun[]): Array<[string, (run: TickRun) => string]> {
  const seen = new Set(runs.flatMap((run) => run.samples.flatMap((sample) => Object.keys(sample.requests))));
  // Reads first, then writes, in the order of the latency table. Commands missing from it go last.
  const known = Object.keys(LATENCY_MS);
  const commands = [...known.filter((command) => seen.has(command)), ...[...seen].filter((command) => !known.includes(command)).sort()];
  const commandRows = commands.map((command): [string, (run: TickRun) => string] => [
    commandName(command),
    (run) => formatCount(summarizeCounts(run.samples.map((sample) => sample.requests)).get(command)),
  ]);

  return [
    ...commandRows,
    ['requests per tick, median', (run) => String(medianOf(run.samples, totalRequests))],
    ['requests per pool, median', (run) => (medianOf(run.samples, totalRequests) / run.options.pools).toFixed(2)],
    ['wall ms, median, with latency', (run) => formatMs(medianOf(latencySamples(run), (sample) => sample.wallMs))],
    ['wall ms, p90, with latency', (run) => formatMs(percentile(latencySamples(run).map((sample) => sample.wallMs), 90))],
    ['wall ms, median, no latency', (run) => formatMs(medianOf(zeroSamples(run), (sample) => sample.wallMs))],
    ['CPU ms, median, no latency', (run) => formatMs(medianOf(zeroSamples(run), (sample) => sample.cpuMs))],
    ['round trips ÷ wall, median', (run) => medianOf(latencySamples(run), (sample) => sample.latencySumMs / sample.wallMs).toFixed(1)],
    ['calls in flight, max', (run) => String(Math.max(...latencySamples(run).map((sample) => sample.maxInFlight)))],
    ['log output KiB, median', (run) => (medianOf(run.samples, (sample) => sample.logBytes) / 1024).toFixed(1)],
    ['first tick ms (new clients, no latency)', (run) => formatMs(run.firstTickMs)],
  ];
}

/** Names a fleet in tables and messages, for example `200 pools, ASG + ECS`. */
export function runLabel(run: { options: Pick<TickRunOptions, 'pools' | 'mix'> }): string {
  const { pools, mix } = run.options;
  return `${pools} ${pools === 1 ? 'pool' : 'pools'}, ${mix === 'asg' ? 'ASG' : 'ASG + ECS'}`;
}

/** Sentences with the ratios between the smallest and the largest fleet of each target mix. */
function scalingNotes(runs: TickRun[]): string[] {
  const notes: string[] = [];
  for (const mix of ['asg', 'mixed'] as const) {
    const ofMix = runs.filter((run) => run.options.mix === mix).sort((a, b) => a.options.pools - b.options.pools);
    const smallest = ofMix[0];
    const largest = ofMix.at(-1);
    if (smallest === undefined || largest === undefined || smallest === largest) continue;

    const wall = (run: TickRun) => medianOf(latencySamples(run), (sample) => sample.wallMs);
    const cpu = (run: TickRun) => medianOf(zeroSamples(run), (sample) => sample.cpuMs);
    const logBytesPerDay = medianOf(largest.samples, (sample) => sample.logBytes) * TICKS_PER_DAY;
    notes.push(
      `- ${runLabel(largest)} against ${runLabel(smallest)}: ${largest.options.pools / smallest.options.pools}× the pools, ` +
        `${(wall(largest) / wall(smallest)).toFixed(1)}× the wall time with latency, ${(cpu(largest) / cpu(smallest)).toFixed(1)}× the CPU time. ` +
        `At one tick a minute, ${runLabel(largest)} writes ${(logBytesPerDay / MIB).toFixed(0)} MiB of log output a day.`,
    );
  }
  return notes;
}

function tickSection(runs: TickRun[]): string[] {
  const first = runs[0];
  const ticks = first ? latencySamples(first).length : 0;
  const header = `| per tick | ${runs.map(runLabel).join(' | ')} |`;
  const divider = `| --- | ${runs.map(() => '---:').join(' | ')} |`;
  const rows = tickRows(runs).map(([label, cell]) => `| ${label} | ${runs.map(cell).join(' | ')} |`);

  return [
    '## Requests and wall time per tick',
    '',
    'The production `runTick` (`src/tick.ts`) runs against the simulated cloud of `src/sim/`: the real SDK clients build every',
    'request and parse every output, and only the wire call is answered by the simulator. Logging (Powertools Logger, INFO) and',
    "embedded-metric-format metrics are on as in the deployed function; their output is counted, not printed.",
    '',
    `- Simulated round trips, milliseconds (estimates, each call uniform within ±${LATENCY_JITTER * 100} %): ${latencyLine()}.`,
    `- At most ${MAX_SOCKETS_PER_CLIENT} calls in flight per SDK client (service and region), the SDK's default \`maxSockets\`; later calls wait.`,
    '- Pools, all in us-east-1: one SQS queue each, with 30 to 90 images per minute in a one-hour wave, at a different phase',
    '  per pool. Workers take 4 s per image, one image at a time, and boot in 3 min. SLA: 95 % within 120 s; 1 to 50 workers.',
    '  "ASG" puts every pool on an Auto Scaling group. "ASG + ECS" puts every second pool on an ECS service, the services',
    '  split over two clusters.',
    `- Per fleet: 15 warm-up ticks without latency, then ${ticks} ticks with latency and ${ticks} without, alternating, one simulated`,
    '  minute apart. Request counts cover all measured ticks; a count that varied is shown as `mean (min–max)`.',
    '- A tick sends all reads at once and its writes after the decisions, so a tick that writes takes about its slowest read',
    '  plus one write round trip, and one that does not write takes about its slowest read.',
    '- "round trips ÷ wall" is the sum of the simulated round trips of a tick divided by its wall time: the calls that overlap on',
    '  average. "CPU ms" is user plus system time of the whole process, so it includes the simulator answering the calls.',
    '',
    header,
    divider,
    ...rows,
    '',
    ...scalingNotes(runs),
    '',
  ];
}

export function renderRuntimeReport(report: RuntimeReport): string {
  return [
    '# Runtime',
    '',
    'Written by `npm run bench:runtime` (`scripts/bench-runtime.ts`); do not edit by hand.',
    '',
    `- Machine: ${report.machine}.`,
    `- Date: ${report.dateIso}; the run took ${report.wallSeconds.toFixed(0)} s.`,
    `- Command: \`${report.command}\``,
    '',
    ...bundleSection(report.bundle),
    ...coldStartSection(report.coldStart),
    ...tickSection(report.ticks),
  ].join('\n');
}
