/** Public API of the pure decision core. */
export { decide } from './decide.js';
export { erlangB, erlangC, minServersForSla, waitExceedProbability, MAX_SEARCHED_LOAD, type StaffingResult } from './erlang.js';
export { estimateProcessingSeconds, median, PROCESSING_WINDOW_MINUTES, type ProcessingEstimate, type ProcessingSource } from './processing.js';
export { estimateArrivalRate, queueArrivalRate, ARRIVAL_MEDIAN_MINUTES, ARRIVAL_RISE_MINUTES, type ArrivalEstimate } from './arrivals.js';
export {
  sizePool,
  sizeQueues,
  drainRounds,
  lostBacklogHorizon,
  MAX_RAW_WORKERS,
  type FleetInput,
  type QueueDemand,
  type QueueSizing,
  type SizingInput,
  type SizingResult,
} from './sizing.js';
export { settleDesired, stabilizationWindowMax, type ScaleInFloor, type SettleInput, type SettleResult } from './stabilize.js';
export { busyWorkers, busyWorkersProtected, fallbackFloor, scaleInFloors } from './holds.js';
export { assertUsableConfig, guardDecision } from './guard.js';
export { checkIdleWindow, IDLE_GAP_MINUTES, type IdleWindowCheck } from './idle.js';
export {
  isCount,
  orderedWorkers,
  readCapacity,
  readQueueCounts,
  resolveBounds,
  sumQueueCounts,
  type CapacityCounts,
  type PoolBounds,
  type QueueCounts,
  type QueueTotals,
} from './inputs.js';
export { REASON_TEXT, reason, formatNumber, type ReasonDetails } from './reasons.js';
export type * from './types.js';
