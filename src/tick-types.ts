import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';

import type { AwsClientFactory } from './aws/clients.js';
import type { Decision, PoolHistory } from './policy/types.js';

/** The write a decision leads to, exactly as sent to AWS. */
export type WriteRequest =
  | { command: 'SetDesiredCapacity'; input: { AutoScalingGroupName: string; DesiredCapacity: number; HonorCooldown: false } }
  | { command: 'UpdateService'; input: { cluster: string; service: string; desiredCount: number } };

export interface PoolOutcome {
  pool: string;
  status: 'ok' | 'failed';
  decision?: Decision;
  /** Request sent (or, in a dry run, that would be sent); null when the count is unchanged. */
  write: WriteRequest | null;
  /** True when `write` was really sent. */
  written: boolean;
  /**
   * Cause of the failure. `code` is the AWS error name of the first failure, or the scaler's own
   * code such as `TickDeadlineExceeded`. `message` lists every failure with its resource.
   */
  error?: { stage: 'observe' | 'decide' | 'act'; code: string; message: string; requestId?: string };
}

export interface TickResult {
  nowMs: number;
  dryRun: boolean;
  pools: PoolOutcome[];
}

/** History kept in memory across warm invocations; CloudWatch read-back fills it after a cold start. */
export type HistoryStore = Map<string, PoolHistory>;

export interface TickDeps {
  clients: AwsClientFactory;
  history: HistoryStore;
  logger: Logger;
  metrics?: Metrics;
  /** Region of the scaler itself, where its own metrics live. */
  homeRegion: string;
}

export interface TickOptions {
  nowMs: number;
  dryRun: boolean;
  /**
   * Time budget of the tick, milliseconds from its start. Reads still unanswered when their
   * share ends count as failed reads, and writes still unanswered at the end as failed writes.
   * Absent: calls are bounded only by the SDK's retries and timeouts.
   */
  deadlineMs?: number;
}
