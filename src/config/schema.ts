import * as z from 'zod/mini';

import {
  ECS_CLUSTER_PATTERN,
  ECS_SERVICE_PATTERN,
  parseQueueUrl,
  QUEUE_URL_EXAMPLE,
  REGION_PATTERN,
  ROLE_ARN_PATTERN,
} from './aws-names.js';
import {
  block,
  dimensions,
  integer,
  metricName,
  namespace,
  nonNegativeNumber,
  openFraction,
  openPercent,
  ownNamespace,
  positiveNumber,
  statistic,
  text,
} from './fields.js';
import { POLICY_NAMES, type PolicyName } from './types.js';

/**
 * Schema of the raw pool configuration: field types, ranges, formats, unknown keys, and the
 * cross-field rules that stay inside one block. Defaults are applied afterwards by
 * `resolveConfig`, so optional fields stay optional here.
 */

export const POOL_NAME_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
export const MAX_QUEUES_PER_POOL = 10;

const queueUrl = z.string({ error: `must be an SQS queue URL such as ${QUEUE_URL_EXAMPLE}` }).check(
  z.superRefine((url, context) => {
    const parsed = parseQueueUrl(url);
    if (!parsed.ok) {
      context.issues.push({ code: 'custom', input: url, message: parsed.problem });
    }
  }),
);

const roleArn = text(ROLE_ARN_PATTERN, 'must be an IAM role ARN such as arn:aws:iam::123456789012:role/queue-reader');

const sla = block({
  seconds: positiveNumber('seconds from enqueue to result'),
  percentile: z.optional(openPercent()),
});

/** SQS names a FIFO queue with the suffix `.fifo`; other queues have no message groups. */
function isFifoUrl(url: string): boolean {
  const parsed = parseQueueUrl(url);
  return parsed.ok && parsed.queueName.endsWith('.fifo');
}

const queueMapping = block({
  url: queueUrl,
  roleArn: z.optional(roleArn),
  sla: z.optional(sla),
  messageGroups: z.optional(integer(1)),
}).check(
  z.superRefine((value, context) => {
    // Only a valid count gets this issue, so each field reports one problem at a time.
    const groups = value.messageGroups;
    if (groups !== undefined && Number.isInteger(groups) && groups >= 1 && !isFifoUrl(value.url)) {
      const message = 'applies only to FIFO queues, whose name ends in ".fifo" (remove it for a standard queue)';
      context.issues.push({ code: 'custom', path: ['messageGroups'], input: value.messageGroups, message });
    }
  }),
);

const queueEntry = z.union([queueUrl, queueMapping], {
  error: `must be a queue URL such as ${QUEUE_URL_EXAMPLE} or a mapping with the keys url, roleArn, sla, messageGroups`,
});

type QueueEntry = z.output<typeof queueEntry>;

/** Returns the URL of a queue entry, which is either the URL itself or `{ url, roleArn }`. */
export function queueEntryUrl(entry: QueueEntry): string {
  return typeof entry === 'string' ? entry : entry.url;
}

const queuesRule = `must be a list of 1 to ${MAX_QUEUES_PER_POOL} queues`;

const queues = z.array(queueEntry, { error: queuesRule }).check(
  z.minLength(1, { error: queuesRule }),
  z.maxLength(MAX_QUEUES_PER_POOL, { error: queuesRule }),
  z.superRefine((entries, context) => {
    const seen = new Map<string, number>();
    entries.forEach((entry, index) => {
      const parsed = parseQueueUrl(queueEntryUrl(entry));
      const key = parsed.ok ? `${parsed.region}/${parsed.accountId}/${parsed.queueName}` : queueEntryUrl(entry);
      const first = seen.get(key);
      if (first !== undefined) {
        const path = typeof entry === 'string' ? [index] : [index, 'url'];
        context.issues.push({ code: 'custom', path, input: entry, message: `same queue as queues[${first}]` });
      }
      seen.set(key, first ?? index);
    });
  }),
);

