#!/usr/bin/env node
// The one test command (npm test): the lock file, type-check, lint, the web app's unit tests, the build (contracts, server, web app: what
// `npm start` and the `palermo` command run), unit and integration tests on embedded PostgreSQL (PGlite), the same
// integration tests on a PostgreSQL server when PALERMO_TEST_DATABASE_URL is set, then the browser tests in Debian's
// Chromium against the built web app. Prints each step's wall time, and ends with one line: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const outDir = join(root, '.test-output');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

let passed = 0;
let failed = 0;
const problems = [];
const timings = [];
const startedAll = process.hrtime.bigint();

function step(name, command, args, env = {}) {
  process.stderr.write(`\n=== ${name} ===\n`);
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  timings.push(`${name}: ${seconds.toFixed(1)} s`);
  process.stderr.write(`=== ${name}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${seconds.toFixed(1)} s ===\n`);
  if (result.status !== 0) problems.push(name);
  return result.status === 0;
}

function vitestStep(name, project, env = {}, config) {
  const report = join(outDir, `${name.replace(/\W+/g, '-')}.json`);
  const configArgs = config ? ['--config', config] : []; // resolved from the project's root
  const ok = step(name, 'npx', ['vitest', 'run', '--root', project, ...configArgs, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], env);
  if (existsSync(report)) {
    const summary = JSON.parse(readFileSync(report, 'utf8'));
    passed += summary.numPassedTests;
    failed += summary.numFailedTests;
    if (!ok && summary.numFailedTests === 0) failed += 1; // a suite that failed to load
  } else if (!ok) {
    failed += 1;
  }
}

// npm ci refuses a lock file that lacks an entry package.json or a locked package asks for (even another platform's
// optional binary), where npm install would quietly add it: check that here, without touching node_modules.
const lockOk = step('lock file (npm ci --dry-run)', 'npm', ['ci', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error']);
if (lockOk) passed += 1; else failed += 1;
const typecheckOk = step('type-check', 'npm', ['run', '--silent', 'typecheck']);
const lintOk = step('lint', 'npm', ['run', '--silent', 'lint']);
if (typecheckOk) passed += 1; else failed += 1;
if (lintOk) passed += 1; else failed += 1;
// The web app's unit tests (HTTP client, validation, capabilities, server state) run on its sources in happy-dom: no build.
vitestStep('web unit tests', 'packages/web', {}, 'vitest.unit.config.ts');
// The server tests run the built command line too (src/cli/built-command.test.ts), and the browser tests the built app.
const buildOk = step('build', 'npm', ['run', '--silent', 'build']);
if (buildOk) passed += 1; else failed += 1;

vitestStep('server tests on PGlite', 'packages/server', { PALERMO_TEST_DB: 'pglite' });

if (process.env.PALERMO_TEST_DATABASE_URL) {
  vitestStep('server tests on PostgreSQL', 'packages/server', { PALERMO_TEST_DB: 'postgres' });
} else {
  process.stderr.write('\n(PALERMO_TEST_DATABASE_URL is not set: the PostgreSQL pass is skipped)\n');
}

const chromium = process.env.PALERMO_CHROMIUM ?? '/usr/bin/chromium';
if (existsSync(chromium)) {
  if (buildOk) vitestStep('browser tests', 'packages/web', { PALERMO_CHROMIUM: chromium });
  else problems.push('browser tests: not run, the build failed');
} else if (process.env.CI) {
  problems.push(`browser tests: ${chromium} not found`);
  failed += 1;
} else {
  process.stderr.write(`\n(browser tests skipped: ${chromium} not found; install it with: apt-get install -y chromium)\n`);
}

const totalSeconds = Number(process.hrtime.bigint() - startedAll) / 1e9;
process.stderr.write(`\nWall time per step:\n  ${timings.join('\n  ')}\n  total: ${totalSeconds.toFixed(1)} s\n`);
if (problems.length > 0) process.stderr.write(`\nFailed: ${problems.join('; ')}\n`);
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 || problems.length > 0 ? 1 : 0);
