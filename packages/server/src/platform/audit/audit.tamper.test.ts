import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, systemActor } from './audit.js';
import { listAlerts } from './alerts.js';
import { chainHash, chainedFieldsOf } from './audit-chain.js';
import { checkAndCheckpoint } from './checkpoint-job.js';
import { assertCheckpointDirOutsideData, latestCheckpointFile, readCheckpointFile, writeCheckpointFile } from './checkpoint.js';
import { sealAuditEntries } from './seal.js';
import { verifyAuditChain } from './verify.js';
import { Keyring } from '../crypto/keyring.js';
import { migrate } from '../db/migrate.js';
import type { Db } from '../db/database.js';
import { createTestDatabase, testMasterKey, type TestDatabase } from '../../../test/support/test-database.js';

/**
 * Tampering as someone with the database owner's rights would: triggers disabled, rows inserted, deleted, the head
 * reset, the log truncated. Each must be caught: by the entries' authentication, or against a signed checkpoint.
 */
let testDb: TestDatabase;
let db: Db;
let checkpointDir: string;
const keyring = Keyring.open({ dataDir: 'memory://', masterKey: testMasterKey });
const actor = systemActor('test');

async function append(count: number, prefix = 'event') {
  for (let i = 0; i < count; i += 1) {
    await db.transaction().execute((tx) => appendAudit(tx, actor, { action: 'test.event', recordId: `${prefix}-${i}`, purpose: 'testing', summary: `${prefix} ${i}` }));
  }
  await sealAuditEntries(db);
}

async function asOwner(statements: string) {
  await testDb.database.withScriptRunner((run) => run(`ALTER TABLE audit_log DISABLE TRIGGER USER; ALTER TABLE audit_head DISABLE TRIGGER USER; ${statements}; ALTER TABLE audit_log ENABLE TRIGGER USER; ALTER TABLE audit_head ENABLE TRIGGER USER;`));
}

const checkpointNow = () => checkAndCheckpoint(db, keyring, checkpointDir);

/**
 * What the database owner can do with plain SQL and SHA-256: delete the entry at `removed` (if any), renumber the
 * entries after it, recompute every link and hash from `from` on, and move the head to match. Seals (keyed) are kept
 * as they were, or stripped.
 */
async function deleteAndRechain(removed: number | null, seals: 'keep seals' | 'strip seals', from = removed ?? 1) {
  const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>=', from).orderBy('seq').execute();
  const before = await db.selectFrom('audit_log').select('hash').where('seq', '=', from - 1).executeTakeFirst();
  let previous: Buffer = before?.hash ? Buffer.from(before.hash) : Buffer.alloc(32);
  let seq = from - 1;
  const statements = removed === null ? [] : [`DELETE FROM audit_log WHERE seq = ${removed}`];
  for (const row of rows) {
    if (row.seq === removed) continue;
    seq += 1;
    const strip = seals === 'strip seals' && row.seq !== seq;
    const hash = chainHash(previous, chainedFieldsOf(strip ? { ...row, seal: null, seal_key_id: null } : row, seq));
    statements.push(
      `UPDATE audit_log SET seq = ${seq}, prev_hash = '\\x${previous.toString('hex')}', hash = '\\x${hash.toString('hex')}'${strip ? ', seal = NULL, seal_key_id = NULL' : ''} WHERE entry_id = ${row.entry_id}`,
    );
    previous = hash;
  }
  statements.push(`UPDATE audit_head SET seq = ${seq}, hash = '\\x${previous.toString('hex')}'`);
  await asOwner(statements.join(';\n'));
}

function latestCheckpointFileOf(checkpoint: { seq: number }) {
  const file = latestCheckpointFile(checkpointDir);
  expect(file && readCheckpointFile(file, keyring).seq).toBe(checkpoint.seq);
  return file;
}

function latest() {
  const file = latestCheckpointFile(checkpointDir);
  if (!file) throw new Error('no checkpoint written');
  return readCheckpointFile(file, keyring);
}

