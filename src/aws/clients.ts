import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { ECSClient } from '@aws-sdk/client-ecs';
import { SQSClient } from '@aws-sdk/client-sqs';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';

import type { AwsCredentialIdentityProvider, MiddlewareStack } from '@smithy/types';

import { addResponderMiddleware } from './responding-middleware.js';
import type { AwsResponder, AwsService } from './responder.js';

/**
 * Builds (and caches) one SDK client per service, region and role. A role is set only for
 * reads of a queue in another account: its SQS attributes and its CloudWatch metrics.
 */
export interface AwsClientFactory {
  sqs(region: string, roleArn?: string): SQSClient;
  cloudWatch(region: string, roleArn?: string): CloudWatchClient;
  autoScaling(region: string): AutoScalingClient;
  ecs(region: string): ECSClient;
  applicationAutoScaling(region: string): ApplicationAutoScalingClient;
}

/**
 * Retry and timeout settings of every client. Together with the tick deadline they bound a
 * call: at most `maxAttempts` attempts, each cut after `requestTimeoutMs` without a response.
 */
export interface ClientSettings {
  /** Attempts per call in the SDK's standard retry mode, the first one included. */
  maxAttempts: number;
  /** Time to open a TCP and TLS connection, milliseconds. */
  connectionTimeoutMs: number;
  /** Time to wait for a response once the request is sent, milliseconds. */
  requestTimeoutMs: number;
}

/**
 * Three attempts retry a throttled or 5xx call twice, with the standard mode's jittered backoff
 * (at most 0.5 s then 1 s for throttling). A regional AWS endpoint connects in well under a
 * second and these APIs respond in about one, so 3 s and 10 s only cut calls that hang.
 */
export const DEFAULT_CLIENT_SETTINGS: ClientSettings = { maxAttempts: 3, connectionTimeoutMs: 3_000, requestTimeoutMs: 10_000 };

/** Session name the scaler gives an assumed role; it shows in the queue account's CloudTrail. */
export const ROLE_SESSION_NAME = 'gpu-worker-autoscaler';

type AnyClient = SQSClient | CloudWatchClient | AutoScalingClient | ECSClient | ApplicationAutoScalingClient;

interface ClientConfig {
  region: string;
  maxAttempts: number;
  retryMode?: 'standard';
  requestHandler?: { connectionTimeout: number; requestTimeout: number; throwOnRequestTimeout: boolean };
  credentials?: { accessKeyId: string; secretAccessKey: string } | AwsCredentialIdentityProvider;
}

const CONSTRUCTORS: Record<AwsService, new (config: ClientConfig) => AnyClient> = {
  sqs: SQSClient,
  cloudwatch: CloudWatchClient,
  autoscaling: AutoScalingClient,
  ecs: ECSClient,
  applicationautoscaling: ApplicationAutoScalingClient,
};

function makeFactory(create: (service: AwsService, region: string, roleArn?: string) => AnyClient): AwsClientFactory {
  const cache = new Map<string, AnyClient>();

  const get = <C extends AnyClient>(service: AwsService, region: string, roleArn?: string): C => {
    const key = `${service}|${region}|${roleArn ?? ''}`;
    let client = cache.get(key);
    if (!client) {
      client = create(service, region, roleArn);
      cache.set(key, client);
    }
    return client as C;
  };

  return {
    sqs: (region, roleArn) => get<SQSClient>('sqs', region, roleArn),
    cloudWatch: (region, roleArn) => get<CloudWatchClient>('cloudwatch', region, roleArn),
    autoScaling: (region) => get<AutoScalingClient>('autoscaling', region),
    ecs: (region) => get<ECSClient>('ecs', region),
    applicationAutoScaling: (region) => get<ApplicationAutoScalingClient>('applicationautoscaling', region),
  };
}

/** Returns the SDK configuration shared by every client: standard retries and both timeouts. */
export function clientConfig(region: string, settings: ClientSettings): ClientConfig {
  return {
    region,
    maxAttempts: settings.maxAttempts,
    retryMode: 'standard',
    // Without throwOnRequestTimeout the SDK only logs a warning when requestTimeout passes.
    requestHandler: { connectionTimeout: settings.connectionTimeoutMs, requestTimeout: settings.requestTimeoutMs, throwOnRequestTimeout: true },
  };
}

/** Builds the credentials of one role; the default assumes it with STS. */
export type AssumeRole = (roleArn: string, region: string, settings: ClientSettings) => AwsCredentialIdentityProvider;

/**
 * Assumes `roleArn` with the function's own credentials, through the STS endpoint of the
 * queue's region. The SDK caches the temporary credentials and renews them before they expire.
 * The role needs `sqs:GetQueueAttributes` on the queue and `cloudwatch:GetMetricData` in its
 * account, and must trust the function's role.
 */
export const assumeRoleWithSts: AssumeRole = (roleArn, region, settings) =>
  fromTemporaryCredentials({
    params: { RoleArn: roleArn, RoleSessionName: ROLE_SESSION_NAME },
    clientConfig: clientConfig(region, settings),
  });

/**
 * Clients that call AWS with the default credential chain, or with the credentials of the
 * queue's role for a cross-account queue. Missing settings take `DEFAULT_CLIENT_SETTINGS`.
 */
export function createAwsClientFactory(settings: Partial<ClientSettings> = {}, assumeRole: AssumeRole = assumeRoleWithSts): AwsClientFactory {
  const resolved: ClientSettings = { ...DEFAULT_CLIENT_SETTINGS, ...settings };
  const roleCredentials = new Map<string, AwsCredentialIdentityProvider>();

  // One provider per role and region, shared by the SQS and CloudWatch clients, so one
  // AssumeRole serves both.
  const credentialsFor = (roleArn: string, region: string): AwsCredentialIdentityProvider => {
    const key = `${region}|${roleArn}`;
    const provider = roleCredentials.get(key) ?? assumeRole(roleArn, region, resolved);
    roleCredentials.set(key, provider);
    return provider;
  };

  return makeFactory((service, region, roleArn) => {
    const config = clientConfig(region, resolved);
    return new CONSTRUCTORS[service](roleArn ? { ...config, credentials: credentialsFor(roleArn, region) } : config);
  });
}

/** Options of `createRespondingClientFactory`. */
export interface RespondingOptions {
  /**
   * Attempts per call with the SDK's standard retry strategy and its real backoff. When set,
   * the responder receives every attempt, so a fault can outlast the retries or end within them.
   * Without it every call is one attempt, which keeps simulations fast.
   */
  maxAttempts?: number;
}

/**
 * Clients whose every command gets its response from `responder` instead of the network. Requests are
 * built and outputs parsed by the real SDK commands, so callers cannot tell the difference.
 */
export function createRespondingClientFactory(responder: AwsResponder, options: RespondingOptions = {}): AwsClientFactory {
  return makeFactory((service, region, roleArn) => {
    // Static dummy credentials keep the SDK from searching the credential chain.
    const client = new CONSTRUCTORS[service]({
      region,
      maxAttempts: options.maxAttempts ?? 1,
      retryMode: 'standard',
      credentials: { accessKeyId: 'REPLAY', secretAccessKey: 'REPLAY' },
    });

    const stack = client.middlewareStack as unknown as MiddlewareStack<object, object>;
    addResponderMiddleware(stack, responder, { service, region, ...(roleArn ? { roleArn } : {}) }, options.maxAttempts !== undefined);
    return client;
  });
}
