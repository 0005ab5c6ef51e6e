import type { AwsService } from '../../src/aws/responder.js';

/**
 * Creates an error shaped as the SDK raises a service exception: `name` is the error code,
 * `$fault` and `$metadata.httpStatusCode` drive the SDK's retry decision.
 */
export function sdkError(name: string, message: string, httpStatusCode: number): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: httpStatusCode >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode, requestId: `test-${name}` },
  });
}

/** Creates the error `@smithy/node-http-handler` raises when `requestTimeout` passes (with `throwOnRequestTimeout`). */
export function requestTimeoutError(): Error {
  return Object.assign(new Error('a request has exceeded the configured 10000 ms requestTimeout.'), { name: 'TimeoutError', code: 'ETIMEDOUT' });
}

// Error codes differ by protocol. Query services (Auto Scaling, CloudWatch) use `Throttling`
// and `AccessDenied`; the JSON services (ECS, Application Auto Scaling) use `ThrottlingException`
// and `AccessDeniedException`. SQS names its throttling error `RequestThrottled` (SDK v3 model).
const THROTTLING: Record<AwsService, string> = {
  sqs: 'RequestThrottled',
  cloudwatch: 'Throttling',
  autoscaling: 'Throttling',
  ecs: 'ThrottlingException',
  applicationautoscaling: 'ThrottlingException',
};

const ACCESS_DENIED: Record<AwsService, string> = {
  sqs: 'AccessDenied',
  cloudwatch: 'AccessDenied',
  autoscaling: 'AccessDenied',
  ecs: 'AccessDeniedException',
  applicationautoscaling: 'AccessDeniedException',
};

const VALIDATION: Record<AwsService, string> = {
  sqs: 'InvalidAddress',
  cloudwatch: 'InvalidParameterValue',
  autoscaling: 'ValidationError',
  ecs: 'InvalidParameterException',
  applicationautoscaling: 'ValidationException',
};

/** What the scaler is expected to do under a fault. */
export type ExpectedOutcome =
  /** The pool is left unchanged or only grows, is reported failed, and the invocation ends in error. */
  | 'fails'
  /** A retry within the tick succeeds: the tick is as without the fault. */
  | 'retried'
  /** The response is valid AWS behaviour, not an error: the pool proceeds. */
  | 'proceeds';

/** Fault raised as an error on some attempts, or as no response at all. */
export interface ErrorFault {
  kind: 'error';
  code: (service: AwsService) => string;
  make: (service: AwsService) => Error | 'noAnswer';
  /** Failing attempts; Infinity fails every attempt of the tick. */
  attempts: number;
}

/** Fault raised as a valid response from a changed cloud, such as a deleted resource. */
export interface StateFault {
  kind: 'state';
  code: () => string;
}

export interface FaultSpec {
  id: string;
  label: string;
  how: ErrorFault | StateFault;
  outcome: ExpectedOutcome;
}

const always = (code: (service: AwsService) => string, make: (service: AwsService) => Error | 'noAnswer'): ErrorFault => ({ kind: 'error', code, make, attempts: Number.POSITIVE_INFINITY });

/** Faults every call can meet. */
export const GENERIC_FAULTS: FaultSpec[] = [
  {
    id: 'throttling',
    label: 'throttling on every attempt',
    how: always((s) => THROTTLING[s], (s) => sdkError(THROTTLING[s], 'Rate exceeded', 400)),
    outcome: 'fails',
  },
  {
    id: 'throttling-once',
    label: 'throttling on the first attempt only',
    how: { kind: 'error', code: (s) => THROTTLING[s], make: (s) => sdkError(THROTTLING[s], 'Rate exceeded', 400), attempts: 1 },
    outcome: 'retried',
  },
  {
    id: 'internal-failure',
    label: '500 InternalFailure on every attempt',
    how: always(() => 'InternalFailure', () => sdkError('InternalFailure', 'The request processing has failed because of an unknown error.', 500)),
    outcome: 'fails',
  },
  {
    id: 'service-unavailable',
    label: '503 ServiceUnavailable on every attempt',
    how: always(() => 'ServiceUnavailable', () => sdkError('ServiceUnavailable', 'The request has failed due to a temporary failure of the server.', 503)),
    outcome: 'fails',
  },
  {
    id: 'timeout',
    label: 'request timeout (TimeoutError) on every attempt',
    how: always(() => 'TimeoutError', () => requestTimeoutError()),
    outcome: 'fails',
  },
  {
    id: 'no-answer',
    label: 'no answer at all (cut by the tick deadline)',
    how: always(() => 'TickDeadlineExceeded', () => 'noAnswer'),
    outcome: 'fails',
  },
  {
    id: 'access-denied',
    label: 'access denied',
    how: always((s) => ACCESS_DENIED[s], (s) => sdkError(ACCESS_DENIED[s], 'User is not authorized to perform this action', s === 'autoscaling' || s === 'cloudwatch' ? 403 : 400)),
    outcome: 'fails',
  },
  {
    id: 'validation',
    label: 'validation error',
    how: always((s) => VALIDATION[s], (s) => sdkError(VALIDATION[s], 'The request is invalid', 400)),
    outcome: 'fails',
  },
];

