import {
  DescribeScalableTargetsCommand,
  ScalableDimension,
  ServiceNamespace,
  type ApplicationAutoScalingClient,
  type ScalableTarget,
} from '@aws-sdk/client-application-auto-scaling';

import { sendBeforeDeadline } from '../aws/deadline.js';
import { failedReadFrom, type FailedRead } from '../observe/read-result.js';
import { collectPages, toBatches } from './types.js';

/** `ResourceIds` per `DescribeScalableTargets` request, and results per page: the API's maximum. */
export const RESOURCE_IDS_PER_REQUEST = 50;

/** Returns the last `/`-separated part, which turns a cluster or service ARN into its name. */
function nameOf(nameOrArn: string): string {
  return nameOrArn.split('/').at(-1) ?? nameOrArn;
}

/** Returns the Application Auto Scaling resource id of a service: `service/<cluster>/<service>`. */
export function scalableTargetResourceId(cluster: string, service: string): string {
  return `service/${nameOf(cluster)}/${nameOf(service)}`;
}

async function describeBatch(
  client: ApplicationAutoScalingClient,
  resourceIds: string[],
  signal: AbortSignal | undefined,
): Promise<ScalableTarget[]> {
  return collectPages(async (nextToken) => {
    const command = new DescribeScalableTargetsCommand({
      ServiceNamespace: ServiceNamespace.ECS,
      ScalableDimension: ScalableDimension.ECSServiceDesiredCount,
      ResourceIds: resourceIds,
      MaxResults: RESOURCE_IDS_PER_REQUEST,
      NextToken: nextToken,
    });
    const output = await sendBeforeDeadline((options) => client.send(command, options), signal);
    return { items: output.ScalableTargets ?? [], nextToken: output.NextToken };
  });
}

/**
 * Describes the scalable targets of ECS services with one `DescribeScalableTargets` per 50
 * resource ids, in parallel. A resource id without a scalable target is absent from the map, and
 * a failed request, or one still unanswered when `signal` aborts, fails every id of its batch.
 * Never rejects.
 */
export async function describeScalableTargets(
  client: ApplicationAutoScalingClient,
  resourceIds: string[],
  signal?: AbortSignal,
): Promise<Map<string, ScalableTarget | FailedRead>> {
  const batches = toBatches([...new Set(resourceIds)], RESOURCE_IDS_PER_REQUEST);

  const results = await Promise.all(
    batches.map(async (batch): Promise<Array<[string, ScalableTarget | FailedRead]>> => {
      try {
        const targets = await describeBatch(client, batch, signal);
        return targets.flatMap((target): Array<[string, ScalableTarget]> =>
          target.ResourceId ? [[target.ResourceId, target]] : [],
        );
      } catch (error) {
        const failure = failedReadFrom(error);
        return batch.map((resourceId) => [resourceId, failure]);
      }
    }),
  );

  return new Map(results.flat());
}
