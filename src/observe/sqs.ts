import { GetQueueAttributesCommand, QueueAttributeName } from '@aws-sdk/client-sqs';

import type { AwsClientFactory } from '../aws/clients.js';
import { sendBeforeDeadline } from '../aws/deadline.js';
import type { QueueConfig } from '../config/types.js';
import { failedReadFrom, type FailedRead } from './read-result.js';

/** Message counts of one queue. A field is undefined when SQS returned no valid count for it. */
export interface QueueCounts {
  ok: true;
  /** `ApproximateNumberOfMessages`: visible backlog. */
  visible: number | undefined;
  /** `ApproximateNumberOfMessagesNotVisible`: received but not yet deleted. */
  inFlight: number | undefined;
  /** `ApproximateNumberOfMessagesDelayed`. */
  delayed: number | undefined;
}

export type QueueRead = QueueCounts | FailedRead;

/** The three counts a tick needs, and nothing else, so the request stays small. */
export const QUEUE_ATTRIBUTE_NAMES = [
  QueueAttributeName.ApproximateNumberOfMessages,
  QueueAttributeName.ApproximateNumberOfMessagesNotVisible,
  QueueAttributeName.ApproximateNumberOfMessagesDelayed,
];

const DECIMAL_DIGITS = /^[0-9]+$/;

/** Parses one attribute value. Anything but a plain non-negative integer is unknown, never 0. */
function parseCount(value: string | undefined): number | undefined {
  if (value === undefined || !DECIMAL_DIGITS.test(value)) return undefined;

  const count = Number(value);
  return Number.isSafeInteger(count) ? count : undefined;
}

/** Parses the `Attributes` map of a `GetQueueAttributes` response into counts. */
export function parseQueueAttributes(attributes: Record<string, string> | undefined): QueueCounts {
  return {
    ok: true,
    visible: parseCount(attributes?.[QueueAttributeName.ApproximateNumberOfMessages]),
    inFlight: parseCount(attributes?.[QueueAttributeName.ApproximateNumberOfMessagesNotVisible]),
    delayed: parseCount(attributes?.[QueueAttributeName.ApproximateNumberOfMessagesDelayed]),
  };
}

async function readQueue(clients: AwsClientFactory, queue: QueueConfig, signal: AbortSignal | undefined): Promise<QueueRead> {
  try {
    const client = clients.sqs(queue.region, queue.roleArn);
    const command = new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: QUEUE_ATTRIBUTE_NAMES });
    const output = await sendBeforeDeadline((options) => client.send(command, options), signal);
    return parseQueueAttributes(output.Attributes);
  } catch (error) {
    return failedReadFrom(error);
  }
}

/**
 * Sends one `GetQueueAttributes` per distinct queue URL, all in parallel, and returns the counts
 * keyed by URL. A queue with a `roleArn` is read with that role's credentials. A failed call, or
 * one still unanswered when `signal` aborts, becomes a `FailedRead` carrying the error code, so
 * this function never rejects.
 */
export async function readQueues(
  clients: AwsClientFactory,
  queues: QueueConfig[],
  signal?: AbortSignal,
): Promise<Map<string, QueueRead>> {
  const distinct = new Map<string, QueueConfig>();
  for (const queue of queues) {
    if (!distinct.has(queue.url)) distinct.set(queue.url, queue);
  }

  const entries = await Promise.all(
    [...distinct.values()].map(async (queue) => [queue.url, await readQueue(clients, queue, signal)] as const),
  );
  return new Map(entries);
}
