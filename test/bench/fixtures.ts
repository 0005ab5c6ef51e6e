import type { RunSummary } from '../../src/sim/measures.js';

/** Useful GPU-seconds of every fixture run, so paid seconds and the paid ÷ useful ratio convert. */
export const USEFUL_GPU_SECONDS = 1000;

/** Builds a run summary of 10,000 images with the given attainment and paid GPU-seconds. */
export function runSummary(policy: string, slaAttainment: number, paidGpuSeconds: number): RunSummary {
  return {
    policy,
    pool: 'sim',
    slaSeconds: 120,
    images: 10_000,
    finished: 10_000,
    slaAttainment,
    latencyP50Seconds: 5,
    latencyP95Seconds: 50,
    latencyP99Seconds: 100,
    latencyMaxSeconds: 200,
    paidGpuSeconds,
    usefulGpuSeconds: USEFUL_GPU_SECONDS,
    paidToUsefulRatio: paidGpuSeconds / USEFUL_GPU_SECONDS,
    writes: 10,
    peakWorkers: 20,
  };
}
