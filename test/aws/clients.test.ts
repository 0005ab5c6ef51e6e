import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { describe, expect, it } from 'vitest';

import { createRespondingClientFactory } from '../../src/aws/clients.js';
import type { AwsCall } from '../../src/aws/responder.js';

const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/sdxl-jobs';

function recordingFactory(answer: (call: AwsCall) => unknown) {
  const calls: AwsCall[] = [];
  const factory = createRespondingClientFactory({
    respond(call) {
      calls.push(call);
      return answer(call);
    },
  });
  return { factory, calls };
}

describe('createRespondingClientFactory', () => {
  it('passes the built command to the responder', async () => {
    const { factory, calls } = recordingFactory(() => ({ Attributes: { ApproximateNumberOfMessages: '4' } }));

    const output = await factory.sqs('eu-west-1').send(new GetQueueAttributesCommand({ QueueUrl: QUEUE_URL, AttributeNames: ['ApproximateNumberOfMessages'] }));

    expect(output.Attributes?.ApproximateNumberOfMessages).toBe('4');
    expect(calls).toEqual([
      {
        service: 'sqs',
        region: 'eu-west-1',
        command: 'GetQueueAttributesCommand',
        input: { QueueUrl: QUEUE_URL, AttributeNames: ['ApproximateNumberOfMessages'] },
      },
    ]);
  });

  it('raises the error the responder throws', async () => {
    const { factory } = recordingFactory(() => {
      throw Object.assign(new Error('Rate exceeded'), { name: 'Throttling', $fault: 'client' });
    });

    const send = factory.autoScaling('us-east-1').send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['sdxl-workers'] }));

    await expect(send).rejects.toMatchObject({ name: 'Throttling', message: 'Rate exceeded' });
  });

  it('caches one client per service, region and role', () => {
    const { factory } = recordingFactory(() => ({}));

    expect(factory.sqs('us-east-1')).toBe(factory.sqs('us-east-1'));
    expect(factory.sqs('us-east-1')).not.toBe(factory.sqs('eu-west-1'));
    expect(factory.sqs('us-east-1')).not.toBe(factory.sqs('us-east-1', 'arn:aws:iam::210987654321:role/queue-reader'));
  });

  it('tags cross-account calls with the role', async () => {
    const role = 'arn:aws:iam::210987654321:role/queue-reader';
    const { factory, calls } = recordingFactory(() => ({ Attributes: {} }));

    await factory.sqs('us-east-1', role).send(new GetQueueAttributesCommand({ QueueUrl: QUEUE_URL }));

    expect(calls[0]?.roleArn).toBe(role);
  });
});
