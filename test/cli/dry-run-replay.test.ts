import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';

import type { AwsCall, AwsResponder } from '../../src/aws/responder.js';
import { createRespondingClientFactory } from '../../src/aws/clients.js';
import { loadRecording } from '../../src/cli/recording.js';
import { RecordingResponder } from '../../src/cli/recording-responder.js';
import { loadConfigFile } from '../../src/config/index.js';
import { createHandler, PoolsFailedError } from '../../src/handler.js';
import type { Decision } from '../../src/policy/types.js';
import type { TickResult } from '../../src/tick-types.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const RECORDINGS_DIR = join(ROOT, 'events/recordings');

const CONTEXT = {
  functionName: 'gpu-worker-autoscaler-test',
  awsRequestId: 'test',
  getRemainingTimeInMillis: () => 50_000,
} as unknown as Context;

/** Points the handler's clients at one recorded tick at a time, as the dry run does. */
class SwitchingResponder implements AwsResponder {
  current: AwsResponder | undefined;

  respond(call: AwsCall): unknown {
    if (!this.current) throw new Error('no recorded tick is loaded');
    return this.current.respond(call);
  }
}

/** Replays a shipped recording through the dry-run handler and returns each tick's decision of the pool. */
async function replayDecisions(name: string, pool: string): Promise<Decision[]> {
  const path = join(RECORDINGS_DIR, `${name}.json`);
  const recording = loadRecording(path);
  const config = loadConfigFile(resolve(dirname(path), recording.config ?? ''));
  const switching = new SwitchingResponder();
  const handler = createHandler({
    config: () => config,
    clients: createRespondingClientFactory(switching),
    logger: new Logger({ serviceName: 'test', logLevel: 'SILENT' }),
    forceDryRun: true,
    homeRegion: config.pools[0]?.target.region ?? 'us-east-1',
  });

  const decisions: Decision[] = [];
  for (const tick of recording.ticks) {
    switching.current = new RecordingResponder(tick);
    const event = { 'detail-type': 'Scheduled Event', source: 'aws.events', time: tick.time, detail: {} };
    let result: TickResult;
    try {
      result = await handler(event as never, CONTEXT);
    } catch (error) {
      if (!(error instanceof PoolsFailedError)) throw error;
      result = error.result;
    }
    const decision = result.pools.find((outcome) => outcome.pool === pool)?.decision;
    if (decision === undefined) throw new Error(`tick ${tick.time}: no decision for pool ${pool}`);
    decisions.push(decision);
  }
  return decisions;
}

describe('dry-run replay', () => {
  it('burst from zero: orders 4 and stays at 4 while they boot', async () => {
    const decisions = await replayDecisions('burst-from-zero', 'sdxl');
    const booting = decisions.filter((decision) => decision.inputs.pending === 4 && decision.inputs.inService === 0);

    expect(decisions[0]?.desired).toBe(4);
    expect(booting.length).toBeGreaterThanOrEqual(6);
    for (const decision of booting) expect(decision.desired).toBe(4);
  });

  it('ecs pool: rolling deployment holds, then adds one', async () => {
    const decisions = await replayDecisions('ecs-pool', 'whisper');
    const rolling = decisions.filter((decision) => decision.inputs.deploymentInProgress === true);

    expect(rolling.length).toBeGreaterThan(0);
    for (const decision of rolling) expect(decision.desired).toBeGreaterThanOrEqual(decision.current ?? 0);
    // Keep-up needs 5 tasks for 0.82 files/s at 20 s. The tasks of the old revision still serve
    // during the deployment, so nothing beyond that is needed.
    for (const decision of decisions) expect(decision.desired).toBeLessThanOrEqual(5);
  });
});
