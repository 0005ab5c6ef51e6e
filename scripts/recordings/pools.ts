/** The pools the shipped recordings use, in configuration-file form, with their fleets. */
import { ACCOUNT, REGION, type GroupScript, type ServiceScript } from './aws-shapes.js';
import type { PoolFile } from './scenario.js';

export function queueUrl(name: string): string {
  return `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}`;
}

/** SDXL image generation on g5.xlarge instances: about 3 s per image, one image at a time. */
export function sdxlPool(changes: Partial<PoolFile> = {}): PoolFile {
  return {
    name: 'sdxl',
    queues: [queueUrl('sdxl-jobs')],
    target: { autoScalingGroup: 'sdxl-workers' },
    processingTime: { namespace: 'Inference', metricName: 'ImageProcessingSeconds', dimensions: { Model: 'sdxl' }, statistic: 'p50', priorSeconds: 3 },
    sla: { seconds: 180, percentile: 95 },
    worker: { concurrency: 1, warmupSeconds: 180 },
    limits: { min: 0, max: 20, scaleInStabilizationSeconds: 300, maxStepUp: 20, maxStepDown: 5 },
    scaleToZero: { enabled: true, idleMinutes: 15 },
    ...changes,
  };
}

export const SDXL_GROUP: GroupScript = { name: 'sdxl-workers', instanceType: 'g5.xlarge', min: 0, max: 20 };

/** Image upscaling on g4dn.xlarge instances: about 4.5 s per image, a quiet evening queue. */
export function upscalePool(): PoolFile {
  return {
    name: 'upscale',
    queues: [queueUrl('upscale-jobs')],
    target: { autoScalingGroup: 'upscale-workers' },
    processingTime: { namespace: 'Inference', metricName: 'ImageProcessingSeconds', dimensions: { Model: 'upscale' }, statistic: 'p50', priorSeconds: 5 },
    sla: { seconds: 120, percentile: 95 },
    worker: { concurrency: 1, warmupSeconds: 150 },
    limits: { min: 0, max: 8, scaleInStabilizationSeconds: 300, maxStepUp: 8, maxStepDown: 4 },
    scaleToZero: { enabled: true, idleMinutes: 10 },
  };
}

export const UPSCALE_GROUP: GroupScript = { name: 'upscale-workers', instanceType: 'g4dn.xlarge', min: 0, max: 8 };

/** Speech transcription as an ECS service on GPU container instances: 4 files at once, about 20 s each. */
export function whisperPool(): PoolFile {
  return {
    name: 'whisper',
    queues: [queueUrl('whisper-jobs')],
    target: { ecsService: { cluster: 'gpu', service: 'whisper' } },
    processingTime: { namespace: 'Inference', metricName: 'TranscriptionSeconds', dimensions: { Model: 'whisper-large-v3' }, statistic: 'p50', priorSeconds: 20 },
    sla: { seconds: 300, percentile: 90 },
    worker: { concurrency: 4, warmupSeconds: 240 },
    limits: { min: 1, max: 12, scaleInStabilizationSeconds: 600, maxStepUp: 4, maxStepDown: 2 },
    scaleToZero: { enabled: false, idleMinutes: 30 },
  };
}

export const WHISPER_SERVICE: ServiceScript = { cluster: 'gpu', service: 'whisper', family: 'whisper', min: 1, max: 10 };
