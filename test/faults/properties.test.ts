import { Logger } from '@aws-lambda-powertools/logger';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { createRespondingClientFactory } from '../../src/aws/clients.js';
import type { AwsCall } from '../../src/aws/responder.js';
import type { PoolConfig, QueueConfig, ScalerConfig } from '../../src/config/types.js';
import { runTick } from '../../src/tick.js';
import type { HistoryStore, PoolOutcome, TickResult } from '../../src/tick-types.js';
import { groupTarget, poolConfig, queueConfig, scalerConfig, serviceTarget } from '../observe/fixtures.js';
import { sdkError } from './catalogue.js';
import { FaultyCloud, type AcceptedWrite } from './cloud.js';
import { FIRST_TICK_MS, HOME_REGION, PARTNER_QUEUE } from './scenario.js';

/** Sequences (warm containers) per run, and most ticks per sequence; see the report for case counts. */
const SEQUENCES = 2_000;
const MAX_TICKS = 4;
const MINUTE_MS = 60_000;

const LOGGER = new Logger({ serviceName: 'gpu-worker-autoscaler-test', logLevel: 'SILENT' });

const QUEUES: QueueConfig[] = [queueConfig('a-jobs'), queueConfig('b-jobs'), PARTNER_QUEUE];
const RESOURCES = ['a-workers', 'gpu/b', 'c-workers'];

function propertyPool(name: string, queue: QueueConfig, target: PoolConfig['target']): PoolConfig {
  return poolConfig(name, {
    queues: [queue],
    target,
    processingTime: { dimensions: {}, statistic: 'Average', priorSeconds: 4 },
    sla: { seconds: 120, percentile: 95 },
    worker: { concurrency: 1, warmupSeconds: 60 },
    limits: { min: 0, max: 100, scaleInStabilizationSeconds: 120, maxStepUp: 20, maxStepDown: 5 },
    scaleToZero: { enabled: true, idleMinutes: 3 },
  });
}

/** Pool `a` (group, home region), `b` (ECS service) and `c` (group in eu-west-1, queue of another account). */
const CONFIG: ScalerConfig = scalerConfig([
  propertyPool('a', QUEUES[0]!, groupTarget('a-workers')),
  propertyPool('b', QUEUES[1]!, serviceTarget('gpu', 'b')),
  propertyPool('c', QUEUES[2]!, groupTarget('c-workers', 'eu-west-1')),
]);
const POOLS = CONFIG.pools.map((pool) => pool.name);

type FaultedCall = 'queue' | 'metrics' | 'describe' | 'write';

interface TickFault {
  call: FaultedCall;
  pool: number;
  code: string;
}

interface PoolState {
  visible: number;
  inFlight: number;
  delayed: number;
}

interface TickPlan {
  pools: PoolState[];
  faults: TickFault[];
  dryRun: boolean;
}

interface Fleet {
  /** Bounds of each pool's group or scalable target, and its desired count at the start. */
  bounds: Array<{ min: number; max: number; desired: number }>;
  /** `b` has no scalable target, so the configured bounds apply. */
  noScalableTarget: boolean;
  arrivalsPerMinute: number[];
}

const boundsArb = fc
  .tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 40 }), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([min, span, at]) => ({ min, max: min + span, desired: min + Math.round(span * at) }));

const fleetArb: fc.Arbitrary<Fleet> = fc.record({
  bounds: fc.tuple(boundsArb, boundsArb, boundsArb),
  noScalableTarget: fc.boolean(),
  arrivalsPerMinute: fc.tuple(fc.nat(120), fc.nat(120), fc.nat(120)),
});

const tickArb: fc.Arbitrary<TickPlan> = fc.record({
  pools: fc.tuple(...[0, 1, 2].map(() => fc.record({ visible: fc.oneof(fc.constant(0), fc.nat(600)), inFlight: fc.nat(30), delayed: fc.oneof(fc.constant(0), fc.nat(20)) }))),
  faults: fc.array(
    fc.record({
      call: fc.constantFrom<FaultedCall>('queue', 'metrics', 'describe', 'write'),
      pool: fc.nat(2),
      code: fc.constantFrom('Throttling', 'AccessDenied', 'InternalFailure', 'QueueDoesNotExist', 'ValidationError'),
    }),
    { maxLength: 3 },
  ),
  dryRun: fc.boolean(),
});