beforeEach(async () => {
  testDb = await createTestDatabase();
  db = testDb.database.db;
  await migrate(testDb.database);
  checkpointDir = mkdtempSync(join(tmpdir(), 'palermo-checkpoints-'));
});
afterEach(async () => {
  await testDb.drop();
  rmSync(checkpointDir, { recursive: true, force: true });
});

describe('entries the database owner writes by hand', () => {
  it('seals a back-dated row with a made-up actor as forged, raises an alert, and verification names it', async () => {
    await append(5);
    await sql`insert into audit_log (occurred_at, actor_user_id, actor_name, organisation_id, action, record_type, record_id, purpose, summary, outcome)
      values ('2020-01-01T00:00:00Z', ${randomUUID()}, 'Made-up inspector', null, 'person.read', 'person', ${randomUUID()}, 'case_management', 'routine check', 'allowed')`.execute(db);
    await append(2, 'after');
    const forged = await db.selectFrom('audit_log').selectAll().where('actor_name', '=', 'Made-up inspector').executeTakeFirstOrThrow();
    expect(forged).toMatchObject({ forged: true, seq: 6 });
    const alerts = await listAlerts(db);
    expect(alerts).toEqual([expect.objectContaining({ kind: 'audit.forged_entry', summary: expect.stringContaining('6 (no authentication code)') })]);
    const result = await verifyAuditChain(db);
    expect(result).toMatchObject({ ok: false, chainIntact: true, forgedEntries: [6], forgedCount: 1, firstBadSeq: 6 });
    expect(result.problem).toContain('forged');
    // The entries around it are still genuine and chained.
    expect(result.entriesChecked).toBeGreaterThanOrEqual(8);
  });

  it('does not accept an authentication code copied from a genuine entry onto other values', async () => {
    await append(3);
    const genuine = await db.selectFrom('audit_log').selectAll().where('seq', '=', 2).executeTakeFirstOrThrow();
    if (!genuine.mac || !genuine.mac_key_id) throw new Error('entries are authenticated');
    await sql`insert into audit_log (occurred_at, actor_user_id, actor_name, organisation_id, action, record_type, record_id, purpose, summary, outcome, entry_token, mac_key_id, mac)
      values (${genuine.occurred_at}, null, ${genuine.actor_name}, null, ${genuine.action}, null, 'another-record', ${genuine.purpose}, ${genuine.summary}, 'allowed',
              ${randomUUID()}, ${genuine.mac_key_id}, ${Buffer.from(genuine.mac)})`.execute(db);
    await sealAuditEntries(db);
    expect(await db.selectFrom('audit_log').select('forged').where('record_id', '=', 'another-record').executeTakeFirstOrThrow()).toEqual({ forged: true });
  });

  it('seals a replayed genuine entry (same token, time and code) as forged, and keeps the original genuine', async () => {
    await append(3);
    const genuine = await db.selectFrom('audit_log').selectAll().where('seq', '=', 2).executeTakeFirstOrThrow();
    expect(genuine.statement_fields).toEqual([]);
    await sql`insert into audit_log (occurred_at, actor_user_id, actor_name, organisation_id, action, record_type, record_id, purpose, summary, outcome, entry_token, mac_key_id, mac)
      select occurred_at, actor_user_id, actor_name, organisation_id, action, record_type, record_id, purpose, summary, outcome, entry_token, mac_key_id, mac
      from audit_log where seq = 2`.execute(db);
    await sealAuditEntries(db);
    const rows = await db.selectFrom('audit_log').select(['seq', 'forged']).where('entry_token', '=', genuine.entry_token).orderBy('seq').execute();
    expect(rows).toEqual([
      { seq: 2, forged: false },
      { seq: 4, forged: true },
    ]);
    expect((await listAlerts(db))[0]?.summary).toContain('replayed token');
  });

  it('catches a forged row written straight into the chain (hash and head computed, the sealer bypassed)', async () => {
    await append(4);
    const head = await db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
    const row = {
      entry_id: 1_000_000,
      seq: head.seq + 1,
      occurred_at: new Date('2021-06-01T10:00:00.000Z'),
      actor_user_id: randomUUID(),
      actor_name: 'Nobody',
      organisation_id: null,
      action: 'person.read',
      record_type: 'person',
      record_id: randomUUID(),
      purpose: 'case_management',
      summary: 'read',
      outcome: 'allowed',
      entry_token: randomUUID(),
      mac_key_id: keyring.currentId,
      mac: randomBytes(32),
      statement_fields: [],
      forged: false,
      prev_hash: Buffer.from(head.hash),
      hash: null,
      seal: null,
      seal_key_id: null,
    };
    const hash = chainHash(head.hash, chainedFieldsOf({ ...row, hash: null }, row.seq));
    await asOwner(`
      INSERT INTO audit_log (entry_id, seq, occurred_at, actor_user_id, actor_name, action, record_type, record_id, purpose, summary, outcome, entry_token, mac_key_id, mac, prev_hash, hash)
      VALUES (${row.entry_id}, ${row.seq}, '${row.occurred_at.toISOString()}', '${row.actor_user_id}', 'Nobody', 'person.read', 'person', '${row.record_id}', 'case_management', 'read', 'allowed',
              '${row.entry_token}', '${row.mac_key_id}', '\\x${row.mac.toString('hex')}', '\\x${Buffer.from(head.hash).toString('hex')}', '\\x${hash.toString('hex')}');
      UPDATE audit_head SET seq = ${row.seq}, hash = '\\x${hash.toString('hex')}'`);
    const result = await verifyAuditChain(db);
    expect(result).toMatchObject({ ok: false, chainIntact: false, firstBadSeq: row.seq });
    expect(result.problem).toContain('fails authentication');
  });

  it('catches an unauthenticated row written straight into the chain after authenticated ones', async () => {
    await append(2);
    const head = await db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
    const occurredAt = new Date('2022-02-02T02:02:02.000Z');
    const legacyLike = chainHash(head.hash, {
      seq: head.seq + 1,
      occurredAt,
      actorUserId: null,
      actorName: 'palermo admin',
      organisationId: null,
      action: 'user.create',
      recordType: null,
      recordId: null,
      purpose: 'administration',
      summary: 'created',
      outcome: 'allowed',
    });
    await asOwner(`
      INSERT INTO audit_log (seq, occurred_at, actor_name, action, purpose, summary, outcome, prev_hash, hash)
      VALUES (${head.seq + 1}, '${occurredAt.toISOString()}', 'palermo admin', 'user.create', 'administration', 'created', 'allowed', '\\x${Buffer.from(head.hash).toString('hex')}', '\\x${legacyLike.toString('hex')}');
      UPDATE audit_head SET seq = ${head.seq + 1}, hash = '\\x${legacyLike.toString('hex')}'`);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, chainIntact: false, firstBadSeq: head.seq + 1, problem: expect.stringContaining('no authentication code') });
  });
});

