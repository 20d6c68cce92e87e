import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { migrate } from '../../platform/db/migrate.js';
import { RecordKeys } from '../../platform/crypto/record-keys.js';
import { ensureCube } from './statistics.cube.js';
import { RecordKeysMissing } from './statistics.record-keys.js';

describe('record keys assigned before a cube is built', () => {
  let t: TestDatabase;
  const keys = RecordKeys.fromDataKey(randomBytes(32));
  beforeAll(async () => {
    t = await createTestDatabase();
    await migrate(t.database);
  });
  afterAll(async () => t?.drop());

  async function importedDataset(sha256: string, rows: number): Promise<string> {
    const id = randomUUID();
    await t.database.db.insertInto('statistical_datasets').values({ id, kind: 'ctdc_import', name: 'imported', created_by: 'test', sha256, rows_imported: rows }).execute();
    await t.database.db
      .insertInto('statistical_records')
      .values(Array.from({ length: rows }, (_, i) => ({ dataset_id: id, source_row: i + 2, year_of_registration: 2020, gender: 'Woman' })))
      .execute();
    return id;
  }
  // (record_key and key_sum are read by name: the typed schema leaves them to the statistics module's SQL.)
  const storedKeys = async (id: string) =>
    t.database.db
      .selectFrom('statistical_records')
      .select(['source_row', sql<number | null>`record_key`.as('record_key')])
      .where('dataset_id', '=', id)
      .orderBy('source_row')
      .execute();

  it('refuses to build a cube of records without keys when no key is given (never an unperturbed or guessable key)', async () => {
    const id = await importedDataset('a'.repeat(64), 5);
    await expect(ensureCube(t.database.db, id)).rejects.toBeInstanceOf(RecordKeysMissing);
    expect((await storedKeys(id)).every((r) => r.record_key === null)).toBe(true);
  });

  it('gives the rows of an imported file the keyed hash of the file and the row: the same whenever the file is imported', async () => {
    const sha = 'b'.repeat(64);
    const first = await importedDataset(sha, 40);
    const build = await ensureCube(t.database.db, first, undefined, keys);
    expect(build.sourceRows).toBe(40);
    const stored = await storedKeys(first);
    expect(stored.map((r) => r.record_key)).toEqual(stored.map((r) => keys.ofImportedRow(sha, r.source_row ?? 0)));
    // The same file imported again elsewhere (a restored or another installation with the same keys): the same keys.
    await t.database.db.deleteFrom('statistical_datasets').where('id', '=', first).execute();
    const again = await importedDataset(sha, 40);
    await ensureCube(t.database.db, again, undefined, keys);
    expect((await storedKeys(again)).map((r) => r.record_key)).toEqual(stored.map((r) => r.record_key));
    // The cube's rows carry the key sum modulo 256.
    const cube = await t.database.db.selectFrom('statistics_cube').select(['persons', sql<number>`key_sum`.as('key_sum')]).where('dataset_id', '=', again).execute();
    expect(cube).toHaveLength(1);
    expect(cube[0]?.key_sum).toBe(stored.reduce((sum, r) => sum + (r.record_key ?? 0), 0) % 256);
  });
});
