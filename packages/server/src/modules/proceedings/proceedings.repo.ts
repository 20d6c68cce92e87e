import { sql, type SqlBool } from 'kysely';
import type { ConsentPurpose } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { RecordFacts, Rule, ShareState, Subject } from '../../platform/access/rules.js';
import { compileRule, type ResourceColumns } from '../../platform/access/sql-filter.js';

/**
 * How access conditions read a victim's link (aliased `v`) with its case `c`, investigation `i` and operation `o`: the
 * case's holding organisation and case manager; the person's consents; shared with the prosecution office the
 * investigation was referred to (`prosecution_referral`) and with the agency that recorded the operation.
 */
export const victimColumns: ResourceColumns = {
  organisationId: sql`c.managing_organisation_id`,
  assigneeUserId: sql`c.case_manager_user_id`,
  consentGiven: (purpose: ConsentPurpose) =>
    sql<SqlBool>`exists (select 1 from person_consents pc where pc.person_id = c.person_id and pc.purpose = ${purpose} and pc.status = 'given')`,
  sharedInState: (organisationId: string, state: ShareState) =>
    state === 'prosecution_referral' ? sql<SqlBool>`i.prosecution_office_id is not distinct from ${organisationId}::uuid` : sql<SqlBool>`false`,
  sharedWith: (organisationId: string) => sql<SqlBool>`o.organisation_id = ${organisationId}::uuid`,
};

export interface VictimRow {
  id: string;
  case_id: string;
  person_id: string;
  investigation_id: string;
  investigation_reference: string;
  operation_id: string;
  suspect_id: string | null;
  standing: string;
  linked_on: string;
  initials: Uint8Array;
  managing_organisation_id: string;
  case_manager_user_id: string | null;
  prosecution_office_id: string | null;
  agency_id: string;
  consent_given: boolean;
}

/** The same facts in memory, for the field policy. */
export function victimFactsOf(row: VictimRow): RecordFacts {
  return {
    organisationId: row.managing_organisation_id,
    assigneeUserId: row.case_manager_user_id,
    jurisdiction: null,
    consentsGiven: row.consent_given ? ['law_enforcement'] : [],
    sharedWith: [row.agency_id],
    shares: row.prosecution_office_id ? [{ organisationId: row.prosecution_office_id, state: 'prosecution_referral', fields: [] }] : [],
  };
}

/** Victims' links the rule lets this user reach: of a case, of an operation, or one by id (`lock` holds it for a change). */
export async function findVictims(tx: Db, subject: Subject, rule: Rule, where: { id?: string; caseId?: string; operationId?: string }, lock = false): Promise<VictimRow[]> {
  const only = where.id
    ? sql<SqlBool>`v.id = ${where.id}::uuid`
    : where.caseId
      ? sql<SqlBool>`v.case_id = ${where.caseId}::uuid`
      : sql<SqlBool>`i.operation_id = ${where.operationId ?? null}::uuid`;
  const { rows } = await sql<VictimRow>`
    select v.id, v.case_id, c.person_id, v.investigation_id, i.reference as investigation_reference, i.operation_id, v.suspect_id, v.standing,
      v.linked_on::text as linked_on, v.initials, c.managing_organisation_id, c.case_manager_user_id, i.prosecution_office_id,
      o.organisation_id as agency_id, ${victimColumns.consentGiven?.('law_enforcement') ?? sql`false`} as consent_given
    from proceeding_victims v join cases c on c.id = v.case_id
      join prosecution_investigations i on i.id = v.investigation_id join prosecution_operations o on o.id = i.operation_id
    where ${only} and ${compileRule(rule, subject, victimColumns)}
    order by v.linked_on, v.created_at, v.id
    ${lock ? sql`for update of v` : sql``}`.execute(tx);
  return rows;
}

export async function victimExists(tx: Db, id: string): Promise<boolean> {
  return (await tx.selectFrom('proceeding_victims').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** The parts recorded for these links, each in date order. */
export async function partsOf(tx: Db, victimIds: readonly string[]) {
  if (victimIds.length === 0) return { cooperation: [], protection: [], nonPunishment: [], compensation: [] };
  const ids = [...victimIds];
  const [cooperation, protection, nonPunishment, compensation] = await Promise.all([
    tx.selectFrom('proceeding_victim_cooperation').select(['victim_id', 'level', sql<string>`chosen_on::text`.as('chosen_on')])
      .where('victim_id', 'in', ids).orderBy('chosen_on').orderBy('recorded_at').execute(),
    tx.selectFrom('proceeding_victim_protection').select(['id', 'victim_id', 'measure', 'outcome', sql<string>`requested_on::text`.as('requested_on'), sql<string | null>`decided_on::text`.as('decided_on')])
      .where('victim_id', 'in', ids).orderBy('requested_on').orderBy('measure').execute(),
    tx.selectFrom('proceeding_victim_non_punishment').select(['id', 'victim_id', 'offence', 'outcome', sql<string>`claimed_on::text`.as('claimed_on'), sql<string | null>`decided_on::text`.as('decided_on')])
      .where('victim_id', 'in', ids).orderBy('claimed_on').orderBy('recorded_at').execute(),
    tx.selectFrom('proceeding_victim_compensation')
      .select(['id', 'victim_id', 'route', 'currency', 'amount_ordered', 'amount_paid', 'paid_above_order_reason',
        sql<string>`claimed_on::text`.as('claimed_on'), sql<string | null>`ordered_on::text`.as('ordered_on'), sql<string | null>`paid_on::text`.as('paid_on')])
      .where('victim_id', 'in', ids).orderBy('claimed_on').orderBy('recorded_at').execute(),
  ]);
  return { cooperation, protection, nonPunishment, compensation };
}