describe('a log cut short, against a signed checkpoint', () => {
  it('detects the last entries deleted and the head reset to match (which the chain alone cannot see)', async () => {
    await append(10);
    expect((await checkpointNow()).written).toBe(true);
    const checkpoint = latest();
    const keep = await db.selectFrom('audit_log').selectAll().where('seq', '=', 7).executeTakeFirstOrThrow();
    await asOwner(`DELETE FROM audit_log WHERE seq > 7; UPDATE audit_head SET seq = 7, hash = '\\x${Buffer.from(keep.hash ?? []).toString('hex')}'`);
    // Without the checkpoint the cut is invisible: that is what the checkpoint is for.
    expect((await verifyAuditChain(db)).chainIntact).toBe(true);
    const result = await verifyAuditChain(db, { checkpoint });
    expect(result).toMatchObject({ ok: false, checkpoint: { seq: checkpoint.seq, matches: false } });
    expect(result.problem).toContain(`the log ends at entry 7 but the checkpoint of ${checkpoint.createdAt} recorded entry ${checkpoint.seq}`);
    expect(result.problem).toContain('head reset');
  });

  it('refuses TRUNCATE, and detects it against a checkpoint once the trigger is dropped (with or without the head reset)', async () => {
    await append(6);
    await checkpointNow();
    const checkpoint = latest();
    await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/TRUNCATE refused/);
    await asOwner('TRUNCATE audit_log');
    expect((await verifyAuditChain(db, { checkpoint })).problem).toContain('the log is empty but the checkpoint');
    await asOwner(`UPDATE audit_head SET seq = 0, hash = '\\x${Buffer.alloc(32).toString('hex')}'`);
    const result = await verifyAuditChain(db, { checkpoint });
    expect(result).toMatchObject({ ok: false, entriesChecked: 0, checkpoint: { matches: false } });
    expect(result.problem).toContain('wiped or truncated');
  });

  it('detects a wiped log (every row deleted, the head reset to the start) against any earlier checkpoint', async () => {
    await append(3);
    await checkpointNow();
    const early = latest();
    await append(3, 'later');
    await checkpointNow();
    await asOwner(`DELETE FROM audit_log; UPDATE audit_head SET seq = 0, hash = '\\x${Buffer.alloc(32).toString('hex')}'`);
    for (const file of [early, latest()]) {
      const result = await verifyAuditChain(db, { checkpoint: file });
      expect(result.ok).toBe(false);
      expect(result.problem).toContain('wiped or truncated');
    }
  });

  it('detects the chain rewritten from an earlier entry on, consistently, against a checkpoint', async () => {
    await append(5);
    await checkpointNow();
    const checkpoint = latest();
    // Replace entry 3 onward by re-chaining altered copies (authentication codes copied: they no longer match, but the
    // checkpoint is what is tested here, so rewrite the chain as if the attacker held an old legacy log).
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>=', 3).orderBy('seq').execute();
    const before = await db.selectFrom('audit_log').select('hash').where('seq', '=', 2).executeTakeFirstOrThrow();
    let previous: Buffer = Buffer.from(before.hash ?? []);
    const statements: string[] = [];
    for (const row of rows) {
      const altered = { ...row, summary: `${row.summary} (rewritten)` };
      const hash = chainHash(previous, chainedFieldsOf(altered, row.seq ?? 0));
      statements.push(`UPDATE audit_log SET summary = '${altered.summary}', prev_hash = '\\x${previous.toString('hex')}', hash = '\\x${hash.toString('hex')}' WHERE seq = ${row.seq}`);
      previous = hash;
    }
    statements.push(`UPDATE audit_head SET hash = '\\x${previous.toString('hex')}'`);
    await asOwner(statements.join(';\n'));
    const result = await verifyAuditChain(db, { checkpoint });
    expect(result.ok).toBe(false);
    expect(result.firstBadSeq).toBe(3);
  });

  it('detects one genuine entry deleted from the middle after the newest checkpoint, the rest renumbered and re-chained', async () => {
    await append(5);
    await checkpointNow();
    const checkpoint = latest();
    await append(5, 'after');
    // Every remaining entry still authenticates (the MAC covers neither position nor neighbours) and the plain hashes
    // are recomputed, so only the keyed seal of each position can tell. The attacker keeps the seals as they were.
    await deleteAndRechain(7, 'keep seals');
    for (const options of [{}, { checkpoint }]) {
      const result = await verifyAuditChain(db, options);
      expect(result).toMatchObject({ ok: false, chainIntact: false, firstBadSeq: 7 });
      expect(result.problem).toContain('its seal does not match its position and hash');
    }
    expect((await checkpointNow()).written).toBe(false);
    expect(latestCheckpointFile(checkpointDir)).toBe(latestCheckpointFileOf(checkpoint));
  });

  it('detects the same deletion when the attacker strips the seals of the re-chained entries (no downgrade)', async () => {
    await append(8);
    await deleteAndRechain(4, 'strip seals');
    const result = await verifyAuditChain(db);
    expect(result).toMatchObject({ ok: false, chainIntact: false, firstBadSeq: 4 });
    expect(result.problem).toContain('has no seal although entries before it have one');
  });

  it('detects every seal stripped and the whole log re-chained without them, against a checkpoint taken after sealing began', async () => {
    await append(4);
    await checkpointNow();
    const checkpoint = latest();
    await append(4, 'after');
    await asOwner('UPDATE audit_log SET seal = NULL, seal_key_id = NULL');
    await deleteAndRechain(6, 'keep seals', 1);
    // Without seals the chain alone looks like one written before seals existed: the checkpoint is what catches it,
    // because whether an entry is sealed is part of its hash.
    expect(await verifyAuditChain(db)).toMatchObject({ chainIntact: true, unsealedEarlyEntries: 7 });
    const result = await verifyAuditChain(db, { checkpoint });
    expect(result).toMatchObject({ ok: false, firstBadSeq: checkpoint.seq });
    expect(result.problem).toContain('is not the one the checkpoint');
  });

  it('refuses a seal copied from another entry, and a seal changed without disabling the triggers', async () => {
    await append(5);
    await expect(sql`update audit_log set seal = (select seal from audit_log where seq = 3) where seq = 4`.execute(db)).rejects.toThrow(/append-only/);
    await asOwner('UPDATE audit_log SET seal = (SELECT seal FROM audit_log WHERE seq = 3) WHERE seq = 4');
    const result = await verifyAuditChain(db);
    expect(result).toMatchObject({ ok: false, chainIntact: false, firstBadSeq: 4 });
    expect(result.problem).toContain('its seal does not match its position and hash');
  });

  it('accepts entries chained before seals only as a prefix of the log', async () => {
    await append(3);
    // As the log stood before seals: no seal, hashes in their unsealed form.
    await asOwner('UPDATE audit_log SET seal = NULL, seal_key_id = NULL');
    await deleteAndRechain(null, 'keep seals', 1);
    await append(2, 'sealed');
    const intact = await verifyAuditChain(db);
    expect(intact).toMatchObject({ ok: true, unsealedEarlyEntries: 3, entriesChecked: 5 });
    expect(await db.selectFrom('audit_log').select('seq').where('seal', 'is not', null).orderBy('seq').execute()).toEqual([{ seq: 4 }, { seq: 5 }]);
  });

  it('refuses an altered checkpoint file and one signed by a key this installation does not hold', async () => {
    await append(2);
    const outcome = await checkpointNow();
    if (!outcome.written) throw new Error(outcome.reason);
    const content = JSON.parse(readFileSync(outcome.file, 'utf8')) as Record<string, unknown>;
    writeFileSync(outcome.file, JSON.stringify({ ...content, seq: 1 }));
    expect(() => readCheckpointFile(outcome.file, keyring)).toThrow(/does not match its signature/);
    const stranger = Keyring.open({ dataDir: 'memory://', masterKey: randomBytes(32).toString('base64') });
    const { file } = writeCheckpointFile(stranger, checkpointDir, { seq: 0, headHash: Buffer.alloc(32).toString('hex'), entryCount: 0 });
    expect(() => readCheckpointFile(file, keyring)).toThrow(/does not hold/);
    // The operator can still check it with the public key recorded for it.
    expect(readCheckpointFile(file, keyring, [JSON.parse(readFileSync(file, 'utf8')).publicKey as string]).seq).toBe(0);
  });
});

