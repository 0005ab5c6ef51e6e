import type { PoolOutcome, TickResult } from '../tick-types.js';

/** One JSON line per tick and pool: the shape `--json` prints. */
export interface DryRunLine {
  tick: string;
  pool: string;
  status: PoolOutcome['status'];
  current: number | null;
  desired: number | null;
  reasons: string[];
  write: PoolOutcome['write'];
  /** AWS requests of the tick, or null for a live read, whose requests are not counted. */
  requests: number | null;
  decision: PoolOutcome['decision'] | null;
  error: PoolOutcome['error'] | null;
}

export function toJsonLines(result: TickResult, requests: number | undefined): DryRunLine[] {
  return result.pools.map((outcome) => ({
    tick: new Date(result.nowMs).toISOString(),
    pool: outcome.pool,
    status: outcome.status,
    current: outcome.decision?.current ?? null,
    desired: outcome.decision?.desired ?? null,
    reasons: outcome.decision?.reasons.map((reason) => reason.code) ?? [],
    write: outcome.write,
    requests: requests ?? null,
    decision: outcome.decision ?? null,
    error: outcome.error ?? null,
  }));
}

const COLUMNS = ['pool', 'V/F/D', 'arrivals/s', 's/image', 'up/pending', 'keep-up', 'drain', 'raw', 'current', 'desired', 'action'] as const;

function count(value: number | undefined): string {
  return value === undefined ? '?' : String(value);
}

function number(value: number | undefined, digits: number): string {
  return value === undefined ? '?' : value.toFixed(digits);
}

function row(outcome: PoolOutcome): string[] {
  const decision = outcome.decision;
  if (!decision) return [outcome.pool, '', '', '', '', '', '', '', '', '', `failed: ${outcome.error?.code ?? 'unknown'}`];

  const inputs = decision.inputs;
  const action = outcome.write ? `would set ${decision.current} -> ${decision.desired}` : 'no change';
  return [
    outcome.pool,
    `${count(inputs.visible)}/${count(inputs.inFlight)}/${count(inputs.delayed)}`,
    number(inputs.arrivalRatePerSecond, 2),
    number(inputs.processingSeconds, 1),
    `${count(inputs.inService)}/${count(inputs.pending)}`,
    number(decision.terms.keepUp, 2),
    number(decision.terms.drain, 2),
    String(decision.raw),
    count(decision.current),
    String(decision.desired),
    outcome.status === 'failed' ? `${action} (read failed)` : action,
  ];
}

function alignRows(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((cells) => cells[column]!.length)));
  return rows.map((cells) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd());
}

/** Renders one tick as a table followed by each pool's reasons in plain sentences. */
export function formatTick(result: TickResult, requests: number | undefined, note?: string): string {
  const remarks = [requests === undefined ? undefined : `${requests} AWS requests`, note].filter((remark) => remark);
  const header = `Tick ${new Date(result.nowMs).toISOString()}${remarks.length > 0 ? `  (${remarks.join('; ')})` : ''}`;
  const table = alignRows([[...COLUMNS], ...result.pools.map(row)]);

  const explanations = result.pools.flatMap((outcome) => {
    const lines = (outcome.decision?.reasons ?? []).map((reason) => `    ${reason.code}: ${reason.message}`);
    if (outcome.error) lines.push(`    Error (${outcome.error.stage}) ${outcome.error.code}: ${outcome.error.message}`);
    return lines.length > 0 ? [`  ${outcome.pool}:`, ...lines] : [];
  });

  return [header, ...table.map((line) => `  ${line}`), ...explanations, ''].join('\n');
}
