/**
 * Writes the shipped recordings, their pool configurations and the recording JSON Schema:
 *
 *   npx tsx scripts/make-recordings.ts
 *
 * The recordings are generated from the scenarios in scripts/recordings/scenarios.ts, not
 * captured from an account. The output is deterministic, and a test fails when the files in
 * events/ differ from it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { generatedFiles } from './recordings/files.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

for (const file of generatedFiles()) {
  const target = join(root, file.path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, file.text);
  console.log(`wrote ${file.path}`);
}
