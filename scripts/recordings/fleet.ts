/**
 * Scripted worker fleet of a scenario: Auto Scaling instances or ECS tasks, launched and stopped
 * when the scripted desired count changes. The fleet does not react to the scaler; the scenario
 * chooses each tick's desired count as a plausible record of what the scaler had set.
 * Times are seconds from the start of minute 0, the minute holding the first recorded tick.
 */

export interface Worker {
  /** Launch order within the pool, used to build instance and task IDs. */
  index: number;
  /** Task definition revision (ECS) or launch template version (Auto Scaling). */
  revision: number;
  launchedAt: number;
  /** Boot plus model load done: an instance turns InService, a task RUNNING. */
  readyAt: number;
  /** Scale-in or replacement: the worker takes no more work from here on. */
  stopAt?: number;
  /** The instance or task is gone from the describe output. */
  goneAt?: number;
}

/** A rolling ECS deployment of a new task definition revision. */
export interface Rollout {
  revision: number;
  startedAt: number;
  /** The last task of the previous revision is gone. */
  completedAt: number;
}

export interface FleetPlan {
  workers: Worker[];
  rollouts: Rollout[];
}

export interface FleetScript {
  firstTick: number;
  lastTick: number;
  tickTime: (tick: number) => number;
  desired: (tick: number) => number;
  warmupSeconds: number;
  /** Seconds a stopped worker stays in the describe output (Terminating instance, stopping task). */
  stopSeconds: number;
  /** Rolling deployments, each started 30 seconds after the tick `afterTick`. */
  deployments: ReadonlyArray<{ afterTick: number; revision: number }>;
}

/** The scaler's write lands a few seconds after its tick started. */
const WRITE_DELAY_SECONDS = 5;
const ROLLOUT_DELAY_SECONDS = 30;

/** Orders stop candidates: booting workers first, then the newest in service. */
function stopOrder(at: number) {
  return (a: Worker, b: Worker) => Number(b.readyAt > at) - Number(a.readyAt > at) || b.launchedAt - a.launchedAt;
}

function applyDesired(plan: FleetPlan, script: FleetScript, revision: number, desired: number, at: number): void {
  const active = plan.workers.filter((worker) => worker.stopAt === undefined);

  for (let i = active.length; i < desired; i++) {
    plan.workers.push({ index: plan.workers.length, revision, launchedAt: at, readyAt: at + script.warmupSeconds });
  }

  const surplus = active.sort(stopOrder(at)).slice(0, Math.max(0, active.length - desired));
  for (const worker of surplus) {
    worker.stopAt = at;
    worker.goneAt = at + script.stopSeconds;
  }
}

/** Starts every replacement at once (maximum percent 200); each old task stops when its replacement is ready. */
function startRollout(plan: FleetPlan, script: FleetScript, revision: number, at: number): void {
  const old = plan.workers.filter((worker) => worker.stopAt === undefined && worker.revision < revision);
  let completedAt = at;

  for (const worker of old) {
    const replacement = { index: plan.workers.length, revision, launchedAt: at, readyAt: at + script.warmupSeconds };
    plan.workers.push(replacement);
    worker.stopAt = replacement.readyAt;
    worker.goneAt = replacement.readyAt + script.stopSeconds;
    completedAt = Math.max(completedAt, worker.goneAt);
  }
  plan.rollouts.push({ revision, startedAt: at, completedAt });
}

/** Builds the fleet from the scripted desired counts, starting with every worker of the first tick in service. */
export function planFleet(script: FleetScript, initialRevision: number): FleetPlan {
  const plan: FleetPlan = { workers: [], rollouts: [] };
  let revision = initialRevision;
  const longAgo = script.tickTime(script.firstTick) - 3600;
  applyDesired(plan, { ...script, warmupSeconds: 0 }, revision, script.desired(script.firstTick), longAgo);

  for (let tick = script.firstTick + 1; tick <= script.lastTick; tick++) {
    const previous = script.tickTime(tick - 1);
    applyDesired(plan, script, revision, script.desired(tick), previous + WRITE_DELAY_SECONDS);

    const deployment = script.deployments.find((entry) => entry.afterTick === tick - 1);
    if (deployment) {
      revision = deployment.revision;
      startRollout(plan, script, revision, previous + ROLLOUT_DELAY_SECONDS);
    }
  }
  return plan;
}

export function isPresent(worker: Worker, at: number): boolean {
  return worker.launchedAt <= at && (worker.goneAt === undefined || at < worker.goneAt);
}

/** True while the worker takes work: ready and not stopped. */
export function isServing(worker: Worker, at: number): boolean {
  return worker.readyAt <= at && (worker.stopAt === undefined || at < worker.stopAt);
}

export function isStopping(worker: Worker, at: number): boolean {
  return worker.stopAt !== undefined && worker.stopAt <= at && isPresent(worker, at);
}
