import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every byte the database holds at rest: pg_dump's output on PostgreSQL, every file of the data folder on PGlite. */
export function databaseBytesAtRest(target: { url: string | undefined; pgliteDir: string | undefined }): Buffer {
  if (target.url) return execFileSync('pg_dump', ['--no-owner', target.url], { maxBuffer: 512 * 1024 * 1024 });
  if (!target.pgliteDir) throw new Error('nothing to dump');
  const chunks: Buffer[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else chunks.push(readFileSync(path));
    }
  };
  walk(target.pgliteDir);
  return Buffer.concat(chunks);
}
