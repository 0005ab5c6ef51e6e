import type { AwsCall, AwsService } from '../../src/aws/responder.js';
import {
  CLUSTER_MISSING,
  GENERIC_FAULTS,
  GROUP_MISSING,
  QUEUE_DELETED,
  RESOURCE_CONTENTION,
  SCALABLE_TARGET_MISSING,
  SCALING_ACTIVITY_IN_PROGRESS,
  SERVICE_MISSING,
  SERVICE_NOT_ACTIVE,
  SERVICE_NOT_FOUND,
  type FaultSpec,
} from './catalogue.js';
import type { FaultyCloud } from './cloud.js';
import { HOME_REGION, MATRIX_CONFIG, PARTNER_ROLE, POOL_NAMES } from './scenario.js';

/** One AWS call of the scaler, the pools a fault in it hits, and the faults it can meet. */
export interface CallSpec {
  /** API name as AWS documents it. */
  api: string;
  /** Which request of the tick the fault hits, when the call is sent more than once. */
  scope: string;
  service: AwsService;
  command: string;
  pools: string[];
  matches: (call: AwsCall) => boolean;
  faults: FaultSpec[];
  /** Removes the resource for a state fault and returns the function that puts it back. */
  removeResource?: (cloud: FaultyCloud, fault: FaultSpec) => () => void;
}

/** One row of the matrix: a call and a fault. */
export interface FaultRow {
  id: string;
  call: CallSpec;
  fault: FaultSpec;
}

const input = (call: AwsCall) => (call.input ?? {}) as Record<string, unknown>;
const RENDER_QUEUE_URL = MATRIX_CONFIG.pools[0]!.queues[0]!.url;

/** Deletes `key` from `map` and returns the function that restores it. */
function removeEntry<K, V>(map: Map<K, V>, key: K): () => void {
  const value = map.get(key);
  map.delete(key);
  return () => {
    if (value !== undefined) map.set(key, value);
  };
}

function removeScalableTarget(cloud: FaultyCloud): () => void {
  const service = cloud.services.get('gpu/upscale')!;
  const bounds = service.bounds;
  delete service.bounds;
  return () => {
    service.bounds = bounds;
  };
}

export const CALLS: CallSpec[] = [
  {
    api: 'GetQueueAttributes',
    scope: 'queue render-jobs',
    service: 'sqs',
    command: 'GetQueueAttributesCommand',
    pools: ['render'],
    matches: (call) => input(call).QueueUrl === RENDER_QUEUE_URL,
    faults: [...GENERIC_FAULTS, QUEUE_DELETED],
  },
  {
    api: 'GetMetricData',
    scope: 'eu-west-1 with the partner role',
    service: 'cloudwatch',
    command: 'GetMetricDataCommand',
    pools: ['partner'],
    matches: (call) => call.roleArn === PARTNER_ROLE,
    faults: GENERIC_FAULTS,
  },
  {
    api: 'GetMetricData',
    scope: 'home region (every pool\'s history)',
    service: 'cloudwatch',
    command: 'GetMetricDataCommand',
    pools: POOL_NAMES,
    matches: (call) => call.region === HOME_REGION && call.roleArn === undefined,
    faults: GENERIC_FAULTS.filter((fault) => fault.id === 'throttling' || fault.id === 'no-answer'),
  },
  {
    api: 'DescribeAutoScalingGroups',
    scope: 'us-east-1',
    service: 'autoscaling',
    command: 'DescribeAutoScalingGroupsCommand',
    pools: ['render'],
    matches: (call) => call.region === HOME_REGION,
    faults: [...GENERIC_FAULTS, GROUP_MISSING],
    removeResource: (cloud) => removeEntry(cloud.groups, 'render-workers'),
  },
  {
    api: 'DescribeServices',
    scope: 'cluster gpu',
    service: 'ecs',
    command: 'DescribeServicesCommand',
    pools: ['upscale'],
    matches: () => true,
    faults: [...GENERIC_FAULTS, SERVICE_MISSING, CLUSTER_MISSING],
    removeResource: (cloud) => removeEntry(cloud.services, 'gpu/upscale'),
  },
  {
    api: 'DescribeScalableTargets',
    scope: 'service/gpu/upscale',
    service: 'applicationautoscaling',
    command: 'DescribeScalableTargetsCommand',
    pools: ['upscale'],
    matches: () => true,
    faults: [...GENERIC_FAULTS, SCALABLE_TARGET_MISSING],
    removeResource: removeScalableTarget,
  },
  {
    api: 'SetDesiredCapacity',
    scope: 'render-workers',
    service: 'autoscaling',
    command: 'SetDesiredCapacityCommand',
    pools: ['render'],
    matches: (call) => input(call).AutoScalingGroupName === 'render-workers',
    faults: [...GENERIC_FAULTS, SCALING_ACTIVITY_IN_PROGRESS, RESOURCE_CONTENTION],
  },
  {
    api: 'UpdateService',
    scope: 'gpu/upscale',
    service: 'ecs',
    command: 'UpdateServiceCommand',
    pools: ['upscale'],
    matches: () => true,
    faults: [...GENERIC_FAULTS, SERVICE_NOT_FOUND, SERVICE_NOT_ACTIVE],
  },
];

/** Builds every row of the matrix: each call with each fault it can meet. */
export function buildFaultRows(): FaultRow[] {
  return CALLS.flatMap((call) =>
    call.faults.map((fault) => ({ id: `${call.api} (${call.scope}) × ${fault.id}`, call, fault })),
  );
}

/** Returns the error code the scaler must log for the row's pools. */
export function expectedCode(row: FaultRow): string {
  const how = row.fault.how;
  return how.kind === 'error' ? how.code(row.call.service) : how.code();
}

/** Injects the row's fault into `cloud` and returns the function that removes it. */
export function injectFault(cloud: FaultyCloud, row: FaultRow): () => void {
  const how = row.fault.how;
  if (how.kind === 'state') {
    if (!row.call.removeResource) throw new Error(`${row.id}: the call cannot remove a resource`);
    return row.call.removeResource(cloud, row.fault);
  }

  const service = row.call.service;
  const noAnswer = how.make(service) === 'noAnswer';
  cloud.inject({
    command: row.call.command,
    matches: row.call.matches,
    error: noAnswer ? 'noAnswer' : () => how.make(service) as Error,
    attempts: how.attempts,
  });
  return () => cloud.clearFaults();
}
