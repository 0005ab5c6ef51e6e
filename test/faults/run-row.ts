import { DEFAULT_CLIENT_SETTINGS } from '../../src/aws/clients.js';
import { PoolsFailedError } from '../../src/handler.js';
import type { PoolOutcome } from '../../src/tick-types.js';
import { isRetryable } from './catalogue.js';
import { expectedCode, injectFault, type FaultRow } from './rows.js';
import { FIRST_TICK_MS, matrixCloud, matrixRun, POOL_BOUNDS, POOL_NAMES, poolOfWrite, type Invocation } from './scenario.js';

/** The checks of every row, in the order `runFaultRow` returns them, with the condition each one holds on. */
export const RULES: Array<[string, string]> = [
  ['no crash', 'both ticks return, or end in `PoolsFailedError` after every pool was processed'],
  ['R6 failure reported', 'exactly the pools the fault hits are failed, and the invocation ends in error (a fault the retries absorb fails nothing)'],
  ['R6 others unaffected', 'every other pool ends the tick at the count it gets without the fault'],
  ['logged with code and pool', 'one ERROR line per failed pool, with the pool and the AWS error code'],
  ['PoolErrors counted', 'the `PoolErrors` metric is 1 for each failed pool and 0 for the others'],
  ['R1 no shrink', 'no pool hit by the fault gets a lower count'],
  ['R2 in bounds', 'every write lies within the group\'s or the scalable target\'s bounds'],
  ['no guessed write', 'no write for a pool whose capacity was not read, and no write above the fault-free count'],
  ['R7 write only on change', 'every write changes the count'],
  ['retries bounded', `a retryable error is tried ${DEFAULT_CLIENT_SETTINGS.maxAttempts} times, any other once`],
  ['recovers next tick', 'the next tick, without the fault, succeeds and leaves every pool at its fault-free count'],
];

/** One safety rule checked on one row. */
export interface RuleCheck {
  rule: string;
  held: boolean;
  detail: string;
}

export interface RowResult {
  row: FaultRow;
  checks: RuleCheck[];
  passed: boolean;
  /** Attempts the injected fault failed on the fault tick; 0 for a state fault. */
  attempts: number;
  /** What the scaler did on the fault tick. */
  behaviour: string;
  /** What the next tick wrote. */
  recovery: string;
  durationMs: number;
}

/** Desired counts after a fault-free first tick: the right count of every pool. */
interface Reference {
  after: Map<string, number | undefined>;
}

let reference: Promise<Reference> | undefined;

/** Runs the scenario once without faults; every pool must grow, so every write path is used. */
async function referenceRun(): Promise<Reference> {
  const cloud = matrixCloud();
  const run = matrixRun(cloud);
  const first = await run.invoke(FIRST_TICK_MS);
  const unwritten = POOL_NAMES.filter((pool) => !first.writes.some((write) => poolOfWrite(write) === pool));
  if (first.error !== undefined || unwritten.length > 0) {
    throw new Error(`the fault-free scenario must write every pool; error ${String(first.error)}, unwritten ${unwritten.join(', ')}`);
  }
  const second = await run.invoke(FIRST_TICK_MS + 60_000);
  if (second.error !== undefined || second.writes.length > 0) {
    throw new Error(`the fault-free scenario must settle after one tick; error ${String(second.error)}, ${second.writes.length} writes on the second tick`);
  }
  return { after: first.after };
}

const check = (rule: string, held: boolean, detail: string): RuleCheck => ({ rule, held, detail });

function outcomeOf(invocation: Invocation, pool: string): PoolOutcome | undefined {
  return invocation.result?.pools.find((outcome) => outcome.pool === pool);
}

function boundsFor(row: FaultRow, pool: string): { min: number; max: number } {
  // Without a scalable target the configured bounds apply.
  if (row.fault.id === 'scalable-target-missing' && pool === 'upscale') return { min: 0, max: 50 };
  return POOL_BOUNDS[pool]!;
}

function failureChecks(row: FaultRow, first: Invocation, ref: Reference): RuleCheck[] {
  const hit = new Set(row.call.pools);
  const fails = row.fault.outcome === 'fails';
  const failed = (first.result?.pools ?? []).filter((outcome) => outcome.status === 'failed').map((outcome) => outcome.pool).sort();
  const expectedFailed = fails ? [...hit].sort() : [];
  const others = POOL_NAMES.filter((pool) => !hit.has(pool));
  const changedOthers = others.filter((pool) => first.after.get(pool) !== ref.after.get(pool) || outcomeOf(first, pool)?.status !== 'ok');

  const reported = fails ? first.error instanceof PoolsFailedError : first.error === undefined;
  const code = expectedCode(row);
  const errorLines = first.logs.filter((line) => line.level === 'ERROR');
  const logged = fails
    ? [...hit].every((pool) => errorLines.some((line) => line.pool === pool && (line.error as { code?: string } | undefined)?.code === code))
    : errorLines.length === 0;
  const countedPools = new Map(first.metrics.map((record) => [record.Pool, record.PoolErrors]));
  const counted = POOL_NAMES.every((pool) => countedPools.get(pool) === (expectedFailed.includes(pool) ? 1 : 0));

  return [
    check('R6 failure reported', reported && failed.join() === expectedFailed.join(), `failed pools [${failed.join(', ')}], invocation ${first.error ? (first.error as Error).name : 'succeeded'}`),
    check('R6 others unaffected', changedOthers.length === 0, changedOthers.length ? `changed: ${changedOthers.join(', ')}` : `${others.join(', ') || 'none'} as without the fault`),
    check('logged with code and pool', logged, fails ? `ERROR line per failed pool with code ${code}` : 'no ERROR line'),
    check('PoolErrors counted', counted, `PoolErrors ${POOL_NAMES.map((pool) => `${pool}=${String(countedPools.get(pool))}`).join(' ')}`),
  ];
}

