import { sql, type Expression, type SqlBool } from 'kysely';
import type { CaseStage, CaseStatus } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Subject } from '../../platform/access/rules.js';
import { compileRule } from '../../platform/access/sql-filter.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { badRequest } from '../../platform/http/errors.js';
import { caseRules, fullRecordRule } from './case.policy.js';
import { caseColumns } from './case.repo.js';

export interface SearchCriteria {
  readonly name?: string | undefined;
  readonly birthDate?: string | undefined;
  readonly reference?: string | undefined;
  readonly limit: number;
}

/** How many of these index tokens a person's name index holds (SQL over the row aliased `p`; GIN containment). */
const sharedTokens = (tokens: string[]) =>
  sql<number>`(${sql.join(tokens.map((token) => sql`(p.name_index @> array[${token}]::text[])::int`), sql` + `)})`;

/**
 * Finds cases by name, alias, birth date or case number, among the cases the user may see. Names are matched through
 * the blind index (transliteration and phonetic codes included), best matches first; names are shown only to those
 * who see the whole record. The audit entry records the criteria used, never their values.
 */
export async function searchCases(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, criteria: SearchCriteria) {
  if (!criteria.name && !criteria.birthDate && !criteria.reference) throw badRequest('name', 'give a name, a birth date or a case number');
  const tokens = criteria.name ? cipher.index.nameTokens(criteria.name) : [];
  const exact = criteria.name ? cipher.index.exactNameTokens(criteria.name) : [];
  if (criteria.name && tokens.length === 0) throw badRequest('name', 'must contain at least two letters');
  const full: Expression<SqlBool> = compileRule(fullRecordRule, subject, caseColumns);
  let query = tx
    .selectFrom('cases as c')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .select(['c.id', 'c.reference', 'c.status', 'c.stage', 'c.managing_organisation_id', 'c.opened_at', 'p.id as person_id', 'p.given_name', 'p.family_name', 'p.pseudonym', sql<boolean>`${full}`.as('full_access')])
    .where(compileRule(caseRules.read, subject, caseColumns));
  if (criteria.reference) query = query.where('c.reference', '=', criteria.reference.trim().toUpperCase());
  if (criteria.birthDate) query = query.where('p.birth_date_index', '=', cipher.index.birthDateToken(criteria.birthDate));
  if (tokens.length > 0) {
    query = query
      .where(sql<SqlBool>`p.name_index && ${sql.val(tokens)}::text[]`)
      .orderBy(sharedTokens(exact), 'desc')
      .orderBy(sharedTokens(tokens), 'desc');
  }
  const rows = await query.orderBy('c.opened_at', 'desc').limit(criteria.limit).execute();
  const results = await Promise.all(
    rows.map(async (row) => {
      let displayName: string | null = null;
      if (row.full_access) {
        const [givenName, familyName, pseudonym] = await Promise.all([
          cipher.decryptOptional(row.given_name, `persons.given_name:${row.person_id}`, tx),
          cipher.decryptOptional(row.family_name, `persons.family_name:${row.person_id}`, tx),
          cipher.decryptOptional(row.pseudonym, `persons.pseudonym:${row.person_id}`, tx),
        ]);
        displayName = [givenName, familyName].filter(Boolean).join(' ') || (pseudonym ? `“${pseudonym}”` : null);
      }
      return {
        id: row.id,
        reference: row.reference,
        status: row.status as CaseStatus,
        stage: row.stage as CaseStage,
        managingOrganisationId: row.managing_organisation_id,
        openedAt: row.opened_at.toISOString(),
        displayName,
      };
    }),
  );
  const used = Object.entries(criteria).filter(([k, v]) => v !== undefined && k !== 'limit').map(([k]) => k);
  await appendAudit(tx, actor, {
    action: 'case.search',
    recordType: 'case',
    purpose: 'case_management',
    summary: `search by ${used.join(', ')}: ${results.length} results (${results.filter((r) => r.displayName).length} with names shown)`,
  });
  return results;
}

/** A person known to another organisation probably is the same: two name tokens in common, or a name and the birth date. */
const probableMatch = (nameIndex: Expression<unknown>, birthDateIndex: Expression<unknown>) =>
  sql<SqlBool>`(
    (select count(*) from unnest(p.name_index) as t(token) where t.token = any(${nameIndex})) >= 2
    or (p.birth_date_index = ${birthDateIndex} and p.name_index && ${nameIndex})
  )`;

/**
 * Which other organisations probably know the person of this case. The answer names organisations only: no record,
 * name or count crosses. The user may then ask an organisation to confirm.
 */
export async function possibleMatches(tx: Db, subject: Subject, actor: Actor, caseId: string) {
  const own = await tx
    .selectFrom('cases as c')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .select(['p.id', 'p.name_index', 'p.birth_date_index'])
    .where('c.id', '=', caseId)
    .where(compileRule(caseRules.manage, subject, caseColumns))
    .executeTakeFirst();
  if (!own) return undefined;
  const organisations = await tx
    .selectFrom('persons as p')
    .innerJoin('cases as c', 'c.person_id', 'p.id')
    .innerJoin('organisations as o', 'o.id', 'c.managing_organisation_id')
    .select(['o.id', 'o.name'])
    .distinct()
    .where('c.managing_organisation_id', '<>', subject.organisationId)
    .where('p.id', '<>', own.id)
    .where(probableMatch(sql.val(own.name_index), sql.val(own.birth_date_index)))
    .orderBy('o.name')
    .execute();
  await appendAudit(tx, actor, {
    action: 'person.match_check',
    recordType: 'case',
    recordId: caseId,
    purpose: 'deduplication',
    summary: `possible matches at ${organisations.length} other organisations (names of organisations only were shown)`,
  });
  return organisations.map((o) => ({ organisationId: o.id, organisationName: o.name }));
}

/** The target organisation's own persons that probably match a requesting case's person. */
export async function candidatesAt(tx: Db, caseId: string, organisationId: string): Promise<string[]> {
  const own = await tx.selectFrom('cases as c').innerJoin('persons as p', 'p.id', 'c.person_id').select(['p.id', 'p.name_index', 'p.birth_date_index']).where('c.id', '=', caseId).executeTakeFirstOrThrow();
  const rows = await tx
    .selectFrom('persons as p')
    .innerJoin('cases as c', 'c.person_id', 'p.id')
    .select('p.id')
    .distinct()
    .where('c.managing_organisation_id', '=', organisationId)
    .where('p.id', '<>', own.id)
    .where(probableMatch(sql.val(own.name_index), sql.val(own.birth_date_index)))
    .execute();
  return rows.map((r) => r.id);
}
