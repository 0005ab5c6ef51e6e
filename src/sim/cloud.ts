import type { ScalableTarget } from '@aws-sdk/client-application-auto-scaling';
import type { AutoScalingGroup } from '@aws-sdk/client-auto-scaling';
import type { GetMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import type { Service } from '@aws-sdk/client-ecs';

import type { AwsCall, AwsResponder } from '../aws/responder.js';
import type { SimClock } from './clock.js';
import type { SimCloudWatch } from './cloudwatch.js';
import { CREATED_AT, describeGroup, describeService } from './cloud-shapes.js';
import type { SimPool } from './pool.js';

/** Error shaped like an SDK service exception (`name`, `$fault`, `$metadata`). */
export class SimServiceError extends Error {
  readonly $fault = 'client' as const;
  readonly $metadata = { httpStatusCode: 400 };

  constructor(code: string, message: string) {
    super(message);
    this.name = code;
  }
}

type Input = Record<string, unknown>;

function taskArn(cluster: string, workerId: string): string {
  return `arn:aws:ecs:us-east-1:123456789012:task/${cluster}/${workerId}`;
}


/**
 * The simulated AWS account. It returns the output of every SDK command the scaler sends, in the
 * SDK's shapes, built from the simulated queues, fleets and CloudWatch. Plug it into
 * `createRespondingClientFactory` so the production tick runs against it.
 */
export class SimCloud implements AwsResponder {
  /** Requests received, by command name. */
  readonly requests = new Map<string, number>();

  constructor(
    private readonly clock: SimClock,
    private readonly pools: SimPool[],
    private readonly cloudWatch: SimCloudWatch,
  ) {}

  respond(call: AwsCall): unknown {
    this.requests.set(call.command, (this.requests.get(call.command) ?? 0) + 1);
    const input = (call.input ?? {}) as Input;

    switch (call.command) {
      case 'GetQueueAttributesCommand':
        return this.queueAttributes(String(input.QueueUrl));
      case 'GetMetricDataCommand':
        return this.cloudWatch.getMetricData(call.input as GetMetricDataCommandInput, this.clock.nowMs);
      case 'DescribeAutoScalingGroupsCommand':
        return { AutoScalingGroups: this.groups((input.AutoScalingGroupNames as string[] | undefined) ?? []) };
      case 'SetDesiredCapacityCommand':
        return this.setDesiredCapacity(String(input.AutoScalingGroupName), Number(input.DesiredCapacity));
      case 'DescribeServicesCommand':
        return this.describeServices(String(input.cluster ?? 'default'), (input.services as string[] | undefined) ?? []);
      case 'UpdateServiceCommand':
        return this.updateService(String(input.cluster ?? 'default'), String(input.service), Number(input.desiredCount));
      case 'ListTasksCommand':
        return this.listTasks(String(input.cluster ?? 'default'), String(input.serviceName));
      case 'GetTaskProtectionCommand':
        return this.taskProtection(String(input.cluster ?? 'default'), (input.tasks as string[] | undefined) ?? []);
      case 'DescribeScalableTargetsCommand':
        return { ScalableTargets: this.scalableTargets((input.ResourceIds as string[] | undefined) ?? []) };
      default:
        throw new SimServiceError('UnsupportedCommand', `The simulated cloud does not support ${call.command}`);
    }
  }

  private queueAttributes(url: string): unknown {
    const pool = this.pools.find((candidate) => candidate.spec.config.queues.some((queue) => queue.url === url));
    if (pool === undefined) throw new SimServiceError('QueueDoesNotExist', `The specified queue does not exist: ${url}`);

    // Only a pool's first queue carries traffic; its other configured queues are empty.
    const counts = pool.queue.url === url ? pool.queue.approximateCounts() : { visible: 0, inFlight: 0, delayed: 0 };
    return {
      Attributes: {
        ApproximateNumberOfMessages: String(counts.visible),
        ApproximateNumberOfMessagesNotVisible: String(counts.inFlight),
        ApproximateNumberOfMessagesDelayed: String(counts.delayed),
      },
    };
  }

  private groupPool(name: string): SimPool | undefined {
    return this.pools.find((pool) => pool.spec.config.target.kind === 'autoScalingGroup' && pool.spec.config.target.name === name);
  }

  private groups(names: string[]): AutoScalingGroup[] {
    const found: AutoScalingGroup[] = [];
    for (const name of names) {
      const pool = this.groupPool(name);
      if (pool !== undefined) found.push(describeGroup(name, pool));
    }
    return found;
  }

  private setDesiredCapacity(name: string, desired: number): unknown {
    const pool = this.groupPool(name);
    if (pool === undefined) throw new SimServiceError('ValidationError', `AutoScalingGroup name not found - ${name}`);

    const { groupMin, groupMax } = pool.spec;
    if (!Number.isInteger(desired) || desired < groupMin || desired > groupMax) {
      throw new SimServiceError(
        'ValidationError',
        `New SetDesiredCapacity value ${desired} is outside the bounds [${groupMin}, ${groupMax}] of the AutoScalingGroup.`,
      );
    }
    pool.applyDesired(desired);
    return {};
  }

  private servicePool(cluster: string, service: string): SimPool | undefined {
    return this.pools.find((pool) => {
      const target = pool.spec.config.target;
      if (target.kind !== 'ecsService') return false;
      const clusterMatches = cluster === target.cluster || cluster.endsWith(`/${target.cluster}`);
      const serviceMatches = service === target.service || service.endsWith(`/${target.service}`);
      return clusterMatches && serviceMatches;
    });
  }

  private describeServices(cluster: string, names: string[]): unknown {
    const services: Service[] = [];
    const failures: Array<{ arn: string; reason: string }> = [];

    for (const name of names) {
      const pool = this.servicePool(cluster, name);
      if (pool === undefined) failures.push({ arn: name, reason: 'MISSING' });
      else services.push(describeService(pool));
    }
    return { services, failures };
  }

  private updateService(cluster: string, service: string, desired: number): unknown {
    const pool = this.servicePool(cluster, service);
    if (pool === undefined) throw new SimServiceError('ServiceNotFoundException', `Service not found: ${cluster}/${service}`);
    if (!Number.isInteger(desired) || desired < 0) {
      throw new SimServiceError('InvalidParameterException', `Invalid desiredCount ${desired}`);
    }

    pool.applyDesired(desired);
    return { service: describeService(pool) };
  }

  /** Running tasks of a service, all on one page: a simulated pool stays below the 100 a page holds. */
  private listTasks(cluster: string, service: string): unknown {
    const pool = this.servicePool(cluster, service);
    if (pool === undefined) throw new SimServiceError('ServiceNotFoundException', `Service not found: ${cluster}/${service}`);
    return { taskArns: pool.fleet.liveWorkers().filter((worker) => worker.state === 'inService').map((worker) => taskArn(cluster, worker.id)) };
  }

  /** Task protection as `GetTaskProtection` returns it; a stopped task is a `MISSING` failure. */
  private taskProtection(cluster: string, tasks: string[]): unknown {
    const inCluster = this.pools.filter((pool) => {
      const target = pool.spec.config.target;
      return target.kind === 'ecsService' && (cluster === target.cluster || cluster.endsWith(`/${target.cluster}`));
    });
    const workers = new Map(inCluster.flatMap((pool) => pool.fleet.liveWorkers().map((worker) => [taskArn(cluster, worker.id), { pool, worker }] as const)));
    const protectedTasks = [];
    const failures = [];

    for (const arn of tasks) {
      const found = workers.get(arn);
      if (found === undefined) failures.push({ arn, reason: 'MISSING' });
      else protectedTasks.push({ taskArn: arn, protectionEnabled: found.pool.fleet.isProtected(found.worker) });
    }
    return { protectedTasks, failures };
  }

  private scalableTargets(resourceIds: string[]): ScalableTarget[] {
    const targets: ScalableTarget[] = [];
    for (const pool of this.pools) {
      const target = pool.spec.config.target;
      if (target.kind !== 'ecsService') continue;

      const resourceId = `service/${target.cluster}/${target.service}`;
      if (resourceIds.length > 0 && !resourceIds.includes(resourceId)) continue;
      targets.push({
        ServiceNamespace: 'ecs',
        ResourceId: resourceId,
        ScalableDimension: 'ecs:service:DesiredCount',
        MinCapacity: pool.spec.groupMin,
        MaxCapacity: pool.spec.groupMax,
        RoleARN: 'arn:aws:iam::123456789012:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService',
        CreationTime: CREATED_AT,
      });
    }
    return targets;
  }
}
