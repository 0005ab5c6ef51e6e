/**
 * Bundle measures: the Lambda package built by the Serverless Framework, and a breakdown of the
 * bundle by npm package from an esbuild metafile built with the same settings.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { build, version as esbuildVersion, type Metafile } from 'esbuild';

import { listZipEntries, type ZipEntry } from './zip.js';

/** Path of the archive `serverless package` writes for the function `scaler`. */
export const PACKAGE_PATH = '.serverless/scaler.zip';
export const HANDLER_ENTRY = 'src/handler.cjs';
const ENTRY_POINT = 'src/handler.ts';
/** Output name inside the metafile. Nothing is written there, because the build keeps its output in memory. */
const METAFILE_OUTPUT = 'out/handler.cjs';

export interface PackageBytes {
  /** npm package name, or `project: <first folder>/` for this repository's own files. */
  name: string;
  bytes: number;
}

export interface BundleMeasures {
  zipBytes: number;
  entries: ZipEntry[];
  esbuildVersion: string;
  /** Size of the metafile build's output, bytes. It matches the packaged handler unless the sources changed in between. */
  esbuildOutputBytes: number;
  /** Bytes in the output per package, largest first. */
  packages: PackageBytes[];
}

/** Runs `npx serverless package --stage bench`. Throws with the tail of its output when it fails. */
export function packageLambda(root: string): void {
  const result = spawnSync('npx', ['serverless', 'package', '--stage', 'bench'], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new Error(`npx serverless package --stage bench failed with exit code ${result.status}:\n${output}`);
  }
}

/**
 * Returns the npm package an esbuild input path belongs to: the name after the last
 * `node_modules/`, with its scope. Paths outside `node_modules` belong to this project.
 */
export function packageOf(inputPath: string): string {
  const normalized = inputPath.replaceAll('\\', '/');
  const marker = normalized.lastIndexOf('node_modules/');
  if (marker < 0) return `project: ${normalized.split('/')[0]}/`;

  const parts = normalized.slice(marker + 'node_modules/'.length).split('/');
  return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? normalized);
}

/** Sums the bytes each package contributes to one output of a metafile, largest first. */
export function bytesByPackage(metafile: Metafile, outputName: string): PackageBytes[] {
  const output = metafile.outputs[outputName];
  if (output === undefined) throw new Error(`output ${outputName} not found in the esbuild metafile`);

  const totals = new Map<string, number>();
  for (const [path, input] of Object.entries(output.inputs)) {
    const name = packageOf(path);
    totals.set(name, (totals.get(name) ?? 0) + input.bytesInOutput);
  }
  return [...totals].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes || a.name.localeCompare(b.name));
}

/** Sums package bytes by npm scope (`@aws-sdk`, `@smithy`, …). Unscoped packages and project files keep their own name. */
export function bytesByScope(packages: PackageBytes[]): PackageBytes[] {
  const totals = new Map<string, number>();
  for (const entry of packages) {
    const scope = entry.name.startsWith('@') ? `${entry.name.split('/')[0]}/*` : entry.name;
    totals.set(scope, (totals.get(scope) ?? 0) + entry.bytes);
  }
  return [...totals].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes || a.name.localeCompare(b.name));
}

/** Builds the handler with the settings of `serverless.yml` (`custom.esbuild`) and returns its metafile breakdown. */
async function measureEsbuildBundle(root: string): Promise<Pick<BundleMeasures, 'esbuildOutputBytes' | 'packages'>> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [ENTRY_POINT],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    minify: true,
    target: 'node22',
    metafile: true,
    write: false,
    outfile: METAFILE_OUTPUT,
    logLevel: 'silent',
  });

  const bytes = result.outputFiles.reduce((sum, file) => sum + file.contents.length, 0);
  return { esbuildOutputBytes: bytes, packages: bytesByPackage(result.metafile, METAFILE_OUTPUT) };
}

/** Measures the packaged archive at `PACKAGE_PATH` and the metafile build. */
export async function measureBundle(root: string): Promise<BundleMeasures> {
  const path = join(root, PACKAGE_PATH);
  if (!existsSync(path)) throw new Error(`${PACKAGE_PATH} not found: run without --skip-package to build it`);

  const archive = readFileSync(path);
  const entries = listZipEntries(archive);
  if (!entries.some((entry) => entry.name === HANDLER_ENTRY)) {
    throw new Error(`${HANDLER_ENTRY} not found in ${PACKAGE_PATH}: run without --skip-package to rebuild the archive`);
  }

  return { zipBytes: archive.length, entries, esbuildVersion, ...(await measureEsbuildBundle(root)) };
}
