import { describe, expect, it } from 'vitest';

import { dryRunFromEnv, InvalidEventError, parseEvent } from '../src/event.js';

const NOW_MS = Date.parse('2026-12-04T10:00:30Z');

const SCHEDULED_EVENT = {
  version: '0',
  id: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa',
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '123456789012',
  time: '2026-12-04T10:00:00Z',
  region: 'us-east-1',
  resources: ['arn:aws:events:us-east-1:123456789012:rule/gpu-worker-autoscaler'],
  detail: {},
};

describe('parseEvent', () => {
  it('uses the scheduled time of an EventBridge event', () => {
    const request = parseEvent(SCHEDULED_EVENT, NOW_MS);

    expect(request.nowMs).toBe(Date.parse('2026-12-04T10:00:00Z'));
    expect(request.dryRun).toBe(false);
  });

  it('falls back to the clock when time is invalid', () => {
    expect(parseEvent({ ...SCHEDULED_EVENT, time: 'yesterday' }, NOW_MS).nowMs).toBe(NOW_MS);
  });

  it.each([
    ['dry run input', { dryRun: true }, true],
    ['explicit live input', { dryRun: false }, false],
    ['empty input', {}, false],
  ])('accepts %s', (_name, event, dryRun) => {
    const request = parseEvent(event, NOW_MS);

    expect(request.dryRun).toBe(dryRun);
    expect(request.nowMs).toBe(NOW_MS);
  });

  it.each([
    ['pools override', { dryRun: false, pools: [] }, /unknown keys pools/],
    ['bounds override', { max: 100 }, /may only set "dryRun"/],
    ['string flag', { dryRun: 'yes' }, /dryRun = "yes" must be true or false/],
    ['array', [1], /expected an EventBridge scheduled event/],
    ['null', null, /expected an EventBridge scheduled event/],
  ])('rejects %s', (_name, event, message) => {
    expect(() => parseEvent(event, NOW_MS)).toThrow(InvalidEventError);
    expect(() => parseEvent(event, NOW_MS)).toThrow(message);
  });
});

describe('dryRunFromEnv', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['false', false],
    ['0', false],
    [undefined, false],
  ])('reads %s', (value, expected) => {
    expect(dryRunFromEnv(value === undefined ? {} : { AUTOSCALER_DRY_RUN: value })).toBe(expected);
  });
});
