/**
 * Port that returns responses to AWS SDK commands without a network: recordings, the simulator and tests
 * plug in here. The responding middleware sits in each SDK client's `initialize` step, so the
 * command and its input are built exactly as in production; only the wire call is replaced.
 */

export type AwsService = 'sqs' | 'cloudwatch' | 'autoscaling' | 'ecs' | 'applicationautoscaling';

export interface AwsCall {
  service: AwsService;
  region: string;
  /** SDK command class name, for example `GetQueueAttributesCommand`. */
  command: string;
  input: unknown;
  /** Role the client was created for, when the call crosses accounts. */
  roleArn?: string;
}

/**
 * Returns the command's output in the SDK's shape, or throws an error shaped like an SDK
 * service exception (`name`, `$fault`, `$metadata`) to simulate a fault.
 */
export interface AwsResponder {
  respond(call: AwsCall): unknown;
}
