import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

import { createRandom, stochasticRound, type Random } from './random.js';

/** Arrival counts per interval, as read from a trace CSV. */
export interface Trace {
  name: string;
  /** 60 for `minute,arrivals` files, 1 for `second,arrivals` files. */
  intervalSeconds: number;
  arrivals: number[];
}

/** Placement of arrivals inside one interval. */
export type ArrivalSpread = 'poisson' | 'even';

export class TraceError extends Error {
  override readonly name = 'TraceError';
}

const HEADERS: Record<string, number> = { 'minute,arrivals': 60, 'second,arrivals': 1 };

/**
 * Parses a trace CSV: header `minute,arrivals` or `second,arrivals`, then one row per interval
 * with consecutive 0-based indexes and non-negative counts. Throws `TraceError` naming the line.
 */
export function parseTrace(text: string, name: string): Trace {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = (lines[0] ?? '').trim().toLowerCase();
  const intervalSeconds = HEADERS[header];
  if (intervalSeconds === undefined) {
    throw new TraceError(`${name}: invalid header "${lines[0] ?? ''}"; expected "minute,arrivals" or "second,arrivals"`);
  }

  const arrivals: number[] = [];
  for (let index = 1; index < lines.length; index += 1) {
    const [offsetText, countText, extra] = (lines[index] ?? '').split(',');
    const offset = Number(offsetText);
    const count = Number(countText);

    if (extra !== undefined || offset !== index - 1 || !Number.isFinite(count) || count < 0) {
      throw new TraceError(
        `${name}: invalid row at line ${index + 1} ("${lines[index]}"); expected "${index - 1},<count >= 0>"`,
      );
    }
    arrivals.push(count);
  }

  if (arrivals.length === 0) throw new TraceError(`${name}: the trace has no rows`);
  return { name, intervalSeconds, arrivals };
}

/** Reads and parses a trace file. */
export function loadTrace(path: string): Trace {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new TraceError(`cannot read trace file ${path}: ${(error as Error).message}`);
  }
  return parseTrace(text, basename(path));
}

/** Keeps `count` intervals starting at interval `from`. */
export function sliceTrace(trace: Trace, from: number, count: number): Trace {
  const arrivals = trace.arrivals.slice(from, from + count);
  if (arrivals.length === 0) {
    throw new TraceError(`${trace.name}: the slice from ${from} is empty; the trace has ${trace.arrivals.length} rows`);
  }
  return { ...trace, name: `${trace.name}[${from}+${arrivals.length}]`, arrivals };
}

/** Trace length in seconds. */
export function traceSeconds(trace: Trace): number {
  return trace.arrivals.length * trace.intervalSeconds;
}

/** Highest arrival rate of any whole minute, images per second, after scaling. */
export function peakRatePerSecond(trace: Trace, scale: number): number {
  const perMinute = Math.max(1, Math.round(60 / trace.intervalSeconds));
  let peak = 0;

  for (let start = 0; start < trace.arrivals.length; start += perMinute) {
    let sum = 0;
    for (let i = start; i < Math.min(start + perMinute, trace.arrivals.length); i += 1) sum += trace.arrivals[i]!;
    peak = Math.max(peak, sum);
  }
  return (peak * scale) / 60;
}

/**
 * Yields arrival offsets in seconds from the trace start, in increasing order. Each interval's
 * count is multiplied by `scale` and rounded at random to a whole number with the same mean.
 * `poisson` places those arrivals uniformly at random inside the interval, which is a Poisson
 * process conditioned on the count; `even` spaces them evenly (for hand-computable tests).
 */
export function* arrivalOffsets(trace: Trace, scale: number, seed: number, spread: ArrivalSpread): Generator<number> {
  const random: Random = createRandom(seed);

  for (let index = 0; index < trace.arrivals.length; index += 1) {
    const count = stochasticRound(random, trace.arrivals[index]! * scale);
    const start = index * trace.intervalSeconds;

    const offsets = new Float64Array(count);
    for (let j = 0; j < count; j += 1) {
      offsets[j] = spread === 'even' ? ((j + 0.5) / count) * trace.intervalSeconds : random() * trace.intervalSeconds;
    }
    if (spread === 'poisson') offsets.sort();

    for (const offset of offsets) yield start + offset;
  }
}
