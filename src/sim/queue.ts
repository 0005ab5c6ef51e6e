import type { SimClock } from './clock.js';
import type { Random } from './random.js';

/** One image job. `serviceSeconds` is its work on a warm worker, drawn when it is sent. */
export interface SimMessage {
  id: number;
  sentAtMs: number;
  serviceSeconds: number;
  /** Times it was received; a completion for an older receive is ignored. */
  receiveCount: number;
}

export interface QueueParams {
  /** Seconds a received message stays hidden after its worker stops extending it. */
  visibilityTimeoutSeconds: number;
  /** `DelaySeconds` of every send; 0 for none. */
  delaySeconds: number;
  /** Approximate counts are read from up to this many seconds ago, like SQS's distributed counters. */
  approximateLagSeconds: number;
}

export interface QueueCounts {
  visible: number;
  inFlight: number;
  delayed: number;
}

/** Sends and the oldest message age of one minute, for the `AWS/SQS` metrics. */
export interface QueueMinuteStats {
  sent: number;
  maxOldestAgeSeconds: number;
}

/**
 * One SQS standard queue: visible, in-flight and delayed messages, visibility timeout, and
 * counts that lag by a few seconds as `GetQueueAttributes` reports them.
 */
export class SimQueue {
  private visibleMessages: SimMessage[] = [];
  private head = 0;
  private inFlight = 0;
  private delayed = 0;
  /** Messages not yet deleted, in send order, so the first entry is the oldest. */
  private readonly unfinished = new Map<number, SimMessage>();

  private readonly ring: Int32Array;
  private nextSampleSecond = Number.NEGATIVE_INFINITY;
  private firstSampleSecond = Number.POSITIVE_INFINITY;

  private sentThisMinute = 0;
  private maxDeletedAgeMs = 0;

  /** Called whenever a message becomes visible, so an idle worker can receive it. */
  onVisible: () => void = () => {};

  constructor(
    readonly url: string,
    readonly name: string,
    private readonly params: QueueParams,
    private readonly clock: SimClock,
    private readonly random: Random,
  ) {
    this.ring = new Int32Array(3 * (Math.max(0, Math.floor(params.approximateLagSeconds)) + 1));
  }

  send(message: SimMessage): void {
    this.recordSamples();
    this.sentThisMinute += 1;
    this.unfinished.set(message.id, message);

    if (this.params.delaySeconds <= 0) {
      this.pushVisible(message);
      return;
    }

    this.delayed += 1;
    this.clock.schedule(this.clock.nowMs + this.params.delaySeconds * 1000, () => {
      this.recordSamples();
      this.delayed -= 1;
      this.pushVisible(message);
    });
  }

  /** Receives the next visible message, which then counts as in flight. */
  receive(): SimMessage | undefined {
    if (this.head >= this.visibleMessages.length) return undefined;

    this.recordSamples();
    const message = this.visibleMessages[this.head]!;
    this.head += 1;
    if (this.head > 4096 && this.head * 2 > this.visibleMessages.length) {
      this.visibleMessages = this.visibleMessages.slice(this.head);
      this.head = 0;
    }

    this.inFlight += 1;
    message.receiveCount += 1;
    return message;
  }

  /** Deletes a finished message. */
  delete(message: SimMessage): void {
    this.recordSamples();
    this.inFlight -= 1;
    this.unfinished.delete(message.id);
    this.maxDeletedAgeMs = Math.max(this.maxDeletedAgeMs, this.clock.nowMs - message.sentAtMs);
  }

  /**
   * Returns a received message to the queue without deleting it: it stays in flight until
   * `visibleAtMs` (the visibility timeout running out), then becomes visible again.
   */
  release(message: SimMessage, visibleAtMs: number): void {
    this.clock.schedule(Math.max(visibleAtMs, this.clock.nowMs), () => {
      this.recordSamples();
      this.inFlight -= 1;
      this.pushVisible(message);
    });
  }

  get visibilityTimeoutMs(): number {
    return this.params.visibilityTimeoutSeconds * 1000;
  }

  /** Exact counts now. */
  counts(): QueueCounts {
    return { visible: this.visibleMessages.length - this.head, inFlight: this.inFlight, delayed: this.delayed };
  }

  /** Counts as `GetQueueAttributes` reports them: exact as of a random 0 to lag seconds ago. */
  approximateCounts(): QueueCounts {
    this.recordSamples();
    const lag = Math.floor(this.random() * (this.ring.length / 3));
    const second = Math.floor(this.clock.nowMs / 1000) - lag;
    if (lag === 0 || second < this.firstSampleSecond) return this.counts();

    const slot = (second % (this.ring.length / 3)) * 3;
    return { visible: this.ring[slot]!, inFlight: this.ring[slot + 1]!, delayed: this.ring[slot + 2]! };
  }

  /** Age of the oldest message not yet deleted, seconds; 0 when there is none. */
  oldestAgeSeconds(): number {
    const oldest = this.unfinished.values().next();
    return oldest.done ? 0 : (this.clock.nowMs - oldest.value.sentAtMs) / 1000;
  }

  /** Returns the sends and the highest oldest-message age since the last call, then resets them. */
  takeMinuteStats(): QueueMinuteStats {
    const stats = {
      sent: this.sentThisMinute,
      maxOldestAgeSeconds: Math.max(this.oldestAgeSeconds(), this.maxDeletedAgeMs / 1000),
    };
    this.sentThisMinute = 0;
    this.maxDeletedAgeMs = 0;
    return stats;
  }

  private pushVisible(message: SimMessage): void {
    this.visibleMessages.push(message);
    this.onVisible();
  }

  /** Records the counts at each whole second since the last change, before the next change. */
  private recordSamples(): void {
    const slots = this.ring.length / 3;
    if (slots <= 1) return;

    const second = Math.floor(this.clock.nowMs / 1000);
    if (second < this.nextSampleSecond) return;

    const from = Math.max(this.nextSampleSecond, second - slots + 1);
    const { visible, inFlight, delayed } = this.counts();
    for (let s = from; s <= second; s += 1) {
      const slot = (s % slots) * 3;
      this.ring[slot] = visible;
      this.ring[slot + 1] = inFlight;
      this.ring[slot + 2] = delayed;
    }
    this.firstSampleSecond = Math.min(this.firstSampleSecond, from);
    this.nextSampleSecond = second + 1;
  }
}
