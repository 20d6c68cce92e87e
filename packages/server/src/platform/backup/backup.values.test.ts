import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBackup } from './backup.js';
import { restoreBackup } from './restore.js';
import { tablesNotAccountedFor } from './tables.js';
import { migrate } from '../db/migrate.js';
import { Keyring } from '../crypto/keyring.js';
import { openDatabase, type Database } from '../db/database.js';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../../../test/support/test-database.js';

/**
 * Values that break naive row formats, in a table the backup has never heard of (it finds tables in the catalogue):
 * backslashes, a lone `\.` (the end-of-rows mark), tabs, newlines, carriage returns, the text `\N` beside a real
 * NULL and an empty string, quotes in arrays, bytes, JSON, non-Latin text, an identity column and a generated one.
 */
const TABLE = `
  create table "odd ""table""" (
    id bigint generated always as identity primary key,
    label text,
    tags text[],
    raw bytea,
    doc jsonb,
    at timestamptz,
    twice bigint generated always as (id * 2) stored
  )`;

const values: Array<[string | null, string[] | null, string | null, string | null]> = [
  ['\\', ['a,b', '"quoted"', 'back\\slash', ''], '00ff', '{"k": "line\\nbreak"}'],
  ['\\.', null, null, null],
  ['tab\there\nnew line\r\nand return', ['{braces}', 'NULL'], '5c2e0a', '[1, 2.5, null, "\\u00e9"]'],
  ['\\N', [], '', '{}'],
  ['', ['tab\tinside'], null, '"text"'],
  [null, ['مرحبا', 'Ελληνικά', '中文'], '0a0d09', '{"deep": {"a": [true, false]}}'],
  ['مرحبا بالعالم 🌍', null, null, null],
];

let dir: string;
let keyring: Keyring;
let source: TestDatabase;
const others: Array<{ close(): Promise<void> }> = [];

async function prepare(database: Database): Promise<void> {
  await migrate(database);
  await sql.raw(TABLE).execute(database.db);
}

const rowsOf = (database: Database) =>
  database.db.transaction().execute(async (tx) => {
    await sql`set local time zone 'UTC'`.execute(tx);
    return (await sql<{ j: string }>`select row_to_json(t)::text as j from "odd ""table""" t order by id`.execute(tx)).rows.map((r) => r.j);
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'palermo-backup-values-'));
  keyring = Keyring.open({ dataDir: dir });
  source = await createTestDatabase();
  await prepare(source.database);
  for (const [label, tags, raw, doc] of values) {
    await sql`insert into "odd ""table""" (label, tags, raw, doc, at) values (${label}, ${tags}::text[], decode(${raw}::text, 'hex'), ${doc}::jsonb, '2024-02-29 23:59:59.123456+00')`.execute(source.database.db);
  }
  // The last identity value handed out is gone: the restored sequence must still not hand it out again.
  await sql`delete from "odd ""table""" where id = ${values.length}`.execute(source.database.db);
}, 120_000);

afterAll(async () => {
  for (const o of others) await o.close();
  await source.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('backup of awkward values', () => {
  it('brings back every value exactly, the identity values as they were, and the next identity after them', async () => {
    const archive = join(dir, 'values.palermo-backup');
    const summary = await writeBackup(source.database, keyring, archive, { postgresUrl: source.url });
    expect(summary.tables['odd "table"']).toBe(values.length - 1);
    const target = await createTestDatabase();
    others.push({ close: () => target.drop() });
    await prepare(target.database);
    await restoreBackup(target.database, keyring, archive, { postgresUrl: target.url });
    expect(await rowsOf(target.database)).toEqual(await rowsOf(source.database));
    const inserted = await sql<{ id: string }>`insert into "odd ""table""" (label) values ('after') returning id::text as id`.execute(target.database.db);
    expect(Number(inserted.rows[0]?.id)).toBe(values.length + 1);
  });

  it('names a table created outside the application\'s schema, which no backup would carry', async () => {
    expect(await tablesNotAccountedFor(source.database.db)).toEqual([]);
    await sql`create schema elsewhere`.execute(source.database.db);
    await sql`create table elsewhere.kept (id int)`.execute(source.database.db);
    try {
      expect(await tablesNotAccountedFor(source.database.db)).toEqual(['elsewhere.kept']);
    } finally {
      await sql`drop schema elsewhere cascade`.execute(source.database.db);
    }
  });

  it.skipIf(testDatabaseKind !== 'postgres')('reads the same values back on the other engine', async () => {
    const archive = join(dir, 'values-cross.palermo-backup');
    await writeBackup(source.database, keyring, archive, { postgresUrl: source.url });
    const embedded = await openDatabase({ dataDir: 'memory://' });
    others.push(embedded);
    await prepare(embedded);
    await restoreBackup(embedded, keyring, archive);
    expect(await rowsOf(embedded)).toEqual(await rowsOf(source.database));
  });
});
