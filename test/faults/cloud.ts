import type { GetMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';

import { MetricStore, type MetricIdentity } from '../../src/aws/metric-store.js';
import type { AwsCall, AwsResponder } from '../../src/aws/responder.js';
import { sdkError } from './catalogue.js';

/** Counts of one queue, as `GetQueueAttributes` returns them. */
export interface QueueState {
  visible: number;
  inFlight: number;
  delayed: number;
}

/**
 * An Auto Scaling group: bounds, desired capacity and instances (none protected). Instances
 * ordered by a write stay pending, so every later tick reads them as booting.
 */
export interface GroupState {
  min: number;
  max: number;
  desired: number;
  inService: number;
  pending?: number;
}

/** An ECS service and the bounds of its scalable target (absent: no scalable target). */
export interface ServiceState {
  desired: number;
  running: number;
  pending?: number;
  /** Running tasks with scale-in protection on; the first ones of `ListTasks`. */
  protectedTasks?: number;
  bounds?: { min: number; max: number };
}

/** A fault injected into every call that `matches`, for `attempts` attempts (Infinity: all). */
export interface InjectedFault {
  command: string;
  matches: (call: AwsCall) => boolean;
  /** The error to throw, or 'noAnswer' for a call that never settles. */
  error: (() => Error) | 'noAnswer';
  attempts: number;
}

/** One write the cloud accepted. */
export interface AcceptedWrite {
  command: 'SetDesiredCapacityCommand' | 'UpdateServiceCommand';
  resource: string;
  desired: number;
}

type Input = Record<string, unknown>;

/**
 * A small AWS for tick-level tests: queues, Auto Scaling groups, ECS services and CloudWatch,
 * returning the output of every command the scaler sends, applying writes to its state and injecting
 * faults. `SetDesiredCapacity` outside the group's bounds fails with `ValidationError` as in AWS.
 * `UpdateService` accepts any count, as ECS does; only the scaler keeps it within the scalable target.
 */
export class FaultyCloud implements AwsResponder {
  readonly queues = new Map<string, QueueState>();
  readonly groups = new Map<string, GroupState>();
  /** Keyed by `cluster/service`. */
  readonly services = new Map<string, ServiceState>();
  constructor(readonly metrics = new MetricStore()) {}

  readonly calls: AwsCall[] = [];
  readonly writes: AcceptedWrite[] = [];
  faults: InjectedFault[] = [];
  /** Time the CloudWatch results are computed for, epoch milliseconds. */
  nowMs = 0;
  private readonly hits = new Map<InjectedFault, number>();

  /** Returns a cloud with a copy of this one's queues, groups and services, the same metrics and no faults. */
  copy(): FaultyCloud {
    const copy = new FaultyCloud(this.metrics);
    copy.nowMs = this.nowMs;
    for (const [url, queue] of this.queues) copy.queues.set(url, { ...queue });
    for (const [name, group] of this.groups) copy.groups.set(name, { ...group });
    for (const [key, service] of this.services) copy.services.set(key, { ...service, ...(service.bounds ? { bounds: { ...service.bounds } } : {}) });
    return copy;
  }

  inject(fault: InjectedFault): void {
    this.faults.push(fault);
  }

  /** Returns how many attempts `fault` has failed so far. */
  hitsOf(fault: InjectedFault): number {
    return this.hits.get(fault) ?? 0;
  }

  clearFaults(): void {
    this.faults = [];
  }

  putMetric(identity: MetricIdentity, statistic: string, minutes: number, value: number): void {
    for (let minute = 1; minute <= minutes + 1; minute++) {
      this.metrics.put(identity, statistic, this.nowMs - minute * 60_000, value);
    }
  }

  respond(call: AwsCall): unknown {
    this.calls.push(call);

    const fault = this.faults.find((item) => item.command === call.command && item.matches(call));
    if (fault && this.hitsOf(fault) < fault.attempts) {
      this.hits.set(fault, this.hitsOf(fault) + 1);
      if (fault.error === 'noAnswer') return new Promise(() => undefined);
      throw fault.error();
    }
    return this.answer(call);
  }

  private answer(call: AwsCall): unknown {
    const input = (call.input ?? {}) as Input;
    switch (call.command) {
      case 'GetQueueAttributesCommand':
        return this.queueAttributes(String(input.QueueUrl));
      case 'GetMetricDataCommand':
        return this.metrics.getMetricData(call.input as GetMetricDataCommandInput, this.nowMs);
      case 'DescribeAutoScalingGroupsCommand':
        return this.describeGroups((input.AutoScalingGroupNames as string[] | undefined) ?? []);
      case 'DescribeServicesCommand':
        return this.describeServices(String(input.cluster), (input.services as string[] | undefined) ?? []);
      case 'DescribeScalableTargetsCommand':
        return this.describeScalableTargets((input.ResourceIds as string[] | undefined) ?? []);
      case 'SetDesiredCapacityCommand':
        return this.setDesiredCapacity(String(input.AutoScalingGroupName), Number(input.DesiredCapacity));
      case 'ListTasksCommand':
        return this.listTasks(`${String(input.cluster)}/${String(input.serviceName)}`);
      case 'GetTaskProtectionCommand':
        return this.taskProtection((input.tasks as string[] | undefined) ?? []);
      case 'UpdateServiceCommand':
        return this.updateService(`${String(input.cluster)}/${String(input.service)}`, Number(input.desiredCount));
      default:
        throw sdkError('UnsupportedCommand', `the test cloud cannot answer ${call.command}`, 400);
    }
  }

  private queueAttributes(url: string): unknown {
    const queue = this.queues.get(url);
    if (!queue) throw sdkError('QueueDoesNotExist', 'The specified queue does not exist.', 400);

    return {
      Attributes: {
        ApproximateNumberOfMessages: String(queue.visible),
        ApproximateNumberOfMessagesNotVisible: String(queue.inFlight),
        ApproximateNumberOfMessagesDelayed: String(queue.delayed),
      },
    };
  }

  private describeGroups(names: string[]): unknown {
    const groups = names.flatMap((name) => {
      const group = this.groups.get(name);
      if (!group) return [];
      const instance = (state: string) => (_: unknown, i: number) => ({
        InstanceId: `i-${name}-${state}-${i}`,
        LifecycleState: state,
        ProtectedFromScaleIn: false,
        AvailabilityZone: 'us-east-1a',
        HealthStatus: 'Healthy',
      });
      const instances = [
        ...Array.from({ length: group.inService }, instance('InService')),
        ...Array.from({ length: group.pending ?? 0 }, instance('Pending')),
      ];
      return [{ AutoScalingGroupName: name, MinSize: group.min, MaxSize: group.max, DesiredCapacity: group.desired, Instances: instances }];
    });
    return { AutoScalingGroups: groups };
  }

  private describeServices(cluster: string, names: string[]): unknown {
    const services = [];
    const failures = [];
    for (const name of names) {
      const service = this.services.get(`${cluster}/${name}`);
      if (!service) {
        failures.push({ arn: `arn:aws:ecs:us-east-1:123456789012:service/${cluster}/${name}`, reason: 'MISSING' });
        continue;
      }
      const pending = service.pending ?? 0;
      const deployment = { status: 'PRIMARY', rolloutState: 'COMPLETED', runningCount: service.running, pendingCount: pending, desiredCount: service.desired };
      services.push({ serviceName: name, status: 'ACTIVE', desiredCount: service.desired, runningCount: service.running, pendingCount: pending, deployments: [deployment] });
    }
    return { services, failures };
  }

  private describeScalableTargets(resourceIds: string[]): unknown {
    const targets = resourceIds.flatMap((resourceId) => {
      const bounds = this.services.get(resourceId.replace(/^service\//, ''))?.bounds;
      if (!bounds) return [];
      return [{ ServiceNamespace: 'ecs', ResourceId: resourceId, ScalableDimension: 'ecs:service:DesiredCount', MinCapacity: bounds.min, MaxCapacity: bounds.max }];
    });
    return { ScalableTargets: targets };
  }

  private listTasks(key: string): unknown {
    const service = this.services.get(key);
    if (!service) throw sdkError('ServiceNotFoundException', 'Service not found.', 400);
    return { taskArns: Array.from({ length: service.running }, (_, i) => `arn:aws:ecs:us-east-1:123456789012:task/${key}/${i}`) };
  }

  private taskProtection(tasks: string[]): unknown {
    const protectedTasks = tasks.map((taskArn) => {
      const [, key, index] = /task\/(.+)\/(\d+)$/.exec(taskArn) ?? [];
      const protectedCount = this.services.get(key ?? '')?.protectedTasks ?? 0;
      return { taskArn, protectionEnabled: Number(index) < protectedCount };
    });
    return { protectedTasks, failures: [] };
  }

  private setDesiredCapacity(name: string, desired: number): unknown {
    const group = this.groups.get(name);
    if (!group) throw sdkError('ValidationError', `AutoScalingGroup name not found - ${name}`, 400);
    if (desired > group.max) throw sdkError('ValidationError', `New SetDesiredCapacity value ${desired} is above max value ${group.max} for the AutoScalingGroup.`, 400);
    if (desired < group.min) throw sdkError('ValidationError', `New SetDesiredCapacity value ${desired} is below min value ${group.min} for the AutoScalingGroup.`, 400);

    group.desired = desired;
    group.pending = Math.max(0, desired - group.inService);
    this.writes.push({ command: 'SetDesiredCapacityCommand', resource: name, desired });
    return {};
  }

  private updateService(key: string, desired: number): unknown {
    const service = this.services.get(key);
    if (!service) throw sdkError('ServiceNotFoundException', 'Service not found.', 400);

    service.desired = desired;
    service.pending = Math.max(0, desired - service.running);
    this.writes.push({ command: 'UpdateServiceCommand', resource: key, desired });
    return {};
  }
}
