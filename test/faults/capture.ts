import { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';

import { createPoolMetrics } from '../../src/handler.js';

/** Every line a logger or metrics emitter printed, parsed from JSON. */
export type CapturedLines = Array<Record<string, unknown>>;

/**
 * Replaces the Powertools console (the `console` property both classes print through) with one
 * that keeps each JSON line, so a test reads exactly what CloudWatch Logs would receive.
 */
function captureConsole(target: object, lines: CapturedLines, raw: string[]): void {
  const keep = (line: unknown) => {
    raw.push(String(line));
    lines.push(JSON.parse(String(line)) as Record<string, unknown>);
  };
  (target as { console: unknown }).console = { log: keep, info: keep, warn: keep, error: keep, debug: keep, trace: keep };
}

/** Creates a logger at INFO level whose lines land in `lines` (parsed) and `raw` (as printed). */
export function capturingLogger(): { logger: Logger; lines: CapturedLines; raw: string[] } {
  const logger = new Logger({ serviceName: 'gpu-worker-autoscaler-test', logLevel: 'INFO' });
  const lines: CapturedLines = [];
  const raw: string[] = [];
  captureConsole(logger, lines, raw);
  return { logger, lines, raw };
}

/** Creates the production metrics emitter whose embedded-metric-format records land in `lines`. */
export function capturingMetrics(): { createMetrics: (namespace: string) => Metrics; lines: CapturedLines } {
  const lines: CapturedLines = [];
  const createMetrics = (namespace: string) => {
    const metrics = createPoolMetrics(namespace);
    captureConsole(metrics, lines, []);
    return metrics;
  };
  return { createMetrics, lines };
}
