import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { generatedFiles, schemaFileText, SCHEMA_PATH } from '../../scripts/recordings/files.js';
import { loadRecording, parseRecording, RecordingError } from '../../src/cli/recording.js';
import { recordingJsonSchema, type Recording } from '../../src/cli/recording-schema.js';
import { loadConfigFile } from '../../src/config/index.js';
import { parseEvent } from '../../src/event.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const RECORDINGS_DIR = join(ROOT, 'events/recordings');
const RECORDING_FILES = readdirSync(RECORDINGS_DIR).filter((name) => name.endsWith('.json')).sort();
const REQUIRED = ['steady-day.json', 'burst-from-zero.json', 'backlog-draining.json', 'quiet-to-zero.json', 'ecs-pool.json'];

const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/sdxl-jobs';

function load(name: string): Recording {
  return loadRecording(join(RECORDINGS_DIR, name));
}

/** Returns a valid one-tick recording. Each invalid case below breaks one field of it. */
function validRecording(): Record<string, any> {
  return {
    description: 'one tick',
    config: 'pools.yaml',
    ticks: [
      {
        time: '2025-03-11T14:05:20Z',
        sqs: { [QUEUE_URL]: { ApproximateNumberOfMessages: '3' } },
        cloudwatch: [
          {
            namespace: 'AWS/SQS',
            metricName: 'NumberOfMessagesSent',
            dimensions: { QueueName: 'sdxl-jobs' },
            statistic: 'Sum',
            datapoints: [{ timestamp: '2025-03-11T14:04:00Z', value: 120 }],
          },
        ],
        autoScalingGroups: [{ AutoScalingGroupName: 'sdxl-workers', MinSize: 0, MaxSize: 20, DesiredCapacity: 8 }],
        faults: [{ command: 'GetQueueAttributesCommand', code: 'RequestThrottled' }],
      },
    ],
  };
}

function errorOf(raw: unknown): RecordingError {
  try {
    parseRecording(raw, 'case.json');
  } catch (error) {
    if (error instanceof RecordingError) return error;
    throw error;
  }
  throw new Error('parseRecording accepted an invalid recording');
}

