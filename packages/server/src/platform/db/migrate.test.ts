import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, migrationState, readMigrations } from './migrate.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';

let testDb: TestDatabase;
let dir: string;
beforeEach(async () => {
  testDb = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'palermo-migrations-'));
});
afterEach(async () => {
  await testDb.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('migrations', () => {
  it('applies the real chain in order, exactly once', async () => {
    const first = await migrate(testDb.database);
    expect(first.applied).toEqual(readMigrations().map((m) => m.version));
    const second = await migrate(testDb.database);
    expect(second.applied).toEqual(first.applied);
    const ledger = await testDb.database.db.selectFrom('schema_migrations').select('version').execute();
    expect(ledger).toHaveLength(first.applied.length);
    expect((await migrationState(testDb.database)).pending).toEqual([]);
  });

  it('applies a failing migration not at all, and refuses an edited one', async () => {
    writeFileSync(join(dir, '0001_one.sql'), 'CREATE TABLE one (id int PRIMARY KEY);');
    writeFileSync(join(dir, '0002_broken.sql'), 'CREATE TABLE two (id int PRIMARY KEY); SELECT no_such_function();');
    await expect(migrate(testDb.database, readMigrations(dir))).rejects.toThrow(/0002_broken failed/);
    const tables = await sql<{ name: string | null }>`select to_regclass('two')::text as name`.execute(testDb.database.db);
    expect(tables.rows[0]?.name).toBeNull();
    expect((await migrationState(testDb.database, readMigrations(dir))).applied).toEqual(['0001']);
    writeFileSync(join(dir, '0001_one.sql'), 'CREATE TABLE one (id bigint PRIMARY KEY);');
    writeFileSync(join(dir, '0002_broken.sql'), 'SELECT 1;');
    await expect(migrate(testDb.database, readMigrations(dir))).rejects.toThrow(/changed after it was applied/);
  });

  it('serialises concurrent runs', async () => {
    writeFileSync(join(dir, '0001_one.sql'), 'CREATE TABLE one (id int PRIMARY KEY);');
    const migrations = readMigrations(dir);
    await Promise.all([migrate(testDb.database, migrations), migrate(testDb.database, migrations)]);
    expect(await testDb.database.db.selectFrom('schema_migrations').select('version').execute()).toEqual([{ version: '0001' }]);
  });
});