describe('the periodic verification', () => {
  it('writes no checkpoint over a cut log, raises one alert for administrators, and does not repeat it while open', async () => {
    await append(4);
    expect((await checkpointNow()).written).toBe(true);
    const keep = await db.selectFrom('audit_log').selectAll().where('seq', '=', 2).executeTakeFirstOrThrow();
    await asOwner(`DELETE FROM audit_log WHERE seq > 2; UPDATE audit_head SET seq = 2, hash = '\\x${Buffer.from(keep.hash ?? []).toString('hex')}'`);
    const files = latestCheckpointFile(checkpointDir);
    const outcome = await checkpointNow();
    expect(outcome.written).toBe(false);
    expect(latestCheckpointFile(checkpointDir)).toBe(files);
    await checkpointNow();
    const alerts = (await listAlerts(db)).filter((a) => a.kind === 'audit.checkpoint_mismatch');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.summary).toContain('entries were removed from the end');
  });

  it('raises a verification alert when an entry in the chain was altered', async () => {
    await append(3);
    await asOwner(`UPDATE audit_log SET summary = 'nothing' WHERE seq = 2`);
    expect((await checkpointNow()).written).toBe(false);
    expect((await listAlerts(db)).map((a) => a.kind)).toContain('audit.verification_failed');
  });
});

