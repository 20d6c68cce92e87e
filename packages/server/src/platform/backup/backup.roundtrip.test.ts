import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBackup } from './backup.js';
import { restoreBackup } from './restore.js';
import { tablesInDependencyOrder } from './tables.js';
import { migrate } from '../db/migrate.js';
import { FieldCipher } from '../crypto/field-cipher.js';
import { Keyring } from '../crypto/keyring.js';
import { verifyAuditChain } from '../audit/verify.js';
import type { Db } from '../db/database.js';
import { seedDemo } from '../../modules/demo/demo.seed.js';
import { readPerson } from '../../modules/person/person.service.js';
import { systemActor } from '../audit/audit.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';

let source: TestDatabase;
let target: TestDatabase;
let dir: string;
let keyring: Keyring;
let archive: string;

async function everything(db: Db): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of await tablesInDependencyOrder(db)) {
    const rows = await sql<{ j: string }>`select row_to_json(t)::text as j from ${sql.raw(`"${table.name}"`)} t`.execute(db);
    out[table.name] = rows.rows.map((r) => r.j).sort();
  }
  return out;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'palermo-backup-'));
  keyring = Keyring.open({ dataDir: dir });
  source = await createTestDatabase();
  target = await createTestDatabase();
  await migrate(source.database);
  await migrate(target.database);
  const cipher = new FieldCipher(keyring);
  await cipher.init(source.database.db);
  await source.database.db.transaction().execute((tx) => seedDemo(tx, cipher));
  archive = join(dir, 'test.palermo-backup');
});

afterAll(async () => {
  await source.drop();
  await target.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('writes one encrypted archive in which no personal data or name appears in clear', async () => {
    const summary = await writeBackup(source.database, keyring, archive);
    expect(summary.tables['persons']).toBe(10);
    const bytes = readFileSync(archive);
    for (const needle of ['Okafor', 'Popescu', 'national_admin@demo', 'SYNTHETIC']) expect(bytes.includes(Buffer.from(needle))).toBe(false);
  });

  it('restores into a fresh database losing nothing, and the audit chain still verifies', async () => {
    // A fresh target already has what start-up creates (a data key); restore replaces it.
    await new FieldCipher(keyring).init(target.database.db);
    const summary = await restoreBackup(target.database, keyring, archive);
    expect(summary.tables['users']).toBe(9);
    expect(await everything(target.database.db)).toEqual(await everything(source.database.db));
    expect(await verifyAuditChain(target.database.db)).toMatchObject({ ok: true });
    const restoredCipher = new FieldCipher(keyring);
    await restoredCipher.init(target.database.db);
    const person = await target.database.db.selectFrom('persons').select(['id', 'organisation_id', 'case_manager_user_id']).limit(1).executeTakeFirstOrThrow();
    const view = await target.database.db.transaction().execute((tx) =>
      readPerson(tx, restoredCipher, { userId: person.case_manager_user_id ?? '', organisationId: person.organisation_id, organisationType: 'ngo', jurisdictions: [], roles: ['caseworker'] }, systemActor('test'), person.id),
    );
    expect(view?.givenName).toBeTruthy();
    // Derived search data is not in the archive: the restored rows rebuilt it, and its triggers still always fire.
    const derivedRows = async (db: typeof target.database.db) =>
      Number((await sql<{ n: string }>`select count(*) as n from derived.case_name_tokens`.execute(db)).rows[0]?.n);
    expect(await derivedRows(target.database.db)).toBe(await derivedRows(source.database.db));
    const triggerStates = async (db: typeof target.database.db) =>
      (await sql<{ name: string; enabled: string }>`select tgname as name, tgenabled as enabled from pg_trigger where not tgisinternal order by tgname`.execute(db)).rows;
    expect(await triggerStates(target.database.db)).toEqual(await triggerStates(source.database.db));
  });

  it('refuses to restore over a database that already has users, leaving it untouched', async () => {
    const before = await everything(target.database.db);
    await expect(restoreBackup(target.database, keyring, archive)).rejects.toThrow(/already holds users/);
    expect(await everything(target.database.db)).toEqual(before);
  });

  it('refuses an altered archive', async () => {
    const bytes = readFileSync(archive);
    const last = bytes.length - 40;
    bytes[last] = (bytes[last] ?? 0) ^ 0xff;
    const altered = join(dir, 'altered.palermo-backup');
    writeFileSync(altered, bytes);
    const empty = await createTestDatabase();
    try {
      await migrate(empty.database);
      await expect(restoreBackup(empty.database, keyring, altered)).rejects.toThrow(/failed authentication/);
      expect(await empty.database.db.selectFrom('users').select('id').execute()).toEqual([]);
    } finally {
      await empty.drop();
    }
  });

  it('refuses an archive made under a master key it does not hold', async () => {
    const otherDir = mkdtempSync(join(tmpdir(), 'palermo-other-'));
    try {
      await expect(restoreBackup(target.database, Keyring.open({ dataDir: otherDir }), archive)).rejects.toThrow(/master key/);
    } finally {
      rmSync(otherDir, { recursive: true, force: true });
    }
  });
});
