import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.js';

export const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), '../../../migrations');

export interface Migration {
  readonly version: string;
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

export interface MigrationState {
  readonly applied: string[];
  readonly pending: string[];
}

/** Migration files are `NNNN_name.sql`, applied in the order of their number. */
export function readMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const sql = readFileSync(join(dir, file), 'utf8');
      const [version = '', ...rest] = file.replace(/\.sql$/, '').split('_');
      return { version, name: rest.join('_'), sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

const MIGRATION_LOCK = 724_385_001;

const createLedger = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version text PRIMARY KEY,
  name text NOT NULL,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Applies pending migrations in order, each in its own transaction with its ledger row, exactly once. A session
 * advisory lock makes concurrent starts wait for each other. An applied migration whose file has changed stops
 * everything: history is never rewritten silently.
 */
export async function migrate(database: Database, migrations = readMigrations()): Promise<MigrationState> {
  return database.withScriptRunner(async (run) => {
    await run(`SELECT pg_advisory_lock(${MIGRATION_LOCK}); ${createLedger}`);
    try {
      const appliedRows = (await run('SELECT version, checksum FROM schema_migrations ORDER BY version')).at(-1)
        ?.rows as Array<{ version: string; checksum: string }>;
      const applied = new Map(appliedRows.map((r) => [r.version, r.checksum]));
      const newlyApplied: string[] = [];
      for (const migration of migrations) {
        const known = applied.get(migration.version);
        if (known !== undefined) {
          if (known !== migration.checksum) {
            throw new Error(
              `Migration ${migration.version}_${migration.name} was changed after it was applied (checksum mismatch); add a new migration instead`,
            );
          }
          continue;
        }
        await run(
          `BEGIN;\n${migration.sql}\n;INSERT INTO schema_migrations (version, name, checksum) VALUES (${quote(
            migration.version,
          )}, ${quote(migration.name)}, ${quote(migration.checksum)});\nCOMMIT;`,
        ).catch(async (error: unknown) => {
          await run('ROLLBACK').catch(() => undefined);
          const message = error instanceof Error ? error.message : String(error);
          throw new Error(`Migration ${migration.version}_${migration.name} failed: ${message}`);
        });
        newlyApplied.push(migration.version);
      }
      return {
        applied: [...applied.keys(), ...newlyApplied],
        pending: [],
      };
    } finally {
      await run(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`);
    }
  });
}

export async function migrationState(database: Database, migrations = readMigrations()): Promise<MigrationState> {
  const rows = await database.withScriptRunner(async (run) => {
    const exists = (await run(`SELECT to_regclass('schema_migrations') IS NOT NULL AS present`)).at(-1)?.rows as Array<{
      present: boolean;
    }>;
    if (!exists[0]?.present) return [];
    return (await run('SELECT version FROM schema_migrations ORDER BY version')).at(-1)?.rows as Array<{
      version: string;
    }>;
  });
  const applied = rows.map((r) => r.version);
  const pending = migrations.map((m) => m.version).filter((v) => !applied.includes(v));
  return { applied, pending };
}
