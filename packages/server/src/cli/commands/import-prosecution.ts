import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import type { Role } from '@palermo/contracts';
import { withRuntime } from './with-runtime.js';
import { output } from '../output.js';
import type { Subject } from '../../platform/access/rules.js';
import type { Db } from '../../platform/db/database.js';
import { HttpError } from '../../platform/http/errors.js';
import { ImportRejected, importProsecutionHistory, resolveMapping } from '../../modules/prosecution/prosecution-import.service.js';

/** The active user the history is recorded under (a prosecutor or an investigator), by e-mail address. */
async function importerOf(db: Db, email: string): Promise<Subject & { displayName: string }> {
  const user = await db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.id', 'users.display_name', 'users.organisation_id', 'users.roles', 'organisations.type', 'organisations.jurisdictions'])
    .where('users.email', '=', email.trim().toLowerCase())
    .where('users.active', '=', true)
    .executeTakeFirst();
  if (!user) throw new Error(`--user: no active user has the e-mail address ${email}`);
  return { userId: user.id, displayName: user.display_name, organisationId: user.organisation_id, organisationType: user.type as Subject['organisationType'], jurisdictions: user.jurisdictions, roles: user.roles as Role[] };
}

interface Options {
  mapping: string;
  user: string;
  json?: boolean;
}

/**
 * `palermo import prosecution <file> --mapping <name|json> --user <email>`: the web import's use case from the command
 * line, under the named user's rights and in their organisation's saved mappings; all or nothing; every rejected row
 * printed (or in --json), exit code 1 when rejected.
 */
export function registerProsecutionImport(importCommand: Command): void {
  importCommand
    .command('prosecution <file>')
    .description('Import a prosecution history (operations, suspects, charges, verdicts, sentences, appeals) from a CSV or XLSX file, one row per defendant, through a column mapping; all or nothing; the same file twice adds nothing')
    .requiredOption('--mapping <name|json>', 'the name of a mapping saved in the app by the user’s organisation, or the mapping as JSON')
    .requiredOption('--user <email>', 'the prosecutor or investigator the history is recorded under (their rights apply)')
    .option('--json', 'machine-readable summary')
    .action(async (file: string, options: Options) => {
      const out = output(Boolean(options.json));
      const path = resolve(file);
      const bytes = await readFile(path).catch((error: unknown) => {
        throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
      });
      await withRuntime('palermo import', async ({ database, cipher }) => {
        try {
          const importer = await importerOf(database.db, options.user);
          const summary = await database.db.transaction().execute(async (tx) => {
            const mapping = await resolveMapping(tx, importer.organisationId, options.mapping);
            return importProsecutionHistory(tx, cipher, importer, { userId: importer.userId, name: `${importer.displayName} (command line)`, organisationId: importer.organisationId }, { fileName: basename(path), bytes }, mapping);
          });
          out.result(
            { ok: true, ...summary },
            summary.rowsImported === 0 && summary.rowsAlreadyImported > 0
              ? `${summary.fileName}: all ${summary.rowsAlreadyImported} rows were already imported; nothing changed.`
              : `Imported ${summary.rowsImported} of ${summary.rowsRead} rows from ${summary.fileName} (sha256 ${summary.sha256}): ${summary.operations} operations, ${summary.investigations} investigations, ${summary.suspects} suspects, ${summary.steps} steps; ${summary.rowsAlreadyImported} rows already imported.`,
          );
        } catch (error) {
          if (!(error instanceof HttpError)) throw error;
          const problems = error instanceof ImportRejected ? error.problems : (error.issues ?? []).map((i) => ({ row: 0, column: null, field: i.field, problem: i.problem }));
          if (out.json) process.stdout.write(`${JSON.stringify({ ok: false, error: error.code, message: error.message, rowsRead: error instanceof ImportRejected ? error.rowsRead : 0, problems })}\n`);
          else {
            process.stderr.write(`palermo: ${error.message}. Nothing was imported.\n`);
            for (const p of problems) process.stderr.write(`  row ${p.row}${p.column ? `, column "${p.column}"` : ''} (${p.field}): ${p.problem}\n`);
          }
          process.exitCode = 1;
        }
      });
    });
}