export const QUEUE_DELETED: FaultSpec = {
  id: 'queue-deleted',
  label: 'queue deleted',
  // SDK v3 names the error QueueDoesNotExist; its query code is AWS.SimpleQueueService.NonExistentQueue.
  how: always(() => 'QueueDoesNotExist', () => sdkError('QueueDoesNotExist', 'The specified queue does not exist.', 400)),
  outcome: 'fails',
};

export const GROUP_MISSING: FaultSpec = { id: 'group-missing', label: 'group deleted (absent from the answer)', how: { kind: 'state', code: () => 'AutoScalingGroupNotFound' }, outcome: 'fails' };

export const SERVICE_MISSING: FaultSpec = { id: 'service-missing', label: 'service deleted (MISSING failure)', how: { kind: 'state', code: () => 'ServiceNotFoundException' }, outcome: 'fails' };

export const CLUSTER_MISSING: FaultSpec = {
  id: 'cluster-missing',
  label: 'cluster deleted',
  how: always(() => 'ClusterNotFoundException', () => sdkError('ClusterNotFoundException', 'Cluster not found.', 400)),
  outcome: 'fails',
};

export const SCALABLE_TARGET_MISSING: FaultSpec = {
  id: 'scalable-target-missing',
  label: 'no scalable target registered',
  how: { kind: 'state', code: () => 'none (configured bounds apply)' },
  outcome: 'proceeds',
};

export const SCALING_ACTIVITY_IN_PROGRESS: FaultSpec = {
  id: 'scaling-activity',
  label: 'scaling activity in progress',
  // The SDK model names it ScalingActivityInProgressFault; AWS's query code is ScalingActivityInProgress.
  how: always(() => 'ScalingActivityInProgressFault', () => sdkError('ScalingActivityInProgressFault', 'Scaling activity is in progress and blocks this action.', 400)),
  outcome: 'fails',
};

export const RESOURCE_CONTENTION: FaultSpec = {
  id: 'resource-contention',
  label: '500 ResourceContention on every attempt',
  how: always(() => 'ResourceContentionFault', () => sdkError('ResourceContentionFault', 'You already have a pending update to an Auto Scaling resource.', 500)),
  outcome: 'fails',
};

export const SERVICE_NOT_ACTIVE: FaultSpec = {
  id: 'service-not-active',
  label: 'service not active',
  how: always(() => 'ServiceNotActiveException', () => sdkError('ServiceNotActiveException', 'Service was not ACTIVE.', 400)),
  outcome: 'fails',
};

export const SERVICE_NOT_FOUND: FaultSpec = {
  id: 'service-not-found',
  label: 'service deleted',
  how: always(() => 'ServiceNotFoundException', () => sdkError('ServiceNotFoundException', 'Service not found.', 400)),
  outcome: 'fails',
};

const RETRYABLE_CODES = new Set(['Throttling', 'ThrottlingException', 'RequestThrottled', 'TimeoutError']);

/** Returns whether the SDK's standard retry mode retries this error: throttling, timeouts and 5xx. */
export function isRetryable(error: Error): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 0;
  return RETRYABLE_CODES.has(error.name) || status >= 500;
}
