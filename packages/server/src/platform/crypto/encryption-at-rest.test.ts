import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FieldCipher } from './field-cipher.js';
import { Keyring } from './keyring.js';
import { rotateMasterKey } from './rotate.js';
import { migrate } from '../db/migrate.js';
import { openDatabase, type Database } from '../db/database.js';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from '../../../test/support/test-database.js';
import { databaseBytesAtRest } from '../../../test/support/dump.js';
import { createPerson, readPerson } from '../../modules/person/person.service.js';
import type { Subject } from '../access/rules.js';
import { systemActor } from '../audit/audit.js';

/** Synthetic people whose identifying details must never appear in clear at rest. */
const people = [
  { givenName: 'Oluwaseun', familyName: 'Adebayo-Kline', birthDate: '1991-07-23', phone: '+2348031234567', address: '14 Quayside Lane, Portmere', identityNumber: 'NG-77310452', notes: 'Escaped from a farm near Halden' },
  { givenName: 'Marisol', familyName: 'Quispe-Huaman', birthDate: '1987-02-11', phone: '+51987654321', address: '3 Rue des Tanneurs, Vellin', identityNumber: 'PE-44829017', notes: 'Works nights, prefers calls after noon' },
];

let testDb: TestDatabase | undefined;
let database: Database;
let dataDir: string;
let pgliteDir: string | undefined;
let keyring: Keyring;
let cipher: FieldCipher;
let subject: Subject;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'palermo-at-rest-'));
  if (testDatabaseUrl) {
    testDb = await createTestDatabase();
    database = testDb.database;
  } else {
    pgliteDir = join(dataDir, 'pg');
    database = await openDatabase({ dataDir });
  }
  await migrate(database);
  keyring = Keyring.open({ dataDir });
  cipher = new FieldCipher(keyring);
  await cipher.init(database.db);
  const organisationId = '11111111-1111-4111-8111-111111111111';
  const userId = '22222222-2222-4222-8222-222222222222';
  await database.db.insertInto('organisations').values({ id: organisationId, name: 'NGO', type: 'ngo' }).execute();
  await database.db.insertInto('users').values({ id: userId, organisation_id: organisationId, display_name: 'Case Worker', email: 'cw@example.test', password_hash: 'x', roles: ['caseworker'] }).execute();
  subject = { userId, organisationId, organisationType: 'ngo', jurisdictions: [], roles: ['caseworker'] };
});

afterAll(async () => {
  if (testDb) await testDb.drop();
  else await database.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('encryption of what identifies a person', () => {
  const ids: string[] = [];

  it('stores names, birth dates, contacts, addresses, identity numbers and notes only as ciphertext', async () => {
    for (const person of people) {
      ids.push((await database.db.transaction().execute((tx) => createPerson(tx, cipher, subject, systemActor('test'), person))).id);
    }
    if (pgliteDir) {
      // Make PGlite write its buffers to the data folder, as it would on shutdown.
      await database.withScriptRunner((run) => run('CHECKPOINT'));
    }
    const bytes = databaseBytesAtRest({ url: testDb?.url, pgliteDir });
    expect(bytes.length).toBeGreaterThan(10_000);
    // The dump does contain the clear data we expect to be there, so the search itself works.
    expect(bytes.includes(Buffer.from('cw@example.test'))).toBe(true);
    for (const person of people) {
      for (const value of Object.values(person)) {
        expect(bytes.includes(Buffer.from(value, 'utf8')), `found "${value}" in clear`).toBe(false);
      }
      expect(bytes.includes(Buffer.from(person.phone.slice(1), 'utf8'))).toBe(false);
    }
  });

  it('decrypts for an authorised read, and refuses a ciphertext moved to another record', async () => {
    const [first, second] = ids;
    if (!first || !second) throw new Error('people were not created');
    const person = await database.db.transaction().execute((tx) => readPerson(tx, cipher, subject, systemActor('test'), first));
    expect(person?.givenName).toBe(people[0]?.givenName);
    const stolen = await database.db.selectFrom('persons').select('given_name').where('id', '=', first).executeTakeFirstOrThrow();
    await database.db.updateTable('persons').set({ given_name: stolen.given_name }).where('id', '=', second).execute();
    await expect(database.db.transaction().execute((tx) => readPerson(tx, cipher, subject, systemActor('test'), second))).rejects.toThrow();
  });

  it('rotates the master key without re-encrypting data, and without interrupting a reader that holds its keys', async () => {
    const before = await database.db.selectFrom('data_keys').selectAll().execute();
    const result = await rotateMasterKey(database.db, keyring);
    expect(result.dataKeysRewrapped).toBe(before.length);
    const after = await database.db.selectFrom('data_keys').selectAll().execute();
    expect(after.every((k) => k.master_key_id === result.currentMasterKeyId)).toBe(true);
    expect(after.map((k) => Buffer.from(k.wrapped_key).toString('hex'))).not.toEqual(before.map((k) => Buffer.from(k.wrapped_key).toString('hex')));
    // The running cipher keeps reading; a new process reads with the new key file.
    const id = ids[0] ?? '';
    expect((await database.db.transaction().execute((tx) => readPerson(tx, cipher, subject, systemActor('test'), id)))?.familyName).toBe(people[0]?.familyName);
    const fresh = new FieldCipher(Keyring.open({ dataDir }));
    await fresh.init(database.db);
    expect((await database.db.transaction().execute((tx) => readPerson(tx, fresh, subject, systemActor('test'), id)))?.familyName).toBe(people[0]?.familyName);
  });

  it('refuses to unwrap with a different master key', async () => {
    const other = mkdtempSync(join(tmpdir(), 'palermo-other-key-'));
    try {
      const stranger = new FieldCipher(Keyring.open({ dataDir: other }));
      await expect(stranger.init(database.db)).rejects.toThrow(/not in the keyring/);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('generates the key file readable by its owner only', async () => {
    const { statSync } = await import('node:fs');
    const { keyFilePath } = await import('./keyring.js');
    expect(statSync(keyFilePath(dataDir)).mode & 0o777).toBe(0o600);
  });
});
