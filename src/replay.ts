import { createRespondingClientFactory, type AwsClientFactory } from './aws/clients.js';
import { loadRecording } from './cli/recording.js';
import { RecordingResponder } from './cli/recording-responder.js';
import { ScalerError } from './errors.js';

/** Clients that return one recorded tick's responses, and that tick's time as the clock. */
export interface Replay {
  clients: AwsClientFactory;
  clock: () => number;
}

/**
 * Loads tick `tickIndex` of a recording for `serverless invoke local`, so the packaged handler
 * runs offline. The caller must force a dry run: a replay never writes.
 */
export function loadReplay(path: string, tickIndex = 0): Replay {
  const recording = loadRecording(path);
  const tick = recording.ticks[tickIndex];
  if (!tick) {
    throw new ScalerError(`AUTOSCALER_RECORDING_TICK = ${tickIndex} is invalid: ${path} has ticks 0 to ${recording.ticks.length - 1}`);
  }

  const timeMs = Date.parse(tick.time);
  return { clients: createRespondingClientFactory(new RecordingResponder(tick)), clock: () => timeMs };
}

/** Reads the tick index from `AUTOSCALER_RECORDING_TICK`: a whole number, default 0. */
export function replayTickIndex(env: NodeJS.ProcessEnv): number {
  const text = env.AUTOSCALER_RECORDING_TICK?.trim() ?? '';
  if (text === '') return 0;

  const index = Number(text);
  if (!Number.isInteger(index) || index < 0) {
    throw new ScalerError(`AUTOSCALER_RECORDING_TICK = ${JSON.stringify(text)} is invalid: expected a whole number >= 0`);
  }
  return index;
}
