import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';

import type { PoolOutcome } from '../tick-types.js';
import { METRIC, POOL_DIMENSION } from './names.js';

/**
 * Emits one embedded-metric-format record per pool: the decision's terms, the queue it saw,
 * and the recommendation and queue work that later ticks read back as their history.
 */
export function publishPoolMetrics(metrics: Metrics, outcome: PoolOutcome): void {
  metrics.addDimension(POOL_DIMENSION, outcome.pool);
  metrics.addMetric(METRIC.poolErrors, MetricUnit.Count, outcome.status === 'failed' ? 1 : 0);

  const decision = outcome.decision;
  if (decision) {
    const { visible, inFlight, delayed } = decision.inputs;
    metrics.addMetric(METRIC.desiredWorkers, MetricUnit.Count, decision.desired);
    metrics.addMetric(METRIC.recommendedWorkers, MetricUnit.Count, decision.recommendation);
    metrics.addMetric(METRIC.keepUpWorkers, MetricUnit.Count, decision.terms.keepUp);
    metrics.addMetric(METRIC.drainWorkers, MetricUnit.Count, decision.terms.drain);
    metrics.addMetric(METRIC.slaAtRisk, MetricUnit.Count, decision.slaAtRisk ? 1 : 0);

    // Unknown counts are left out rather than published as zero, so the idle window never
    // mistakes a failed read for an empty queue.
    if (visible !== undefined) metrics.addMetric(METRIC.backlog, MetricUnit.Count, visible);
    if (inFlight !== undefined) metrics.addMetric(METRIC.inFlight, MetricUnit.Count, inFlight);
    if (visible !== undefined && inFlight !== undefined && delayed !== undefined) {
      metrics.addMetric(METRIC.queueWork, MetricUnit.Count, visible + inFlight + delayed);
    }
  }

  metrics.publishStoredMetrics();
}
