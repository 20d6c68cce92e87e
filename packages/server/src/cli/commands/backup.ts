import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { withRuntime } from './with-runtime.js';
import { output } from '../output.js';
import { writeBackup } from '../../platform/backup/backup.js';
import { restoreBackup } from '../../platform/backup/restore.js';
import { loadConfig } from '../../platform/config.js';
import { keyFilePath } from '../../platform/crypto/keyring.js';

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('Write the whole database to one encrypted archive, as a stream (readable only with the master key)')
    .option('--out <file>', 'archive to write', `palermo-${new Date().toISOString().replace(/[:.]/g, '-')}.palermo-backup`)
    .option('--json', 'machine-readable summary')
    .action(async (options: { out: string; json?: boolean }) => {
      await withRuntime('palermo backup', async ({ database, keyring }) => {
        const summary = await writeBackup(database, keyring, resolve(options.out), { postgresUrl: loadConfig().databaseUrl });
        output(Boolean(options.json)).result(
          { ok: true, ...summary },
          `Backup written to ${summary.file}: ${summary.rows} rows in ${Object.keys(summary.tables).length} tables, ${summary.bytes} bytes in ${summary.seconds.toFixed(1)} s, encrypted under master key ${summary.masterKeyId}.`,
        );
      });
    });

  program
    .command('restore <file>')
    .description('Restore an archive into a fresh data folder or an empty database, all or nothing')
    .option('--key-file <file>', 'the master-keys.json the backup was made under (copied into a fresh data folder)')
    .option('--json', 'machine-readable summary')
    .action(async (file: string, options: { keyFile?: string; json?: boolean }) => {
      const config = loadConfig();
      if (options.keyFile) {
        const target = keyFilePath(config.dataDir);
        if (existsSync(target)) throw new Error(`--key-file: ${target} already exists; restore into a fresh data folder`);
        mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
        copyFileSync(resolve(options.keyFile), target);
      }
      await withRuntime('palermo restore', async ({ database, keyring }) => {
        const summary = await restoreBackup(database, keyring, resolve(file), { postgresUrl: config.databaseUrl });
        output(Boolean(options.json)).result(
          { ok: true, file: resolve(file), ...summary },
          `Restored ${summary.rows} rows in ${Object.keys(summary.tables).length} tables (${summary.bytes} bytes in ${summary.seconds.toFixed(1)} s) from a backup made ${summary.createdAt}. Run "palermo audit verify" to check the audit chain.`,
        );
      });
    });
}
