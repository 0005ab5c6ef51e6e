import type { Observation } from '../../../src/policy/types.js';

export const NOW_MS = Date.UTC(2024, 0, 1, 12);

/** Observation of one queue and one target, with the fields the baselines read. */
export function observation(fields: {
  visible?: number | undefined;
  inFlight?: number | undefined;
  delayed?: number;
  desired?: number;
  inService?: number;
  pending?: number;
  nowMs?: number;
  capacityKnown?: boolean;
}): Observation {
  const desired = fields.desired ?? 0;
  return {
    pool: 'images',
    nowMs: fields.nowMs ?? NOW_MS,
    queues: [
      {
        url: 'https://sqs.us-east-1.amazonaws.com/123456789012/images',
        visible: 'visible' in fields ? fields.visible : 0,
        inFlight: 'inFlight' in fields ? fields.inFlight : 0,
        delayed: fields.delayed ?? 0,
        arrivalsPerMinute: undefined,
        oldestAgeSeconds: undefined,
      },
    ],
    processingSeconds: [],
    capacity:
      fields.capacityKnown === false
        ? undefined
        : {
            desired,
            inService: fields.inService ?? desired,
            pending: fields.pending ?? 0,
            min: 0,
            max: 1000,
            protectedFromScaleIn: 0,
            deploymentInProgress: false,
          },
    history: { recommendations: [], queueWork: [], lastGoodProcessingSeconds: undefined },
  };
}
