import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { RecordFacts, ShareState, Subject } from '../../platform/access/rules.js';
import { compileRule, type ResourceColumns } from '../../platform/access/sql-filter.js';
import type { Rule } from '../../platform/access/rules.js';

const never = sql<SqlBool>`false`;

/**
 * How access conditions read an operation row aliased `o`: the recording agency is its organisation; it is shared
 * with the prosecution offices its investigations were referred to and with the courts its suspects stand before.
 */
export const operationColumns: ResourceColumns = {
  organisationId: sql`o.organisation_id`,
  sharedInState: (organisationId: string, state: ShareState) =>
    state === 'prosecution_referral'
      ? sql<SqlBool>`exists (select 1 from prosecution_investigations ri where ri.operation_id = o.id and ri.prosecution_office_id = ${organisationId}::uuid)`
      : state === 'before_court'
        ? sql<SqlBool>`exists (select 1 from prosecution_suspects rs where rs.operation_id = o.id and rs.court_organisation_id = ${organisationId}::uuid)`
        : never,
};

/** A suspect row aliased `s` with its operation `o` and investigation `i`: shared with its investigation's office and its court. */
export const suspectColumns: ResourceColumns = {
  organisationId: sql`o.organisation_id`,
  sharedInState: (organisationId: string, state: ShareState) =>
    state === 'prosecution_referral'
      ? sql<SqlBool>`i.prosecution_office_id is not distinct from ${organisationId}::uuid`
      : state === 'before_court'
        ? sql<SqlBool>`s.court_organisation_id is not distinct from ${organisationId}::uuid`
        : never,
};

/** The same facts in memory (the evaluator's view of the row), for the field policy. */
export function factsOf(organisationId: string, offices: ReadonlyArray<string | null>, courts: ReadonlyArray<string | null>): RecordFacts {
  return {
    organisationId,
    assigneeUserId: null,
    jurisdiction: null,
    consentsGiven: [],
    shares: [
      ...offices.flatMap((id) => (id ? [{ organisationId: id, state: 'prosecution_referral' as const, fields: [] }] : [])),
      ...courts.flatMap((id) => (id ? [{ organisationId: id, state: 'before_court' as const, fields: [] }] : [])),
    ],
  };
}

export interface OperationRow {
  id: string;
  reference: string;
  organisation_id: string;
  organisation_name: string;
  name: string;
  origin: string;
  approach: string;
  forms_of_exploitation: string[];
  places: Array<{ stage: string; country: string }>;
  place_names: Uint8Array;
  protocol_acts: string[];
  protocol_means: string[];
  protocol_purposes: string[];
  started_on: string;
  created_at: Date;
  offices: Array<string | null>;
  courts: Array<string | null>;
}

/** Operations the rule lets this user read (one, or all, newest first). */
export async function findOperations(tx: Db, subject: Subject, rule: Rule, id?: string, limit = 200): Promise<OperationRow[]> {
  const only: Expression<SqlBool> = id ? sql<SqlBool>`o.id = ${id}::uuid` : sql<SqlBool>`true`;
  const { rows } = await sql<OperationRow>`
    select o.id, o.reference, o.organisation_id, g.name as organisation_name, o.name, o.origin, o.approach, o.forms_of_exploitation, o.places,
      o.place_names, o.protocol_acts, o.protocol_means, o.protocol_purposes, o.started_on::text as started_on, o.created_at,
      array(select ri.prosecution_office_id from prosecution_investigations ri where ri.operation_id = o.id) as offices,
      array(select rs.court_organisation_id from prosecution_suspects rs where rs.operation_id = o.id) as courts
    from prosecution_operations o join organisations g on g.id = o.organisation_id
    where ${only} and ${compileRule(rule, subject, operationColumns)}
    order by o.started_on desc, o.reference
    limit ${limit}`.execute(tx);
  return rows;
}

