/**
 * A responder that wraps another one (the simulated cloud), counts every call by command and,
 * when latency is on, returns each output after a simulated network round trip.
 */
import type { AwsCall, AwsResponder } from '../../src/aws/responder.js';
import { uniformAround, type Random } from '../../src/sim/random.js';

/**
 * Round-trip times per SDK command, milliseconds. These are estimates of typical in-region
 * latency from a Lambda function, not measurements. Writes are the slowest calls.
 */
export const LATENCY_MS: Readonly<Record<string, number>> = {
  GetQueueAttributesCommand: 10,
  GetMetricDataCommand: 60,
  DescribeAutoScalingGroupsCommand: 80,
  DescribeServicesCommand: 60,
  DescribeScalableTargetsCommand: 60,
  SetDesiredCapacityCommand: 100,
  UpdateServiceCommand: 100,
};

/** Round trip of a command missing from `LATENCY_MS`, milliseconds. */
export const DEFAULT_LATENCY_MS = 50;
/** Each call's latency is uniform within ± this share of its command's round trip. */
export const LATENCY_JITTER = 0.2;
/**
 * Concurrent requests per SDK client. AWS SDK for JavaScript v3 uses an HTTPS agent with
 * `maxSockets` 50 unless configured otherwise (developer guide, "Configure maxSockets in Node.js"),
 * and further requests wait for a free socket.
 */
export const MAX_SOCKETS_PER_CLIENT = 50;

interface SocketPool {
  active: number;
  waiting: Array<() => void>;
}

export class LatencyResponder implements AwsResponder {
  /** When false, outputs are returned at once, so a tick costs only its CPU time. */
  latencyOn = true;
  private counts = new Map<string, number>();
  private latencySumMs = 0;
  private maxInFlight = 0;
  private inFlight = 0;
  private readonly sockets = new Map<string, SocketPool>();

  constructor(
    private readonly inner: AwsResponder,
    private readonly random: Random,
    private readonly maxSocketsPerClient = MAX_SOCKETS_PER_CLIENT,
  ) {}

  respond(call: AwsCall): unknown {
    this.counts.set(call.command, (this.counts.get(call.command) ?? 0) + 1);
    if (!this.latencyOn) return this.inner.respond(call);
    return this.respondLater(call);
  }

  /**
   * Returns the calls per command and the sum of simulated round trips since the last call,
   * and starts counting again.
   */
  takeTally(): { requests: Record<string, number>; latencySumMs: number; maxInFlight: number } {
    const tally = { requests: Object.fromEntries(this.counts), latencySumMs: this.latencySumMs, maxInFlight: this.maxInFlight };
    this.counts = new Map();
    this.latencySumMs = 0;
    this.maxInFlight = 0;
    return tally;
  }

  private async respondLater(call: AwsCall): Promise<unknown> {
    // One client per service, region and role, as `createRespondingClientFactory` caches them.
    const client = `${call.service}|${call.region}|${call.roleArn ?? ''}`;
    await this.acquireSocket(client);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);

    try {
      const roundTripMs = LATENCY_MS[call.command] ?? DEFAULT_LATENCY_MS;
      const latencyMs = uniformAround(this.random, roundTripMs, roundTripMs * LATENCY_JITTER);
      this.latencySumMs += latencyMs;
      await new Promise((resolve) => setTimeout(resolve, latencyMs));
      // The output is computed when the round trip ends, so it reflects the cloud's state at that time.
      return this.inner.respond(call);
    } finally {
      this.inFlight -= 1;
      this.releaseSocket(client);
    }
  }

  private async acquireSocket(client: string): Promise<void> {
    const pool = this.sockets.get(client) ?? { active: 0, waiting: [] };
    this.sockets.set(client, pool);
    if (pool.active < this.maxSocketsPerClient) {
      pool.active += 1;
      return;
    }
    // The releasing call hands its socket over, so `active` stays the same.
    await new Promise<void>((resolve) => pool.waiting.push(resolve));
  }

  private releaseSocket(client: string): void {
    const pool = this.sockets.get(client);
    if (pool === undefined) return;

    const next = pool.waiting.shift();
    if (next) next();
    else pool.active -= 1;
  }
}
