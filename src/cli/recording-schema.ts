import * as z from 'zod/mini';

/**
 * Schema of a recording: the AWS responses of one or more ticks. SDK-shaped objects
 * (Auto Scaling groups, ECS services, scalable targets) are kept loose beyond the fields the
 * scaler reads, so a response copied from the AWS CLI with `--output json` fits as it is.
 */

const sqsAttributes = z.record(z.string(), z.string());

const datapoint = z.strictObject({
  timestamp: z.iso.datetime({ offset: true }),
  value: z.number(),
});

const metricSeries = z.strictObject({
  namespace: z.string().check(z.minLength(1)),
  metricName: z.string().check(z.minLength(1)),
  dimensions: z._default(z.record(z.string(), z.string()), {}),
  statistic: z.string().check(z.minLength(1)),
  datapoints: z.array(datapoint),
});

const autoScalingGroup = z.looseObject({
  AutoScalingGroupName: z.string(),
  MinSize: z.number(),
  MaxSize: z.number(),
  DesiredCapacity: z.number(),
  Instances: z.optional(
    z.array(
      z.looseObject({
        InstanceId: z.string(),
        LifecycleState: z.string(),
        ProtectedFromScaleIn: z.optional(z.boolean()),
      }),
    ),
  ),
});

const ecsService = z.strictObject({
  cluster: z.string(),
  service: z.looseObject({
    serviceName: z.string(),
    desiredCount: z.number(),
    runningCount: z.number(),
    pendingCount: z.number(),
    deployments: z.optional(z.array(z.looseObject({ status: z.optional(z.string()) }))),
  }),
});

const scalableTarget = z.looseObject({
  ServiceNamespace: z.string(),
  ResourceId: z.string(),
  ScalableDimension: z.string(),
  MinCapacity: z.number(),
  MaxCapacity: z.number(),
});

/** A fault to raise instead of a response: the first call of `command` whose input mentions `resource`. */
const fault = z.strictObject({
  command: z.string().check(z.regex(/Command$/)),
  resource: z.optional(z.string()),
  code: z.string().check(z.minLength(1)),
  message: z._default(z.string(), 'Recorded fault'),
});

const tick = z.strictObject({
  time: z.iso.datetime({ offset: true }),
  note: z.optional(z.string()),
  sqs: z._default(z.record(z.string(), sqsAttributes), {}),
  cloudwatch: z._default(z.array(metricSeries), []),
  autoScalingGroups: z._default(z.array(autoScalingGroup), []),
  ecsServices: z._default(z.array(ecsService), []),
  scalableTargets: z._default(z.array(scalableTarget), []),
  faults: z._default(z.array(fault), []),
});

export const recordingSchema = z.strictObject({
  description: z.string(),
  /** Pool configuration the recording was made with, relative to the recording file; `--config` overrides it. */
  config: z.optional(z.string().check(z.minLength(1))),
  ticks: z.array(tick).check(z.minLength(1)),
});

export type Recording = z.infer<typeof recordingSchema>;
export type RecordedTick = Recording['ticks'][number];

/** JSON Schema (draft 2020-12) of the recording format, for editors and other tools. */
export function recordingJsonSchema(): unknown {
  return z.toJSONSchema(recordingSchema, { io: 'input' });
}