export async function operationExists(tx: Db, id: string): Promise<boolean> {
  return (await tx.selectFrom('prosecution_operations').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

export interface InvestigationRow {
  id: string;
  operation_id: string;
  reference: string;
  title: string;
  origin: string;
  approach: string;
  opened_on: string;
  prosecution_office_id: string | null;
  prosecution_office_name: string | null;
  referred_on: string | null;
}

export async function investigationsOf(tx: Db, operationIds: readonly string[]): Promise<InvestigationRow[]> {
  if (operationIds.length === 0) return [];
  const { rows } = await sql<InvestigationRow>`
    select i.id, i.operation_id, i.reference, i.title, i.origin, i.approach, i.opened_on::text as opened_on, i.prosecution_office_id,
      g.name as prosecution_office_name, i.referred_on::text as referred_on
    from prosecution_investigations i left join organisations g on g.id = i.prosecution_office_id
    where i.operation_id = any(${[...operationIds]}::uuid[])
    order by i.opened_on, i.reference`.execute(tx);
  return rows;
}

export async function agenciesOf(tx: Db, operationIds: readonly string[]): Promise<Array<{ operation_id: string; id: string; name: string }>> {
  if (operationIds.length === 0) return [];
  return tx
    .selectFrom('prosecution_operation_agencies as a')
    .innerJoin('organisations as g', 'g.id', 'a.organisation_id')
    .select(['a.operation_id', 'g.id', 'g.name'])
    .where('a.operation_id', 'in', [...operationIds])
    .orderBy('g.name')
    .execute();
}

export interface SuspectRow {
  id: string;
  operation_id: string;
  investigation_id: string;
  organisation_id: string;
  prosecution_office_id: string | null;
  court_organisation_id: string | null;
  pseudonym: Uint8Array;
  identity: Uint8Array | null;
  roles: string[];
  sex: string;
  citizenships: string[];
  age_at_offence: number | null;
}

/** Suspects the rule lets this user reach: one by id, or those of an operation. `lock` holds the row for a change. */
export async function findSuspects(tx: Db, subject: Subject, rule: Rule, where: { id?: string; operationId?: string }, lock = false): Promise<SuspectRow[]> {
  const only = where.id ? sql<SqlBool>`s.id = ${where.id}::uuid` : sql<SqlBool>`s.operation_id = ${where.operationId ?? null}::uuid`;
  const { rows } = await sql<SuspectRow>`
    select s.id, s.operation_id, s.investigation_id, o.organisation_id, i.prosecution_office_id, s.court_organisation_id, s.pseudonym, s.identity,
      s.roles, s.sex, s.citizenships, s.age_at_offence
    from prosecution_suspects s join prosecution_operations o on o.id = s.operation_id join prosecution_investigations i on i.id = s.investigation_id
    where ${only} and ${compileRule(rule, subject, suspectColumns)}
    order by s.created_at, s.id
    ${lock ? sql`for update of s` : sql``}`.execute(tx);
  return rows;
}

export async function suspectExists(tx: Db, id: string): Promise<boolean> {
  return (await tx.selectFrom('prosecution_suspects').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

export interface StepRow {
  id: string;
  suspect_id: string;
  kind: string;
  occurred_on: string;
  ref_step_id: string | null;
  data: Record<string, unknown>;
  recorded_at: Date;
  court_name: string | null;
}

export async function stepsOf(tx: Db, suspectIds: readonly string[]): Promise<StepRow[]> {
  if (suspectIds.length === 0) return [];
  const { rows } = await sql<StepRow>`
    select t.id, t.suspect_id, t.kind, t.occurred_on::text as occurred_on, t.ref_step_id, t.data, t.recorded_at, g.name as court_name
    from prosecution_steps t left join organisations g on t.kind = 'prosecution' and g.id = (t.data->>'courtOrganisationId')::uuid
    where t.suspect_id = any(${[...suspectIds]}::uuid[])
    order by t.occurred_on, t.recorded_at`.execute(tx);
  return rows;
}

export async function organisationTypeOf(tx: Db, id: string): Promise<string | undefined> {
  return (await tx.selectFrom('organisations').select('type').where('id', '=', id).where('active', '=', true).executeTakeFirst())?.type;
}