describe('where checkpoints are kept', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'palermo-data-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses a checkpoint folder inside the data folder (or the data folder itself), accepts one beside it', () => {
    expect(() => assertCheckpointDirOutsideData(dataDir, join(dataDir, 'audit-checkpoints'))).toThrow(/inside the data folder/);
    expect(() => assertCheckpointDirOutsideData(dataDir, dataDir)).toThrow(/PALERMO_AUDIT_CHECKPOINT_DIR/);
    expect(() => assertCheckpointDirOutsideData(dataDir, `${dataDir}-audit-checkpoints`)).not.toThrow();
    expect(() => assertCheckpointDirOutsideData(dataDir, join(dataDir, '..', 'audit-checkpoints'))).not.toThrow();
  });

  it('refuses a folder inside the data folder that only looks outside: named ..something, or still to be made under a link into it', () => {
    expect(() => assertCheckpointDirOutsideData(dataDir, join(dataDir, '..audit-checkpoints'))).toThrow(/inside the data folder/);
    const links = mkdtempSync(join(tmpdir(), 'palermo-links-'));
    try {
      symlinkSync(dataDir, join(links, 'data-link'));
      expect(() => assertCheckpointDirOutsideData(dataDir, join(links, 'data-link', 'audit-checkpoints', 'new'))).toThrow(/inside the data folder/);
      expect(() => assertCheckpointDirOutsideData(join(links, 'data-link', 'not-yet'), join(dataDir, 'not-yet', 'checkpoints'))).toThrow(/inside the data folder/);
      expect(() => assertCheckpointDirOutsideData(dataDir, join(links, 'audit-checkpoints', 'new'))).not.toThrow();
    } finally {
      rmSync(links, { recursive: true, force: true });
    }
  });
});

