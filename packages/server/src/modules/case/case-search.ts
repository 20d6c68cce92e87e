import { sql, type SqlBool } from 'kysely';
import type { z } from 'zod';
import type { CaseStage, CaseStatus, ConsentPurpose, caseSearchResult } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Subject } from '../../platform/access/rules.js';
import { compileRule, type ResourceColumns } from '../../platform/access/sql-filter.js';
import type { Actor } from '../../platform/audit/audit.js';
import { auditEntry } from './audited-statement.js';
import { badRequest } from '../../platform/http/errors.js';
import { caseRules } from './case.policy.js';
import { caseColumns, caseShareColumns } from './case.repo.js';
import { caseFieldPolicy } from './case.fields.js';
import { compileVisibleFields, presentFields } from '../../platform/access/field-policy.js';

type SearchResult = z.infer<typeof caseSearchResult>['results'][number];

export interface SearchCriteria {
  readonly name?: string | undefined;
  readonly birthDate?: string | undefined;
  readonly reference?: string | undefined;
  readonly limit: number;
}

/**
 * How access conditions read a row of derived.case_name_tokens (aliased `t`): the same facts as caseColumns, from the
 * copies the triggers of migration 0013 keep in step with cases and persons; consents and shares are read where they are.
 */
export const caseNameTokenColumns: ResourceColumns = {
  organisationId: sql`t.managing_organisation_id`,
  assigneeUserId: sql`t.case_manager_user_id`,
  jurisdiction: sql`t.jurisdiction`,
  consentGiven: (purpose: ConsentPurpose) =>
    sql<SqlBool>`exists (select 1 from person_consents pc where pc.person_id = t.person_id and pc.purpose = ${purpose} and pc.status = 'given')`,
  ...caseShareColumns(sql`t.case_id`),
};

/**
 * The best name matches the user may see, best first: exact tokens in common, then all tokens in common, then the
 * newest case. Counted on derived.case_name_tokens (one row per case and token, read from its index alone), so that
 * only the hits kept reach the wide rows.
 */
function nameHits(db: Db, cipher: FieldCipher, subject: Subject, criteria: SearchCriteria, tokens: string[], exact: string[]) {
  let query = db
    .selectFrom('derived.case_name_tokens as t')
    .select([
      't.case_id',
      sql<Date>`max(t.opened_at)`.as('opened_at'),
      sql<number>`count(*) filter (where t.token = any(${sql.val(exact)}::text[]))`.as('exact_score'),
      sql<number>`count(*)`.as('score'),
    ])
    .where(sql<SqlBool>`t.token = any(${sql.val(tokens)}::text[])`)
    .where(compileRule(caseRules.read, subject, caseNameTokenColumns));
  if (criteria.reference) {
    const reference = criteria.reference.trim().toUpperCase();
    query = query.where('t.case_id', 'in', (eb) => eb.selectFrom('cases').select('id').where('reference', '=', reference));
  }
  if (criteria.birthDate) {
    const token = cipher.index.birthDateToken(criteria.birthDate);
    query = query.where('t.person_id', 'in', (eb) => eb.selectFrom('persons').select('id').where('birth_date_index', '=', token));
  }
  return query
    .groupBy('t.case_id')
    .orderBy('exact_score', 'desc')
    .orderBy('score', 'desc')
    .orderBy('opened_at', 'desc')
    .orderBy('t.case_id')
    .limit(criteria.limit);
}

/** Search by case number or birth date only: the access filter on cases and persons, newest first. */
function otherHits(tx: Db, cipher: FieldCipher, subject: Subject, criteria: SearchCriteria) {
  let query = tx
    .selectFrom('cases as c')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .select(['c.id as case_id', 'c.opened_at'])
    .select([sql<number>`0`.as('exact_score'), sql<number>`0`.as('score')])
    .where(compileRule(caseRules.read, subject, caseColumns));
  if (criteria.reference) query = query.where('c.reference', '=', criteria.reference.trim().toUpperCase());
  if (criteria.birthDate) query = query.where('p.birth_date_index', '=', cipher.index.birthDateToken(criteria.birthDate));
  return query.orderBy('c.opened_at', 'desc').orderBy('c.id').limit(criteria.limit);
}

