/**
 * Describe outputs in the shapes the AWS SDK (and `aws ... --output json`) returns, built from
 * the scripted fleet at one tick. Only documentation-style names and account 123456789012 appear.
 */
import { hexId } from './noise.js';
import { isPresent, isStopping, type FleetPlan, type Worker } from './fleet.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

export interface GroupScript {
  name: string;
  instanceType: string;
  min: number;
  max: number;
}

export interface ServiceScript {
  cluster: string;
  service: string;
  /** Task definition family; the revision comes from the fleet. */
  family: string;
  min: number;
  max: number;
}

function lifecycleState(worker: Worker, at: number): string {
  if (isStopping(worker, at)) return 'Terminating';
  return at < worker.readyAt ? 'Pending' : 'InService';
}

/** Builds one `AutoScalingGroups` entry of a `DescribeAutoScalingGroups` output. */
export function autoScalingGroup(group: GroupScript, plan: FleetPlan, desired: number, at: number): Record<string, unknown> {
  const instances = plan.workers
    .filter((worker) => isPresent(worker, at))
    .map((worker) => ({
      InstanceId: `i-0${hexId(`${group.name}/${worker.index}`, 16)}`,
      InstanceType: group.instanceType,
      AvailabilityZone: ZONES[worker.index % ZONES.length],
      LifecycleState: lifecycleState(worker, at),
      HealthStatus: 'Healthy',
      ProtectedFromScaleIn: false,
    }));

  return {
    AutoScalingGroupName: group.name,
    AutoScalingGroupARN: `arn:aws:autoscaling:${REGION}:${ACCOUNT}:autoScalingGroup:${uuid(group.name)}:autoScalingGroupName/${group.name}`,
    MinSize: group.min,
    MaxSize: group.max,
    DesiredCapacity: desired,
    DefaultCooldown: 300,
    AvailabilityZones: ZONES,
    HealthCheckType: 'EC2',
    HealthCheckGracePeriod: 300,
    Instances: instances,
  };
}

function uuid(seed: string): string {
  const hex = hexId(seed, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Returns the 19 digits of an ECS deployment ID such as `ecs-svc/1234567890123456789`. */
function deploymentNumber(seed: string): string {
  return (BigInt(`0x${hexId(seed, 16)}`) % 10n ** 19n).toString().padStart(19, '0');
}

function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('.000Z', 'Z');
}

/** Builds the ECS deployments at `at`. The newest revision is PRIMARY, an older one still running is ACTIVE. */
function deployments(script: ServiceScript, plan: FleetPlan, desired: number, at: number, minuteZeroMs: number) {
  const present = plan.workers.filter((worker) => isPresent(worker, at));
  const revisions = [...new Set(present.map((worker) => worker.revision))].sort((a, b) => b - a);

  return revisions.map((revision, position) => {
    const tasks = present.filter((worker) => worker.revision === revision);
    const running = tasks.filter((worker) => worker.readyAt <= at).length;
    const rollout = plan.rollouts.find((entry) => entry.revision === revision);
    const inProgress = rollout !== undefined && at < rollout.completedAt;
    const createdAt = rollout ? minuteZeroMs + rollout.startedAt * 1000 : minuteZeroMs - 86_400_000;

    const id = `ecs-svc/${deploymentNumber(`${script.service}:${revision}`)}`;
    return {
      id,
      status: position === 0 ? 'PRIMARY' : 'ACTIVE',
      taskDefinition: `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/${script.family}:${revision}`,
      desiredCount: position === 0 ? desired : tasks.filter((worker) => !isStopping(worker, at)).length,
      pendingCount: tasks.length - running,
      runningCount: running,
      failedTasks: 0,
      createdAt: isoTime(createdAt),
      launchType: 'EC2',
      rolloutState: position === 0 && inProgress ? 'IN_PROGRESS' : 'COMPLETED',
      rolloutStateReason: position === 0 && inProgress ? `ECS deployment ${id} in progress.` : `ECS deployment ${id} completed.`,
    };
  });
}

/** Builds one `ecsServices` entry of a recording: the cluster and the `DescribeServices` service. */
export function ecsService(script: ServiceScript, plan: FleetPlan, desired: number, at: number, minuteZeroMs: number) {
  const current = deployments(script, plan, desired, at, minuteZeroMs);
  const serviceArn = `arn:aws:ecs:${REGION}:${ACCOUNT}:service/${script.cluster}/${script.service}`;

  return {
    cluster: script.cluster,
    service: {
      serviceArn,
      serviceName: script.service,
      clusterArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/${script.cluster}`,
      status: 'ACTIVE',
      desiredCount: desired,
      runningCount: current.reduce((sum, deployment) => sum + deployment.runningCount, 0),
      pendingCount: current.reduce((sum, deployment) => sum + deployment.pendingCount, 0),
      launchType: 'EC2',
      taskDefinition: current[0]?.taskDefinition,
      deploymentConfiguration: {
        deploymentCircuitBreaker: { enable: true, rollback: true },
        maximumPercent: 200,
        minimumHealthyPercent: 100,
      },
      deployments: current,
    },
  };
}

/** Builds the service's entry of a `DescribeScalableTargets` output. */
export function scalableTarget(script: ServiceScript) {
  return {
    ServiceNamespace: 'ecs',
    ResourceId: `service/${script.cluster}/${script.service}`,
    ScalableDimension: 'ecs:service:DesiredCount',
    MinCapacity: script.min,
    MaxCapacity: script.max,
    RoleARN: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService`,
    SuspendedState: { DynamicScalingInSuspended: false, DynamicScalingOutSuspended: false, ScheduledScalingSuspended: false },
  };
}
