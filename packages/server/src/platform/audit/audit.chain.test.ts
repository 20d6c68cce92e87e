import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, systemActor } from './audit.js';
import { verifyAuditChain } from './verify.js';
import { clientFor, createTestApp, insertOrganisation, insertUser, type TestApp } from '../../../test/support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const actor = systemActor('test');

async function appendMany(count: number) {
  for (let i = 0; i < count; i += 1) {
    await t.platform.db.transaction().execute((tx) => appendAudit(tx, actor, { action: 'test.event', recordId: `r${i}`, purpose: 'testing', summary: `event ${i}` }));
  }
}

/** Tampering needs the append-only trigger out of the way, as an attacker with database access would do. */
async function tamper(statement: string) {
  await t.platform.database.withScriptRunner((run) =>
    run(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update; ${statement}; ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;`),
  );
}

async function snapshot() {
  return t.platform.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
}

async function restore(rows: Awaited<ReturnType<typeof snapshot>>) {
  await tamper('DELETE FROM audit_log');
  for (const row of rows) await t.platform.db.insertInto('audit_log').values(row).execute();
}

describe('the hash-chained audit log', () => {
  it('verifies an intact chain', async () => {
    await appendMany(12);
    const result = await verifyAuditChain(t.platform.db);
    expect(result).toMatchObject({ ok: true, firstBadSeq: null });
    expect(result.entriesChecked).toBeGreaterThanOrEqual(12);
  });

  it('refuses updates and deletes through the database', async () => {
    await expect(sql`update audit_log set summary = 'x' where seq = 1`.execute(t.platform.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where seq = 1`.execute(t.platform.db)).rejects.toThrow(/append-only/);
  });

  it('detects an altered entry and says which', async () => {
    const before = await snapshot();
    await tamper(`UPDATE audit_log SET summary = 'nothing happened' WHERE seq = 5`);
    expect(await verifyAuditChain(t.platform.db)).toMatchObject({ ok: false, firstBadSeq: 5, problem: expect.stringContaining('altered') });
    await restore(before);
    expect((await verifyAuditChain(t.platform.db)).ok).toBe(true);
  });

  it('detects a removed entry', async () => {
    const before = await snapshot();
    await tamper('DELETE FROM audit_log WHERE seq = 7');
    expect(await verifyAuditChain(t.platform.db)).toMatchObject({ ok: false, firstBadSeq: 7, problem: expect.stringContaining('missing') });
    await restore(before);
  });

  it('detects reordered entries', async () => {
    const before = await snapshot();
    // Swap the contents (and hashes) of entries 3 and 4 while keeping the sequence numbers.
    await tamper(`UPDATE audit_log SET seq = -3 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = 4; UPDATE audit_log SET seq = 4 WHERE seq = -3`);
    const result = await verifyAuditChain(t.platform.db);
    expect(result.ok).toBe(false);
    expect(result.firstBadSeq).toBe(3);
    await restore(before);
  });

  it('detects entries removed from the end', async () => {
    const before = await snapshot();
    const last = before.at(-1)?.seq ?? 0;
    await tamper(`DELETE FROM audit_log WHERE seq = ${last}`);
    expect(await verifyAuditChain(t.platform.db)).toMatchObject({ ok: false, problem: expect.stringContaining('removed from the end') });
    await restore(before);
    expect((await verifyAuditChain(t.platform.db)).ok).toBe(true);
  });

  it('writes the entry in the same transaction as the change: a failed change leaves no entry', async () => {
    const head = await t.platform.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
    await expect(
      t.platform.db.transaction().execute(async (tx) => {
        await appendAudit(tx, actor, { action: 'test.doomed', purpose: 'testing', summary: 'should vanish' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect((await t.platform.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow()).seq).toBe(head.seq);
    expect(await t.platform.db.selectFrom('audit_log').select('seq').where('action', '=', 'test.doomed').execute()).toEqual([]);
  });

  it('keeps the chain whole under concurrent writers', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => t.platform.db.transaction().execute((tx) => appendAudit(tx, actor, { action: 'test.concurrent', purpose: 'testing', summary: `c${i}` }))));
    expect((await verifyAuditChain(t.platform.db)).ok).toBe(true);
  });
});

describe('audit of personal data through the API', () => {
  it('records who read which person, for what purpose, without the personal data itself', async () => {
    const org = await insertOrganisation(t, 'ngo');
    const caseworker = await insertUser(t, org, ['caseworker']);
    const client = await clientFor(t, caseworker);
    const created = await client.request('POST', '/api/persons', { givenName: 'Zanele', familyName: 'Mokoena', phone: '+27821234567', birthDate: '1990-04-02' });
    expect(created.statusCode).toBe(200);
    const id = created.json().id as string;
    expect((await client.request('GET', `/api/persons/${id}`)).statusCode).toBe(200);
    const entries = await t.platform.db.selectFrom('audit_log').selectAll().where('record_id', '=', id).orderBy('seq').execute();
    expect(entries.map((e) => e.action)).toEqual(['person.create', 'person.read']);
    for (const entry of entries) {
      expect(entry.actor_user_id).toBe(caseworker.id);
      expect(entry.organisation_id).toBe(org);
      expect(entry.purpose).toBe('case_management');
      expect(JSON.stringify(entry)).not.toMatch(/Zanele|Mokoena|27821234567|1990-04-02/);
    }
  });

  it('shows administrators the audit log filtered by user and record; refuses everyone else', async () => {
    const org = await insertOrganisation(t, 'national_coordinator');
    const admin = await clientFor(t, await insertUser(t, org, ['national_admin']));
    const someone = await insertUser(t, org, ['national_coordinator']);
    const coordinator = await clientFor(t, someone);
    const byUser = await admin.request('GET', `/api/audit?userId=${someone.id}`);
    expect(byUser.statusCode).toBe(200);
    expect((await coordinator.request('GET', '/api/audit')).statusCode).toBe(403);
    const all = await admin.request('GET', '/api/audit?limit=5');
    expect(all.json().entries).toHaveLength(5);
    const before = all.json().entries[4].seq as number;
    const older = await admin.request('GET', `/api/audit?limit=5&before=${before}`);
    expect(older.json().entries.every((e: { seq: number }) => e.seq < before)).toBe(true);
    const bad = await admin.request('GET', '/api/audit?from=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].field).toBe('querystring.from');
    expect((await admin.request('GET', '/api/audit/verify')).json().ok).toBe(true);
  });
});
