import { createHash } from 'node:crypto';
import { columnMapping, prosecutionImportFieldNames, type ColumnMapping, type ImportRowProblem, type ProsecutionImportSummary } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import { allows, type Subject } from '../../platform/access/rules.js';
import type { Actor } from '../../platform/audit/audit.js';
import { HttpError, badRequest, forbidden } from '../../platform/http/errors.js';
import { mappingProblems } from '../../platform/imports/row-reader.js';
import { readImportTable } from '../../platform/imports/read-table.js';
import { findImportMapping } from '../../platform/imports/saved-mappings.js';
import { checkPlannedDefendants } from './prosecution-import.check.js';
import type { PlannedDefendant } from './prosecution-import.plan.js';
import { readDefendantRow } from './prosecution-import.rows.js';
import { writeHistory } from './prosecution-import.write.js';
import { prosecutionImportRules } from './prosecution.policy.js';

/** The kind under which prosecution mappings are saved (import_mappings.kind). */
export const PROSECUTION_IMPORT_KIND = 'prosecution';

/** How many problems an answer lists at most (every row is still checked; the count says how many there were). */
const PROBLEMS_LISTED = 1000;

/** Every row that could not be read, with its reason; nothing was stored. */
export class ImportRejected extends HttpError {
  constructor(
    readonly rowsRead: number,
    readonly problems: readonly ImportRowProblem[],
  ) {
    super(422, 'rows_rejected', `${new Set(problems.map((p) => p.row)).size} row(s) cannot be imported (${problems.length} problem(s)); nothing was imported`, undefined, {
      rowsRead,
      problems: problems.slice(0, PROBLEMS_LISTED),
    });
  }
}

/** A mapping given as JSON, or the name of one the organisation saved. */
export async function resolveMapping(tx: Db, organisationId: string, given: string): Promise<ColumnMapping> {
  const text = given.trim();
  if (text.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw badRequest('mapping', 'is not valid JSON');
    }
    const parsed = columnMapping.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw badRequest(`mapping${issue?.path.length ? `.${issue.path.join('.')}` : ''}`, issue?.message ?? 'is not a column mapping');
    }
    return parsed.data;
  }
  const saved = await findImportMapping(tx, PROSECUTION_IMPORT_KIND, organisationId, text);
  if (!saved) throw badRequest('mapping', `no saved mapping is named "${text}"`);
  return saved.mapping;
}

const sortProblems = (problems: ImportRowProblem[]) => problems.sort((a, b) => a.row - b.row || a.field.localeCompare(b.field));

/**
 * Imports a prosecution history from a CSV or XLSX file through a column mapping, all or nothing, in the caller's
 * transaction: every row is read (problems of its cells) and every defendant checked as the services check one step
 * at a time (checkPlannedDefendants); if any row has a problem, all of them are reported (row, column, field, reason)
 * and nothing is written. Otherwise the history is written (writeHistory). The same file twice adds nothing the second
 * time: operations, investigations and defendants are recognised by the file's references.
 */
export async function importProsecutionHistory(
  tx: Db,
  cipher: FieldCipher,
  importer: Subject,
  actor: Actor,
  file: { fileName: string; bytes: Uint8Array },
  mapping: ColumnMapping,
): Promise<ProsecutionImportSummary> {
  if (!allows(prosecutionImportRules.import, importer)) throw forbidden('Only a prosecutor of a prosecution office or an investigator of a law-enforcement organisation imports a prosecution history');
  const table = await readImportTable(file.bytes, file.fileName);
  const problems = mappingProblems(mapping, table, prosecutionImportFieldNames);
  if (problems.length > 0) throw new ImportRejected(table.rows.length, problems);
  const organisations = await tx.selectFrom('organisations').select(['id', 'name', 'type']).where('active', '=', true).execute();
  const defendants: PlannedDefendant[] = [];
  for (const row of table.rows) {
    const read = readDefendantRow(mapping, table, row, { importer, organisations });
    if (Array.isArray(read)) problems.push(...read);
    else defendants.push(read);
  }
  problems.push(...checkPlannedDefendants(defendants, () => importer).map((p) => ({ ...p, column: mapping.columns[p.field] ?? null })));
  if (problems.length > 0) throw new ImportRejected(table.rows.length, sortProblems(problems));
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const written = await writeHistory(tx, cipher, actor, importer, () => importer, defendants, `imported from ${file.fileName} (sha256 ${sha256.slice(0, 16)})`);
  return {
    fileName: file.fileName,
    sha256,
    rowsRead: table.rows.length,
    rowsImported: defendants.length - written.alreadyImported,
    rowsAlreadyImported: written.alreadyImported,
    operations: written.operations,
    investigations: written.investigations,
    suspects: written.suspects,
    steps: written.steps,
  };
}
