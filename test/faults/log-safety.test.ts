import { describe, expect, it } from 'vitest';

import { QUEUE_ATTRIBUTE_NAMES } from '../../src/observe/sqs.js';
import { FaultyCloud } from './cloud.js';
import { FIRST_TICK_MS, matrixCloud, matrixRun, PARTNER_QUEUE, PARTNER_ROLE } from './scenario.js';

const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN';
const SECRET_KEY = 'wJalrXUtnFEMIEXAMPLESECRETKEY';

/** Creates an access-denied error with what an SDK error can carry: the raw response and a cause. */
function deniedWithSecrets(): Error {
  return Object.assign(new Error(`User: ${PARTNER_ROLE.replace(':role/', ':assumed-role/')}/gpu-worker-autoscaler is not authorized to perform: sqs:GetQueueAttributes`), {
    name: 'AccessDenied',
    $fault: 'client',
    $metadata: { httpStatusCode: 403, requestId: 'denied-request' },
    $response: { statusCode: 403, headers: { 'x-amz-security-token': SESSION_TOKEN, authorization: `AWS4-HMAC-SHA256 Credential=${SECRET_KEY}` } },
    cause: { credentials: { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: SECRET_KEY, sessionToken: SESSION_TOKEN } },
  });
}

async function runWithDeniedPartnerQueue(): Promise<{ cloud: FaultyCloud; raw: string[] }> {
  const cloud = matrixCloud();
  cloud.inject({
    command: 'GetQueueAttributesCommand',
    matches: (call) => (call.input as { QueueUrl?: string }).QueueUrl === PARTNER_QUEUE.url,
    error: deniedWithSecrets,
    attempts: Number.POSITIVE_INFINITY,
  });
  const run = matrixRun(cloud);

  await run.invoke(FIRST_TICK_MS);
  cloud.clearFaults();
  await run.invoke(FIRST_TICK_MS + 60_000);
  return { cloud, raw: run.rawLogs };
}

describe('log lines', () => {
  it('hold no credentials or session tokens', async () => {
    const { raw } = await runWithDeniedPartnerQueue();
    const text = raw.join('\n');

    expect(raw.length).toBeGreaterThan(0);
    expect(text).not.toContain(SESSION_TOKEN);
    expect(text).not.toContain(SECRET_KEY);
    expect(text).not.toMatch(/secretAccessKey|sessionToken|x-amz-security-token|AWS4-HMAC-SHA256/i);
    // The responding clients sign with these dummy keys; they must not reach a log line either.
    expect(text).not.toContain('REPLAY');
  });

  it('report the failure with pool, code and request id', async () => {
    const { raw } = await runWithDeniedPartnerQueue();
    const failed = raw.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line.level === 'ERROR');

    expect(failed?.pool).toBe('partner');
    expect(failed?.error).toMatchObject({ stage: 'observe', code: 'AccessDenied', requestId: 'denied-request' });
  });

  it('no message body can reach them: only counts are requested', async () => {
    const { cloud } = await runWithDeniedPartnerQueue();
    const sqsCalls = cloud.calls.filter((call) => call.service === 'sqs');

    expect(new Set(sqsCalls.map((call) => call.command))).toEqual(new Set(['GetQueueAttributesCommand']));
    for (const call of sqsCalls) {
      expect((call.input as { AttributeNames?: string[] }).AttributeNames).toEqual(QUEUE_ATTRIBUTE_NAMES);
    }
  });
});
