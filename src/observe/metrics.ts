import {
  GetMetricDataCommand,
  type CloudWatchClient,
  type GetMetricDataCommandInput,
  type MetricDataResult,
} from '@aws-sdk/client-cloudwatch';

import type { AwsClientFactory } from '../aws/clients.js';
import type { ScalerConfig } from '../config/types.js';
import { buildMetricDataRequests, buildMetricQueries, type QueryRef } from './metric-queries.js';
import { groupSeriesByPool, parseMetricDataResults, type PoolMetricSeries, type SeriesRead } from './metric-results.js';
import { errorDetails } from './read-result.js';

export * from './metric-queries.js';
export * from './metric-results.js';

/** A `GetMetricData` request that failed. Its series stay unknown. */
export interface RegionMetricError {
  region: string;
  code: string;
  message: string;
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
): Promise<MetricDataResult[]> {
  const results: MetricDataResult[] = [];
  let nextToken: string | undefined;

  for (let page = 0; page < MAX_PAGES; page++) {
    countRequest();
    const output = await client.send(new GetMetricDataCommand({ ...input, NextToken: nextToken }));
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
 * Reads every CloudWatch series of every pool: one `GetMetricData` per region (more only past
 * 500 queries), all regions in parallel. A failed request is listed in `errors` and leaves its
 * series unknown. This function never rejects.
 */
export async function readMetrics(
  clients: AwsClientFactory,
  config: ScalerConfig,
  nowMs: number,
  homeRegion: string,
): Promise<MetricReadResult> {
  const errors: RegionMetricError[] = [];
  let requests = 0;
  const countRequest = () => {
    requests += 1;
  };

  const calls = [...buildMetricQueries(config, nowMs, homeRegion).values()].flatMap((region) =>
    buildMetricDataRequests(region).map(async (input): Promise<SeriesRead[]> => {
      try {
        const results = await fetchAllPages(clients.cloudWatch(region.region), input, countRequest);
        return [...parseMetricDataResults(results, indexOf(input, region.index)).values()];
      } catch (error) {
        errors.push({ region: region.region, ...errorDetails(error) });
        return [];
      }
    }),
  );

  const reads = (await Promise.all(calls)).flat();
  return { pools: groupSeriesByPool(config, reads), errors, requests };
}
