#!/usr/bin/env node
// The one test command (npm test): the lock file, type-check, lint, the web app's unit tests, the build (contracts, server, web app: what
// `npm start` and the `palermo` command run), unit and integration tests on embedded PostgreSQL (PGlite), the same
// integration tests on a PostgreSQL server when PALERMO_TEST_DATABASE_URL is set, then the browser tests in Debian's
// Chromium against the built web app. Prints each step's wall time, and ends with one line: "N passed, N failed".
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const outDir = join(root, '.test-output');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

let passed = 0;
let failed = 0;
const problems = [];
const failedTests = [];
const timings = [];
const startedAll = process.hrtime.bigint();

/** Runs a command with its output passed through, and keeps the output's last lines to name a failure at the end. */
function run(command, args, env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    const kept = [];
    let keptLength = 0;
    const keep = (chunk) => {
      kept.push(chunk);
      keptLength += chunk.length;
      while (keptLength > 200_000 && kept.length > 1) keptLength -= kept.shift().length;
    };
    child.stdout.on('data', (chunk) => { process.stdout.write(chunk); keep(chunk); });
    child.stderr.on('data', (chunk) => { process.stderr.write(chunk); keep(chunk); });
    child.on('error', (error) => resolve({ status: 1, output: String(error) }));
    child.on('close', (status, signal) => resolve({ status: status ?? 1, signal, output: Buffer.concat(kept).toString('utf8') }));
  });
}

/** What a run that failed without a failed test said of why: vitest's unhandled errors, a worker's end, a timeout. */
function whyItFailed(output, signal) {
  // eslint-disable-next-line no-control-regex
  const lines = output.replace(/\u001b\[[0-9;]*m/g, '').split('\n');
  const start = lines.findIndex((line) => /Unhandled (Error|Rejection)s?/.test(line));
  const picked = start >= 0
    ? lines.slice(start, start + 40)
    : lines.filter((line) => /Error|error:|Timeout|Worker|exited|killed|ELIFECYCLE|heap/.test(line)).slice(-20);
  const tail = picked.length > 0 ? picked : lines.slice(-20);
  return `${signal ? `ended by ${signal}\n      ` : ''}${tail.map((line) => line.slice(0, 300)).join('\n      ')}`;
}

async function step(name, command, args, env = {}) {
  process.stderr.write(`\n=== ${name} ===\n`);
  const started = process.hrtime.bigint();
  const result = await run(command, args, env);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  timings.push(`${name}: ${seconds.toFixed(1)} s`);
  process.stderr.write(`=== ${name}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${seconds.toFixed(1)} s ===\n`);
  if (result.status !== 0) problems.push(name);
  return result;
}

async function vitestStep(name, project, env = {}, config) {
  const report = join(outDir, `${name.replace(/\W+/g, '-')}.json`);
  const configArgs = config ? ['--config', config] : []; // resolved from the project's root
  const result = await step(name, 'npx', ['vitest', 'run', '--root', project, ...configArgs, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], env);
  const ok = result.status === 0;
  if (existsSync(report)) {
    const summary = JSON.parse(readFileSync(report, 'utf8'));
    passed += summary.numPassedTests;
    failed += summary.numFailedTests;
    if (!ok && summary.numFailedTests === 0) {
      // no test failed, yet the run did: a file that did not load, an error outside any test, a worker that ended
      failed += 1;
      const files = (summary.testResults ?? []).filter((file) => file.status === 'failed');
      if (files.length === 0) failedTests.push(`${name}: the run failed outside any test\n      ${whyItFailed(result.output, result.signal)}`);
    }
    for (const file of summary.testResults ?? []) {
      const relative = file.name.replace(root, '');
      const failures = (file.assertionResults ?? []).filter((test) => test.status === 'failed');
      for (const test of failures) {
        const reason = String(test.failureMessages?.[0] ?? '').split('\n')[0].slice(0, 300);
        failedTests.push(`${name}: ${relative} > ${test.fullName}\n      ${reason}`);
      }
      if (failures.length === 0 && file.status === 'failed') {
        failedTests.push(`${name}: ${relative} (did not load or run)\n      ${String(file.message ?? '').split('\n')[0].slice(0, 300)}`);
      }
    }
  } else if (!ok) {
    failed += 1;
    failedTests.push(`${name}: no report written\n      ${whyItFailed(result.output, result.signal)}`);
  }
}

const ok = (result) => result.status === 0;

// npm ci refuses a lock file that lacks an entry package.json or a locked package asks for (even another platform's
// optional binary), where npm install would quietly add it: check that here, without touching node_modules.
const lockOk = ok(await step('lock file (npm ci --dry-run)', 'npm', ['ci', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error']));
if (lockOk) passed += 1; else failed += 1;
const typecheckOk = ok(await step('type-check', 'npm', ['run', '--silent', 'typecheck']));
const lintOk = ok(await step('lint', 'npm', ['run', '--silent', 'lint']));
if (typecheckOk) passed += 1; else failed += 1;
if (lintOk) passed += 1; else failed += 1;
// The web app's unit tests (HTTP client, validation, capabilities, server state) run on its sources in happy-dom: no build.
await vitestStep('web unit tests', 'packages/web', {}, 'vitest.unit.config.ts');
// The server tests run the built command line too (src/cli/built-command.test.ts), and the browser tests the built app.
const buildOk = ok(await step('build', 'npm', ['run', '--silent', 'build']));
if (buildOk) passed += 1; else failed += 1;

await vitestStep('server tests on PGlite', 'packages/server', { PALERMO_TEST_DB: 'pglite' });

if (process.env.PALERMO_TEST_DATABASE_URL) {
  await vitestStep('server tests on PostgreSQL', 'packages/server', { PALERMO_TEST_DB: 'postgres' });
} else {
  process.stderr.write('\n(PALERMO_TEST_DATABASE_URL is not set: the PostgreSQL pass is skipped)\n');
}

const chromium = process.env.PALERMO_CHROMIUM ?? '/usr/bin/chromium';
if (existsSync(chromium)) {
  if (buildOk) await vitestStep('browser tests', 'packages/web', { PALERMO_CHROMIUM: chromium });
  else problems.push('browser tests: not run, the build failed');
} else if (process.env.CI) {
  problems.push(`browser tests: ${chromium} not found`);
  failed += 1;
} else {
  process.stderr.write(`\n(browser tests skipped: ${chromium} not found; install it with: apt-get install -y chromium)\n`);
}

const totalSeconds = Number(process.hrtime.bigint() - startedAll) / 1e9;
process.stderr.write(`\nWall time per step:\n  ${timings.join('\n  ')}\n  total: ${totalSeconds.toFixed(1)} s\n`);
if (failedTests.length > 0) process.stderr.write(`\nFailed tests:\n  ${failedTests.join('\n  ')}\n`);
if (problems.length > 0) process.stderr.write(`\nFailed: ${problems.join('; ')}\n`);
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 || problems.length > 0 ? 1 : 0);
