import type { z } from 'zod';
import {
  createRecommendationRequest,
  recommendationColumns,
  type ImportProblemCode,
  type ImportProblemParams,
  type ImportRejection,
  type RecommendationColumn,
  type RecommendationImportResult,
  type recommendationImportRequest,
} from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import { allows, type Subject } from '../../platform/access/rules.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { forbidden } from '../../platform/http/errors.js';
import { recommendationRules } from './recommendations.policy.js';
import { insertRecommendation } from './recommendations.service.js';
import { readTextTable } from './recommendation-table.js';

const required: readonly RecommendationColumn[] = ['sourceBody', 'cycle', 'issuedOn', 'text', 'themes', 'urgency'];

/** A code as a file may write it: letter case and spaces or hyphens aside ("US TIP report" reads as us_tip_report). */
const code = (value: string) => value.trim().toLowerCase().replace(/[\s-]+/gu, '_');

const rejection = (row: number, field: string, problem: string, code: ImportProblemCode, params?: ImportProblemParams): ImportRejection => ({ row, field, problem, code, ...(params ? { params } : {}) });

/** Why a cell was refused, as a code a client words (the English problem kept for API users). */
function cellRejection(row: number, field: string, value: string, message: string): ImportRejection {
  const problem = value ? `${message} (read "${value.slice(0, 60)}")` : message;
  if (value === '') return rejection(row, field, problem, 'blank');
  if (field === 'sourceBody' || field === 'urgency' || field === 'themes') return rejection(row, field, problem, 'not-an-option', { value: value.slice(0, 60) });
  if (field === 'issuedOn' && !/^\d{4}-\d{2}-\d{2}$/u.test(value)) return rejection(row, field, problem, 'not-a-date', { value: value.slice(0, 60), formats: 'yyyy-MM-dd' });
  return rejection(row, field, problem, 'invalid-value');
}

/**
 * Imports recommendations from a CSV or XLSX file. `mapping` names the heading each field is read from (a field left
 * out is read from the heading of its own name, unless `constants` gives it one value for every row, which also fills
 * its blank cells). Codes are the vocabulary's (letter case, spaces and hyphens aside);
 * themes are separated by semicolons or commas; dates are yyyy-mm-dd (or a spreadsheet's date). Every row is checked
 * as the form checks it; when any row is rejected, nothing is imported and every rejection is reported with its row,
 * field and reason (a code and params for the reader's language, the English sentence for API users).
 */
export async function importRecommendations(tx: Db, subject: Subject, actor: Actor, input: z.output<typeof recommendationImportRequest>): Promise<RecommendationImportResult> {
  if (!allows(recommendationRules.record, subject)) throw forbidden('Only the national rapporteur imports recommendations');
  const table = await readTextTable(Buffer.from(input.content, 'base64'), input.fileName);
  const headingOf = (field: RecommendationColumn) => input.mapping[field] ?? field;
  const positions = new Map(table.headings.map((h, i) => [h.trim().toLowerCase(), i] as const));
  const rejected: ImportRejection[] = [];
  const constants: Partial<Record<RecommendationColumn, string>> = input.constants;
  for (const field of required) {
    const mapped = input.mapping[field] !== undefined;
    if (constants[field] !== undefined && !mapped) continue;
    if (!positions.has(headingOf(field).toLowerCase())) rejected.push(rejection(1, field, `no column headed "${headingOf(field)}" in the file`, 'no-such-column', { column: headingOf(field) }));
  }
  if (table.rows.length === 0) rejected.push(rejection(1, 'file', 'the file has no recommendation rows', 'no-rows'));
  if (rejected.length > 0) return { imported: 0, rejected };

  const accepted: Array<z.output<typeof createRecommendationRequest>> = [];
  for (const { row, cells } of table.rows) {
    const cell = (field: RecommendationColumn) => {
      const at = positions.get(headingOf(field).toLowerCase());
      const value = at === undefined ? '' : (cells[at] ?? '');
      return value === '' ? (constants[field] ?? '') : value;
    };
    const candidate = {
      sourceBody: code(cell('sourceBody')),
      cycle: cell('cycle'),
      issuedOn: cell('issuedOn'),
      text: cell('text'),
      paragraph: cell('paragraph'),
      themes: cell('themes').split(/[;,]/u).map(code).filter((t) => t !== ''),
      addressedTo: cell('addressedTo'),
      urgency: code(cell('urgency')),
    };
    const parsed = createRecommendationRequest.safeParse(candidate);
    if (parsed.success) accepted.push(parsed.data);
    else {
      const seen = new Set<string>();
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? 'row');
        if (seen.has(field)) continue;
        seen.add(field);
        const value = recommendationColumns.includes(field as RecommendationColumn) ? cell(field as RecommendationColumn) : '';
        rejected.push(cellRejection(row, field, value, issue.message));
      }
    }
  }
  if (rejected.length > 0) return { imported: 0, rejected };
  for (const recommendation of accepted) await insertRecommendation(tx, subject, recommendation);
  await appendAudit(tx, actor, { action: 'recommendation.import', recordType: 'recommendation', purpose: 'oversight', summary: `${accepted.length} recommendation(s) imported from a ${input.fileName.toLowerCase().endsWith('.xlsx') ? 'XLSX' : 'CSV'} file` });
  return { imported: accepted.length, rejected: [] };
}
