import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Subject } from '../../platform/access/rules.js';
import { compileRule } from '../../platform/access/sql-filter.js';
import { compileVisibleFields } from '../../platform/access/field-policy.js';
import { caseColumns, selectCases } from '../case/case.repo.js';
import { accountExploiterFieldPolicy, accountSituationFieldPolicy, accountStatementFieldPolicy } from './account.fields.js';
import { accountRules } from './account.policy.js';

export type RecordType = 'statement' | 'situation' | 'exploiter';

/**
 * The case, if this user may read its account, with the fields each of the account's field policies shows them and
 * whether they may write (the rules compiled to SQL, in the statement that reads the case).
 */
export function findReadableCase(db: Db, subject: Subject, caseId: string) {
  return selectCases(db)
    .select([
      sql<string[]>`${compileVisibleFields(accountStatementFieldPolicy, subject, caseColumns)}`.as('statement_fields'),
      sql<string[]>`${compileVisibleFields(accountSituationFieldPolicy, subject, caseColumns)}`.as('situation_fields'),
      sql<string[]>`${compileVisibleFields(accountExploiterFieldPolicy, subject, caseColumns)}`.as('exploiter_fields'),
      sql<boolean>`${compileRule(accountRules.write, subject, caseColumns)}`.as('can_edit'),
    ])
    .where('c.id', '=', caseId)
    .where(compileRule(accountRules.read, subject, caseColumns))
    .executeTakeFirst();
}
export type ReadableCase = NonNullable<Awaited<ReturnType<typeof findReadableCase>>>;

export function statementOf(db: Db, caseId: string) {
  return db
    .selectFrom('account_statements as s')
    .innerJoin('users as u', 'u.id', 's.updated_by')
    .selectAll('s')
    .select('u.display_name as updated_by_name')
    .where('s.case_id', '=', caseId)
    .executeTakeFirst();
}

export function situationsOf(db: Db, caseId: string) {
  return db
    .selectFrom('account_situations as s')
    .innerJoin('users as u', 'u.id', 's.updated_by')
    .selectAll('s')
    .select('u.display_name as updated_by_name')
    .where('s.case_id', '=', caseId)
    .orderBy('s.created_at')
    .orderBy('s.id')
    .execute();
}

export function exploitersOf(db: Db, caseId: string) {
  return db
    .selectFrom('account_exploiters as e')
    .innerJoin('users as u', 'u.id', 'e.updated_by')
    .selectAll('e')
    .select('u.display_name as updated_by_name')
    .where('e.case_id', '=', caseId)
    .orderBy('e.created_at')
    .orderBy('e.id')
    .execute();
}

/** Every version of the case's records of one type, newest first within a record. */
export function revisionsOf(db: Db, caseId: string, recordType: RecordType) {
  return db
    .selectFrom('account_revisions as r')
    .innerJoin('users as u', 'u.id', 'r.author_user_id')
    .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
    .selectAll('r')
    .select(['u.display_name as author_name', 'o.name as organisation_name'])
    .where('r.case_id', '=', caseId)
    .where('r.record_type', '=', recordType)
    .orderBy('r.record_id')
    .orderBy('r.version', 'desc')
    .execute();
}
export type RevisionRow = Awaited<ReturnType<typeof revisionsOf>>[number];

export interface NewRevision {
  readonly caseId: string;
  readonly type: RecordType;
  readonly recordId: string;
  readonly version: number;
  readonly kind?: string;
  readonly data: unknown;
  readonly personal: (revisionId: string) => Buffer;
  readonly pseudonym?: (revisionId: string) => Buffer;
  readonly suspectLinkId?: string | null;
  readonly subject: Subject;
}

/** Appends a version to the history (the whole value, re-encrypted under the revision's own binding). */
export async function insertRevision(db: Db, revision: NewRevision): Promise<void> {
  const id = randomUUID();
  await db
    .insertInto('account_revisions')
    .values({
      id,
      case_id: revision.caseId,
      record_type: revision.type,
      record_id: revision.recordId,
      version: revision.version,
      kind: revision.kind ?? null,
      data: JSON.stringify(revision.data),
      personal: revision.personal(id),
      pseudonym: revision.pseudonym ? revision.pseudonym(id) : null,
      suspect_link_id: revision.suspectLinkId ?? null,
      author_user_id: revision.subject.userId,
      organisation_id: revision.subject.organisationId,
    })
    .execute();
}
