/**
 * Inputs and outputs of the pure decision core. `src/observe/` and `src/targets/` build an
 * `Observation`; `decide` turns it, the pool's configuration and its history into a `Decision`.
 * A value that could not be read is `undefined` (unknown), never zero.
 */

/** Counts one SQS queue reported, or undefined where the read failed. */
export interface QueueObservation {
  url: string;
  visible: number | undefined;
  inFlight: number | undefined;
  delayed: number | undefined;
  /** Messages sent per complete minute, oldest first; `undefined` when CloudWatch had no datapoints. */
  arrivalsPerMinute: number[] | undefined;
  /** `ApproximateAgeOfOldestMessage` of the newest complete minute, seconds. */
  oldestAgeSeconds: number | undefined;
  /** Error code when `GetQueueAttributes` failed. */
  error?: string;
}

/** Desired capacity and bounds the Auto Scaling group or ECS service reported. */
export interface CapacityObservation {
  desired: number;
  /** Workers in service (InService instances or running tasks of the primary deployment). */
  inService: number;
  /** Workers launched but not yet in service (booting, pending tasks). */
  pending: number;
  /** Bounds of the group, or of the service's scalable target; undefined when there is none. */
  min: number | undefined;
  max: number | undefined;
  /**
   * In-service workers protected from scale-in. Workers that protect themselves around each
   * image make this the count of busy, protected workers.
   */
  protectedFromScaleIn: number;
  /** An ECS deployment is rolling (more than one deployment, or the primary is not steady). */
  deploymentInProgress: boolean;
}

/** Recommendation history the stabilization window and the idle window read. */
export interface PoolHistory {
  /** Recommendations of past ticks, `atMs` epoch milliseconds, any order. */
  recommendations: Array<{ atMs: number; workers: number }>;
  /** Past minutes with the queue work (visible + in flight + delayed) observed, `atMs` epoch milliseconds. */
  queueWork: Array<{ atMs: number; messages: number }>;
  /** Last processing time that came from real datapoints, seconds. */
  lastGoodProcessingSeconds: number | undefined;
  /**
   * Ticks in a row that ended with this pool failed (a read or write failed), for the fallback
   * floor. Absent counts as 0; `rememberOutcome` keeps it.
   */
  consecutiveFailedTicks?: number;
  /**
   * True when the CloudWatch read-back of this history failed, so minutes before the in-memory
   * history began are unknown and the windows may miss past recommendations.
   */
  readBackFailed?: boolean;
  /**
   * State of the pool's baseline policy (alarm datapoints, recommendation window), kept in memory
   * only; absent for the SLA formula. A cold start begins it again.
   */
  baselineState?: BaselineStateRecord;
}

/** A baseline policy's state between ticks, tagged with the policy it belongs to. */
export interface BaselineStateRecord {
  policy: 'backlogPerInstance' | 'queueLength' | 'static';
  /** Plain JSON the policy reads back on the next tick. */
  state: unknown;
}

export interface Observation {
  pool: string;
  /** Tick time, epoch milliseconds. */
  nowMs: number;
  queues: QueueObservation[];
  /** Per complete minute values of the workers' processing-time metric, oldest first; empty when none. */
  processingSeconds: number[];
  capacity: CapacityObservation | undefined;
  history: PoolHistory;
}

/** Closed set of reasons a decision can give, each with a plain sentence in `REASON_TEXT`. */
export type ReasonCode =
  | 'KeepUp'
  | 'DrainBacklog'
  | 'BootBacklog'
  | 'InFlightFloor'
  | 'WorkWaitingFloor'
  | 'PendingCounted'
  | 'CappedAtMax'
  | 'HeldAtMin'
  | 'ScaleInStabilized'
  | 'StepLimitedUp'
  | 'StepLimitedDown'
  | 'IdleScaleToZero'
  | 'IdleWindowNotElapsed'
  | 'SlaAtRisk'
  | 'SlaBroken'
  | 'ProcessingTimeFromPrior'
  | 'ProcessingTimeFromLastGood'
  | 'ArrivalRateUnknown'
  | 'HoldOnMissingData'
  | 'FallbackFloor'
  | 'DeploymentInProgress'
  | 'UnprotectedBusyWorkers'
  | 'ProtectedWorkersFloor'
  | 'OrderingLimited'
  | 'InvalidResultHeld'
  | 'BaselinePolicy'
  | 'NoChange';

export interface Reason {
  code: ReasonCode;
  message: string;
}

/** One bound applied to the recommendation, in the order applied. */
export interface Clamp {
  code: ReasonCode;
  before: number;
  after: number;
}

/** Terms of one queue of the pool, sized with that queue's SLA. */
export interface QueueTerms {
  url: string;
  slaSeconds: number;
  /** Images per second; undefined when the queue's rate is unknown. */
  arrivalRatePerSecond: number | undefined;
  keepUp: number;
  drain: number;
  drainHorizonSeconds: number;
  /** Most workers the queue can keep busy: ceil(messageGroups / concurrency); undefined without a cap. */
  workerCap: number | undefined;
  /** The cap cut the queue's need. */
  orderingLimited: boolean;
}

/** Everything a reader needs to see why the pool got its count. */
export interface Decision {
  pool: string;
  /** Desired capacity described by the target this tick (undefined when the read failed). */
  current: number | undefined;
  /** Final desired worker count. */
  desired: number;
  /** ceil(keep-up + drain) with the floors, before bounds, stabilization and step limits. */
  raw: number;
  /** Recommendation stored in the history for later stabilization. */
  recommendation: number;
  inputs: {
    visible: number | undefined;
    inFlight: number | undefined;
    delayed: number | undefined;
    /** Sum of the usable visible, in-flight and delayed counts of all queues; unknown counts add 0. */
    knownQueueWork: number;
    arrivalRatePerSecond: number | undefined;
    oldestAgeSeconds: number | undefined;
    processingSeconds: number;
    concurrency: number;
    slaSeconds: number;
    slaPercentile: number;
    warmupSeconds: number;
    inService: number | undefined;
    pending: number | undefined;
    /** Workers protected from scale-in; undefined when the count was not usable. */
    protectedFromScaleIn: number | undefined;
    deploymentInProgress: boolean | undefined;
    /** Ticks in a row that failed before this one. */
    consecutiveFailedTicks: number;
    min: number;
    max: number;
  };
  terms: {
    keepUp: number;
    drain: number;
    /** Horizon of the queue with the shortest one among those with waiting work. */
    drainHorizonSeconds: number;
    expectedBacklogAtReady: number;
    inFlightFloor: number;
    /** One entry per queue, in the order of the observation. */
    queues: QueueTerms[];
  };
  clamps: Clamp[];
  reasons: Reason[];
  slaAtRisk: boolean;
  /**
   * Set when the pool's `policy` is a baseline: its name, its count before the safety rules
   * (undefined when an input it reads was missing) and its state for the next tick. `terms`
   * still lists what the SLA formula would need, for comparison.
   */
  baseline?: { policy: BaselineStateRecord['policy']; workers: number | undefined; state: BaselineStateRecord };
}
