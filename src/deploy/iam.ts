import type { PoolConfig, ScalerConfig } from '../config/types.js';

/** One IAM policy statement as CloudFormation accepts it; `Fn::Sub` fills in partition and account. */
export interface IamStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: Array<string | { 'Fn::Sub': string }>;
}

/** AWS partition of a region: the ARN prefix differs in China and GovCloud. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

function queueArns(pools: PoolConfig[]): string[] {
  const arns = pools.flatMap((pool) =>
    pool.queues.map((queue) => `arn:${partitionOf(queue.region)}:sqs:${queue.region}:${queue.accountId}:${queue.queueName}`),
  );
  return [...new Set(arns)].sort();
}

function groupArns(pools: PoolConfig[]): Array<{ 'Fn::Sub': string }> {
  const arns = new Set<string>();
  for (const pool of pools) {
    if (pool.target.kind !== 'autoScalingGroup') continue;
    arns.add(`arn:\${AWS::Partition}:autoscaling:${pool.target.region}:\${AWS::AccountId}:autoScalingGroup:*:autoScalingGroupName/${pool.target.name}`);
  }
  return [...arns].sort().map((arn) => ({ 'Fn::Sub': arn }));
}

function serviceArns(pools: PoolConfig[]): Array<{ 'Fn::Sub': string }> {
  const arns = new Set<string>();
  for (const pool of pools) {
    if (pool.target.kind !== 'ecsService') continue;
    const { region, cluster, service } = pool.target;
    arns.add(`arn:\${AWS::Partition}:ecs:${region}:\${AWS::AccountId}:service/${cluster}/${service}`);
  }
  return [...arns].sort().map((arn) => ({ 'Fn::Sub': arn }));
}

/**
 * Builds the function's IAM statements from the pool configuration, so every write is scoped
 * to the configured groups and services. The describe and metric calls accept only `*`,
 * because those APIs have no resource-level permissions.
 */
export function buildIamStatements(config: ScalerConfig): IamStatement[] {
  const statements: IamStatement[] = [
    { Sid: 'ReadQueueDepth', Effect: 'Allow', Action: ['sqs:GetQueueAttributes'], Resource: queueArns(config.pools) },
    {
      Sid: 'ReadMetricsAndFleets',
      Effect: 'Allow',
      Action: ['cloudwatch:GetMetricData', 'autoscaling:DescribeAutoScalingGroups', 'application-autoscaling:DescribeScalableTargets'],
      Resource: ['*'],
    },
  ];

  const groups = groupArns(config.pools);
  if (groups.length > 0) {
    statements.push({ Sid: 'SetGroupCapacity', Effect: 'Allow', Action: ['autoscaling:SetDesiredCapacity'], Resource: groups });
  }

  const services = serviceArns(config.pools);
  if (services.length > 0) {
    statements.push({ Sid: 'ScaleServices', Effect: 'Allow', Action: ['ecs:DescribeServices', 'ecs:UpdateService'], Resource: services });
  }

  // Read only, and needed only when ECS workers protect their own tasks: the scaler then counts
  // protected tasks before a scale-in. Granted on every resource because both calls only read.
  const protectsTasks = config.pools.some((pool) => pool.target.kind === 'ecsService' && pool.worker.scaleInProtection === true);
  if (protectsTasks) {
    statements.push({ Sid: 'ReadTaskProtection', Effect: 'Allow', Action: ['ecs:ListTasks', 'ecs:GetTaskProtection'], Resource: ['*'] });
  }

  const roles = [...new Set(config.pools.flatMap((pool) => pool.queues.flatMap((queue) => (queue.roleArn ? [queue.roleArn] : []))))];
  if (roles.length > 0) {
    statements.push({ Sid: 'AssumeQueueRoles', Effect: 'Allow', Action: ['sts:AssumeRole'], Resource: roles.sort() });
  }

  return statements;
}
