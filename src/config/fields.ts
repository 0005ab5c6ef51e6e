import * as z from 'zod/mini';

/**
 * Field schemas shared by the configuration blocks. Every schema gives one message for all of
 * its failures, and that message states what is allowed, because `parseConfig` prints it after
 * the field path and the rejected value.
 */

/** Dimensions per metric (CloudWatch API reference, `Metric`). */
export const MAX_DIMENSIONS = 30;

/**
 * CloudWatch names: printable ASCII with at least one non-blank character. Namespaces and
 * dimension names may not start with ":", and `AWS/` namespaces are reserved for AWS services
 * (CloudWatch API reference, `Metric`, `Dimension` and `PutMetricData`).
 */
const NAMESPACE = /^(?=.*\S)(?!:)[\x20-\x7E]{1,255}$/;
const OWN_NAMESPACE = /^(?=.*\S)(?!:)(?!AWS\/)[\x20-\x7E]{1,255}$/;
const METRIC_NAME = /^(?=.*\S)[\x20-\x7E]{1,255}$/;
const DIMENSION_NAME = NAMESPACE;
const DIMENSION_VALUE = /^(?=.*\S)[\x20-\x7E]{1,1024}$/;
const STATISTIC = /^(?:Average|Minimum|Maximum|Sum|SampleCount|p\d{1,2}(?:\.\d{1,2})?)$/;
const STATISTIC_RULE =
  'must be Average, Minimum, Maximum, Sum, SampleCount or a percentile pNN such as p50 or p99.9, with 0 < NN < 100';

/** Builds a strict object whose messages list its keys, so an unknown key comes with the allowed ones. */
export function block<T extends z.core.$ZodLooseShape>(shape: T) {
  const keys = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown key (allowed keys: ${keys})`
        : `must be a mapping with the keys ${keys}`,
  });
}

export function integer(min: number, max?: number) {
  const rule = max === undefined ? `must be an integer >= ${min}` : `must be an integer from ${min} to ${max}`;
  const schema = z.int({ error: rule }).check(z.gte(min, { error: rule }));
  return max === undefined ? schema : schema.check(z.lte(max, { error: rule }));
}

export function positiveNumber(unit: string) {
  const rule = `must be a number > 0 (${unit})`;
  return z.number({ error: rule }).check(z.gt(0, { error: rule }));
}

export function nonNegativeNumber(unit: string) {
  const rule = `must be a number >= 0 (${unit})`;
  return z.number({ error: rule }).check(z.gte(0, { error: rule }));
}

/** Builds a percentage: a number strictly between 0 and 100. */
export function openPercent() {
  const rule = 'must be a number between 0 and 100, both excluded';
  return z.number({ error: rule }).check(z.gt(0, { error: rule }), z.lt(100, { error: rule }));
}

/** Builds a share: a number strictly between 0 and 1. */
export function openFraction() {
  const rule = 'must be a number between 0 and 1, both excluded';
  return z.number({ error: rule }).check(z.gt(0, { error: rule }), z.lt(1, { error: rule }));
}

export function text(pattern: RegExp, rule: string) {
  return z.string({ error: rule }).check(z.regex(pattern, { error: rule }));
}

/** Returns true for `Average`, `Minimum`, `Maximum`, `Sum`, `SampleCount` and `pNN` with 0 < NN < 100. */
export function isStatistic(value: string): boolean {
  if (!STATISTIC.test(value)) {
    return false;
  }
  return !value.startsWith('p') || Number(value.slice(1)) > 0;
}

export const namespace = text(NAMESPACE, 'must be a CloudWatch namespace of 1 to 255 ASCII characters, not starting with ":"');

/** Namespace the scaler publishes to, which `PutMetricData` rejects when it starts with `AWS/`. */
export const ownNamespace = text(
  OWN_NAMESPACE,
  'must be a CloudWatch namespace of 1 to 255 ASCII characters, not starting with ":" or "AWS/"',
);

export const metricName = text(METRIC_NAME, 'must be a CloudWatch metric name of 1 to 255 ASCII characters');

export const dimensions = z
  .record(
    text(DIMENSION_NAME, 'must be a dimension name of 1 to 255 ASCII characters, not starting with ":"'),
    text(DIMENSION_VALUE, 'must be a dimension value: a string of 1 to 1024 ASCII characters (quote numbers in YAML)'),
    { error: 'must be a mapping of dimension names to values' },
  )
  .check(
    z.refine((value) => Object.keys(value).length <= MAX_DIMENSIONS, {
      error: `must have at most ${MAX_DIMENSIONS} dimensions (CloudWatch limit)`,
    }),
  );

export const statistic = z.string({ error: STATISTIC_RULE }).check(z.refine(isStatistic, { error: STATISTIC_RULE }));
