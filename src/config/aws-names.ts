/**
 * Formats of the AWS names and identifiers a pool configuration holds, and the parser that
 * derives region, account and queue name from an SQS queue URL.
 */

/** AWS region code such as `us-east-1`, `us-gov-west-1` or `cn-north-1`. */
export const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** IAM role ARN in any partition, with an optional path: `arn:aws:iam::123456789012:role/ops/reader`. */
export const ROLE_ARN_PATTERN = /^arn:aws[-a-z]*:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;

const ECS_NAME = '[A-Za-z0-9_-]{1,255}';
const ECS_ARN_PREFIX = 'arn:aws[-a-z]*:ecs:[a-z]{2}(?:-[a-z]+)+-\\d+:\\d{12}';

/** ECS cluster name (letters, digits, `_`, `-`, up to 255) or cluster ARN. */
export const ECS_CLUSTER_PATTERN = new RegExp(`^(?:${ECS_NAME}|${ECS_ARN_PREFIX}:cluster/${ECS_NAME})$`);

/** ECS service name or service ARN, in the old (`service/NAME`) or new (`service/CLUSTER/NAME`) form. */
export const ECS_SERVICE_PATTERN = new RegExp(
  `^(?:${ECS_NAME}|${ECS_ARN_PREFIX}:service/(?:${ECS_NAME}/)?${ECS_NAME})$`,
);

export const QUEUE_URL_EXAMPLE = 'https://sqs.us-east-1.amazonaws.com/123456789012/my-queue';

export interface QueueUrlParts {
  region: string;
  accountId: string;
  queueName: string;
}

export type QueueUrlResult = ({ ok: true } & QueueUrlParts) | { ok: false; problem: string };

const URL_SHAPE = /^https:\/\/([^/]+)\/([^/]*)\/([^/]*)$/;

/** Hosts of the current endpoints (`sqs.REGION.amazonaws.com`, `.com.cn` in China) and the legacy one. */
const QUEUE_HOSTS = [/^sqs\.([^.]+)\.amazonaws\.com(?:\.cn)?$/, /^([^.]+)\.queue\.amazonaws\.com$/];

/**
 * Queue names: up to 80 characters including the `.fifo` suffix of a FIFO queue, made of
 * letters, digits, `-` and `_` (SQS CreateQueue API reference, `QueueName`).
 */
const QUEUE_NAME = /^(?:[A-Za-z0-9_-]{1,80}|[A-Za-z0-9_-]{1,75}\.fifo)$/;

/** Parses an SQS queue URL, or returns the first problem found in it. */
export function parseQueueUrl(url: string): QueueUrlResult {
  const shape = URL_SHAPE.exec(url);
  if (shape === null) {
    return { ok: false, problem: `must have the form ${QUEUE_URL_EXAMPLE}` };
  }
  const [, host = '', accountId = '', queueName = ''] = shape;

  const region = QUEUE_HOSTS.map((pattern) => pattern.exec(host)?.[1]).find((match) => match !== undefined);
  if (region === undefined) {
    return {
      ok: false,
      problem: `host "${host}" is not an SQS endpoint (sqs.REGION.amazonaws.com, sqs.REGION.amazonaws.com.cn or REGION.queue.amazonaws.com)`,
    };
  }
  if (!REGION_PATTERN.test(region)) {
    return { ok: false, problem: `"${region}" in the host is not a region code such as us-east-1` };
  }

  if (!/^\d{12}$/.test(accountId)) {
    return { ok: false, problem: `account ID "${accountId}" must be 12 digits` };
  }
  if (!QUEUE_NAME.test(queueName)) {
    return {
      ok: false,
      problem: `queue name "${queueName}" must be 1 to 80 letters, digits, "-" or "_", and a FIFO queue name ends in ".fifo", which counts toward the 80`,
    };
  }
  return { ok: true, region, accountId, queueName };
}
