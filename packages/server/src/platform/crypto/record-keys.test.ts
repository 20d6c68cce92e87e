import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { migrate } from '../db/migrate.js';
import { Keyring } from './keyring.js';
import { RecordKeys, RECORD_KEY_RANGE } from './record-keys.js';
import { rotateMasterKey } from './rotate.js';

describe('record keys of the cell-key method', () => {
  let t: TestDatabase;
  let dataDir: string;
  beforeAll(async () => {
    t = await createTestDatabase();
    await migrate(t.database);
    dataDir = mkdtempSync(join(tmpdir(), 'palermo-record-keys-'));
  });
  afterAll(async () => {
    await t?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const ids = Array.from({ length: 4000 }, () => randomUUID());

  it('are keyed: nothing like an unkeyed hash of the same identifier, nor another key\'s', () => {
    const keys = RecordKeys.fromDataKey(randomBytes(32));
    const other = RecordKeys.fromDataKey(randomBytes(32));
    const unkeyed = (id: string) => createHash('sha256').update(`person:${id}`).digest()[0];
    const same = (f: (id: string) => number | undefined) => ids.filter((id) => keys.ofPerson(id) === f(id)).length / ids.length;
    // Agreement by chance is 1/256 (0.4 %); a key that did nothing would agree always.
    expect(same(unkeyed)).toBeLessThan(0.02);
    expect(same((id) => other.ofPerson(id))).toBeLessThan(0.02);
    // Uniform over 0..255: every key value is used, none far more than its share.
    const counts = new Array<number>(RECORD_KEY_RANGE).fill(0);
    for (const id of ids) counts[keys.ofPerson(id)] = (counts[keys.ofPerson(id)] ?? 0) + 1;
    expect(Math.min(...counts)).toBeGreaterThan(0);
    expect(Math.max(...counts)).toBeLessThan((ids.length / RECORD_KEY_RANGE) * 2.5);
  });

  it('are the same every time the platform opens them, and after the master key is rotated', async () => {
    const keyring = Keyring.open({ dataDir });
    const first = await RecordKeys.open(t.database.db, keyring);
    const again = await RecordKeys.open(t.database.db, Keyring.open({ dataDir }));
    expect(ids.map((id) => again.ofPerson(id))).toEqual(ids.map((id) => first.ofPerson(id)));
    const stored = await t.database.db.selectFrom('data_keys').select(['wrapped_key']).where('purpose', '=', 'statistics_record_key').execute();
    expect(stored).toHaveLength(1);
    await rotateMasterKey(t.database.db, keyring);
    const rotated = await RecordKeys.open(t.database.db, Keyring.open({ dataDir }));
    expect(ids.map((id) => rotated.ofPerson(id))).toEqual(ids.map((id) => first.ofPerson(id)));
    // Imported rows: by the file's digest and the row, whoever imports the file.
    expect(rotated.ofImportedRow('ab'.repeat(32), 7)).toBe(first.ofImportedRow('ab'.repeat(32), 7));
    expect(first.ofImportedRow('ab'.repeat(32), 7)).toBe(first.keyOf(`imported:${'ab'.repeat(32)}:7`));
  });
});
