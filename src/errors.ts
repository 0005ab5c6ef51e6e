/**
 * Base class of the scaler's own errors. Callers classify a failure with `instanceof` on a
 * subclass, never by its message text.
 */
export class ScalerError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Reading a pool's queues, metrics or target failed. `code` is the AWS error name. */
export class ObservationError extends ScalerError {
  readonly code: string;
  readonly pool: string;
  /** Queue URL, Auto Scaling group name or `cluster/service` the read was for. */
  readonly resource: string;

  constructor(message: string, details: { code: string; pool: string; resource: string; cause?: unknown }) {
    super(message, { cause: details.cause });
    this.code = details.code;
    this.pool = details.pool;
    this.resource = details.resource;
  }
}

/** Writing a desired count failed. `code` is the AWS error name. */
export class ActionError extends ScalerError {
  readonly code: string;
  readonly pool: string;
  /** Auto Scaling group name or `cluster/service` the write was for. */
  readonly resource: string;

  constructor(message: string, details: { code: string; pool: string; resource: string; cause?: unknown }) {
    super(message, { cause: details.cause });
    this.code = details.code;
    this.pool = details.pool;
    this.resource = details.resource;
  }
}
