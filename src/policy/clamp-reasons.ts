/** Sentences for the clamps `settleDesired` applied, with the facts behind each. */
import type { PoolConfig } from '../config/types.js';
import { busyWorkers } from './holds.js';
import type { IdleWindowCheck } from './idle.js';
import type { CapacityCounts, QueueTotals } from './inputs.js';
import { reason } from './reasons.js';
import type { Clamp, Reason } from './types.js';

/** Inputs of the clamp sentences besides the clamp itself. */
export interface ClampContext {
  pool: PoolConfig;
  totals: QueueTotals;
  capacity: CapacityCounts | undefined;
  idle: IdleWindowCheck;
  missing: string[];
  failedTicks: number;
}

function queueWork(totals: QueueTotals): number {
  return totals.visible + totals.inFlight + totals.delayed;
}

function unprotectedReason(clamp: Clamp, ctx: ClampContext): Reason {
  const { inFlight } = ctx.totals;
  return reason('UnprotectedBusyWorkers', {
    requested: clamp.before,
    held: clamp.after,
    inFlight,
    busyWorkers: busyWorkers(inFlight, ctx.pool.worker.concurrency),
    protectedWorkers: ctx.capacity?.protectedFromScaleIn ?? 0,
    protectionEnabled: ctx.pool.worker.scaleInProtection === true,
  });
}

function idleReason(ctx: ClampContext): Reason {
  const { requiredMinutes: idleMinutes, observedMinutes, busyMinutes } = ctx.idle;
  const enabled = ctx.pool.scaleToZero.enabled;
  return reason('IdleWindowNotElapsed', { enabled, idleMinutes, observedMinutes, busyMinutes, work: queueWork(ctx.totals) });
}

/** Builds the reason of one clamp. */
export function clampReason(clamp: Clamp, ctx: ClampContext): Reason {
  const { limits } = ctx.pool;
  const requested = clamp.before;
  const held = clamp.after;

  switch (clamp.code) {
    case 'CappedAtMax':
      return reason('CappedAtMax', { requested, max: held });
    case 'HeldAtMin':
      return reason('HeldAtMin', { requested, min: held });
    case 'FallbackFloor':
      return reason('FallbackFloor', { requested, floor: held, failedTicks: ctx.failedTicks });
    case 'ScaleInStabilized':
      return reason('ScaleInStabilized', { requested, held, windowSeconds: limits.scaleInStabilizationSeconds });
    case 'StepLimitedUp':
      return reason('StepLimitedUp', { requested, limited: held, step: limits.maxStepUp });
    case 'StepLimitedDown':
      return reason('StepLimitedDown', { requested, limited: held, step: limits.maxStepDown });
    case 'HoldOnMissingData':
      return reason('HoldOnMissingData', { missing: ctx.missing, current: held });
    case 'DeploymentInProgress':
      return reason('DeploymentInProgress', { requested, held });
    case 'UnprotectedBusyWorkers':
      return unprotectedReason(clamp, ctx);
    case 'ProtectedWorkersFloor':
      return reason('ProtectedWorkersFloor', { requested, held, protectedWorkers: ctx.capacity?.protectedFromScaleIn ?? held });
    case 'IdleWindowNotElapsed':
      return idleReason(ctx);
    default:
      return { code: clamp.code, message: `Changed from ${clamp.before} to ${clamp.after} workers.` };
  }
}
