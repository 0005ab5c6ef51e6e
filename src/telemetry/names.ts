/**
 * Names of the scaler's own CloudWatch metrics (embedded metric format, dimension `Pool`).
 * `RecommendedWorkers` and `QueueWork` are also read back each tick, so the stabilization and
 * idle windows survive cold starts without a database.
 */
export const POOL_DIMENSION = 'Pool';

export const METRIC = {
  desiredWorkers: 'DesiredWorkers',
  recommendedWorkers: 'RecommendedWorkers',
  keepUpWorkers: 'KeepUpWorkers',
  drainWorkers: 'DrainWorkers',
  backlog: 'Backlog',
  inFlight: 'InFlight',
  queueWork: 'QueueWork',
  slaAtRisk: 'SlaAtRisk',
  poolErrors: 'PoolErrors',
} as const;

export const DEFAULT_METRICS_NAMESPACE = 'GpuWorkerAutoscaler';
