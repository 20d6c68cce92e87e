import type { Command } from 'commander';
import { withRuntime } from './with-runtime.js';
import { output } from '../output.js';
import { rotateMasterKey } from '../../platform/crypto/rotate.js';
import { appendAudit, systemActor } from '../../platform/audit/audit.js';

export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('Encryption keys');
  keys
    .command('rotate')
    .description('Make a new master key current and re-wrap every data key under it, without stopping readers. With an operator-supplied key, give the new one in PALERMO_NEW_MASTER_KEY.')
    .option('--json', 'machine-readable summary')
    .action(async (options: { json?: boolean }) => {
      await withRuntime('palermo keys rotate', async ({ database, keyring }) => {
        const result = await rotateMasterKey(database.db, keyring, process.env['PALERMO_NEW_MASTER_KEY']);
        await database.db.transaction().execute((tx) =>
          appendAudit(tx, systemActor('keys rotate'), {
            action: 'keys.rotate',
            purpose: 'security',
            summary: `master key ${result.previousMasterKeyId} replaced by ${result.currentMasterKeyId}; ${result.dataKeysRewrapped} data keys re-wrapped`,
          }),
        );
        output(Boolean(options.json)).result(
          { ok: true, ...result },
          `Master key rotated: ${result.previousMasterKeyId} -> ${result.currentMasterKeyId}; ${result.dataKeysRewrapped} data keys re-wrapped.` +
            (process.env['PALERMO_NEW_MASTER_KEY'] ? '\nNow set PALERMO_MASTER_KEY to the new key (and PALERMO_PREVIOUS_MASTER_KEY to the old one until every server has restarted).' : ''),
        );
      });
    });
}
