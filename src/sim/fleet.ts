import type { SimClock } from './clock.js';
import type { FleetParams, SimWorker } from './fleet-types.js';
export type { FleetParams, SimWorker, WorkerState } from './fleet-types.js';
import type { SimMessage, SimQueue } from './queue.js';
import { uniformAround, type Random } from './random.js';
import { planScaleIn } from './scale-in.js';

/** Receives each finished image, for the measures and the processing-time metric. */
export type CompletionListener = (message: SimMessage, serviceSeconds: number) => void;

/**
 * Workers of one pool behind an Auto Scaling group or ECS service. Applies desired capacity by
 * launching workers, which stay pending for their boot time and then serve. Scale-in removes
 * booting workers first, then idle ones, and never stops a protected busy one.
 */
export class SimFleet {
  private readonly workers = new Map<string, SimWorker>();
  /** In-service workers with a free slot that are not draining. */
  private readonly available = new Set<SimWorker>();
  private nextWorkerNumber = 1;
  private paidMsOfTerminated = 0;
  private drainingCount = 0;
  private desiredCount = 0;

  peakWorkers = 0;
  onCompletion: CompletionListener = () => {};

  constructor(
    private readonly params: FleetParams,
    private readonly queue: SimQueue,
    private readonly clock: SimClock,
    private readonly bootRandom: Random,
    private readonly failureRandom: Random,
  ) {
    queue.onVisible = () => this.dispatch();
  }

  get desired(): number {
    return this.desiredCount;
  }

  get concurrency(): number {
    return this.params.concurrency;
  }

  /** Live workers (booting, in service or draining), oldest first. */
  liveWorkers(): SimWorker[] {
    return [...this.workers.values()];
  }

  /** Protection a describe call reports: a busy worker protects itself when the fleet is set to. */
  isProtected(worker: SimWorker): boolean {
    return this.params.protectBusyWorkers && worker.busy > 0;
  }

  /** Starts the run with `count` workers already in service and warm. */
  startWarm(count: number): void {
    this.desiredCount = count;
    for (let i = 0; i < count; i += 1) {
      const worker = this.createWorker();
      worker.state = 'inService';
      worker.started = this.params.coldImages;
      this.available.add(worker);
    }
    this.peakWorkers = Math.max(this.peakWorkers, this.workers.size);
  }

  /** Applies a new desired capacity, as `SetDesiredCapacity` or `UpdateService` would. */
  setDesired(count: number): void {
    this.desiredCount = count;
    this.reconcile();
  }

  /** GPU-seconds paid so far: every second a worker exists, booting included. */
  paidSeconds(): number {
    let paidMs = this.paidMsOfTerminated;
    for (const worker of this.workers.values()) paidMs += this.clock.nowMs - worker.launchedAtMs;
    return paidMs / 1000;
  }

  private reconcile(): void {
    const draining = this.liveWorkers().filter((worker) => worker.draining);
    let excess = this.workers.size - draining.length - this.desiredCount;

    // Growing: keep draining workers first (they are already paid for and warm), then launch.
    for (const worker of draining) {
      if (excess >= 0) break;
      this.setDraining(worker, false);
      if (worker.busy < this.params.concurrency) this.available.add(worker);
      excess += 1;
    }
    for (; excess < 0; excess += 1) this.launch();

    if (excess > 0) this.scaleIn(excess);
    this.dispatch();
  }

  private scaleIn(excess: number): void {
    const plan = planScaleIn(this.liveWorkers(), excess, this.params.protectBusyWorkers);
    for (const worker of plan.terminate) this.terminate(worker);
    for (const worker of plan.drain) {
      this.setDraining(worker, true);
      this.available.delete(worker);
    }
  }

  private setDraining(worker: SimWorker, draining: boolean): void {
    if (worker.draining === draining) return;
    worker.draining = draining;
    this.drainingCount += draining ? 1 : -1;
  }

  private createWorker(): SimWorker {
    const id = `i-${this.nextWorkerNumber.toString(16).padStart(17, '0')}`;
    this.nextWorkerNumber += 1;

    const worker: SimWorker = {
      id,
      launchedAtMs: this.clock.nowMs,
      state: 'pending',
      busy: 0,
      started: 0,
      draining: false,
      inProgress: new Set(),
    };
    this.workers.set(id, worker);
    return worker;
  }

  private launch(): void {
    const worker = this.createWorker();
    this.peakWorkers = Math.max(this.peakWorkers, this.workers.size);

    const bootSeconds = Math.max(0, uniformAround(this.bootRandom, this.params.bootMeanSeconds, this.params.bootJitterSeconds));
    this.clock.schedule(this.clock.nowMs + bootSeconds * 1000, () => {
      if (worker.state !== 'pending') return;
      worker.state = 'inService';
      this.available.add(worker);
      this.dispatch();
    });
  }

  /** Stops a worker; images it was processing return to the queue when their visibility times out. */
  private terminate(worker: SimWorker): void {
    for (const message of worker.inProgress) this.queue.release(message, this.clock.nowMs + this.queue.visibilityTimeoutMs);
    worker.inProgress.clear();
    this.setDraining(worker, false);

    worker.state = 'terminated';
    this.workers.delete(worker.id);
    this.available.delete(worker);
    this.paidMsOfTerminated += this.clock.nowMs - worker.launchedAtMs;
  }

  /** Hands visible messages to free slots until one of them runs out. */
  private dispatch(): void {
    while (this.available.size > 0) {
      const worker = this.available.values().next().value as SimWorker;
      const message = this.queue.receive();
      if (message === undefined) return;
      this.start(worker, message);
    }
  }

  private start(worker: SimWorker, message: SimMessage): void {
    const cold = worker.started < this.params.coldImages;
    const serviceSeconds = message.serviceSeconds * (cold ? this.params.coldFactor : 1);
    const receipt = message.receiveCount;
    const receivedAtMs = this.clock.nowMs;
    const failed = this.params.failureProbability > 0 && this.failureRandom() < this.params.failureProbability;

    worker.started += 1;
    worker.busy += 1;
    worker.inProgress.add(message);
    if (worker.busy >= this.params.concurrency) this.available.delete(worker);

    this.clock.schedule(receivedAtMs + serviceSeconds * 1000, () => {
      if (worker.state === 'terminated' || message.receiveCount !== receipt) return;
      worker.busy -= 1;
      worker.inProgress.delete(message);

      if (failed) this.queue.release(message, receivedAtMs + this.queue.visibilityTimeoutMs);
      else {
        this.queue.delete(message);
        this.onCompletion(message, serviceSeconds);
      }
      this.afterSlotFreed(worker);
    });
  }

  private afterSlotFreed(worker: SimWorker): void {
    if (worker.draining) {
      if (worker.busy === 0) this.terminate(worker);
      return;
    }

    // An idle worker while another drains: the group removes the idle one and keeps the busy one.
    if (worker.busy === 0 && this.drainingCount > 0) {
      const drainingWorker = this.liveWorkers().find((candidate) => candidate.draining);
      if (drainingWorker !== undefined) {
        this.setDraining(drainingWorker, false);
        if (drainingWorker.busy < this.params.concurrency) this.available.add(drainingWorker);
        this.terminate(worker);
        this.dispatch();
        return;
      }
    }

    this.available.add(worker);
    this.dispatch();
  }
}
