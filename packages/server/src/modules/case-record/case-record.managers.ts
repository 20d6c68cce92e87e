import { sql, type SqlBool } from 'kysely';
import { z } from 'zod';
import { uuid } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { Subject } from '../../platform/access/rules.js';
import { compileRule } from '../../platform/access/sql-filter.js';
import { caseColumns, findCase } from '../case/case.repo.js';
import { caseRecordRules } from './case-record.policy.js';

/** Who may become the case manager: active caseworkers of the managing organisation (staff names, no survivor data). */
export const caseManagerCandidates = z.object({
  caseManager: z.object({ id: uuid, displayName: z.string() }).nullable(),
  candidates: z.array(z.object({ id: uuid, displayName: z.string() })),
});
export type CaseManagerCandidates = z.infer<typeof caseManagerCandidates>;

/**
 * The current case manager and the caseworkers who could take the case over, for those who may assign one (the case
 * record's `manage` rule). Undefined when the rules refuse (the caller answers 404).
 */
export async function caseManagerChoice(db: Db, subject: Subject, caseId: string): Promise<CaseManagerCandidates | undefined> {
  const row = await findCase(db, caseId, compileRule(caseRecordRules.manage, subject, caseColumns));
  if (!row) return undefined;
  const candidates = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('organisation_id', '=', row.managing_organisation_id)
    .where('active', '=', true)
    .where(sql<SqlBool>`'caseworker' = any(roles)`)
    .orderBy('display_name')
    .orderBy('id')
    .execute();
  const current = row.case_manager_user_id
    ? await db.selectFrom('users').select(['id', 'display_name']).where('id', '=', row.case_manager_user_id).executeTakeFirst()
    : undefined;
  return {
    caseManager: current ? { id: current.id, displayName: current.display_name } : null,
    candidates: candidates.map((c) => ({ id: c.id, displayName: c.display_name })),
  };
}
