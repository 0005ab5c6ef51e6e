import { deflateRawSync } from 'node:zlib';

import type { Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

import { bytesByPackage, bytesByScope, packageOf } from '../../scripts/bench-runtime/bundle.js';
import { LatencyResponder } from '../../scripts/bench-runtime/latency-responder.js';
import { formatCount, median, percentile, summarizeCounts } from '../../scripts/bench-runtime/stats.js';
import { runTickBenchmark } from '../../scripts/bench-runtime/tick-runner.js';
import { buildBenchConfig } from '../../scripts/bench-runtime/workload.js';
import { listZipEntries, readZipEntry } from '../../scripts/bench-runtime/zip.js';
import type { AwsCall, AwsResponder } from '../../src/aws/responder.js';
import { createRandom } from '../../src/sim/random.js';

const WRITES = new Set(['SetDesiredCapacityCommand', 'UpdateServiceCommand']);

/** Builds a zip archive with one stored and one deflated entry, laid out as the zip format describes. */
function buildZip(files: Array<{ name: string; content: string; deflate: boolean }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;

  for (const file of files) {
    const name = Buffer.from(file.name);
    const raw = Buffer.from(file.content);
    const data = file.deflate ? deflateRawSync(raw) : raw;
    const method = file.deflate ? 8 : 0;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, data);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += local.length + name.length + data.length;
  }

  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Returns an empty output for every call. */
const EMPTY_RESPONDER: AwsResponder = { respond: () => ({}) };

function call(command: string, service: AwsCall['service'] = 'sqs'): AwsCall {
  return { service, region: 'us-east-1', command, input: {} };
}

describe('percentile', () => {
  it.each([
    { values: [5], percent: 50, expected: 5 },
    { values: [3, 1, 2], percent: 50, expected: 2 },
    { values: [1, 2, 3, 4], percent: 50, expected: 2.5 },
    { values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], percent: 90, expected: 9.1 },
    { values: [1, 2, 3], percent: 100, expected: 3 },
  ])('$percent % of $values is $expected', ({ values, percent, expected }) => {
    expect(percentile(values, percent)).toBeCloseTo(expected, 10);
  });

  it('empty list is NaN', () => {
    expect(median([])).toBeNaN();
  });
});

describe('summarizeCounts', () => {
  it('command missing from a tick counts 0', () => {
    const summary = summarizeCounts([{ GetQueueAttributesCommand: 10, SetDesiredCapacityCommand: 2 }, { GetQueueAttributesCommand: 10 }]);

    expect(summary.get('GetQueueAttributesCommand')).toEqual({ min: 10, max: 10, mean: 10 });
    expect(summary.get('SetDesiredCapacityCommand')).toEqual({ min: 0, max: 2, mean: 1 });
  });

  it.each([
    { summary: undefined, expected: '0' },
    { summary: { min: 4, max: 4, mean: 4 }, expected: '4' },
    { summary: { min: 0, max: 3, mean: 1.25 }, expected: '1.3 (0–3)' },
  ])('formatCount of $summary is $expected', ({ summary, expected }) => {
    expect(formatCount(summary)).toBe(expected);
  });
});

describe('packageOf', () => {
  it.each([
    { path: 'node_modules/yaml/dist/index.js', expected: 'yaml' },
    { path: 'node_modules/@smithy/core/dist-es/index.js', expected: '@smithy/core' },
    { path: 'node_modules/@aws-sdk/client-sqs/node_modules/@smithy/core/index.js', expected: '@smithy/core' },
    { path: 'src/policy/erlang.ts', expected: 'project: src/' },
  ])('$path belongs to $expected', ({ path, expected }) => {
    expect(packageOf(path)).toBe(expected);
  });
});

describe('bytesByPackage', () => {
  const metafile = {
    inputs: {},
    outputs: {
      'out/handler.cjs': {
        bytes: 600,
        imports: [],
        exports: [],
        inputs: {
          'node_modules/@smithy/core/a.js': { bytesInOutput: 200 },
          'node_modules/@smithy/core/b.js': { bytesInOutput: 100 },
          'node_modules/@smithy/types/c.js': { bytesInOutput: 50 },
          'node_modules/yaml/d.js': { bytesInOutput: 150 },
          'src/handler.ts': { bytesInOutput: 100 },
        },
      },
    },
  } as unknown as Metafile;

  it('sums bytes per package, largest first', () => {
    expect(bytesByPackage(metafile, 'out/handler.cjs')).toEqual([
      { name: '@smithy/core', bytes: 300 },
      { name: 'yaml', bytes: 150 },
      { name: 'project: src/', bytes: 100 },
      { name: '@smithy/types', bytes: 50 },
    ]);
  });

  it('sums packages per scope', () => {
    expect(bytesByScope(bytesByPackage(metafile, 'out/handler.cjs'))[0]).toEqual({ name: '@smithy/*', bytes: 350 });
  });

  it('unknown output is rejected', () => {
    expect(() => bytesByPackage(metafile, 'out/other.cjs')).toThrow('output out/other.cjs not found in the esbuild metafile');
  });
});

