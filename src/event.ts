import type { ScheduledEvent } from 'aws-lambda';

import { ScalerError } from './errors.js';

/**
 * The two shapes EventBridge delivers: the plain scheduled event, or the constant JSON a rule's
 * `input` sets. That input may only ask for a dry run; it can never change pools or bounds.
 */
export type ScalerEvent = ScheduledEvent | { dryRun?: boolean };

export class InvalidEventError extends ScalerError {}

const SCHEDULED_EVENT_KEYS = new Set(['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail']);

export interface TickRequest {
  nowMs: number;
  dryRun: boolean;
}

/** Reads the tick time and the dry-run flag from the event; `nowMs` is the fallback clock. */
export function parseEvent(event: unknown, nowMs: number): TickRequest {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) {
    throw new InvalidEventError(`Invalid event: expected an EventBridge scheduled event or {"dryRun": true}, got ${JSON.stringify(event)}`);
  }

  const record = event as Record<string, unknown>;
  if ('detail-type' in record) return { nowMs: scheduledTime(record.time, nowMs), dryRun: false };

  const unknown = Object.keys(record).filter((key) => key !== 'dryRun' && !SCHEDULED_EVENT_KEYS.has(key));
  if (unknown.length > 0) {
    throw new InvalidEventError(`Invalid event: unknown keys ${unknown.join(', ')}; the schedule input may only set "dryRun"`);
  }
  if (record.dryRun !== undefined && typeof record.dryRun !== 'boolean') {
    throw new InvalidEventError(`Invalid event: dryRun = ${JSON.stringify(record.dryRun)} must be true or false`);
  }

  return { nowMs, dryRun: record.dryRun === true };
}

/** EventBridge's `time` is the scheduled minute; a replayed event carries the recorded time. */
function scheduledTime(time: unknown, fallbackMs: number): number {
  const parsed = typeof time === 'string' ? Date.parse(time) : Number.NaN;
  return Number.isFinite(parsed) ? parsed : fallbackMs;
}

/** True when `AUTOSCALER_DRY_RUN` is `true` or `1`. */
export function dryRunFromEnv(env: NodeJS.ProcessEnv): boolean {
  const value = env.AUTOSCALER_DRY_RUN?.trim().toLowerCase();
  return value === 'true' || value === '1';
}
