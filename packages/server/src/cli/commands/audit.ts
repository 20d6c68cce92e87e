import type { Command } from 'commander';
import { withRuntime } from './with-runtime.js';
import { output } from '../output.js';
import { verifyAuditChain } from '../../platform/audit/verify.js';

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('The hash-chained audit log');
  audit
    .command('verify')
    .description('Check that no audit entry was altered, removed or reordered; exits 1 and says where if one was')
    .option('--json', 'machine-readable summary')
    .action(async (options: { json?: boolean }) => {
      await withRuntime('palermo audit verify', async ({ database }) => {
        const result = await verifyAuditChain(database.db);
        const head = await database.db.selectFrom('audit_head').selectAll().executeTakeFirst();
        const headHash = head ? Buffer.from(head.hash).toString('hex') : null;
        output(Boolean(options.json)).result(
          { ...result, headHash },
          result.ok
            ? `Audit chain intact: ${result.entriesChecked} entries. Head hash ${headHash ?? '-'} (record it elsewhere to detect truncation later).`
            : `AUDIT CHAIN BROKEN at entry ${result.firstBadSeq ?? '?'}: ${result.problem ?? ''} (${result.entriesChecked} entries verified before it)`,
        );
        if (!result.ok) process.exitCode = 1;
      });
    });
}
