import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCheckpointResponse, auditVerifyResponse } from '@palermo/contracts';
import { checkAndCheckpoint } from './checkpoint-job.js';
import { appendAudit, systemActor } from './audit.js';
import { loadConfig } from '../config.js';
import { openRuntime } from '../runtime.js';
import { startServer } from '../server.js';
import { registerAudit } from '../../cli/commands/audit.js';
import { clientFor, createTestApp, insertOrganisation, insertUser, randomMasterKey, type Client, type TestApp } from '../../../test/support/test-app.js';
import { inProcessPalermo, temporaryDataDir } from '../../../test/support/cli.js';

describe('the signed checkpoint through the API', () => {
  let t: TestApp;
  let admin: Client;
  let caseworker: Client;
  const checkpointDir = mkdtempSync(join(tmpdir(), 'palermo-checkpoints-'));
  beforeAll(async () => {
    t = await createTestApp({ config: { auditCheckpointDir: checkpointDir } });
    const national = await insertOrganisation(t, 'national_coordinator');
    admin = await clientFor(t, await insertUser(t, national, ['national_admin']));
    caseworker = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'ngo'), ['caseworker']));
  });
  afterAll(async () => {
    await t.close();
    rmSync(checkpointDir, { recursive: true, force: true });
  });

  it('shows the newest checkpoint to audit readers only, and verifies the log against it', async () => {
    expect(auditCheckpointResponse.parse((await admin.request('GET', '/api/audit/checkpoint')).json())).toEqual({ checkpoint: null, problem: null });
    const outcome = await checkAndCheckpoint(t.platform.db, t.platform.keyring, checkpointDir);
    if (!outcome.written) throw new Error(outcome.reason);
    const shown = auditCheckpointResponse.parse((await admin.request('GET', '/api/audit/checkpoint')).json());
    expect(shown.checkpoint).toMatchObject({ seq: outcome.checkpoint.seq, headHash: outcome.checkpoint.headHash, createdAt: outcome.checkpoint.createdAt });
    const verified = auditVerifyResponse.parse((await admin.request('GET', '/api/audit/verify')).json());
    expect(verified).toMatchObject({ ok: true, checkpoint: { seq: outcome.checkpoint.seq, matches: true } });
    expect((await caseworker.request('GET', '/api/audit/checkpoint')).statusCode).toBe(403);
  });
});

describe('where the server keeps checkpoints', () => {
  it('refuses to start with the checkpoint folder inside the data folder, before opening anything', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'palermo-refuse-'));
    try {
      const config = loadConfig({ PALERMO_DATA_DIR: dataDir, PORT: '0', PALERMO_LOG_LEVEL: 'silent', PALERMO_AUDIT_CHECKPOINT_DIR: join(dataDir, 'checkpoints') });
      await expect(startServer(config, { logger: false })).rejects.toThrow(/inside the data folder/);
      expect(existsSync(join(dataDir, 'pg'))).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('keeps them beside the data folder by default', () => {
    const config = loadConfig({ PALERMO_DATA_DIR: '/srv/palermo/data' });
    expect(config.auditCheckpointDir).toBe('/srv/palermo/data-audit-checkpoints');
  });
});

describe('palermo audit checkpoint and verify', () => {
  const palermo = inProcessPalermo(registerAudit);
  const data = temporaryDataDir('palermo-audit-cli-');
  const savedKey = process.env['PALERMO_MASTER_KEY'];
  beforeAll(() => {
    data.use();
    process.env['PALERMO_MASTER_KEY'] = randomMasterKey();
  });
  afterAll(() => {
    if (savedKey === undefined) delete process.env['PALERMO_MASTER_KEY'];
    else process.env['PALERMO_MASTER_KEY'] = savedKey;
    rmSync(`${data.dir}-audit-checkpoints`, { recursive: true, force: true });
    data.restore();
  });

  it('writes a checkpoint, then exits 1 naming the problem once the end of the log is cut and the head reset', async () => {
    const writer = await openRuntime(loadConfig(), 'test writer');
    try {
      for (let i = 0; i < 3; i += 1) {
        await writer.database.db.transaction().execute((tx) => appendAudit(tx, systemActor('test'), { action: 'test.event', purpose: 'testing', summary: `event ${i}` }));
      }
    } finally {
      await writer.close();
    }
    const written = await palermo('audit', 'checkpoint', '--json');
    expect(written.exitCode).toBe(0);
    const checkpoint = JSON.parse(written.stdout) as { file: string; seq: number; headHash: string };
    expect(checkpoint.seq).toBe(3);
    expect(checkpoint.file.startsWith(`${data.dir}-audit-checkpoints`)).toBe(true);
    const intact = await palermo('audit', 'verify', '--json');
    expect(intact.exitCode).toBe(0);
    expect(JSON.parse(intact.stdout)).toMatchObject({ ok: true, checkpoint: { seq: checkpoint.seq, matches: true } });

    // The database owner cuts the log back to its first entry and resets the head to it.
    const runtime = await openRuntime(loadConfig(), 'test tamper');
    try {
      await runtime.database.withScriptRunner((run) =>
        run(`ALTER TABLE audit_log DISABLE TRIGGER USER; DELETE FROM audit_log WHERE seq > 1;
             UPDATE audit_head SET seq = 1, hash = (SELECT hash FROM audit_log WHERE seq = 1); ALTER TABLE audit_log ENABLE TRIGGER USER;`),
      );
    } finally {
      await runtime.close();
    }
    const cut = await palermo('audit', 'verify', '--checkpoint', checkpoint.file);
    expect(cut.exitCode).toBe(1);
    expect(cut.stdout).toMatch(/AUDIT CHAIN BROKEN.*the log ends at entry 1 but the checkpoint .* recorded entry/);
    const json = await palermo('audit', 'verify', '--json');
    expect(json.exitCode).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, checkpoint: { matches: false } });
    // And no new checkpoint blesses the cut log.
    expect((await palermo('audit', 'checkpoint')).exitCode).toBe(1);
  });
});
