/** Public API of the pure decision core. */
export { decide } from './decide.js';
export { erlangB, erlangC, minServersForSla, waitExceedProbability, type StaffingResult } from './erlang.js';
export { estimateProcessingSeconds, median, PROCESSING_WINDOW_MINUTES, type ProcessingEstimate, type ProcessingSource } from './processing.js';
export { estimateArrivalRate, queueArrivalRate, ARRIVAL_MEDIAN_MINUTES, ARRIVAL_RISE_MINUTES, type ArrivalEstimate } from './arrivals.js';
export { sizePool, drainRounds, lostBacklogHorizon, type SizingInput, type SizingResult } from './sizing.js';
export { settleDesired, stabilizationWindowMax, type SettleInput, type SettleResult } from './stabilize.js';
export { checkIdleWindow, IDLE_GAP_MINUTES, type IdleWindowCheck } from './idle.js';
export { resolveBounds, sumQueueCounts, readCapacity, type PoolBounds, type QueueTotals, type CapacityCounts } from './inputs.js';
export { REASON_TEXT, reason, formatNumber, type ReasonDetails } from './reasons.js';
export type * from './types.js';
