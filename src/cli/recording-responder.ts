import type { GetMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';

import { MetricStore } from '../aws/metric-store.js';
import type { AwsCall, AwsResponder } from '../aws/responder.js';
import type { RecordedTick } from './recording-schema.js';

/** Error shaped like an SDK service exception, raised for a recorded fault or an unknown resource. */
export class RecordedServiceError extends Error {
  readonly $fault: 'client' | 'server';
  readonly $metadata: { httpStatusCode: number };
  /** Query-protocol error code, which SDK v3 adds beside `name` for services such as SQS. */
  readonly Code: string;

  constructor(code: string, message: string, queryCode = code) {
    super(message);
    this.name = code;
    this.Code = queryCode;
    this.$fault = /^(InternalFailure|ServiceUnavailable|InternalError)$/.test(code) ? 'server' : 'client';
    this.$metadata = { httpStatusCode: this.$fault === 'server' ? 500 : 400 };
  }
}

type Input = Record<string, unknown>;

/**
 * Responds to the scaler's SDK commands from one recorded tick. Every call is kept in `calls`, so
 * the dry run can report how many requests a tick made.
 */
export class RecordingResponder implements AwsResponder {
  readonly calls: AwsCall[] = [];
  private readonly metrics = new MetricStore();
  private readonly faults: RecordedTick['faults'];

  constructor(private readonly tick: RecordedTick) {
    this.faults = [...tick.faults];
    for (const series of tick.cloudwatch) {
      const identity = { namespace: series.namespace, metricName: series.metricName, dimensions: series.dimensions };
      for (const point of series.datapoints) {
        this.metrics.put(identity, series.statistic, Date.parse(point.timestamp), point.value);
      }
    }
  }

  respond(call: AwsCall): unknown {
    this.calls.push(call);
    this.raiseRecordedFault(call);

    const input = (call.input ?? {}) as Input;
    switch (call.command) {
      case 'GetQueueAttributesCommand':
        return this.queueAttributes(String(input.QueueUrl));
      case 'GetMetricDataCommand':
        return this.metrics.getMetricData(call.input as GetMetricDataCommandInput, Date.parse(this.tick.time));
      case 'DescribeAutoScalingGroupsCommand':
        return this.groups((input.AutoScalingGroupNames as string[] | undefined) ?? []);
      case 'DescribeServicesCommand':
        return this.services(String(input.cluster ?? 'default'), (input.services as string[] | undefined) ?? []);
      case 'DescribeScalableTargetsCommand':
        return this.scalableTargets((input.ResourceIds as string[] | undefined) ?? []);
      case 'SetDesiredCapacityCommand':
      case 'UpdateServiceCommand':
        // The dry run never sends writes; a replay that does still gets an empty success.
        return {};
      default:
        throw new RecordedServiceError('UnsupportedCommand', `The recording has no responses for ${call.command}; supported: GetQueueAttributes, GetMetricData, DescribeAutoScalingGroups, DescribeServices, DescribeScalableTargets and the two writes`);
    }
  }

  private raiseRecordedFault(call: AwsCall): void {
    const text = JSON.stringify(call.input ?? {});
    const index = this.faults.findIndex(
      (fault) => fault.command === call.command && (fault.resource === undefined || text.includes(fault.resource)),
    );
    if (index < 0) return;

    const [fault] = this.faults.splice(index, 1);
    throw new RecordedServiceError(fault!.code, fault!.message);
  }

  private queueAttributes(url: string): unknown {
    const attributes = this.tick.sqs[url];
    if (!attributes) {
      // SDK v3 raises QueueDoesNotExist with the query code AWS.SimpleQueueService.NonExistentQueue.
      throw new RecordedServiceError('QueueDoesNotExist', `The specified queue does not exist: the recording has no queue ${url}`, 'AWS.SimpleQueueService.NonExistentQueue');
    }
    return { Attributes: attributes };
  }

  private groups(names: string[]): unknown {
    // Without names, DescribeAutoScalingGroups describes every group of the account and region.
    const wanted = new Set(names);
    return { AutoScalingGroups: this.tick.autoScalingGroups.filter((group) => wanted.size === 0 || wanted.has(group.AutoScalingGroupName)) };
  }

  private services(cluster: string, names: string[]): unknown {
    // The request and the recording may name the cluster by name or by ARN (`...:cluster/NAME`).
    const clusterName = (nameOrArn: string) => nameOrArn.slice(nameOrArn.lastIndexOf('/') + 1);
    const recorded = this.tick.ecsServices.filter((entry) => clusterName(entry.cluster) === clusterName(cluster));
    const services = [];
    const failures = [];

    for (const name of names) {
      const found = recorded.find((entry) => entry.service.serviceName === name || name.endsWith(`/${entry.service.serviceName}`));
      if (found) services.push(found.service);
      else failures.push({ arn: name, reason: 'MISSING' });
    }
    return { services, failures };
  }

  private scalableTargets(resourceIds: string[]): unknown {
    const wanted = new Set(resourceIds);
    return { ScalableTargets: this.tick.scalableTargets.filter((target) => wanted.size === 0 || wanted.has(target.ResourceId)) };
  }
}
