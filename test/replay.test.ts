import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';

import { loadReplay, replayTickIndex } from '../src/replay.js';

const RECORDING = 'events/recordings/burst-from-zero.json';
const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/sdxl-jobs';

describe('loadReplay', () => {
  it('answers from the chosen tick', async () => {
    const replay = loadReplay(RECORDING, 0);

    const output = await replay.clients.sqs('us-east-1').send(new GetQueueAttributesCommand({ QueueUrl: QUEUE_URL, AttributeNames: ['ApproximateNumberOfMessages'] }));

    expect(output.Attributes?.ApproximateNumberOfMessages).toBe('240');
    expect(new Date(replay.clock()).toISOString()).toBe('2025-03-11T08:00:20.000Z');
  });

  it('rejects a tick beyond the recording', () => {
    expect(() => loadReplay(RECORDING, 99)).toThrow(/AUTOSCALER_RECORDING_TICK = 99 is invalid: .* has ticks 0 to 11/);
  });

  it('names a missing recording', () => {
    expect(() => loadReplay('events/recordings/missing.json')).toThrow(/missing\.json/);
  });
});

describe('replayTickIndex', () => {
  it.each([
    [undefined, 0],
    ['', 0],
    ['3', 3],
  ])('reads %s as %i', (value, expected) => {
    expect(replayTickIndex(value === undefined ? {} : { AUTOSCALER_RECORDING_TICK: value })).toBe(expected);
  });

  it.each(['-1', '1.5', 'first'])('rejects %s', (value) => {
    expect(() => replayTickIndex({ AUTOSCALER_RECORDING_TICK: value })).toThrow(/expected a whole number >= 0/);
  });
});
