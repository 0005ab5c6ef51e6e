/**
 * Runs the production tick (`runTick`) against the simulated cloud, wrapped in the latency
 * responder, and measures each tick: wall time, CPU time, requests by command and log output.
 */
import { Logger } from '@aws-lambda-powertools/logger';

import { createRespondingClientFactory } from '../../src/aws/clients.js';
import { createPoolMetrics, SERVICE_NAME } from '../../src/handler.js';
import { Simulation } from '../../src/sim/engine.js';
import { createRandom } from '../../src/sim/random.js';
import { runTick } from '../../src/tick.js';
import type { HistoryStore, TickResult } from '../../src/tick-types.js';
import { LatencyResponder } from './latency-responder.js';
import { buildBenchConfig, buildSimSettings, buildSimSpecs, REGION, type TargetMix } from './workload.js';

export interface TickSample {
  latencyOn: boolean;
  wallMs: number;
  /** User plus system CPU time of this process during the tick, milliseconds. It includes the simulated cloud's own work. */
  cpuMs: number;
  requests: Record<string, number>;
  /** Sum of the simulated round trips of every call, milliseconds. */
  latencySumMs: number;
  /** Maximum number of calls in flight at the same time. */
  maxInFlight: number;
  /** Bytes the tick wrote to stdout and stderr: the decision log lines and the embedded-metric-format records. */
  logBytes: number;
  failedPools: number;
}

export interface TickRunOptions {
  pools: number;
  mix: TargetMix;
  /** Measured ticks with latency, and as many without, alternating. */
  ticksPerMode: number;
  /** Ticks run before measuring, with latency off, so history, CloudWatch series and the JIT warm up. */
  warmupTicks: number;
  seed: number;
}

export interface TickRun {
  options: TickRunOptions;
  samples: TickSample[];
  /** Wall time of the run's first tick, which creates the SDK clients, milliseconds (latency off). */
  firstTickMs: number;
  /** First failed pool outcome, if any, as `pool: code message`. */
  firstFailure: string | undefined;
}

/**
 * Replaces the write methods of stdout and stderr with byte counters, so the log lines of a
 * 200-pool tick cost their serialization but not a terminal. Returns a function that restores
 * them and returns the bytes counted.
 */
function countOutput(): () => number {
  let bytes = 0;
  const streams = [process.stdout, process.stderr];
  const originals = streams.map((stream) => stream.write);

  for (const stream of streams) {
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      const callback = rest.find((argument): argument is () => void => typeof argument === 'function');
      callback?.();
      return true;
    }) as typeof stream.write;
  }

  return () => {
    streams.forEach((stream, index) => {
      stream.write = originals[index]!;
    });
    return bytes;
  };
}

function failureOf(result: TickResult): string | undefined {
  const failed = result.pools.find((outcome) => outcome.status === 'failed');
  return failed === undefined ? undefined : `${failed.pool}: ${failed.error?.code} ${failed.error?.message}`;
}

/** Runs one tick and measures its wall time, CPU time and output bytes. */
async function measureTick(tick: () => Promise<TickResult>): Promise<{ result: TickResult; wallMs: number; cpuMs: number; logBytes: number }> {
  const restoreOutput = countOutput();
  const cpuStart = process.cpuUsage();
  const started = performance.now();

  let result: TickResult;
  let logBytes: number;
  try {
    result = await tick();
  } finally {
    logBytes = restoreOutput();
  }

  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuStart);
  return { result, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, logBytes };
}

/** Simulates warm-up plus measured ticks of one fleet and returns a sample per measured tick. */
export async function runTickBenchmark(options: TickRunOptions): Promise<TickRun> {
  const config = buildBenchConfig(options.pools, options.mix);
  // One extra minute: the simulator calls the scaler at every minute before the trace ends.
  const minutes = options.warmupTicks + 2 * options.ticksPerMode + 1;
  const sim = new Simulation(buildSimSpecs(config, minutes), buildSimSettings(options.seed));

  const responder = new LatencyResponder(sim.cloud, createRandom(options.seed));
  const clients = createRespondingClientFactory(responder);
  const logger = new Logger({ serviceName: SERVICE_NAME, logLevel: 'INFO' });
  const deps = { clients, history: new Map() as HistoryStore, logger, metrics: createPoolMetrics(config.metricsNamespace), homeRegion: REGION };

  const run: TickRun = { options, samples: [], firstTickMs: Number.NaN, firstFailure: undefined };
  let tick = 0;

  await sim.run(async (nowMs) => {
    const measured = tick >= options.warmupTicks;
    const latencyOn = measured && (tick - options.warmupTicks) % 2 === 0;
    responder.latencyOn = latencyOn;
    responder.takeTally();

    const { result, wallMs, cpuMs, logBytes } = await measureTick(() => runTick(config, deps, { nowMs, dryRun: false }));

    if (tick === 0) run.firstTickMs = wallMs;
    run.firstFailure ??= failureOf(result);
    if (measured) {
      const { requests, latencySumMs, maxInFlight } = responder.takeTally();
      const failedPools = result.pools.filter((outcome) => outcome.status === 'failed').length;
      run.samples.push({ latencyOn, wallMs, cpuMs, requests, latencySumMs, maxInFlight, logBytes, failedPools });
    }
    tick += 1;
  }, 'sla');

  return run;
}
