import type { ScalableTarget } from '@aws-sdk/client-application-auto-scaling';
import {
  DeploymentRolloutState,
  DescribeServicesCommand,
  UpdateServiceCommand,
  type ECSClient,
  type Failure,
  type Service,
} from '@aws-sdk/client-ecs';

import type { AwsClientFactory } from '../aws/clients.js';
import { sendBeforeDeadline } from '../aws/deadline.js';
import { failedRead, failedReadFrom, isFailedRead, type FailedRead } from '../observe/read-result.js';
import { describeScalableTargets, scalableTargetResourceId } from './ecs-bounds.js';
import {
  INVALID_RESPONSE,
  SERVICE_NOT_FOUND,
  targetKey,
  toBatches,
  type CapacityRead,
  type EcsServiceTarget,
  type ScalingTarget,
  type UpdateServiceRequest,
} from './types.js';

/** Services per `DescribeServices` request: the API's maximum. */
export const SERVICES_PER_REQUEST = 10;

/** ECS failure reason of a service that does not exist. */
const MISSING = 'MISSING';
const PRIMARY = 'PRIMARY';
const ACTIVE = 'ACTIVE';

/**
 * Parses one service into its capacity: running tasks of every deployment, capped at the
 * desired count. Bounds come from the service's scalable target, when it has one.
 */
export function parseService(service: Service, scalableTarget?: ScalableTarget): CapacityRead {
  if (service.desiredCount === undefined) {
    return failedRead(INVALID_RESPONSE, `ECS service "${service.serviceName}" has no desiredCount in the response`);
  }

  const deployments = service.deployments ?? [];
  const primary = deployments.find((deployment) => deployment.status === PRIMARY);

  // During a rolling deployment the service-level counts add up old and new tasks, and the old
  // ones keep serving until the new ones are healthy. Capping at the desired count keeps a
  // deployment's surplus from looking like capacity the scaler could give back.
  const running = service.runningCount ?? 0;
  const inService = Math.min(running, service.desiredCount);
  const pending = Math.min(service.pendingCount ?? 0, Math.max(0, service.desiredCount - inService));

  // DescribeServices does not report task scale-in protection, so it is 0 here. The tick reads it
  // with `countProtectedTasks` only before a scale-in, because that costs extra requests.
  return {
    desired: service.desiredCount,
    inService,
    pending,
    min: scalableTarget?.MinCapacity,
    max: scalableTarget?.MaxCapacity,
    protectedFromScaleIn: 0,
    deploymentInProgress: deployments.length > 1 || primary?.rolloutState === DeploymentRolloutState.IN_PROGRESS,
  };
}

/** Returns whether a response entry belongs to `requested`, which is a service name or ARN. */
function matches(requested: string, name: string | undefined, arn: string | undefined): boolean {
  return requested === name || requested === arn || (arn?.endsWith(`/${requested}`) ?? false);
}

function notFound(cluster: string, service: string, detail: string): FailedRead {
  const message = `ECS service "${service}" in cluster "${cluster}" ${detail}; check the pool's target`;
  return failedRead(SERVICE_NOT_FOUND, message);
}

/** Picks the entry of `requested` from a `DescribeServices` response. */
function resolveService(
  cluster: string,
  requested: string,
  services: Service[],
  failures: Failure[],
): Service | FailedRead {
  const service = services.find((entry) => matches(requested, entry.serviceName, entry.serviceArn));
  if (service) {
    return service.status === ACTIVE ? service : notFound(cluster, requested, `is ${service.status ?? 'not active'}`);
  }

  const failure = failures.find((entry) => matches(requested, undefined, entry.arn));
  if (failure && failure.reason !== MISSING) {
    const message = `DescribeServices failed for ECS service "${requested}": ${failure.detail ?? failure.reason}`;
    return failedRead(failure.reason ?? 'UnknownFailure', message);
  }
  return notFound(cluster, requested, 'not found');
}

