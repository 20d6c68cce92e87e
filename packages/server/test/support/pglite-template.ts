import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Database } from '../../src/platform/db/database.js';
import { migrate, readMigrations } from '../../src/platform/db/migrate.js';

/**
 * A migrated embedded database kept as a file, so that each test app starts from a copy of it instead of creating a
 * cluster and applying every migration again (about 2 s a test app; loading the copy takes a quarter of that). The
 * file is named by the PGlite version and the migrations' checksums: a changed or added migration gives a new file.
 * Written once by the run's global set-up (vitest.config.ts); a process that finds no file makes its copy in memory.
 */
export function templatePath(): string {
  const checksums = readMigrations().map((m) => `${m.version}:${m.checksum}`).join('\n');
  const name = createHash('sha256').update(`${pgliteVersion()}\n${checksums}`).digest('hex').slice(0, 16);
  return join(tmpdir(), `palermo-test-template-${name}.tar`);
}

/** The installed PGlite's version (its package.json is not among its exports: found beside its entry point). */
function pgliteVersion(): string {
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Every migration applied to a new in-memory cluster, dumped as a data folder. */
async function migratedDump(): Promise<Blob> {
  const pglite = await PGlite.create('memory://', { extensions: { pg_trgm } });
  try {
    // migrate() needs only a script runner on one connection; PGlite has exactly one.
    const runner: Pick<Database, 'withScriptRunner'> = {
      withScriptRunner: (fn) => fn(async (script) => (await pglite.exec(script)).map((r) => ({ rows: r.rows as unknown[] }))),
    };
    await migrate(runner as Database);
    return await pglite.dumpDataDir('none');
  } finally {
    await pglite.close();
  }
}

/** Writes the template file unless it is there already (the global set-up). */
export async function writeTemplate(): Promise<string> {
  const path = templatePath();
  if (existsSync(path)) return path;
  const dump = await migratedDump();
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  // Renamed into place whole, so that a reader never sees half a file.
  renameSync(partial, path);
  return path;
}

let inMemory: Promise<Blob> | undefined;

/** The migrated database to start from: the file written by the global set-up, or one made in this process. */
export function migratedTemplate(): Promise<Blob> {
  const path = templatePath();
  if (existsSync(path)) return Promise.resolve(new Blob([readFileSync(path)]));
  inMemory ??= migratedDump();
  return inMemory;
}
