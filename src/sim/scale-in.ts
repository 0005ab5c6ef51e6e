import type { SimWorker } from './fleet-types.js';

/** Workers a scale-in stops now and workers it leaves to drain. */
export interface ScaleInPlan {
  terminate: SimWorker[];
  drain: SimWorker[];
}

/**
 * Picks `excess` workers to remove: booting workers first (newest first, they have done no
 * work), then idle in-service workers (newest first), then busy ones (least busy, then newest).
 * A busy worker protected from scale-in is never stopped; it drains instead.
 */
export function planScaleIn(live: SimWorker[], excess: number, protectBusyWorkers: boolean): ScaleInPlan {
  const candidates = live.filter((worker) => !worker.draining);
  const pending = candidates.filter((worker) => worker.state === 'pending').reverse();
  const idle = candidates.filter((worker) => worker.state === 'inService' && worker.busy === 0).reverse();
  const busy = candidates
    .filter((worker) => worker.state === 'inService' && worker.busy > 0)
    .sort((a, b) => a.busy - b.busy || b.launchedAtMs - a.launchedAtMs);

  const plan: ScaleInPlan = { terminate: [], drain: [] };
  for (const worker of [...pending, ...idle, ...busy].slice(0, Math.max(0, excess))) {
    if (worker.busy > 0 && protectBusyWorkers) plan.drain.push(worker);
    else plan.terminate.push(worker);
  }
  return plan;
}