function writeChecks(row: FaultRow, first: Invocation, second: Invocation, ref: Reference): RuleCheck[] {
  const hit = new Set(row.call.pools);
  const hitWrites = first.writes.filter((write) => hit.has(poolOfWrite(write)));
  const shrunk = hitWrites.filter((write) => write.desired < (first.before.get(poolOfWrite(write)) ?? 0));
  const allWrites = [...first.writes, ...second.writes];
  const outside = allWrites.filter((write) => {
    const { min, max } = boundsFor(row, poolOfWrite(write));
    return !Number.isSafeInteger(write.desired) || write.desired < min || write.desired > max;
  });

  // A pool whose capacity could not be read has no decision; any write for it would be a guess.
  const blind = [...hit].filter((pool) => outcomeOf(first, pool)?.decision === undefined);
  const guessed = hitWrites.filter((write) => blind.includes(poolOfWrite(write)) || write.desired > (ref.after.get(poolOfWrite(write)) ?? 0));
  const unchanged = [first, second].flatMap((tick) => tick.writes.filter((write) => write.desired === tick.before.get(poolOfWrite(write))));

  return [
    check('R1 no shrink', shrunk.length === 0, shrunk.length ? `shrank ${shrunk.map((write) => write.resource).join(', ')}` : 'no lower count written'),
    check('R2 in bounds', outside.length === 0, outside.length ? `out of bounds: ${outside.map((write) => `${write.resource}=${write.desired}`).join(', ')}` : `${allWrites.length} writes within bounds`),
    check('no guessed write', guessed.length === 0, blind.length ? `no write for ${blind.join(', ')} (capacity unknown)` : 'writes only from read values'),
    check('R7 write only on change', unchanged.length === 0, unchanged.length ? `unchanged writes: ${unchanged.length}` : 'every write changed the count'),
  ];
}

function recoveryCheck(second: Invocation, ref: Reference): RuleCheck {
  const wrong = POOL_NAMES.filter((pool) => second.after.get(pool) !== ref.after.get(pool));
  const held = second.error === undefined && wrong.length === 0;
  return check('recovers next tick', held, held ? 'every pool at its fault-free count' : `error ${String(second.error)}, wrong: ${wrong.join(', ')}`);
}

function attemptCheck(row: FaultRow, attempts: number): RuleCheck {
  const how = row.fault.how;
  if (how.kind === 'state') return check('retries bounded', true, 'no error to retry');

  const made = how.make(row.call.service);
  const max = DEFAULT_CLIENT_SETTINGS.maxAttempts;
  const expected = Number.isFinite(how.attempts) ? how.attempts : made !== 'noAnswer' && isRetryable(made) ? max : 1;
  return check('retries bounded', attempts === expected && attempts <= max, `${attempts} failed attempt(s), expected ${expected}, at most ${max}`);
}

function describeBehaviour(row: FaultRow, first: Invocation): string {
  const parts = row.call.pools.map((pool) => {
    const outcome = outcomeOf(first, pool);
    const before = first.before.get(pool);
    const after = first.after.get(pool);
    const change = before === after ? `held at ${after ?? '(resource absent)'}` : `${String(before)} -> ${String(after)}`;
    if (!outcome?.decision) return `${pool}: no decision, ${change}`;
    if (outcome.error?.stage === 'act') return `${pool}: decided ${outcome.decision.desired}, write failed, ${change}`;
    return `${pool}: decided ${outcome.decision.desired}, ${change}`;
  });
  const invocation = first.error instanceof PoolsFailedError ? 'invocation failed' : first.error ? `invocation crashed (${String(first.error)})` : 'invocation succeeded';
  return `${parts.join('; ')}; ${invocation}`;
}

function describeRecovery(second: Invocation): string {
  if (second.writes.length === 0) return 'no write needed';
  return second.writes.map((write) => `${poolOfWrite(write)} ${String(second.before.get(poolOfWrite(write)))} -> ${write.desired}`).join(', ');
}

/** Runs one row: a tick with the fault, then a tick without it, through the real handler. */
export async function runFaultRow(row: FaultRow): Promise<RowResult> {
  const startMs = performance.now();
  reference ??= referenceRun();
  const ref = await reference;

  const cloud = matrixCloud();
  const run = matrixRun(cloud);
  const restore = injectFault(cloud, row);
  const fault = cloud.faults[0];
  const first = await run.invoke(FIRST_TICK_MS);
  const attempts = fault ? cloud.hitsOf(fault) : 0;
  restore();
  const second = await run.invoke(FIRST_TICK_MS + 60_000);

  const crashed = [first, second].filter((tick) => tick.error !== undefined && !(tick.error instanceof PoolsFailedError));
  const checks = [
    check('no crash', crashed.length === 0, crashed.length ? String(crashed[0]?.error) : 'both ticks returned or raised PoolsFailedError'),
    ...failureChecks(row, first, ref),
    ...writeChecks(row, first, second, ref),
    attemptCheck(row, attempts),
    recoveryCheck(second, ref),
  ];

  return {
    row,
    checks,
    passed: checks.every((item) => item.held),
    attempts,
    behaviour: describeBehaviour(row, first),
    recovery: describeRecovery(second),
    durationMs: performance.now() - startMs,
  };
}
