import type { Command } from 'commander';
import { withRuntime } from './with-runtime.js';
import { output } from '../output.js';
import { verifyAuditChain } from '../../platform/audit/verify.js';
import { assertCheckpointDirOutsideData, checkpointPublicKey, latestCheckpointFile, readCheckpointFile } from '../../platform/audit/checkpoint.js';
import { checkAndCheckpoint } from '../../platform/audit/checkpoint-job.js';

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('The hash-chained, authenticated audit log and its signed checkpoints');
  audit
    .command('verify')
    .description(
      'Check that no audit entry was altered, removed, reordered or forged, and that the log still holds what a signed checkpoint recorded ' +
        '(the newest one in the checkpoint folder unless --checkpoint names one); exits 1 and says where if not',
    )
    .option('--checkpoint <file>', 'a checkpoint file written earlier (by the server or `palermo audit checkpoint`)')
    .option('--public-key <key>', 'trust checkpoints signed by this public key (base64, from `palermo audit public-key`) as well as those of this keyring')
    .option('--json', 'machine-readable summary')
    .action(async (options: { checkpoint?: string; publicKey?: string; json?: boolean }) => {
      await withRuntime('palermo audit verify', async ({ config, database, keyring }) => {
        const out = output(Boolean(options.json));
        const file = options.checkpoint ?? latestCheckpointFile(config.auditCheckpointDir);
        let checkpoint;
        if (file) {
          try {
            checkpoint = readCheckpointFile(file, keyring, options.publicKey ? [options.publicKey] : []);
          } catch (error) {
            const problem = error instanceof Error ? error.message : String(error);
            out.result({ ok: false, problem, checkpointFile: file }, `AUDIT CHECKPOINT REFUSED: ${problem}`);
            process.exitCode = 1;
            return;
          }
        }
        const result = await verifyAuditChain(database.db, { checkpoint });
        const against = checkpoint ? ` Consistent with the checkpoint of ${checkpoint.createdAt} (entry ${checkpoint.seq}, ${file ?? ''}).` : ' No checkpoint to compare with: truncation cannot be detected (write one with `palermo audit checkpoint`).';
        out.result(
          { ...result, checkpointFile: file ?? null },
          result.ok
            ? `Audit chain intact and authenticated: ${result.entriesChecked} entries. Head hash ${result.headHash ?? '-'}.${against}`
            : `AUDIT CHAIN BROKEN${result.firstBadSeq !== null ? ` at entry ${result.firstBadSeq}` : ''}: ${result.problem ?? ''} (${result.entriesChecked} entries verified before it)`,
        );
        if (!result.ok) process.exitCode = 1;
      });
    });
  audit
    .command('checkpoint')
    .description('Verify the audit log and write a signed checkpoint of its head to the checkpoint folder (the server also does this periodically); exits 1 without writing if the log does not verify')
    .option('--json', 'machine-readable summary')
    .action(async (options: { json?: boolean }) => {
      await withRuntime('palermo audit checkpoint', async ({ config, database, keyring }) => {
        assertCheckpointDirOutsideData(config.dataDir, config.auditCheckpointDir);
        const outcome = await checkAndCheckpoint(database.db, keyring, config.auditCheckpointDir);
        const out = output(Boolean(options.json));
        if (outcome.written) {
          const { checkpoint } = outcome;
          out.result(
            { ok: true, file: outcome.file, seq: checkpoint.seq, headHash: checkpoint.headHash, createdAt: checkpoint.createdAt, keyId: checkpoint.keyId, publicKey: checkpoint.publicKey },
            `Checkpoint written: ${outcome.file}\nEntry ${checkpoint.seq}, head hash ${checkpoint.headHash}, ${checkpoint.createdAt}.\nKeep a copy off this machine; write down the head hash.`,
          );
        } else {
          out.result({ ok: false, problem: outcome.reason }, `NO CHECKPOINT WRITTEN: the audit log does not verify: ${outcome.reason}`);
          process.exitCode = 1;
        }
      });
    });
  audit
    .command('public-key')
    .description('Print the public key that checks this installation’s checkpoints (record it outside the machine)')
    .option('--json', 'machine-readable summary')
    .action(async (options: { json?: boolean }) => {
      await withRuntime('palermo audit public-key', ({ keyring }) => {
        const publicKey = checkpointPublicKey(keyring);
        output(Boolean(options.json)).result({ keyId: keyring.currentId, publicKey }, `Key ${keyring.currentId}: ${publicKey ?? '-'}`);
        return Promise.resolve();
      });
    });
}
