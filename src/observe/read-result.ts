/**
 * Result of one read that may fail without stopping the tick. A failed read is a value, not a
 * thrown error, so the other pools of the tick go on with their own reads.
 */
export interface FailedRead {
  ok: false;
  error: ErrorDetails;
}

/** AWS error code (the SDK error's `name`), its message, and the request id AWS returned, if any. */
export interface ErrorDetails {
  code: string;
  message: string;
  requestId?: string;
}

export function failedRead(code: string, message: string): FailedRead {
  return { ok: false, error: { code, message } };
}

/**
 * Returns the AWS error code, message and request id of a caught error. Only these three are
 * kept: an SDK error also carries the raw response, which is never logged.
 */
export function errorDetails(error: unknown): ErrorDetails {
  if (!(error instanceof Error)) return { code: 'UnknownError', message: String(error) };

  const requestId = (error as { $metadata?: { requestId?: unknown } }).$metadata?.requestId;
  const details: ErrorDetails = { code: error.name || 'Error', message: error.message };
  return typeof requestId === 'string' ? { ...details, requestId } : details;
}

/** Converts a caught SDK error into a failed read. */
export function failedReadFrom(error: unknown): FailedRead {
  return { ok: false, error: errorDetails(error) };
}

export function isFailedRead(value: unknown): value is FailedRead {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;
}
