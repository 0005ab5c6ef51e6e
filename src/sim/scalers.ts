import { Logger } from '@aws-lambda-powertools/logger';

import { createRespondingClientFactory } from '../aws/clients.js';
import type { ScalerConfig } from '../config/types.js';
import { runTick } from '../tick.js';
import type { HistoryStore } from '../tick-types.js';
import type { SimScaler, Simulation } from './engine.js';

/** Pool failures the scaler reported during a run, so a broken simulation does not pass unnoticed. */
export interface ScalerErrors {
  count: number;
  first: string | undefined;
}

const HOME_REGION = 'us-east-1';

function recordError(errors: ScalerErrors, message: string): void {
  errors.count += 1;
  errors.first ??= message;
}

/**
 * The production scaler: `runTick` from `src/tick.ts`, with SDK clients that get their responses from the
 * simulated cloud and the history kept in memory as on a warm Lambda. Each pool runs the
 * policy its configuration names, so baselines run the same code path as the SLA formula.
 */
export function tickScaler(sim: Simulation, config: ScalerConfig, errors: ScalerErrors): SimScaler {
  const clients = createRespondingClientFactory(sim.cloud);
  const history: HistoryStore = new Map();
  const logger = new Logger({ serviceName: 'gpu-worker-autoscaler-sim', logLevel: 'SILENT' });

  return async (nowMs) => {
    const result = await runTick(config, { clients, history, logger, homeRegion: HOME_REGION }, { nowMs, dryRun: false });
    for (const outcome of result.pools) {
      if (outcome.status === 'failed') recordError(errors, `${outcome.pool}: ${outcome.error?.code} ${outcome.error?.message}`);
    }
  };
}
