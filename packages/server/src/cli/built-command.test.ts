import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const serverDir = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(serverDir, 'bin', 'palermo.js');
const compiledMain = join(serverDir, 'dist', 'cli', 'main.js');
const contractsBuild = join(serverDir, '..', 'contracts', 'dist', 'index.js');
const { version } = JSON.parse(readFileSync(join(serverDir, 'package.json'), 'utf8')) as { version: string };
const dataDir = mkdtempSync(join(tmpdir(), 'palermo-built-'));

/**
 * Plain Node, as production runs it: no TypeScript loader, no source export condition, nothing inherited from the
 * test runner's NODE_OPTIONS. Node 20 cannot load a .ts file, so a command that answers here ran compiled JavaScript
 * (dist/ of the server and of @palermo/contracts).
 */
function productionEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PALERMO_DATA_DIR: dataDir, PALERMO_LOG_LEVEL: 'silent' };
  delete env['NODE_OPTIONS'];
  delete env['DATABASE_URL'];
  return env;
}

async function palermo(...args: string[]) {
  return run(process.execPath, [bin, ...args], { env: productionEnv(), cwd: tmpdir(), timeout: 60_000 });
}

beforeAll(() => {
  // `npm install` / `npm ci` build it (the root `prepare` script), as do `npm run build` and `npm test`.
  if (!existsSync(compiledMain) || !existsSync(contractsBuild)) {
    throw new Error('the server is not built: run `npm run build:server` (or `npm run build`) at the repository root');
  }
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** The `palermo` command as installed: bin/palermo.js running the compiled server, each call a separate process. */
describe.skipIf(process.env['PALERMO_TEST_DB'] === 'postgres')('the built palermo command', () => {
  it('answers --help and --version', async () => {
    const help = await palermo('--help');
    for (const command of ['start', 'migrate', 'backup', 'restore', 'audit']) expect(help.stdout).toContain(command);
    expect((await palermo('--version')).stdout.trim()).toBe(version);
  });

  it('finds the SQL migrations from dist/ and applies every one of them', async () => {
    const files = readdirSync(join(serverDir, 'migrations')).filter((name) => name.endsWith('.sql'));
    expect(files.length).toBeGreaterThan(0);
    const migrated = JSON.parse((await palermo('migrate', '--json')).stdout) as { ok: boolean; applied: string[]; known: string[] };
    expect(migrated.ok).toBe(true);
    expect(migrated.known).toHaveLength(files.length);
    expect(migrated.applied).toEqual(expect.arrayContaining(migrated.known));
  });

  it('starts the compiled server, which answers over HTTP and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [bin, 'start', '--json', '--port', '0'], { env: productionEnv(), cwd: tmpdir(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const firstLine = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`palermo start exited (${String(code)}): ${stderr}`)));
      });
      const started = JSON.parse(firstLine) as { ok: boolean; url: string };
      expect(started.ok).toBe(true);
      const health = await fetch(`${started.url}/api/health`);
      expect(health.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
