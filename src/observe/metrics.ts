import {
  GetMetricDataCommand,
  type CloudWatchClient,
  type GetMetricDataCommandInput,
  type MetricDataResult,
} from '@aws-sdk/client-cloudwatch';

import type { AwsClientFactory } from '../aws/clients.js';
import { sendBeforeDeadline } from '../aws/deadline.js';
import type { ScalerConfig } from '../config/types.js';
import { buildMetricDataRequests, buildMetricQueries, type QueryRef } from './metric-queries.js';
import { groupSeriesByPool, parseMetricDataResults, type PoolMetricSeries, type SeriesRead } from './metric-results.js';
import { errorDetails, type ErrorDetails } from './read-result.js';

export * from './metric-queries.js';
export * from './metric-results.js';

/** A `GetMetricData` request that failed. Its series stay unknown. */
export interface RegionMetricError extends ErrorDetails {
  region: string;
  /** Role the request was sent with; absent for the function's own account. */
  roleArn?: string;
  /** Pools with at least one series in the failed request. */
  pools: string[];
}

export interface MetricReadResult {
  /** Series keyed by pool name, with an entry for every configured pool. */
  pools: Map<string, PoolMetricSeries>;
  errors: RegionMetricError[];
  /** `GetMetricData` calls sent, pages included. */
  requests: number;
}

/** Upper bound on pages of one request, which stops a `NextToken` that never ends. */
export const MAX_PAGES = 20;

class PaginationLimitError extends Error {
  constructor() {
    super(`GetMetricData returned more than ${MAX_PAGES} pages; the remaining pages were not read`);
    this.name = 'PaginationLimitExceeded';
  }
}

/** Sends one request, follows `NextToken` and returns the results of every page. */
async function fetchAllPages(
  client: CloudWatchClient,
  input: GetMetricDataCommandInput,
  countRequest: () => void,
  signal: AbortSignal | undefined,
): Promise<MetricDataResult[]> {
  const results: MetricDataResult[] = [];
  let nextToken: string | undefined;

  for (let page = 0; page < MAX_PAGES; page++) {
    countRequest();
    const command = new GetMetricDataCommand({ ...input, NextToken: nextToken });
    const output = await sendBeforeDeadline((options) => client.send(command, options), signal);
    results.push(...(output.MetricDataResults ?? []));

    nextToken = output.NextToken;
    if (!nextToken) return results;
  }
  throw new PaginationLimitError();
}

/** Restricts the index to the queries of one request. */
function indexOf(input: GetMetricDataCommandInput, index: Map<string, QueryRef>): Map<string, QueryRef> {
  const subset = new Map<string, QueryRef>();
  for (const query of input.MetricDataQueries ?? []) {
    const ref = query.Id === undefined ? undefined : index.get(query.Id);
    if (ref && query.Id !== undefined) subset.set(query.Id, ref);
  }
  return subset;
}

/**
 * Reads every CloudWatch series of every pool: one `GetMetricData` per region and role (more
 * only past 500 queries), all in parallel. A failed request, or one still unanswered when
 * `signal` aborts, is listed in `errors` and leaves its series unknown. Never rejects.
 */
export async function readMetrics(
  clients: AwsClientFactory,
  config: ScalerConfig,
  nowMs: number,
  homeRegion: string,
  signal?: AbortSignal,
): Promise<MetricReadResult> {
  const errors: RegionMetricError[] = [];
  let requests = 0;
  const countRequest = () => {
    requests += 1;
  };

  const calls = [...buildMetricQueries(config, nowMs, homeRegion).values()].flatMap((group) =>
    buildMetricDataRequests(group).map(async (input): Promise<SeriesRead[]> => {
      const index = indexOf(input, group.index);
      try {
        const results = await fetchAllPages(clients.cloudWatch(group.region, group.roleArn), input, countRequest, signal);
        return [...parseMetricDataResults(results, index).values()];
      } catch (error) {
        const pools = [...new Set([...index.values()].map((ref) => ref.pool))];
        errors.push({ region: group.region, ...(group.roleArn ? { roleArn: group.roleArn } : {}), pools, ...errorDetails(error) });
        return [];
      }
    }),
  );

  const reads = (await Promise.all(calls)).flat();
  return { pools: groupSeriesByPool(config, reads), errors, requests };
}
