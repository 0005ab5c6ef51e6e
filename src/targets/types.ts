import type { AwsClientFactory } from '../aws/clients.js';
import type { TargetConfig } from '../config/types.js';
import type { FailedRead } from '../observe/read-result.js';
import type { CapacityObservation } from '../policy/types.js';
import type { WriteRequest } from '../tick-types.js';

/** Capacity of one target, or why it could not be read. */
export type CapacityRead = CapacityObservation | FailedRead;

export type AutoScalingGroupTarget = Extract<TargetConfig, { kind: 'autoScalingGroup' }>;
export type EcsServiceTarget = Extract<TargetConfig, { kind: 'ecsService' }>;

export type SetDesiredCapacityRequest = Extract<WriteRequest, { command: 'SetDesiredCapacity' }>;
export type UpdateServiceRequest = Extract<WriteRequest, { command: 'UpdateService' }>;

/** Error code of an Auto Scaling group that `DescribeAutoScalingGroups` did not return. */
export const GROUP_NOT_FOUND = 'AutoScalingGroupNotFound';
/** Error code of an ECS service that is missing or no longer active: the ECS SDK's exception name. */
export const SERVICE_NOT_FOUND = 'ServiceNotFoundException';
/** Error code of a response that lacks a field the scaler needs, such as the desired count. */
export const INVALID_RESPONSE = 'InvalidResponse';

/**
 * Port for one kind of scaling target. `describe` reads every target of one region with as few
 * requests as the API allows, and `send` applies a write built by `buildWrite`. A call still
 * unanswered when `signal` aborts fails with `DeadlineExceededError`.
 */
export interface ScalingTarget<T extends TargetConfig> {
  /** Returns the capacity of every target, keyed by `targetKey`. Never rejects. */
  describe(clients: AwsClientFactory, region: string, targets: T[], signal?: AbortSignal): Promise<Map<string, CapacityRead>>;
  buildWrite(target: T, desired: number): WriteRequest;
  /** Sends the write and rejects with the SDK error when AWS rejects it. */
  send(clients: AwsClientFactory, target: T, write: WriteRequest, signal?: AbortSignal): Promise<void>;
}

/** Returns a key that identifies a target across pools, regions and kinds. */
export function targetKey(target: TargetConfig): string {
  return target.kind === 'autoScalingGroup'
    ? `${target.kind}|${target.region}|${target.name}`
    : `${target.kind}|${target.region}|${target.cluster}|${target.service}`;
}

/** Splits `items` into consecutive batches of at most `size`. */
export function toBatches<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let first = 0; first < items.length; first += size) {
    batches.push(items.slice(first, first + size));
  }
  return batches;
}

/** Upper bound on pages of one describe request, which stops a `NextToken` that never ends. */
export const MAX_DESCRIBE_PAGES = 20;

/** Fetches pages until `NextToken` is absent and returns the items of all pages. */
export async function collectPages<T>(
  fetchPage: (nextToken: string | undefined) => Promise<{ items: T[]; nextToken: string | undefined }>,
): Promise<T[]> {
  const items: T[] = [];
  let nextToken: string | undefined;

  for (let page = 0; page < MAX_DESCRIBE_PAGES; page++) {
    const result = await fetchPage(nextToken);
    items.push(...result.items);

    nextToken = result.nextToken;
    if (!nextToken) return items;
  }
  throw Object.assign(new Error(`more than ${MAX_DESCRIBE_PAGES} pages returned; the rest was not read`), {
    name: 'PaginationLimitExceeded',
  });
}
