// Runs the fault-injection matrix (every AWS call of a tick × every fault it can meet) through
// the real handler and writes docs/reliability.md. Exits with status 1 when any row breaks a rule.
import { writeFileSync } from 'node:fs';
import { cpus, platform } from 'node:os';
import { resolve } from 'node:path';

import { DEFAULT_CLIENT_SETTINGS } from '../src/aws/clients.js';
import { buildFaultRows, expectedCode } from '../test/faults/rows.js';
import { RULES, runFaultRow, type RowResult } from '../test/faults/run-row.js';
import { MATRIX_DEADLINE_MS } from '../test/faults/scenario.js';

const OUTPUT = resolve(import.meta.dirname, '..', 'docs', 'reliability.md');

function cell(text: string): string {
  return text.replaceAll('|', '\\|');
}

function rulesCell(result: RowResult): string {
  const broken = result.checks.filter((check) => !check.held);
  if (broken.length === 0) return `all ${result.checks.length}`;
  return `**broken: ${broken.map((check) => `${check.rule} (${check.detail})`).join('; ')}**`;
}

function tableRow(result: RowResult, index: number): string {
  const { row } = result;
  const attempts = row.fault.how.kind === 'state' ? '-' : String(result.attempts);
  const columns = [
    String(index + 1),
    `${row.call.api} (${row.call.scope})`,
    row.fault.label,
    `\`${expectedCode(row)}\``,
    attempts,
    result.behaviour,
    result.recovery,
    rulesCell(result),
  ];
  return `| ${columns.map(cell).join(' | ')} |`;
}

function machine(): string {
  const cores = cpus();
  const model = cores[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  return `${model}, ${cores.length} cores, Node ${process.version}, ${platform()}`;
}

function report(results: RowResult[], seconds: number): string {
  const passed = results.filter((result) => result.passed).length;
  return [
    '# Reliability under AWS faults',
    '',
    'Written by `npm run test:faults` (`scripts/faults.ts`); do not edit by hand. `npm test` runs the same rows',
    '(`test/faults/matrix.test.ts`).',
    '',
    `- Machine: ${machine()}; the matrix took ${seconds.toFixed(1)} s.`,
    '- Command: `npm run test:faults`',
    `- Result: ${passed} of ${results.length} rows hold every rule.`,
    '- Each row runs the real handler twice through the production SDK clients, whose commands a test cloud answers',
    `  (\`createRespondingClientFactory\`, standard retry mode, ${DEFAULT_CLIENT_SETTINGS.maxAttempts} attempts with the SDK's own backoff).`,
    `  The first tick meets the fault; the second tick, one minute later, runs without it. The tick budget is ${MATRIX_DEADLINE_MS / 1000} s`,
    '  (reads stop after three quarters of it), so a call that never answers is cut without waiting for the Lambda timeout.',
    '- Pools: `render` (Auto Scaling group, V=95, F=5, 4 s per image, 60 s SLA, desired 5, fault-free count 7), `upscale`',
    '  (ECS service, scalable target min 1 and max 40, desired 4) and `partner` (group in eu-west-1 fed by a queue of another',
    '  account, read with an assumed role, desired 2). Every pool grows on a fault-free first tick.',
    '- A GetMetricData fault in the home region hits every pool, because their history series share that one request.',
    '',
    '## Rules checked on every row',
    '',
    '| check | holds when |',
    '| --- | --- |',
    ...RULES.map(([rule, meaning]) => `| ${rule} | ${meaning} |`),
    '',
    '## Rows',
    '',
    '| # | call | fault | error code | failed attempts | what the scaler did on the fault tick | next tick wrote | rules held |',
    '| ---: | --- | --- | --- | ---: | --- | --- | --- |',
    ...results.map(tableRow),
    '',
  ].join('\n');
}

const startMs = performance.now();
const results = await Promise.all(buildFaultRows().map((row) => runFaultRow(row)));
const seconds = (performance.now() - startMs) / 1000;

writeFileSync(OUTPUT, report(results, seconds));

const failed = results.filter((result) => !result.passed);
process.stdout.write(`${results.length - failed.length} of ${results.length} rows hold every rule; wrote ${OUTPUT}\n`);
for (const result of failed) {
  const broken = result.checks.filter((check) => !check.held).map((check) => `${check.rule}: ${check.detail}`);
  process.stderr.write(`FAILED ${result.row.id}: ${broken.join('; ')}\n`);
}
process.exitCode = failed.length > 0 ? 1 : 0;
