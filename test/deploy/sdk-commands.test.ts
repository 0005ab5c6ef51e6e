import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import * as applicationAutoScaling from '@aws-sdk/client-application-auto-scaling';
import * as autoScaling from '@aws-sdk/client-auto-scaling';
import * as cloudWatch from '@aws-sdk/client-cloudwatch';
import * as ecs from '@aws-sdk/client-ecs';
import * as sqs from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';

import { parseConfig } from '../../src/config/index.js';
import { buildIamStatements } from '../../src/deploy/iam.js';

const SOURCE = join(import.meta.dirname, '..', '..', 'src');

/** IAM service prefix of each SDK client package the scaler uses. */
const PACKAGES: Array<[prefix: string, exports: object]> = [
  ['sqs', sqs],
  ['cloudwatch', cloudWatch],
  ['autoscaling', autoScaling],
  ['ecs', ecs],
  ['application-autoscaling', applicationAutoScaling],
];

/** A configuration that uses every feature that adds a call: groups, services with task protection, a cross-account queue. */
const EVERY_FEATURE = parseConfig(
  {
    pools: [
      {
        name: 'sdxl',
        queues: ['https://sqs.us-east-1.amazonaws.com/123456789012/sdxl-jobs'],
        target: { autoScalingGroup: 'sdxl-workers' },
        processingTime: { priorSeconds: 3 },
        sla: { seconds: 180 },
        limits: { max: 10 },
      },
      {
        name: 'whisper',
        queues: [{ url: 'https://sqs.eu-west-1.amazonaws.com/210987654321/partner-jobs', roleArn: 'arn:aws:iam::210987654321:role/queue-reader' }],
        target: { ecsService: { cluster: 'gpu', service: 'whisper' } },
        worker: { scaleInProtection: true },
        processingTime: { priorSeconds: 3 },
        sla: { seconds: 180 },
        limits: { max: 10 },
      },
    ],
  },
  'test',
);

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Lists every `new XxxCommand(` in src, with the file that sends it. */
function sentCommands(): Array<{ command: string; file: string }> {
  return sourceFiles(SOURCE).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/new (\w+)Command\(/g)].map((match) => ({ command: match[1]!, file: relative(SOURCE, file) })),
  );
}

/** Returns the IAM action of an SDK command, such as `sqs:GetQueueAttributes`. */
function iamAction(command: string): string | undefined {
  const owner = PACKAGES.find(([, exports]) => `${command}Command` in exports);
  return owner ? `${owner[0]}:${command}` : undefined;
}

describe('IAM statements cover every SDK command', () => {
  const granted = new Set(buildIamStatements(EVERY_FEATURE).flatMap((statement) => statement.Action));
  const commands = sentCommands();

  it('finds the commands the tick sends', () => {
    expect(new Set(commands.map((entry) => entry.command))).toEqual(
      new Set(['GetQueueAttributes', 'GetMetricData', 'DescribeAutoScalingGroups', 'SetDesiredCapacity', 'DescribeServices', 'UpdateService', 'DescribeScalableTargets', 'ListTasks', 'GetTaskProtection']),
    );
  });

  it.each(commands)('$command ($file) has an IAM action', ({ command }) => {
    const action = iamAction(command);

    expect(action, `${command} is not a command of a known client package`).toBeDefined();
    expect(granted.has(action!), `${action} missing from the IAM statements`).toBe(true);
  });

  it('grants sts:AssumeRole for the queue role', () => {
    expect(granted.has('sts:AssumeRole')).toBe(true);
  });

  it('never reads or deletes messages', () => {
    const actions = [...granted];

    expect(actions.filter((action) => /^sqs:(ReceiveMessage|DeleteMessage|PurgeQueue|SendMessage)/.test(action))).toEqual([]);
    expect(commands.filter((entry) => /Message|Purge/.test(entry.command))).toEqual([]);
  });
});