/**
 * Describes services of one cluster with one `DescribeServices` per 10 services, in parallel.
 * Returns every requested service (name or ARN) as the SDK returned it, or as a failed read.
 * A `MISSING` failure or an inactive service is not found. A request still unanswered when
 * `signal` aborts fails its batch. Never rejects.
 */
export async function describeServices(
  client: ECSClient,
  cluster: string,
  services: string[],
  signal?: AbortSignal,
): Promise<Map<string, Service | FailedRead>> {
  const batches = toBatches([...new Set(services)], SERVICES_PER_REQUEST);

  const results = await Promise.all(
    batches.map(async (batch): Promise<Array<[string, Service | FailedRead]>> => {
      try {
        const command = new DescribeServicesCommand({ cluster, services: batch });
        const output = await sendBeforeDeadline((options) => client.send(command, options), signal);
        const found = output.services ?? [];
        const failures = output.failures ?? [];
        return batch.map((requested) => [requested, resolveService(cluster, requested, found, failures)]);
      } catch (error) {
        const failure = failedReadFrom(error);
        return batch.map((requested) => [requested, failure]);
      }
    }),
  );

  return new Map(results.flat());
}

/** Describes every ECS target of one region: services per cluster and all scalable targets, in parallel. */
async function describeEcsTargets(
  clients: AwsClientFactory,
  region: string,
  targets: EcsServiceTarget[],
  signal?: AbortSignal,
): Promise<Map<string, CapacityRead>> {
  const byCluster = new Map<string, string[]>();
  for (const target of targets) {
    byCluster.set(target.cluster, [...(byCluster.get(target.cluster) ?? []), target.service]);
  }

  const describeCluster = async ([cluster, names]: [string, string[]]) =>
    [cluster, await describeServices(clients.ecs(region), cluster, names, signal)] as const;
  const resourceIds = targets.map((target) => scalableTargetResourceId(target.cluster, target.service));
  const [servicesByCluster, bounds] = await Promise.all([
    Promise.all([...byCluster].map(describeCluster)),
    describeScalableTargets(clients.applicationAutoScaling(region), resourceIds, signal),
  ]);
  const services = new Map(servicesByCluster);

  return new Map(
    targets.map((target): [string, CapacityRead] => {
      const service =
        services.get(target.cluster)?.get(target.service) ?? notFound(target.cluster, target.service, 'not read');
      const bound = bounds.get(scalableTargetResourceId(target.cluster, target.service));

      // Unknown bounds could let the scaler leave the scalable target's range, so they fail the read.
      if (isFailedRead(service)) return [targetKey(target), service];
      if (isFailedRead(bound)) return [targetKey(target), bound];
      return [targetKey(target), parseService(service, bound)];
    }),
  );
}

export function buildUpdateService(cluster: string, service: string, desired: number): UpdateServiceRequest {
  return { command: 'UpdateService', input: { cluster, service, desiredCount: desired } };
}

/** Sends `UpdateService` with the new `desiredCount` and returns the request sent. Rejects with the SDK error. */
export async function updateService(
  client: ECSClient,
  cluster: string,
  service: string,
  desired: number,
  signal?: AbortSignal,
): Promise<UpdateServiceRequest> {
  const write = buildUpdateService(cluster, service, desired);
  const command = new UpdateServiceCommand(write.input);
  await sendBeforeDeadline((options) => client.send(command, options), signal);
  return write;
}

export const ecsServiceTarget: ScalingTarget<EcsServiceTarget> = {
  describe: describeEcsTargets,

  buildWrite: (target, desired) => buildUpdateService(target.cluster, target.service, desired),

  async send(clients, target, write, signal) {
    if (write.command !== 'UpdateService') throw new TypeError(`cannot send ${write.command} to an ECS service`);
    await updateService(clients.ecs(target.region), target.cluster, target.service, write.input.desiredCount, signal);
  },
};
