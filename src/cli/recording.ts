import { readFileSync } from 'node:fs';

// Only the English messages: the `locales` export of zod/mini pulls every language into the bundle.
import english from 'zod/v4/locales/en.js';

import { ScalerError } from '../errors.js';
import { recordingSchema, type Recording } from './recording-schema.js';

/** A recording file that cannot be read, parsed or validated. */
export class RecordingError extends ScalerError {}

/** Formats an issue path as JSON-path text, for example `ticks[0].sqs`. */
function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text ? `.${String(key)}` : String(key);
  }
  return text;
}

/** Validates parsed JSON as a recording; the error lists every problem with its JSON path. */
export function parseRecording(raw: unknown, source: string): Recording {
  // zod/mini ships no messages, only "Invalid input", so this parse uses the English locale to explain each issue.
  const result = recordingSchema.safeParse(raw, { error: english().localeError });
  if (result.success) return result.data;

  const lines = result.error.issues.map((issue) => {
    const where = formatPath(issue.path) || '(top level)';
    if (issue.code === 'unrecognized_keys') {
      return `  ${where}: unknown key(s) ${issue.keys.map((key) => `"${key}"`).join(', ')}; keys are case-sensitive`;
    }
    if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) {
      return `  ${where}: missing (${issue.message})`;
    }
    return `  ${where}: ${issue.message}`;
  });
  return fail(`Recording ${source} is invalid (format: docs/recordings.md):\n${lines.join('\n')}`);
}

/** Reads and validates a recording file. */
export function loadRecording(path: string): Recording {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return fail(`Cannot read recording ${path}: ${(error as Error).message}`, error);
  }

  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return fail(`Recording ${path} is not valid JSON: ${(error as Error).message}`, error);
  }

  return parseRecording(raw, path);
}

function fail(message: string, cause?: unknown): never {
  throw new RecordingError(message, cause === undefined ? undefined : { cause });
}
