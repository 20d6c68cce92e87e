import type { Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { migrate, type MigrationState } from './db/migrate.js';
import { FieldCipher } from './crypto/field-cipher.js';
import { Keyring } from './crypto/keyring.js';
import { lockDataDir } from './data-dir-lock.js';
import { sealAuditEntries } from './audit/seal.js';
import { attachAuditAuthenticator } from './audit/audit-key-slot.js';
import { AuditAuthenticator } from './audit/entry-mac.js';

export interface Runtime {
  readonly config: Config;
  readonly database: Database;
  readonly keyring: Keyring;
  readonly cipher: FieldCipher;
  readonly migrations: MigrationState;
  close(): Promise<void>;
}

/**
 * Opens the database (PGlite in the data folder, or PostgreSQL with DATABASE_URL), applies pending migrations, opens
 * the keyring (creating the master key on first start) and loads the data keys.
 */
export async function openRuntime(config: Config, holder: string, options: { migrate?: boolean } = {}): Promise<Runtime> {
  const unlock = config.databaseUrl || config.dataDir.startsWith('memory://') ? () => undefined : lockDataDir(config.dataDir, holder);
  try {
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.dbPoolSize });
    const migrations = options.migrate === false ? { applied: [], pending: [] } : await migrate(database);
    if (config.dataDir.startsWith('memory://') && !config.masterKey) {
      throw new Error('An in-memory database needs PALERMO_MASTER_KEY: there is no data folder for the key file');
    }
    const keyring = Keyring.open({
      dataDir: config.dataDir,
      masterKey: config.masterKey,
      // Every earlier operator key, comma-separated: audit entries authenticated under them keep verifying.
      previousMasterKeys: (process.env['PALERMO_PREVIOUS_MASTER_KEY'] ?? '').split(',').map((key) => key.trim()).filter(Boolean),
    });
    attachAuditAuthenticator(database.db, new AuditAuthenticator(keyring));
    const cipher = new FieldCipher(keyring);
    if (options.migrate !== false) await cipher.init(database.db);
    return {
      config,
      database,
      keyring,
      cipher,
      migrations,
      async close() {
        // Leave no entry unsealed behind a command.
        if (options.migrate !== false) await sealAuditEntries(database.db);
        await database.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}
