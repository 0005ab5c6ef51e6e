import type { AutoScalingGroup, Instance } from '@aws-sdk/client-auto-scaling';
import type { Service } from '@aws-sdk/client-ecs';

import type { SimPool } from './pool.js';

/** Creation time the simulated resources report. */
export const CREATED_AT = new Date(Date.UTC(2024, 0, 1));

/** The pool's Auto Scaling group as `DescribeAutoScalingGroups` returns it; draining workers are protected and in service. */
export function describeGroup(name: string, pool: SimPool): AutoScalingGroup {
  const instances: Instance[] = pool.fleet.liveWorkers().map((worker) => ({
    InstanceId: worker.id,
    AvailabilityZone: 'us-east-1a',
    LifecycleState: worker.state === 'pending' ? 'Pending' : 'InService',
    HealthStatus: 'Healthy',
    ProtectedFromScaleIn: pool.fleet.isProtected(worker),
    InstanceType: 'g5.xlarge',
  }));

  return {
    AutoScalingGroupName: name,
    MinSize: pool.spec.groupMin,
    MaxSize: pool.spec.groupMax,
    DesiredCapacity: pool.fleet.desired,
    DefaultCooldown: 300,
    AvailabilityZones: ['us-east-1a'],
    HealthCheckType: 'EC2',
    Instances: instances,
    CreatedTime: CREATED_AT,
  };
}

/** The pool's ECS service as `DescribeServices` returns it, with one steady primary deployment. */
export function describeService(pool: SimPool): Service {
  const target = pool.spec.config.target;
  const serviceName = target.kind === 'ecsService' ? target.service : pool.name;
  const clusterName = target.kind === 'ecsService' ? target.cluster : 'default';
  const workers = pool.fleet.liveWorkers();
  const running = workers.filter((worker) => worker.state === 'inService').length;
  const pending = workers.length - running;

  return {
    serviceName,
    serviceArn: `arn:aws:ecs:us-east-1:123456789012:service/${clusterName}/${serviceName}`,
    clusterArn: `arn:aws:ecs:us-east-1:123456789012:cluster/${clusterName}`,
    status: 'ACTIVE',
    desiredCount: pool.fleet.desired,
    runningCount: running,
    pendingCount: pending,
    deployments: [
      {
        id: 'ecs-svc/0000000000000000001',
        status: 'PRIMARY',
        desiredCount: pool.fleet.desired,
        runningCount: running,
        pendingCount: pending,
        rolloutState: 'COMPLETED',
      },
    ],
  };
}
