import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Embedded PostgreSQL lives in one process. This lock file stops a second process (a CLI command while the server
 * runs) from opening the same data folder, which would corrupt it.
 */
export function lockDataDir(dataDir: string, holder: string): () => void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, 'palermo.lock');
  if (existsSync(file)) {
    const [pidText, otherHolder] = readFileSync(file, 'utf8').split('\n');
    const pid = Number(pidText);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `The data folder ${dataDir} is in use by process ${pid} (${otherHolder ?? 'palermo'}). Stop it first, or use PostgreSQL (DATABASE_URL) to run commands beside a live server.`,
      );
    }
  }
  writeFileSync(file, `${process.pid}\n${holder}\n`, { mode: 0o600 });
  return () => rmSync(file, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
