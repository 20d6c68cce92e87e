#!/usr/bin/env node
// `npm run bench`: runs the benchmarks (packages/server/bench) with `npx tsx`, resolving @palermo/contracts to its
// TypeScript sources for the code they import directly (the "palermo-source" export condition); the servers they
// start are the compiled `palermo` command, built first by bench-kit.ts. Figures are JSON lines on stdout,
// progress on stderr; the exit code is the benchmark's. The benchmark runs in its own process group so that a signal
// sent to this script reaches it through npx and tsx, and it can stop its servers and clean up.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Each benchmark in turn, each printing its figures beside a baseline measured in the same run:
const benches = [
  // the web app's first load: compressed script before the sign-in page runs, beside all its script (no database);
  'packages/web/scripts/bundle-size.mjs',
  // the authenticated, authorised, audited read of one personal record, beside a bare Fastify hello-world;
  'packages/server/bench/audited-read.ts',
  // backup and restore of 1,000,000 statistical records (PostgreSQL; 100,000 on PGlite) with peak memory, beside a plain COPY;
  'packages/server/bench/backup.ts',
  // the caseworker's case list, name search and case page on a large synthetic case load;
  'packages/server/bench/cases.ts',
  // each role's home and the case list under every filter, sort and page, on 100,000 cases;
  'packages/server/bench/homes.ts',
  // the import of a 1,000,000-row CTDC file on PostgreSQL, beside parsing the same file without storing it;
  'packages/server/bench/ctdc-import.ts',
  // multiple systems estimation on six lists: pure computation (no database);
  'packages/server/bench/estimation.ts',
  // a differentially private synthetic release of 200,000 records (PostgreSQL; 50,000 on PGlite);
  'packages/server/bench/release.ts',
  // the statistics page over a million synthetic records (PostgreSQL) and 100,000 (PGlite), beside the raw GROUP BY.
  'packages/server/bench/statistics.ts',
  // the network of one operation of 2,000 suspects and entities with its rankings (300 on PGlite), beside its raw SQL.
  'packages/server/bench/network.ts',
  // the prosecution funnel over 50,000 investigations and 200,000 suspects with their steps (PostgreSQL), beside the raw GROUP BY.
  'packages/server/bench/funnel.ts',
  // the action plan's progress page (500 activities, 2,000 indicators, 20,000 measurements) and its computed indicators
  // over 100,000 cases (PostgreSQL), beside the raw SQL of the measurements and of persons identified per year.
  'packages/server/bench/progress.ts',
];
const env = { ...process.env, NODE_OPTIONS: [process.env.NODE_OPTIONS, '--conditions=palermo-source'].filter(Boolean).join(' ') };

let child;
function runNext() {
  const script = benches.shift();
  if (!script) return;
  child = spawn('npx', ['tsx', script], { cwd: root, env, stdio: 'inherit', detached: true });
  child.on('error', (error) => {
    process.stderr.write(`bench: could not run npx tsx: ${error.message}\n`);
    process.exitCode = 1;
  });
  child.on('exit', (code, signal) => {
    const status = code ?? 128 + (signal ? (signalNumbers[signal] ?? 1) : 0);
    if (status !== 0) process.exitCode = status;
    if (signal === null) runNext();
  });
}

const signalNumbers = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };
for (const signal of Object.keys(signalNumbers)) {
  process.on(signal, () => {
    benches.length = 0;
    if (!child || child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      child.kill(signal);
    }
  });
}

runNext();