describe('shipped recordings', () => {
  it('include the required scenarios', () => {
    expect(RECORDING_FILES).toEqual(expect.arrayContaining(REQUIRED));
  });

  it.each(RECORDING_FILES)('%s validates with 6 to 15 ticks one minute apart', (name) => {
    const recording = load(name);
    const times = recording.ticks.map((tick) => Date.parse(tick.time));

    expect(recording.ticks.length).toBeGreaterThanOrEqual(6);
    expect(recording.ticks.length).toBeLessThanOrEqual(15);
    expect(times.slice(1).map((time, i) => time - times[i]!)).toEqual(Array(times.length - 1).fill(60_000));
  });

  it.each(RECORDING_FILES)('%s names a config that loads and matches every tick', (name) => {
    const recording = load(name);
    const config = loadConfigFile(resolve(RECORDINGS_DIR, recording.config ?? 'missing'));

    for (const tick of recording.ticks) {
      for (const pool of config.pools) {
        expect(Object.keys(tick.sqs)).toEqual(expect.arrayContaining(pool.queues.map((queue) => queue.url)));
        const target = pool.target;
        if (target.kind === 'autoScalingGroup') {
          expect(tick.autoScalingGroups.map((group) => group.AutoScalingGroupName)).toContain(target.name);
        } else {
          expect(tick.ecsServices.map((entry) => `${entry.cluster}/${entry.service.serviceName}`)).toContain(`${target.cluster}/${target.service}`);
          expect(tick.scalableTargets.map((entry) => entry.ResourceId)).toContain(`service/${target.cluster}/${target.service}`);
        }
      }
    }
  });

  it.each(RECORDING_FILES)('%s has datapoints only in complete minutes before its tick', (name) => {
    for (const tick of load(name).ticks) {
      const tickMs = Date.parse(tick.time);
      const stamps = tick.cloudwatch.flatMap((series) => series.datapoints.map((point) => Date.parse(point.timestamp)));

      expect(stamps.every((stamp) => stamp % 60_000 === 0 && stamp <= tickMs - 60_000)).toBe(true);
    }
  });

  it.each(RECORDING_FILES)('%s keeps instance counts equal to DesiredCapacity', (name) => {
    for (const tick of load(name).ticks) {
      for (const group of tick.autoScalingGroups) {
        const active = (group.Instances ?? []).filter((instance) => instance.LifecycleState !== 'Terminating');
        expect(active).toHaveLength(group.DesiredCapacity);
      }
    }
  });

  it('burst-from-zero first tick: backlog, no datapoints', () => {
    const [first] = load('burst-from-zero.json').ticks;

    expect(first?.sqs[Object.keys(first.sqs)[0]!]?.ApproximateNumberOfMessages).toBe('240');
    expect(first?.cloudwatch.filter((series) => series.namespace === 'AWS/SQS')).toEqual([]);
    expect(first?.autoScalingGroups[0]?.DesiredCapacity).toBe(0);
  });

  it('burst-from-zero keeps 4 instances Pending for 7 ticks', () => {
    const states = load('burst-from-zero.json').ticks.map((tick) => tick.autoScalingGroups[0]?.Instances?.map((instance) => instance.LifecycleState));

    expect(states.slice(1, 8)).toEqual(Array(7).fill(['Pending', 'Pending', 'Pending', 'Pending']));
    expect(states[8]).toEqual(['InService', 'InService', 'InService', 'InService']);
  });

  it('quiet-to-zero idles out to 0', () => {
    const ticks = load('quiet-to-zero.json').ticks;
    const deciding = ticks[12]!;
    const queueWork = deciding.cloudwatch.find((series) => series.metricName === 'QueueWork');

    expect(queueWork?.datapoints).toHaveLength(10);
    expect(queueWork?.datapoints.every((point) => point.value === 0)).toBe(true);
    expect(ticks.at(-1)?.autoScalingGroups[0]?.DesiredCapacity).toBe(0);
  });

  it('ecs-pool has a tick with a rolling deployment', () => {
    const rolling = load('ecs-pool.json').ticks.filter((tick) => (tick.ecsServices[0]?.service.deployments ?? []).length === 2);
    const deployments = rolling[0]?.ecsServices[0]?.service.deployments;

    expect(rolling.length).toBeGreaterThanOrEqual(1);
    expect(deployments?.map((deployment) => deployment.status)).toEqual(['PRIMARY', 'ACTIVE']);
    expect(deployments?.[0]).toMatchObject({ rolloutState: 'IN_PROGRESS' });
  });

  it('fault-throttled records one fault', () => {
    const faults = load('fault-throttled.json').ticks.flatMap((tick) => tick.faults);

    expect(faults).toEqual([{ command: 'DescribeAutoScalingGroupsCommand', resource: 'sdxl-workers', code: 'Throttling', message: 'Rate exceeded' }]);
  });
});

describe('generated files', () => {
  it('schema file equals recordingJsonSchema()', () => {
    const onDisk = readFileSync(join(ROOT, SCHEMA_PATH), 'utf8');

    expect(JSON.parse(onDisk)).toEqual(recordingJsonSchema());
    expect(onDisk).toBe(schemaFileText());
  });

  it.each(generatedFiles().map((file) => [file.path, file.text]))('%s equals the generator output', (path, text) => {
    // On failure, regenerate with `npx tsx scripts/make-recordings.ts`.
    expect(readFileSync(join(ROOT, path), 'utf8')).toBe(text);
  });
});

