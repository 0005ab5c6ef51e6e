import type { SimMessage } from './queue.js';

export interface FleetParams {
  /** Images one worker processes at once. */
  concurrency: number;
  /** Mean of boot plus model load, seconds, before a new worker takes images. */
  bootMeanSeconds: number;
  /** Boot time is uniform in mean ± jitter, seconds. */
  bootJitterSeconds: number;
  /** The first this many images on a fresh worker run slower (cold caches, lazy kernels). */
  coldImages: number;
  /** Service-time multiplier for those first images. */
  coldFactor: number;
  /** Share of images that fail without being deleted and come back after the visibility timeout. */
  failureProbability: number;
  /**
   * Busy workers protect themselves from scale-in (instance scale-in protection or ECS task
   * protection). When false, scale-in may stop a busy worker and its images return to the
   * queue after the visibility timeout.
   */
  protectBusyWorkers: boolean;
}

export type WorkerState = 'pending' | 'inService' | 'terminated';

export interface SimWorker {
  id: string;
  launchedAtMs: number;
  state: WorkerState;
  /** Images in progress. */
  busy: number;
  /** Images started since launch; the first `coldImages` run slower. */
  started: number;
  /** Above desired capacity and protected: takes no new images, leaves when its last one is done. */
  draining: boolean;
  /** Messages being processed, so a stopped worker can return them to the queue. */
  inProgress: Set<SimMessage>;
}