describe('zip reader', () => {
  const archive = buildZip([
    { name: 'config/pools.yaml', content: 'pools: []\n', deflate: false },
    { name: 'src/handler.cjs', content: 'module.exports = {};\n'.repeat(20), deflate: true },
  ]);

  it('lists entries with their sizes', () => {
    const entries = listZipEntries(archive);

    expect(entries.map((entry) => entry.name)).toEqual(['config/pools.yaml', 'src/handler.cjs']);
    expect(entries[1]!.uncompressedBytes).toBe(420);
    expect(entries[1]!.compressedBytes).toBeLessThan(420);
  });

  it.each([0, 1])('reads entry %i back', (index) => {
    const entry = listZipEntries(archive)[index]!;
    const expected = index === 0 ? 'pools: []\n' : 'module.exports = {};\n'.repeat(20);

    expect(readZipEntry(archive, entry).toString('utf8')).toBe(expected);
  });

  it('buffer without end record is rejected', () => {
    expect(() => listZipEntries(Buffer.alloc(64))).toThrow('no end-of-central-directory record');
  });
});

describe('LatencyResponder', () => {
  it('counts calls per command and resets', () => {
    const responder = new LatencyResponder(EMPTY_RESPONDER, createRandom(1));
    responder.latencyOn = false;
    responder.respond(call('GetQueueAttributesCommand'));
    responder.respond(call('GetQueueAttributesCommand'));
    responder.respond(call('GetMetricDataCommand', 'cloudwatch'));

    expect(responder.takeTally().requests).toEqual({ GetQueueAttributesCommand: 2, GetMetricDataCommand: 1 });
    expect(responder.takeTally().requests).toEqual({});
  });

  it('caps calls in flight per client', async () => {
    const responder = new LatencyResponder(EMPTY_RESPONDER, createRandom(1), 5);
    const sqs = Array.from({ length: 12 }, () => responder.respond(call('GetQueueAttributesCommand')));
    const cloudWatch = Array.from({ length: 3 }, () => responder.respond(call('GetMetricDataCommand', 'cloudwatch')));
    await Promise.all([...sqs, ...cloudWatch]);

    expect(responder.takeTally().maxInFlight).toBe(8);
  });

  it('passes the inner error on after the latency', async () => {
    const failing: AwsResponder = {
      respond: () => {
        throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
      },
    };
    const responder = new LatencyResponder(failing, createRandom(1));

    await expect(responder.respond(call('GetQueueAttributesCommand'))).rejects.toThrow('Rate exceeded');
  });
});

describe('buildBenchConfig', () => {
  it('mixed fleet puts every second pool on ECS over two clusters', () => {
    const config = buildBenchConfig(10, 'mixed');
    const clusters = config.pools.flatMap((pool) => (pool.target.kind === 'ecsService' ? [pool.target.cluster] : []));

    expect(clusters).toEqual(['bench-a', 'bench-b', 'bench-a', 'bench-b', 'bench-a']);
  });
});

describe('requests per tick', () => {
  // Read counts follow the batch sizes: 500 CloudWatch queries (5 per pool), 50 group names,
  // 10 services of one cluster, 50 scalable-target ids per request.
  it.each([
    { pools: 1, mix: 'asg', reads: { GetQueueAttributesCommand: 1, GetMetricDataCommand: 1, DescribeAutoScalingGroupsCommand: 1 } },
    { pools: 10, mix: 'asg', reads: { GetQueueAttributesCommand: 10, GetMetricDataCommand: 1, DescribeAutoScalingGroupsCommand: 1 } },
    { pools: 200, mix: 'asg', reads: { GetQueueAttributesCommand: 200, GetMetricDataCommand: 2, DescribeAutoScalingGroupsCommand: 4 } },
    {
      pools: 10,
      mix: 'mixed',
      reads: { GetQueueAttributesCommand: 10, GetMetricDataCommand: 1, DescribeAutoScalingGroupsCommand: 1, DescribeServicesCommand: 2, DescribeScalableTargetsCommand: 1 },
    },
    {
      pools: 200,
      mix: 'mixed',
      reads: { GetQueueAttributesCommand: 200, GetMetricDataCommand: 2, DescribeAutoScalingGroupsCommand: 2, DescribeServicesCommand: 10, DescribeScalableTargetsCommand: 2 },
    },
  ] as const)('$pools pools ($mix) read as batched', async ({ pools, mix, reads }) => {
    const run = await runTickBenchmark({ pools, mix, ticksPerMode: 1, warmupTicks: 2, seed: 1 });

    expect(run.samples).toHaveLength(2);
    for (const sample of run.samples) {
      const sampleReads = Object.fromEntries(Object.entries(sample.requests).filter(([command]) => !WRITES.has(command)));
      const writes = Object.entries(sample.requests).filter(([command]) => WRITES.has(command));
      expect(sampleReads).toEqual(reads);
      expect(writes.reduce((sum, [, count]) => sum + count, 0)).toBeLessThanOrEqual(pools);
    }
  });
});
