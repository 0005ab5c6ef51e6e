import { describe, expect, it } from 'vitest';

import { parseConfig } from '../../src/config/index.js';
import { buildIamStatements, partitionOf } from '../../src/deploy/iam.js';

const BASE_POOL = {
  processingTime: { priorSeconds: 3 },
  sla: { seconds: 180 },
  limits: { max: 10 },
};

const CONFIG = parseConfig(
  {
    pools: [
      {
        ...BASE_POOL,
        name: 'sdxl',
        queues: ['https://sqs.us-east-1.amazonaws.com/123456789012/sdxl-jobs'],
        target: { autoScalingGroup: 'sdxl-workers' },
      },
      {
        ...BASE_POOL,
        name: 'whisper',
        queues: [
          'https://sqs.eu-west-1.amazonaws.com/123456789012/whisper-jobs',
          { url: 'https://sqs.eu-west-1.amazonaws.com/210987654321/partner-jobs', roleArn: 'arn:aws:iam::210987654321:role/queue-reader' },
        ],
        target: { ecsService: { cluster: 'gpu', service: 'whisper' } },
      },
    ],
  },
  'test',
);

function statement(sid: string) {
  return buildIamStatements(CONFIG).find((item) => item.Sid === sid);
}

describe('buildIamStatements', () => {
  it('scopes queue reads to configured queues', () => {
    expect(statement('ReadQueueDepth')?.Resource).toEqual([
      'arn:aws:sqs:eu-west-1:123456789012:whisper-jobs',
      'arn:aws:sqs:eu-west-1:210987654321:partner-jobs',
      'arn:aws:sqs:us-east-1:123456789012:sdxl-jobs',
    ]);
  });

  it('scopes SetDesiredCapacity to configured groups', () => {
    const set = statement('SetGroupCapacity');

    expect(set?.Action).toEqual(['autoscaling:SetDesiredCapacity']);
    expect(set?.Resource).toEqual([
      { 'Fn::Sub': 'arn:${AWS::Partition}:autoscaling:us-east-1:${AWS::AccountId}:autoScalingGroup:*:autoScalingGroupName/sdxl-workers' },
    ]);
  });

  it('scopes UpdateService to configured services', () => {
    const scale = statement('ScaleServices');

    expect(scale?.Action).toEqual(['ecs:DescribeServices', 'ecs:UpdateService']);
    expect(scale?.Resource).toEqual([{ 'Fn::Sub': 'arn:${AWS::Partition}:ecs:eu-west-1:${AWS::AccountId}:service/gpu/whisper' }]);
  });

  it('task protection read only when ECS workers protect tasks', () => {
    const protecting = parseConfig(
      {
        pools: [{ ...BASE_POOL, name: 'whisper', queues: ['https://sqs.eu-west-1.amazonaws.com/123456789012/whisper-jobs'], target: { ecsService: { cluster: 'gpu', service: 'whisper' } }, worker: { scaleInProtection: true } }],
      },
      'test',
    );

    expect(statement('ReadTaskProtection')).toBeUndefined();
    expect(buildIamStatements(protecting).find((item) => item.Sid === 'ReadTaskProtection')?.Action).toEqual(['ecs:ListTasks', 'ecs:GetTaskProtection']);
  });

  it('allows only the configured roles', () => {
    expect(statement('AssumeQueueRoles')?.Resource).toEqual(['arn:aws:iam::210987654321:role/queue-reader']);
  });

  it('grants no write on every resource', () => {
    const wildcard = buildIamStatements(CONFIG).filter((item) => item.Resource.includes('*'));

    for (const item of wildcard) {
      expect(item.Action.every((action) => /:(Describe|Get|List)/.test(action))).toBe(true);
    }
  });
});

describe('partitionOf', () => {
  it.each([
    ['us-east-1', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
  ])('maps %s', (region, partition) => {
    expect(partitionOf(region)).toBe(partition);
  });
});
