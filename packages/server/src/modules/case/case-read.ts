import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Subject } from '../../platform/access/rules.js';
import { compileRule } from '../../platform/access/sql-filter.js';
import { encryptedPersonFields } from '../person/person.crypto.js';
import type { Actor } from '../../platform/audit/audit.js';
import { compileVisibleFields } from '../../platform/access/field-policy.js';
import { caseRules, fullRecordRule, lawEnforcementTimeline } from './case.policy.js';
import { relationshipRules } from '../../platform/access/relationships.js';
import { caseRecordRules } from '../case-record/case-record.policy.js';
import { caseFieldPolicy } from './case.fields.js';
import { auditEntry } from './audited-statement.js';
import { caseColumns, selectCases, type CaseRow } from './case.repo.js';

/** The encrypted person columns a case page may show (ShareablePersonField), by field name. */
const pageFields = new Set(['givenName', 'familyName', 'pseudonym', 'birthDate', 'phone', 'address', 'identityNumber']);
const pageColumns = encryptedPersonFields.filter(([field]) => pageFields.has(field));
type PageColumn = (typeof pageColumns)[number][1];

export interface CasePageRow extends CaseRow {
  /** The user sees the whole record (fullRecordRule): all person fields, the whole timeline, consents and measures. */
  readonly full_access: boolean;
  /** The user may add to the case record (caseRecordRules.add), and may manage it (caseRecordRules.manage). */
  readonly adds_records: boolean;
  readonly manages_records: boolean;
  /** The user reads the case as law enforcement with the person's consent (relationships.ts). */
  readonly law_enforcement_view: boolean;
  /** The fields of the case the field policy shows this user (case.fields.ts, compiled to SQL): paths in the view. */
  readonly visible_fields: string[];
  readonly consents: Array<{ purpose: string; target_organisation_id: string | null; status: string; recorded_at: string }> | null;
  readonly timeline: Array<{ action: string; summary: string; key: string; occurred_at: string; display_name: string; organisation_name: string }> | null;
  /** Idempotency keys of the measures marked done (managing side only). */
  readonly measures_done: string[] | null;
  /** The SOP version in force and when it was saved (managing side only), to find its parsed document in memory. */
  readonly sop_version: number | null;
  readonly sop_stamp: string | null;
  readonly encrypted: Record<PageColumn, Uint8Array | null>;
}

/** Not found: the rules refuse, or there is no such case. */
export type CasePage = { readonly found: true; readonly row: CasePageRow } | { readonly found: false };

/**
 * Everything the case page shows, in one statement, which also writes the read's audit entry: the case under the read
 * rule (compiled to SQL, as for lists and search), whether the user sees the whole record, which person fields they
 * see, the consents in force, the timeline they may see, the measures done and the SOP version in force. The entry
 * names the fields shown; when the rule refuses a case that exists, the entry records the refusal.
 */
export async function loadCasePage(tx: Db, subject: Subject, actor: Actor, id: string): Promise<CasePage> {
  const full: Expression<SqlBool> = compileRule(fullRecordRule, subject, caseColumns);
  const visible = selectCases(tx)
    .select([
      sql<boolean>`${full}`.as('full_access'),
      sql<boolean>`${compileRule(caseRecordRules.add, subject, caseColumns)}`.as('adds_records'),
      sql<boolean>`${compileRule(caseRecordRules.manage, subject, caseColumns)}`.as('manages_records'),
      sql<boolean>`${compileRule(relationshipRules.lawEnforcementWithConsent, subject, caseColumns)}`.as('law_enforcement_view'),
      sql<string[]>`${compileVisibleFields(caseFieldPolicy, subject, caseColumns)}`.as('visible_fields'),
      ...pageColumns.map(([, column]) => `p.${column}` as const),
    ])
    .where('c.id', '=', id)
    .where(compileRule(caseRules.read, subject, caseColumns));
  const organisationId = subject.organisationId;
  const summary = sql<string>`case when page.id is null then 'refused by access rules'
    else 'case viewed; person fields shown: ' || coalesce(nullif(array_to_string(array(
      select substr(f, length('person.fields.') + 1) from unnest(page.visible_fields) as f where f like 'person.fields.%'), ', '), ''), 'none') end`;
  const audit = auditEntry(
    actor,
    { action: 'case.read', recordType: 'case', recordId: id, purpose: 'case_management' },
    summary,
    sql`from page where page.id is not null or page.case_exists`,
    sql`case when page.id is null then 'denied' else 'allowed' end`,
  );
  const { rows } = await sql<Record<string, unknown> & { id: string | null }>`
    with v as (${visible}),
    page as (
      select exists (select 1 from cases where id = ${id}) as case_exists, v.*,
        (select json_agg(json_build_object('purpose', e.purpose, 'target_organisation_id', e.target_organisation_id, 'status', e.status,
            'recorded_at', e.recorded_at) order by e.purpose, e.target_organisation_id)
          from (select distinct on (purpose, target_organisation_id) purpose, target_organisation_id, status, recorded_at
                from consent_events where person_id = v.person_id
                order by purpose, target_organisation_id, recorded_at desc, id) e
          where v.full_access) as consents,
        (select coalesce(json_agg(json_build_object('action', a.action, 'summary', a.summary, 'key', a.idempotency_key, 'occurred_at', a.occurred_at,
            'display_name', u.display_name, 'organisation_name', o.name) order by a.occurred_at, a.id), '[]')
          from case_actions a join users u on u.id = a.actor_user_id join organisations o on o.id = a.organisation_id
          where a.case_id = v.id and (v.full_access or a.organisation_id = ${organisationId}::uuid
            or (v.law_enforcement_view and (a.action = any(${sql.val([...lawEnforcementTimeline.actions])}::text[])
              or a.action like ${`${lawEnforcementTimeline.decisions}%`})))) as timeline,
        (select coalesce(array_agg(d.idempotency_key), '{}') from case_actions d
          where d.case_id = v.id and d.action = 'measure.done' and v.full_access) as measures_done,
        sop.version as sop_version, sop.stamp as sop_stamp
      from (select 1) as one
        left join v on true
        left join lateral (select version, created_at::text as stamp from sop_versions order by version desc limit 1) as sop on v.full_access),
    logged as (${audit})
    select * from page
  `.execute(tx);
  const raw = rows[0];
  if (!raw || raw.id === null || raw.id === undefined) return { found: false };
  const encrypted = {} as Record<PageColumn, Uint8Array | null>;
  for (const [, column] of pageColumns) encrypted[column] = (raw[column] as Uint8Array | null) ?? null;
  return { found: true, row: { ...(raw as unknown as Omit<CasePageRow, 'encrypted'>), encrypted } };
}

/** The person fields (ShareablePersonField names) among the visible paths of a case. */
export function personFieldsShown(visible: readonly string[]): Set<string> {
  const prefix = 'person.fields.';
  return new Set(visible.filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length)));
}

/** Decrypts the person fields to show, and only those (each ciphertext is bound to its row and column). */
export async function decryptPageFields(cipher: FieldCipher, db: Db, personId: string, encrypted: CasePageRow['encrypted'], fields: ReadonlySet<string>) {
  const out: Record<string, string | null> = {};
  await Promise.all(
    pageColumns
      .filter(([field]) => fields.has(field))
      .map(async ([field, column]) => {
        out[field] = await cipher.decryptOptional(encrypted[column], `persons.${column}:${personId}`, db);
      }),
  );
  return out;
}
