import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const serverDir = fileURLToPath(new URL('../..', import.meta.url));
/**
 * The command line from its TypeScript sources (tsx, with the "palermo-source" condition for @palermo/contracts), so
 * that these tests check the code as edited; built-command.test.ts runs the compiled bin/palermo.js.
 */
const fromSource = ['--conditions=palermo-source', '--import', 'tsx', join(serverDir, 'src', 'cli', 'main.ts')];
const dataDir = mkdtempSync(join(tmpdir(), 'palermo-cli-'));
const env: NodeJS.ProcessEnv = { ...process.env, PALERMO_DATA_DIR: dataDir, PALERMO_ADMIN_PASSWORD: 'a long operator passphrase' };
delete env['DATABASE_URL'];

async function palermo(...args: string[]) {
  try {
    const { stdout } = await run(process.execPath, [...fromSource, ...args], { env, cwd: serverDir, timeout: 60_000 });
    return { code: 0, stdout };
  } catch (error) {
    const failure = error as { code: number; stdout: string };
    return { code: failure.code, stdout: failure.stdout };
  }
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/**
 * The operator's command line, run as a separate process on an embedded database in a temporary data folder.
 * (Run once, in the embedded-database pass: the commands open the database through the same code on both.) A test runs
 * the command up to four times, each compiling the sources as it starts: up to a minute each on a busy machine.
 */
describe.skipIf(process.env['PALERMO_TEST_DB'] === 'postgres')('npx palermo', { timeout: 240_000 }, () => {
  it('lists its commands', async () => {
    const { stdout } = await palermo('--help');
    for (const command of ['start', 'migrate', 'admin', 'audit', 'backup', 'restore', 'keys', 'demo', 'estimate', 'import']) expect(stdout).toContain(command);
  });

  it('migrates, creates an administrator, verifies the audit chain, and rotates keys, each with --json', async () => {
    const migrated = JSON.parse((await palermo('migrate', '--json')).stdout);
    expect(migrated).toMatchObject({ ok: true, database: 'pglite' });
    expect(migrated.applied).toEqual(migrated.known);
    expect(JSON.parse((await palermo('admin', 'create', '--email', 'ops@example.org', '--name', 'Operator', '--json')).stdout)).toMatchObject({ ok: true, firstAdministrator: true });
    expect(JSON.parse((await palermo('keys', 'rotate', '--json')).stdout)).toMatchObject({ ok: true, dataKeysRewrapped: 3 }); // field encryption, blind index, statistics record keys
    expect(JSON.parse((await palermo('audit', 'verify', '--json')).stdout)).toMatchObject({ ok: true, entriesChecked: 2 });
  });

  it('refuses bad input with the field named, as JSON, and a non-zero exit', async () => {
    const result = await palermo('admin', 'create', '--email', 'not-an-address', '--name', 'X', '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, error: expect.stringContaining('--email') });
  });

  it('refuses names the web app would refuse: a bidirectional control in --name or --organisation, before anything is written', async () => {
    for (const args of [
      ['--email', 'spoof@example.org', '--name', 'Admin\u202Enimda'],
      ['--email', 'spoof2@example.org', '--name', 'Operator', '--organisation', 'Ministry\u2067 of the Interior'],
    ]) {
      const result = await palermo('admin', 'create', ...args, '--json');
      expect(result.code).toBe(1);
      const answer = JSON.parse(result.stdout) as { ok: boolean; error: string };
      expect(answer.ok).toBe(false);
      expect(answer.error).toMatch(args.includes('--organisation') ? /--organisation/ : /--name/);
    }
  });

  it('backs up and restores into a fresh data folder', async () => {
    const archive = join(dataDir, 'out.palermo-backup');
    expect(JSON.parse((await palermo('backup', '--out', archive, '--json')).stdout)).toMatchObject({ ok: true });
    const fresh = mkdtempSync(join(tmpdir(), 'palermo-cli-restore-'));
    try {
      const restoreEnv = { ...env, PALERMO_DATA_DIR: fresh };
      const restored = await run(process.execPath, [...fromSource, 'restore', archive, '--key-file', join(dataDir, 'keys', 'master-keys.json'), '--json'], { env: restoreEnv, cwd: serverDir });
      expect(JSON.parse(restored.stdout)).toMatchObject({ ok: true, tables: { users: 1 } });
      const verified = await run(process.execPath, [...fromSource, 'audit', 'verify', '--json'], { env: restoreEnv, cwd: serverDir });
      expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true });
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });
});