describe('parseRecording', () => {
  it('accepts the valid recording and fills defaults', () => {
    const recording = parseRecording({ description: 'minimal', ticks: [{ time: '2025-03-11T14:05:20Z' }] }, 'case.json');

    expect(recording.config).toBeUndefined();
    expect(recording.ticks[0]).toEqual({
      time: '2025-03-11T14:05:20Z',
      sqs: {},
      cloudwatch: [],
      autoScalingGroups: [],
      ecsServices: [],
      scalableTargets: [],
      faults: [],
    });
    expect(parseRecording(validRecording(), 'case.json').ticks[0]?.faults[0]?.message).toBe('Recorded fault');
  });

  it.each([
    ['missing ticks', (r: Record<string, any>) => delete r.ticks, 'ticks'],
    ['empty ticks', (r: Record<string, any>) => (r.ticks = []), 'ticks'],
    ['bad tick time', (r: Record<string, any>) => (r.ticks[0].time = '2025-03-11 14:05'), 'ticks[0].time'],
    ['bad datapoint timestamp', (r: Record<string, any>) => (r.ticks[0].cloudwatch[0].datapoints[0].timestamp = 'yesterday'), 'ticks[0].cloudwatch[0].datapoints[0].timestamp'],
    ['unknown top-level key', (r: Record<string, any>) => (r.recordedBy = 'me'), '(top level)'],
    ['unknown tick key', (r: Record<string, any>) => (r.ticks[0].sqsAttributes = {}), 'ticks[0]'],
    ['DesiredCapacity as text', (r: Record<string, any>) => (r.ticks[0].autoScalingGroups[0].DesiredCapacity = '8'), 'ticks[0].autoScalingGroups[0].DesiredCapacity'],
    ['SQS count as number', (r: Record<string, any>) => (r.ticks[0].sqs[QUEUE_URL].ApproximateNumberOfMessages = 3), `ticks[0].sqs.${QUEUE_URL}.ApproximateNumberOfMessages`],
    ['config as number', (r: Record<string, any>) => (r.config = 7), 'config'],
    ['fault command name', (r: Record<string, any>) => (r.ticks[0].faults[0].command = 'GetQueueAttributes'), 'ticks[0].faults[0].command'],
  ])('rejects %s naming its JSON path', (_case, breakIt, path) => {
    const raw = validRecording();
    breakIt(raw);

    const error = errorOf(raw);

    expect(error.message).toContain('Recording case.json is invalid');
    expect(error.message).toContain(`\n  ${path}: `);
  });

  it('explains each problem in English', () => {
    const raw = validRecording();
    raw.ticks[0].autoScalingGroups[0].DesiredCapacity = '8';

    expect(errorOf(raw).message).toContain('DesiredCapacity: Invalid input: expected number, received string');
  });

  it('names unknown keys', () => {
    const raw = validRecording();
    raw.ticks[0].sqsAttributes = {};

    expect(errorOf(raw).message).toContain('unknown key(s) "sqsAttributes"');
  });

  it('names a missing field', () => {
    const raw = validRecording();
    delete raw.ticks;

    expect(errorOf(raw).message).toContain('ticks: missing (');
  });

  it('lists every problem', () => {
    const raw = validRecording();
    raw.ticks[0].time = 'soon';
    raw.ticks[0].autoScalingGroups[0].MinSize = 'zero';

    const lines = errorOf(raw).message.split('\n').slice(1);

    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^ {2}ticks\[0\]\.time: /);
    expect(lines[1]).toMatch(/^ {2}ticks\[0\]\.autoScalingGroups\[0\]\.MinSize: /);
  });
});

describe('docs/recordings.md', () => {
  it('example validates', () => {
    const doc = readFileSync(join(ROOT, 'docs/recordings.md'), 'utf8');
    const example = /### Example[\s\S]*?```json\n([\s\S]*?)```/.exec(doc)?.[1];

    expect(parseRecording(JSON.parse(example ?? 'null'), 'docs example').ticks).toHaveLength(1);
  });
});

describe('loadRecording', () => {
  const dir = mkdtempSync(join(tmpdir(), 'recording-test-'));

  it('raises on a missing file', () => {
    expect(() => loadRecording(join(dir, 'absent.json'))).toThrow(/^Cannot read recording .*absent\.json/);
  });

  it('raises on invalid JSON', () => {
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{ "description": ');

    expect(() => loadRecording(path)).toThrow(RecordingError);
    expect(() => loadRecording(path)).toThrow(/is not valid JSON/);
  });

  it('raises on an invalid recording with its path', () => {
    const path = join(dir, 'invalid.json');
    writeFileSync(path, JSON.stringify({ description: 'no ticks' }));

    expect(() => loadRecording(path)).toThrow(`Recording ${path} is invalid`);
  });
});

describe('event samples', () => {
  it('scheduled.json is an EventBridge scheduled event', () => {
    const event = JSON.parse(readFileSync(join(ROOT, 'events/scheduled.json'), 'utf8'));

    expect(Object.keys(event).sort()).toEqual(['account', 'detail', 'detail-type', 'id', 'region', 'resources', 'source', 'time', 'version']);
    expect(event).toMatchObject({ 'detail-type': 'Scheduled Event', source: 'aws.events', account: '123456789012', detail: {} });
    expect(event.resources[0]).toMatch(/^arn:aws:events:us-east-1:123456789012:rule\//);
    expect(parseEvent(event, 0)).toEqual({ nowMs: Date.parse(event.time), dryRun: false });
  });

  it('scheduled-dry-run.json asks for a dry run only', () => {
    const event = JSON.parse(readFileSync(join(ROOT, 'events/scheduled-dry-run.json'), 'utf8'));

    expect(event).toEqual({ dryRun: true });
    expect(parseEvent(event, 1_000)).toEqual({ nowMs: 1_000, dryRun: true });
  });
});
