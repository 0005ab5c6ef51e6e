import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { ECSClient } from '@aws-sdk/client-ecs';
import { SQSClient } from '@aws-sdk/client-sqs';

import type { MiddlewareStack } from '@smithy/types';

import type { AwsResponder, AwsService } from './responder.js';

/** Builds (and caches) one SDK client per service, region and role. */
export interface AwsClientFactory {
  sqs(region: string, roleArn?: string): SQSClient;
  cloudWatch(region: string): CloudWatchClient;
  autoScaling(region: string): AutoScalingClient;
  ecs(region: string): ECSClient;
  applicationAutoScaling(region: string): ApplicationAutoScalingClient;
}

/** Common client settings: a bounded number of attempts so one tick stays inside its deadline. */
export interface ClientSettings {
  maxAttempts: number;
}

export const DEFAULT_CLIENT_SETTINGS: ClientSettings = { maxAttempts: 3 };

type AnyClient = SQSClient | CloudWatchClient | AutoScalingClient | ECSClient | ApplicationAutoScalingClient;

interface ClientConfig {
  region: string;
  maxAttempts: number;
  credentials?: { accessKeyId: string; secretAccessKey: string };
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
    cloudWatch: (region) => get<CloudWatchClient>('cloudwatch', region),
    autoScaling: (region) => get<AutoScalingClient>('autoscaling', region),
    ecs: (region) => get<ECSClient>('ecs', region),
    applicationAutoScaling: (region) => get<ApplicationAutoScalingClient>('applicationautoscaling', region),
  };
}

/** Clients that call AWS with the default credential chain. */
export function createAwsClientFactory(settings: ClientSettings = DEFAULT_CLIENT_SETTINGS): AwsClientFactory {
  // NOTE: a queue's roleArn is not assumed yet; cross-account queues need the function's own role to have access.
  return makeFactory((service, region) => new CONSTRUCTORS[service]({ region, maxAttempts: settings.maxAttempts }));
}

/**
 * Clients whose every command is answered by `responder` instead of the network. Requests are
 * built and outputs parsed by the real SDK commands, so callers cannot tell the difference.
 */
export function createRespondingClientFactory(responder: AwsResponder): AwsClientFactory {
  return makeFactory((service, region, roleArn) => {
    // Static dummy credentials keep the SDK from searching the credential chain.
    const client = new CONSTRUCTORS[service]({
      region,
      maxAttempts: 1,
      credentials: { accessKeyId: 'REPLAY', secretAccessKey: 'REPLAY' },
    });

    const stack = client.middlewareStack as unknown as MiddlewareStack<object, object>;
    stack.add(
      (_next, context) => async (args) => {
        const output = await responder.respond({
          service,
          region,
          command: String(context.commandName),
          input: args.input,
          ...(roleArn ? { roleArn } : {}),
        });
        return { output: { $metadata: {}, ...(output as object) }, response: {} };
      },
      { step: 'initialize', name: 'respondFromResponder', priority: 'low' },
    );

    return client;
  });
}