describe('key rotation', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'palermo-rotation-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps entries and checkpoints made under the old master key verifying after `keys rotate`, in this process and the next', async () => {
    const { attachAuditAuthenticator } = await import('./audit-key-slot.js');
    const { AuditAuthenticator } = await import('./entry-mac.js');
    const { rotateMasterKey } = await import('../crypto/rotate.js');
    const fileKeyring = Keyring.open({ dataDir });
    attachAuditAuthenticator(db, new AuditAuthenticator(fileKeyring));
    await append(4, 'before');
    const first = await checkAndCheckpoint(db, fileKeyring, checkpointDir);
    if (!first.written) throw new Error(first.reason);
    const { previousMasterKeyId, currentMasterKeyId } = await rotateMasterKey(db, fileKeyring);
    expect(currentMasterKeyId).not.toBe(previousMasterKeyId);
    await append(4, 'after');
    const keyIds = await db.selectFrom('audit_log').select('mac_key_id').distinct().execute();
    expect(new Set(keyIds.map((r) => r.mac_key_id))).toEqual(new Set([previousMasterKeyId, currentMasterKeyId]));
    // Positions sealed before the rotation keep the old key's seal, and still verify.
    const sealKeys = await db.selectFrom('audit_log').select(['seq', 'seal_key_id']).orderBy('seq').execute();
    expect(sealKeys.map((r) => r.seal_key_id)).toEqual([...Array<string>(4).fill(previousMasterKeyId), ...Array<string>(4).fill(currentMasterKeyId)]);
    expect(await verifyAuditChain(db, { checkpoint: readCheckpointFile(first.file, fileKeyring) })).toMatchObject({ ok: true, forgedCount: 0 });
    // A new process opening the same key file.
    const reopened = Keyring.open({ dataDir });
    attachAuditAuthenticator(db, new AuditAuthenticator(reopened));
    const second = await checkAndCheckpoint(db, reopened, checkpointDir);
    expect(second).toMatchObject({ written: true, checkpoint: { keyId: currentMasterKeyId } });
    expect(await verifyAuditChain(db, { checkpoint: readCheckpointFile(first.file, reopened) })).toMatchObject({ ok: true });
    expect(await listAlerts(db)).toEqual([]);
  });
});