/** The name shown in results: given and family names, else the pseudonym; decrypts no more than that. */
async function displayNameOf(tx: Db, cipher: FieldCipher, row: { person_id: string; given_name: Uint8Array | null; family_name: Uint8Array | null; pseudonym: Uint8Array | null }) {
  const [givenName, familyName] = await Promise.all([
    cipher.decryptOptional(row.given_name, `persons.given_name:${row.person_id}`, tx),
    cipher.decryptOptional(row.family_name, `persons.family_name:${row.person_id}`, tx),
  ]);
  const name = [givenName, familyName].filter(Boolean).join(' ');
  if (name) return name;
  const pseudonym = await cipher.decryptOptional(row.pseudonym, `persons.pseudonym:${row.person_id}`, tx);
  return pseudonym ? `“${pseudonym}”` : null;
}

interface SearchRow {
  readonly id: string;
  readonly reference: string;
  readonly status: string;
  readonly stage: string;
  readonly managing_organisation_id: string;
  readonly opened_at: Date;
  readonly person_id: string;
  readonly visible_fields: string[];
  readonly given_name: Uint8Array | null;
  readonly family_name: Uint8Array | null;
  readonly pseudonym: Uint8Array | null;
}

/**
 * Finds cases by name, alias, birth date or case number, among the cases the user may see. Names are matched through
 * the blind index (transliteration and phonetic codes included), best matches first; names are shown only to those
 * who see the whole record. One statement ranks, reads and writes the audit entry (the criteria used, never their
 * values; how many results, and how many with the name ciphertext disclosed), so it needs no transaction of its own.
 */
export async function searchCases(db: Db, cipher: FieldCipher, subject: Subject, actor: Actor, criteria: SearchCriteria) {
  if (!criteria.name && !criteria.birthDate && !criteria.reference) throw badRequest('name', 'give a name, a birth date or a case number');
  const tokens = criteria.name ? cipher.index.nameTokens(criteria.name) : [];
  const exact = criteria.name ? cipher.index.exactNameTokens(criteria.name) : [];
  if (criteria.name && tokens.length === 0) throw badRequest('name', 'must contain at least two letters');
  const hits = tokens.length > 0 ? nameHits(db, cipher, subject, criteria, tokens, exact) : otherHits(db, cipher, subject, criteria);
  // The hits are ranked and cut first; only they are joined to their case and person (for the names to decrypt).
  const found = sql`
    select c.id, c.reference, c.status, c.stage, c.managing_organisation_id, c.opened_at, p.id as person_id, v.visible_fields, h.exact_score, h.score,
      case when 'displayName' = any(v.visible_fields) then p.given_name end as given_name,
      case when 'displayName' = any(v.visible_fields) then p.family_name end as family_name,
      case when 'displayName' = any(v.visible_fields) then p.pseudonym end as pseudonym
    from (${hits}) as h join cases c on c.id = h.case_id join persons p on p.id = c.person_id
      cross join lateral (select ${compileVisibleFields(caseFieldPolicy, subject, caseColumns)} as visible_fields) as v`;
  const used = Object.entries(criteria).filter(([k, v]) => v !== undefined && k !== 'limit').map(([k]) => k);
  const summary = sql<string>`${`search by ${used.join(', ')}: `} || count(*) || ' results (' ||
    count(*) filter (where r.given_name is not null or r.family_name is not null or r.pseudonym is not null) || ' with names shown)'`;
  const { rows } = await sql<SearchRow>`
    with r as (${found}),
      logged as (${auditEntry(actor, { action: 'case.search', recordType: 'case', purpose: 'case_management' }, summary, sql`from r`)})
    select * from r order by r.exact_score desc, r.score desc, r.opened_at desc, r.id`.execute(db);
  // Each result is presented through the case's field policy: a name only to those who see the whole record.
  return Promise.all(
    rows.map(async (row) => {
      const visible = new Set(row.visible_fields);
      const result = presentFields(
        {
          id: row.id,
          reference: row.reference,
          status: row.status as CaseStatus,
          stage: row.stage as CaseStage,
          managingOrganisationId: row.managing_organisation_id,
          openedAt: new Date(row.opened_at).toISOString(),
          displayName: visible.has('displayName') ? await displayNameOf(db, cipher, row) : null,
        },
        visible,
      );
      return result as SearchResult;
    }),
  );
}
