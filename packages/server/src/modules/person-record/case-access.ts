import type { Db } from '../../platform/db/database.js';
import type { Rule, Subject } from '../../platform/access/rules.js';
import { compileRule } from '../../platform/access/sql-filter.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { caseColumns, caseExists, findCase, type CaseRow } from '../case/case.repo.js';

/**
 * The case under a rule compiled to SQL, or undefined (the route answers 404, after the transaction commits): a
 * refusal on a case that exists is audited as denied (the same answer as an unknown case, so that a refusal does not
 * say the case exists).
 */
export async function caseUnder(
  tx: Db,
  subject: Subject,
  actor: Actor,
  caseId: string,
  rule: Rule,
  event: { action: string; purpose: string },
): Promise<CaseRow | undefined> {
  const kase = await findCase(tx, caseId, compileRule(rule, subject, caseColumns));
  if (kase) return kase;
  if (await caseExists(tx, caseId)) {
    await appendAudit(tx, actor, { ...event, recordType: 'case', recordId: caseId, summary: 'refused by access rules', outcome: 'denied' });
  }
  return undefined;
}

export async function organisationName(tx: Db, id: string): Promise<string> {
  return (await tx.selectFrom('organisations').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name;
}