const region = text(REGION_PATTERN, 'must be a region code such as us-east-1');

const ecsService = block({
  cluster: text(ECS_CLUSTER_PATTERN, 'must be an ECS cluster name (letters, digits, "_", "-", up to 255) or cluster ARN'),
  service: text(ECS_SERVICE_PATTERN, 'must be an ECS service name (letters, digits, "_", "-", up to 255) or service ARN'),
});

const target = block({
  autoScalingGroup: z.optional(text(/^[^\x00-\x1F]{1,255}$/, 'must be an Auto Scaling group name of 1 to 255 characters')),
  ecsService: z.optional(ecsService),
  region: z.optional(region),
}).check(
  z.superRefine((value, context) => {
    const kinds = [value.autoScalingGroup, value.ecsService].filter((kind) => kind !== undefined).length;
    if (kinds !== 1) {
      const message =
        kinds === 0
          ? 'must set autoScalingGroup (a group name) or ecsService (a mapping with cluster and service)'
          : 'must set only one of autoScalingGroup and ecsService';
      context.issues.push({ code: 'custom', input: value, message });
    }
  }),
);

const processingTime = block({
  namespace: z.optional(namespace),
  metricName: z.optional(metricName),
  dimensions: z.optional(dimensions),
  statistic: z.optional(statistic),
  priorSeconds: positiveNumber('seconds per image'),
}).check(
  z.superRefine((value, context) => {
    if (value.namespace !== undefined && value.metricName === undefined) {
      context.issues.push(pairIssue('metricName', 'namespace'));
    }
    if (value.metricName !== undefined && value.namespace === undefined) {
      context.issues.push(pairIssue('namespace', 'metricName'));
    }
    if (value.namespace !== undefined || value.metricName !== undefined) {
      return;
    }
    for (const key of ['dimensions', 'statistic'] as const) {
      if (value[key] !== undefined) {
        const message = 'has no effect without namespace and metricName (set both, or remove it)';
        context.issues.push({ code: 'custom', path: [key], input: value[key], message });
      }
    }
  }),
);

function pairIssue(missing: string, present: string) {
  const message = `required when processingTime.${present} is set (set both or neither)`;
  return { code: 'custom' as const, path: [missing], input: undefined, message };
}

const worker = block({
  concurrency: z.optional(integer(1)),
  warmupSeconds: z.optional(nonNegativeNumber('seconds')),
  scaleInProtection: z.optional(z.boolean({ error: 'must be true or false' })),
});

const limits = block({
  min: z.optional(integer(0)),
  max: integer(1),
  scaleInStabilizationSeconds: z.optional(integer(0, 3600)),
  maxStepUp: z.optional(integer(1)),
  maxStepDown: z.optional(integer(1)),
}).check(
  z.superRefine((value, context) => {
    if (value.min !== undefined && value.min > value.max) {
      const message = `must be <= limits.max (${value.max})`;
      context.issues.push({ code: 'custom', path: ['min'], input: value.min, message });
    }
  }),
);

const scaleToZero = block({
  enabled: z.optional(z.boolean({ error: 'must be true or false' })),
  idleMinutes: z.optional(integer(1, 1440)),
});

const fallback = block({
  workers: integer(0),
  afterFailedTicks: z.optional(integer(1)),
});

/** Parameters each policy accepts besides `name`; a parameter of another policy is rejected. */
export const POLICY_PARAMETERS: Record<PolicyName, readonly string[]> = {
  sla: ['burstHeadroom', 'backlogShare'],
  backlogPerInstance: ['acceptableLatencySeconds', 'processingSeconds', 'scaleOutDatapoints', 'scaleInDatapoints', 'scaleInRatio'],
  queueLength: ['queueLength', 'activationQueueLength', 'scaleOnInFlight', 'scaleOnDelayed', 'tolerance', 'scaleDownStabilizationSeconds', 'cooldownSeconds'],
  static: ['workers'],
};

