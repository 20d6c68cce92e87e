import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/platform/db/database.js';
import { Keyring } from '../../src/platform/crypto/keyring.js';
import { attachAuditAuthenticator } from '../../src/platform/audit/audit-key-slot.js';
import { AuditAuthenticator } from '../../src/platform/audit/entry-mac.js';
import { migratedTemplate } from './pglite-template.js';

/**
 * One master key per test process (an operator key, so no key file): every test database gets the audit keys derived
 * from it, as the runtime gives them to the server, so entries written in tests authenticate and a database restored
 * from another in the same process verifies. Tests of rotation attach their own keyring.
 */
export const testMasterKey = randomBytes(32).toString('base64');
const testAuditAuthenticator = new AuditAuthenticator(Keyring.open({ dataDir: 'memory://', masterKey: testMasterKey }));

/** Which back end the integration tests run on: PGlite in process, or the PostgreSQL server named by the variable. */
export const testDatabaseUrl = process.env['PALERMO_TEST_DB'] === 'postgres' ? process.env['PALERMO_TEST_DATABASE_URL'] : undefined;
export const testDatabaseKind = testDatabaseUrl ? 'postgres' : 'pglite';

export interface TestDatabase {
  readonly database: Database;
  /** The connection string of a PostgreSQL test database (undefined on PGlite). */
  readonly url: string | undefined;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database for one test file: an in-memory PGlite, or a new database on the PostgreSQL server that is
 * dropped afterwards. `migrated`: an in-memory PGlite starts as a copy of the migrated template (pglite-template.ts);
 * the caller still runs migrate(), which then has nothing to do. On PostgreSQL it changes nothing.
 */
export async function createTestDatabase(options: { dataDir?: string; migrated?: boolean } = {}): Promise<TestDatabase> {
  if (!testDatabaseUrl) {
    const dataDir = options.dataDir ?? 'memory://';
    const startFrom = options.migrated && dataDir.startsWith('memory://') ? await migratedTemplate() : undefined;
    const database = await openDatabase({ dataDir, ...(startFrom ? { startFrom } : {}) });
    attachAuditAuthenticator(database.db, testAuditAuthenticator);
    return { database, url: undefined, drop: () => database.close() };
  }
  const name = `palermo_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
  attachAuditAuthenticator(database.db, testAuditAuthenticator);
  return {
    database,
    url: url.toString(),
    async drop() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: testDatabaseUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