function buildCloud(fleet: Fleet): FaultyCloud {
  const cloud = new FaultyCloud();
  cloud.nowMs = FIRST_TICK_MS + MAX_TICKS * MINUTE_MS;
  const [a, b, c] = fleet.bounds;

  cloud.groups.set('a-workers', { min: a!.min, max: a!.max, desired: a!.desired, inService: a!.desired });
  cloud.services.set('gpu/b', { desired: b!.desired, running: b!.desired, ...(fleet.noScalableTarget ? {} : { bounds: { min: b!.min, max: b!.max } }) });
  cloud.groups.set('c-workers', { min: c!.min, max: c!.max, desired: c!.desired, inService: c!.desired });
  QUEUES.forEach((queue, index) => {
    const identity = { namespace: 'AWS/SQS', metricName: 'NumberOfMessagesSent', dimensions: { QueueName: queue.queueName } };
    cloud.putMetric(identity, 'Sum', 30, fleet.arrivalsPerMinute[index] ?? 0);
  });
  return cloud;
}

/** Returns the predicate of the calls a fault hits, and the pools whose reads it fails. */
function faultTarget(fault: TickFault): { command: string; matches: (call: AwsCall) => boolean; readPools: string[] } {
  const input = (call: AwsCall) => (call.input ?? {}) as Record<string, unknown>;
  const pool = POOLS[fault.pool]!;
  if (fault.call === 'queue') return { command: 'GetQueueAttributesCommand', matches: (call) => input(call).QueueUrl === QUEUES[fault.pool]!.url, readPools: [pool] };
  if (fault.call === 'metrics') {
    // Pool c's SQS series are read with its role; every pool's history lives in the home region.
    if (pool === 'c') return { command: 'GetMetricDataCommand', matches: (call) => call.roleArn !== undefined, readPools: ['c'] };
    return { command: 'GetMetricDataCommand', matches: (call) => call.region === HOME_REGION && call.roleArn === undefined, readPools: POOLS };
  }
  if (fault.call === 'describe') {
    if (pool === 'b') return { command: 'DescribeServicesCommand', matches: () => true, readPools: ['b'] };
    const region = pool === 'a' ? HOME_REGION : 'eu-west-1';
    return { command: 'DescribeAutoScalingGroupsCommand', matches: (call) => call.region === region, readPools: [pool] };
  }
  const command = pool === 'b' ? 'UpdateServiceCommand' : 'SetDesiredCapacityCommand';
  return { command, matches: (call) => JSON.stringify(call.input).includes(pool === 'b' ? '"service":"b"' : `${pool}-workers`), readPools: [] };
}

function poolOf(write: AcceptedWrite): string {
  return POOLS[RESOURCES.indexOf(write.resource)]!;
}

function desiredOf(cloud: FaultyCloud, pool: string): number {
  return pool === 'b' ? cloud.services.get('gpu/b')!.desired : cloud.groups.get(`${pool}-workers`)!.desired;
}

function boundsOf(fleet: Fleet, pool: string): { min: number; max: number } {
  const index = POOLS.indexOf(pool);
  if (pool === 'b' && fleet.noScalableTarget) return { min: 0, max: 100 };
  return fleet.bounds[index]!;
}

/** Runs one pool alone, without faults, on a copy of the cloud and of its history: what the pool decides when nothing else happens. */
async function isolatedOutcome(cloud: FaultyCloud, history: HistoryStore, pool: string, nowMs: number): Promise<PoolOutcome | undefined> {
  const config = scalerConfig(CONFIG.pools.filter((entry) => entry.name === pool));
  const copy = structuredClone(history);
  const result = await runTick(config, { clients: createRespondingClientFactory(cloud.copy()), history: copy, logger: LOGGER, homeRegion: HOME_REGION }, { nowMs, dryRun: true });
  return result.pools[0];
}

interface TickRecord {
  result: TickResult;
  before: Map<string, number>;
  writes: AcceptedWrite[];
  readFaulted: Set<string>;
  describeFaulted: Set<string>;
  writeFaulted: Set<string>;
  isolated: Map<string, PoolOutcome | undefined>;
}

