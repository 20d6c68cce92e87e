import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { vi } from 'vitest';

export interface CliResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Runs `palermo ...` in process with the given commands registered, capturing what it prints and its exit code. */
export function inProcessPalermo(...register: Array<(program: Command) => void>): (...args: string[]) => Promise<CliResult> {
  return async (...args) => {
    const program = new Command().exitOverride();
    for (const add of register) add(program);
    let stdout = '';
    let stderr = '';
    const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
    const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
    process.exitCode = 0;
    try {
      await program.parseAsync(['node', 'palermo', ...args]);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
    const exitCode = Number(process.exitCode ?? 0);
    process.exitCode = 0;
    return { stdout, stderr, exitCode };
  };
}

/**
 * A temporary data folder for the embedded database: `use()` points PALERMO_DATA_DIR at it (and forgets DATABASE_URL),
 * `restore()` puts the environment back and removes the folder.
 */
export function temporaryDataDir(prefix: string): { dir: string; use: () => void; restore: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const saved = { dataDir: process.env['PALERMO_DATA_DIR'], databaseUrl: process.env['DATABASE_URL'] };
  return {
    dir,
    use: () => {
      process.env['PALERMO_DATA_DIR'] = dir;
      delete process.env['DATABASE_URL'];
    },
    restore: () => {
      if (saved.dataDir === undefined) delete process.env['PALERMO_DATA_DIR'];
      else process.env['PALERMO_DATA_DIR'] = saved.dataDir;
      if (saved.databaseUrl !== undefined) process.env['DATABASE_URL'] = saved.databaseUrl;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
