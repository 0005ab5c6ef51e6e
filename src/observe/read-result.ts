/**
 * Result of one read that may fail without stopping the tick. A failed read is a value, not a
 * thrown error, so the other pools of the tick go on with their own reads.
 */
export interface FailedRead {
  ok: false;
  error: { code: string; message: string };
}

export function failedRead(code: string, message: string): FailedRead {
  return { ok: false, error: { code, message } };
}

/** Returns the AWS error code (the SDK error's `name`) and message of a caught error. */
export function errorDetails(error: unknown): { code: string; message: string } {
  if (error instanceof Error) return { code: error.name || 'Error', message: error.message };
  return { code: 'UnknownError', message: String(error) };
}

/** Converts a caught SDK error into a failed read. */
export function failedReadFrom(error: unknown): FailedRead {
  return { ok: false, error: errorDetails(error) };
}

export function isFailedRead(value: unknown): value is FailedRead {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;
}