async function runPlannedTick(cloud: FaultyCloud, history: HistoryStore, plan: TickPlan, nowMs: number): Promise<TickRecord> {
  cloud.nowMs = nowMs;
  QUEUES.forEach((queue, index) => cloud.queues.set(queue.url, { ...plan.pools[index]! }));
  const before = new Map(POOLS.map((pool) => [pool, desiredOf(cloud, pool)]));

  const targets = plan.faults.map((fault) => ({ fault, target: faultTarget(fault) }));
  const readFaulted = new Set(targets.flatMap(({ target }) => target.readPools));
  const describeFaulted = new Set(targets.filter(({ fault }) => fault.call === 'describe').map(({ fault }) => POOLS[fault.pool]!));
  const writeFaulted = new Set(targets.filter(({ fault }) => fault.call === 'write').map(({ fault }) => POOLS[fault.pool]!));

  const isolated = new Map<string, PoolOutcome | undefined>();
  for (const pool of POOLS.filter((name) => !readFaulted.has(name))) isolated.set(pool, await isolatedOutcome(cloud, history, pool, nowMs));

  cloud.clearFaults();
  for (const { fault, target } of targets) {
    cloud.inject({ command: target.command, matches: target.matches, error: () => sdkError(fault.code, `${fault.code} (injected)`, fault.code === 'InternalFailure' ? 500 : 400), attempts: Number.POSITIVE_INFINITY });
  }
  const writeStart = cloud.writes.length;
  const clients = createRespondingClientFactory(cloud);
  const result = await runTick(CONFIG, { clients, history, logger: LOGGER, homeRegion: HOME_REGION }, { nowMs, dryRun: plan.dryRun });
  cloud.clearFaults();

  return { result, before, writes: cloud.writes.slice(writeStart), readFaulted, describeFaulted, writeFaulted, isolated };
}

/** Checks the rules the tick owns on one tick; returns the broken ones, empty when all hold. */
function brokenRules(fleet: Fleet, plan: TickPlan, record: TickRecord): string[] {
  const broken: string[] = [];
  const outcome = (pool: string) => record.result.pools.find((entry) => entry.pool === pool)!;

  // Rule 8: a dry run writes nothing.
  if (plan.dryRun && (record.writes.length > 0 || record.result.pools.some((entry) => entry.written))) broken.push('8: dry run wrote');

  for (const write of record.writes) {
    const pool = poolOf(write);
    const { min, max } = boundsOf(fleet, pool);
    // Rule 7: a write only when the count changes. Rule 2: within bounds.
    if (write.desired === record.before.get(pool)) broken.push(`7: ${pool} rewrote ${write.desired}`);
    if (!Number.isSafeInteger(write.desired) || write.desired < min || write.desired > max) broken.push(`2: ${pool} wrote ${write.desired} outside [${min}, ${max}]`);
    // Rule 1: missing data never shrinks a pool; an unknown capacity gets no write at all.
    if (record.readFaulted.has(pool) && write.desired < record.before.get(pool)!) broken.push(`1: ${pool} shrank on missing data`);
    if (record.describeFaulted.has(pool)) broken.push(`1: ${pool} written without its capacity`);
  }

  for (const pool of POOLS) {
    const own = outcome(pool);
    // Rule 6: a pool with a failed read is reported, and a pool no fault touched is as if alone.
    if (record.readFaulted.has(pool)) {
      if (own.status !== 'failed') broken.push(`6: ${pool} read failed but reported ok`);
      continue;
    }
    const alone = record.isolated.get(pool);
    if (own.decision?.desired !== alone?.decision?.desired) broken.push(`6: ${pool} decided ${own.decision?.desired}, alone ${alone?.decision?.desired}`);
    const decision = own.decision;
    const attemptedWrite = !plan.dryRun && decision !== undefined && decision.current !== undefined && decision.desired !== decision.current;
    const expectedStatus = record.writeFaulted.has(pool) && attemptedWrite ? 'failed' : 'ok';
    if (own.status !== expectedStatus) broken.push(`6: ${pool} status ${own.status}, expected ${expectedStatus}`);
  }
  return broken;
}

let ticksChecked = 0;

describe('tick properties under faults', () => {
  it(`rules 1, 2, 6, 7 and 8 hold over ${SEQUENCES} sequences`, async () => {
    await fc.assert(
      fc.asyncProperty(fleetArb, fc.array(tickArb, { minLength: 1, maxLength: MAX_TICKS }), async (fleet, plans) => {
        const cloud = buildCloud(fleet);
        const history: HistoryStore = new Map();

        for (const [index, plan] of plans.entries()) {
          const record = await runPlannedTick(cloud, history, plan, FIRST_TICK_MS + index * MINUTE_MS);
          ticksChecked += 1;
          expect(brokenRules(fleet, plan, record)).toEqual([]);
        }
      }),
      { numRuns: SEQUENCES },
    );

    expect(ticksChecked).toBeGreaterThanOrEqual(SEQUENCES);
    console.info(`tick properties: ${ticksChecked} ticks checked in ${SEQUENCES} sequences`);
  }, 120_000);
});
