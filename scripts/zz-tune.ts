// Temporary tuning loop (deleted before the report).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runPolicy } from '../src/sim/run.js';
import { SCENARIO_DEFAULTS, buildScalerConfig, type ScenarioOptions } from '../src/sim/scenario.js';
import { loadTrace } from '../src/sim/trace.js';

const FLEET = { scale: 1, seed: 1, serviceMeanSeconds: 4, serviceCv: 0.3, concurrency: 1, bootMeanSeconds: 180, bootJitterSeconds: 30, coldImages: 3, coldFactor: 2, min: 1, max: 100 };
const only = process.env.ONLY ?? '';
const policies = (process.env.POLICIES ?? 'sla').split(',');
const limitsPatch = JSON.parse(process.env.LIMITS ?? '{}');
for (const file of readdirSync('traces').filter((f) => f.endsWith('.csv')).sort()) {
  if (only && !file.includes(only)) continue;
  const trace = loadTrace(join('traces', file));
  for (const [name, slaSeconds, slaPercentile] of [['interactive', 120, 95], ['batch', 900, 99]] as const) {
    if (process.env.SCEN && process.env.SCEN !== name) continue;
    const base: ScenarioOptions = { ...SCENARIO_DEFAULTS, ...FLEET, trace, slaSeconds, slaPercentile };
    const config = buildScalerConfig(base);
    const pool = config.pools[0]!;
    const patched = { ...config, pools: [{ ...pool, limits: { ...pool.limits, ...limitsPatch } }] };
    for (const policy of policies) {
      const run = await runPolicy({ ...base, config: patched }, policy as never);
      const s = run.summary;
      console.log(`${file.slice(0, 14)} ${name.padEnd(11)} ${policy.padEnd(18)} att ${(s.slaAttainment * 100).toFixed(2)} paid/useful ${s.paidToUsefulRatio.toFixed(3)} paidH ${(s.paidGpuSeconds / 3600).toFixed(1)} p50 ${s.latencyP50Seconds?.toFixed?.(1)} p99 ${s.latencyP99Seconds?.toFixed?.(1)} writes ${s.writes} err ${run.scalerErrors.count}`);
    }
  }
}