const policyNameRule = `must be one of ${POLICY_NAMES.join(', ')}`;
const headroomRule = 'must be a number from 0 to 10 (standard deviations of the minute-to-minute arrivals)';
const shareRule = 'must be a number from 0 to 1 (share of the SLA time left after a boot)';
const toleranceRule = 'must be a number from 0 to below 1 (share of the target)';
const booleanField = z.boolean({ error: 'must be true or false' });

const policy = block({
  name: z.enum(POLICY_NAMES, { error: policyNameRule }),
  burstHeadroom: z.optional(
    z.number({ error: headroomRule }).check(z.gte(0, { error: headroomRule }), z.lte(10, { error: headroomRule })),
  ),
  backlogShare: z.optional(
    z.number({ error: shareRule }).check(z.gte(0, { error: shareRule }), z.lte(1, { error: shareRule })),
  ),
  acceptableLatencySeconds: z.optional(positiveNumber('seconds')),
  processingSeconds: z.optional(positiveNumber('seconds per message')),
  scaleOutDatapoints: z.optional(integer(1, 60)),
  scaleInDatapoints: z.optional(integer(1, 60)),
  scaleInRatio: z.optional(openFraction()),
  queueLength: z.optional(integer(1)),
  activationQueueLength: z.optional(integer(0)),
  scaleOnInFlight: z.optional(booleanField),
  scaleOnDelayed: z.optional(booleanField),
  tolerance: z.optional(
    z.number({ error: toleranceRule }).check(z.gte(0, { error: toleranceRule }), z.lt(1, { error: toleranceRule })),
  ),
  scaleDownStabilizationSeconds: z.optional(integer(0, 3600)),
  cooldownSeconds: z.optional(integer(0)),
  workers: z.optional(integer(0)),
}).check(
  z.superRefine((value, context) => {
    const allowed = POLICY_PARAMETERS[value.name] ?? [];
    for (const key of Object.keys(value)) {
      if (key === 'name' || allowed.includes(key) || value[key as keyof typeof value] === undefined) continue;
      const accepted = allowed.length === 0 ? 'it takes no parameters' : `its parameters are ${allowed.join(', ')}`;
      const message = `is not a parameter of policy ${value.name} (${accepted})`;
      context.issues.push({ code: 'custom', path: [key], input: value[key as keyof typeof value], message });
    }
    if (value.name === 'static' && value.workers === undefined) {
      context.issues.push({ code: 'custom', path: ['workers'], input: undefined, message: 'required by policy static: the fixed worker count, an integer >= 0' });
    }
  }),
);

export const poolSchema = block({
  name: text(POOL_NAME_PATTERN, 'must be 1 to 64 letters, digits, "_", "." or "-"'),
  queues,
  target,
  processingTime,
  sla,
  worker: z.optional(worker),
  limits,
  scaleToZero: z.optional(scaleToZero),
  fallback: z.optional(fallback),
  policy: z.optional(policy),
}).check(
  z.superRefine((value, context) => {
    // A floor above max would always be cut to max, which hides a typo in either field.
    if (value.fallback !== undefined && value.fallback.workers > value.limits.max) {
      const message = `must be <= limits.max (${value.limits.max})`;
      context.issues.push({ code: 'custom', path: ['fallback', 'workers'], input: value.fallback.workers, message });
    }
    const workers = value.policy?.workers;
    if (value.policy?.name === 'static' && workers !== undefined && (workers > value.limits.max || workers < (value.limits.min ?? 0))) {
      const message = `must lie within limits.min (${value.limits.min ?? 0}) and limits.max (${value.limits.max})`;
      context.issues.push({ code: 'custom', path: ['policy', 'workers'], input: workers, message });
    }
  }),
);

const poolsRule = 'must be a list of at least one pool';

export const configSchema = block({
  metricsNamespace: z.optional(ownNamespace),
  pools: z.array(poolSchema, { error: poolsRule }).check(z.minLength(1, { error: poolsRule })),
});

export type RawConfig = z.output<typeof configSchema>;
export type RawPool = z.output<typeof poolSchema>;
