import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type {
  CaseStage,
  CaseStatus,
  CaseView,
  ConsentPurpose,
  ConsentStatus,
  FormOfExploitation,
  Gender,
  ShareablePersonField,
  TraffickingStatus,
} from '@palermo/contracts';
import { caseListTotalCap, caseRecordKinds, receiverRecordKinds, caseStages, caseSummary, closeCaseRequest, openCaseRequest, type CaseListSort } from '@palermo/contracts';
import type { z } from 'zod';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Rule, Subject } from '../../platform/access/rules.js';
import { compileRule } from '../../platform/access/sql-filter.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { HttpError, conflict, notFound } from '../../platform/http/errors.js';
import { createPerson } from '../person/person.service.js';
import { caseRules } from './case.policy.js';
import * as repo from './case.repo.js';
import { idFromIdempotencyKey, measureKey, recordAction } from './case-timeline.js';
import { currentSopDocument, sopDocumentOfVersion } from '../sop/sop.service.js';
import type { SopDocument } from '../sop/sop.contracts.js';
import { decryptPageFields, loadCasePage, personFieldsShown } from './case-read.js';
import { caseFieldPolicy } from './case.fields.js';
import { compileVisibleFields, presentFields } from '../../platform/access/field-policy.js';
import { relationshipRules, relationships } from '../../platform/access/relationships.js';
import { auditEntry } from './audited-statement.js';
import { measuresForStage } from '../sop/sop.measures.js';
import { asShipped, shippedSopTexts, type ShippedTexts } from '../sop/sop.shipped.js';
import { withFacts } from './case-timeline-facts.js';
import { casePage } from './case-list-page.js';

const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function newReference(): string {
  let code = '';
  for (let i = 0; i < 7; i += 1) code += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)] ?? '';
  return `C-${new Date().getUTCFullYear()}-${code}`;
}

export interface CaseRef {
  readonly id: string;
  readonly reference: string;
  readonly version: number;
}

/**
 * Reports a suspicion and opens a case: the person is recorded (anonymously if need be), the case is managed by the
 * reporting organisation, and a caseworker who reports becomes the case manager. Retrying with the same idempotency
 * key returns the case already opened.
 */
export async function openCase(
  tx: Db,
  cipher: FieldCipher,
  subject: Subject,
  actor: Actor,
  input: z.output<typeof openCaseRequest>,
  idempotencyKey: string,
): Promise<CaseRef> {
  const id = idFromIdempotencyKey(`case:${subject.organisationId}`, idempotencyKey);
  const existing = await tx.selectFrom('cases').select(['id', 'reference', 'version']).where('id', '=', id).executeTakeFirst();
  if (existing) return existing;
  const person = await createPerson(tx, cipher, subject, actor, input.person);
  await tx
    .updateTable('persons')
    .set({ gender: input.person.gender ?? null, citizenships: input.person.citizenships, is_child: input.person.isChild })
    .where('id', '=', person.id)
    .execute();
  const reference = newReference();
  await tx
    .insertInto('cases')
    .values({
      id,
      reference,
      person_id: person.id,
      managing_organisation_id: subject.organisationId,
      case_manager_user_id: subject.roles.includes('caseworker') ? subject.userId : null,
      reported_by_organisation_id: subject.organisationId,
      forms_of_exploitation: input.formsOfExploitation,
      country_of_exploitation: input.countryOfExploitation ?? null,
    })
    .execute();
  await recordAction(tx, subject, id, 'case.opened', `suspicion reported${input.person.givenName || input.person.familyName ? '' : ' (anonymous intake)'}`, idempotencyKey);
  await appendAudit(tx, actor, { action: 'case.open', recordType: 'case', recordId: id, purpose: 'case_management', summary: `case ${reference} opened` });
  return { id, reference, version: 1 };
}

/**
 * The visible case, or undefined when the rules refuse (the refusal is audited; the caller answers 404). One statement
 * reads the page and writes the audit entry naming the fields shown (loadCasePage), so a transaction around it is not
 * needed (any further query reads no personal data: the SOP document, a data key); only the fields shown are decrypted.
 */
export async function readCase(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, id: string): Promise<CaseView | undefined> {
  const page = await loadCasePage(tx, subject, actor, id);
  if (!page.found) return undefined;
  const { row } = page;
  const full = row.full_access;
  const fields = personFieldsShown(row.visible_fields) as Set<ShareablePersonField>;
  const decrypted = await decryptPageFields(cipher, tx, row.person_id, row.encrypted, fields);
  const visibleFields: Partial<Record<ShareablePersonField, string | null>> = {};
  for (const f of fields) visibleFields[f] = decrypted[f] ?? null;
  const measures = full && row.sop_version !== null && row.sop_stamp !== null ? measuresAtStage(await sopDocumentOfVersion(tx, row.sop_version, row.sop_stamp), await shippedSopTexts(tx), row.stage, row.measures_done ?? []) : [];
  const view: CaseView = {
    id: row.id,
    reference: row.reference,
    status: row.status as CaseStatus,
    stage: row.stage as CaseStage,
    traffickingStatus: row.trafficking_status as TraffickingStatus,
    managingOrganisationId: row.managing_organisation_id,
    caseManagerUserId: row.case_manager_user_id,
    formsOfExploitation: row.forms_of_exploitation as FormOfExploitation[],
    reflectionPeriod: row.reflection_start && row.reflection_end ? { start: row.reflection_start, end: row.reflection_end } : null,
    decisionDueAt: row.decision_due_at ? new Date(row.decision_due_at).toISOString() : null,
    overdue: row.overdue,
    closureReason: row.closure_reason,
    version: row.version,
    person: { id: row.person_id, isChild: row.is_child, gender: row.gender as Gender | null, citizenships: row.citizenships, fields: visibleFields },
    consents: (row.consents ?? []).map((c) => ({ purpose: c.purpose as ConsentPurpose, targetOrganisationId: c.target_organisation_id, status: c.status as ConsentStatus, recordedAt: new Date(c.recorded_at).toISOString() })),
    timeline: await withFacts(tx, (row.timeline ?? []).map((t) => ({ action: t.action, summary: t.summary, key: t.key, actorName: t.display_name, organisationName: t.organisation_name, occurredAt: new Date(t.occurred_at).toISOString() }))),
    measures,
    recordKinds: row.manages_records ? [...caseRecordKinds] : row.adds_records ? [...receiverRecordKinds] : [],
    openedAt: new Date(row.opened_at).toISOString(),
    flags: row.visible_fields.includes('flags') ? await caseFlags(tx, row.id) : [],
  };
  // The field policy decides what leaves: the fields above not granted to this user's relationships are dropped.
  return presentFields(view, new Set(row.visible_fields)) as CaseView;
}

/** The summary's flags that come from the case record: an urgent referral still open, a high safety risk assessed. */
async function caseFlags(tx: Db, id: string): Promise<Array<'urgent' | 'safety_risk'>> {
  const { rows } = await sql<{ urgent: boolean; safety_risk: boolean }>`
    select exists (select 1 from referrals r where r.case_id = ${id}::uuid and r.status in ('sent', 'accepted') and r.urgency in ('urgent', 'emergency')) as urgent,
      exists (select 1 from case_records k where k.case_id = ${id}::uuid and k.kind = 'risk_assessment' and k.data->>'level' = 'high'
        and not exists (select 1 from case_records x where x.supersedes_id = k.id)) as safety_risk`.execute(tx);
  const row = rows[0];
  return [...(row?.urgent ? (['urgent'] as const) : []), ...(row?.safety_risk ? (['safety_risk'] as const) : [])];
}

/** The measures at the stage, each saying which of its texts are the shipped default's (the web app translates those). */
function measuresAtStage(document: SopDocument, shipped: ShippedTexts, stage: string, doneKeys: readonly string[]) {
  const done = new Set(doneKeys);
  return measuresForStage(document, stage as CaseStage).map(({ sop, sopTitle, measure }) => ({
    id: measure.id,
    sop,
    sopTitle,
    title: measure.title,
    what: measure.what,
    how: measure.how,
    asShipped: asShipped(shipped, { number: sop, title: sopTitle }, measure),
    done: done.has(measureKey(measure.id)),
  }));
}

/** Marks an SOP measure done for this case. */
export async function markMeasureDone(tx: Db, subject: Subject, actor: Actor, id: string, measureId: string): Promise<void> {
  const row = await caseForChange(tx, subject, id, caseRules.manage, undefined);
  const applicable = measuresForStage(await currentSopDocument(tx), row.stage as CaseStage).find((m) => m.measure.id === measureId);
  if (!applicable) throw new HttpError(409, 'not_applicable', `Measure ${measureId} does not apply at the case's current stage`);
  if ((await recordAction(tx, subject, id, 'measure.done', `SOP ${applicable.sop} measure done: ${applicable.measure.title}`, measureKey(measureId))) === 'recorded') {
    await appendAudit(tx, actor, { action: 'case.measure_done', recordType: 'case', recordId: id, purpose: 'case_management', summary: `measure ${measureId} done` });
  }
}

type ListRow = Awaited<ReturnType<ReturnType<typeof repo.selectCaseSummaries>['executeTakeFirstOrThrow']>> & { readonly visible_fields: string[] };

export interface CaseListFilter {
  readonly stage?: CaseStage | undefined;
  readonly status?: CaseStatus | undefined;
  readonly overdue?: boolean | undefined;
  readonly deadline?: 'overdue' | 'week' | undefined;
  readonly form?: FormOfExploitation | undefined;
  readonly assignedToMe?: boolean | undefined;
  readonly sort?: CaseListSort | undefined;
  readonly offset?: number | undefined;
  readonly limit: number;
}

/**
 * Whether the field policy shows this field of the case to the user: the relationships granting it, compiled to SQL
 * over the case row (the fields guarded here are granted outright, never only as shared).
 */
function fieldShown(subject: Subject, field: 'stage' | 'decisionDueAt' | 'formsOfExploitation') {
  const holders = relationships.filter((r) => (caseFieldPolicy.grants[r].fields as readonly string[]).includes(field));
  if (holders.length === 0) return sql<boolean>`false`;
  return sql<boolean>`(${sql.join(holders.map((r) => compileRule(relationshipRules[r], subject, repo.caseListColumns)), sql` or `)})`;
}

/** Each sort as SQL over the page's rows (`r`), always ending on the id so that pages never overlap. */
const listOrders: Record<CaseListSort, ReturnType<typeof sql>> = {
  opened_desc: sql`r.opened_at desc, r.id`,
  opened_asc: sql`r.opened_at asc, r.id`,
  due_asc: sql`r.sort_due asc nulls last, r.opened_at desc, r.id`,
  reference_asc: sql`r.reference asc, r.id`,
  stage_asc: sql`r.sort_stage asc nulls last, r.opened_at desc, r.id`,
};

/**
 * The worklist: cases the user may see, filtered, sorted and paged, with the total. Reads only the columns listed (the
 * filter reads the case and its person through caseColumns, like every other read), in one statement that also writes
 * the audit entry, so a transaction around it is not needed.
 */
export async function listCases(tx: Db, subject: Subject, actor: Actor, filter: CaseListFilter) {
  const waiting = sql`c.stage in ('reported', 'screened', 'reasonable_grounds_pending', 'reasonable_grounds_positive')`;
  const sort = filter.sort ?? 'opened_desc';
  // Sorting by a field the user may not see would reveal it: where the field is hidden, the case sorts as unknown.
  let query = repo
    .selectCaseSummaries(tx)
    .select([
      (sort === 'due_asc' ? sql<Date | null>`case when ${fieldShown(subject, 'decisionDueAt')} then c.decision_due_at end` : sql<null>`null`).as('sort_due'),
      (sort === 'stage_asc' ? sql<number | null>`case when ${fieldShown(subject, 'stage')} then array_position(${sql.val([...caseStages])}::text[], c.stage) end` : sql<null>`null`).as('sort_stage'),
    ])
    .where(compileRule(caseRules.read, subject, repo.caseListColumns));
  // Filtering by a field the user may not see would reveal it too: a filter on a field keeps only cases that show it.
  if (filter.stage) query = query.where('c.stage', '=', filter.stage).where(fieldShown(subject, 'stage'));
  if (filter.status) query = query.where('c.status', '=', filter.status);
  if (filter.form) query = query.where(sql<boolean>`c.forms_of_exploitation @> array[${filter.form}]::text[]`).where(fieldShown(subject, 'formsOfExploitation'));
  if (filter.assignedToMe) query = query.where('c.case_manager_user_id', '=', subject.userId);
  if (filter.overdue !== undefined || filter.deadline) query = query.where(fieldShown(subject, 'decisionDueAt'));
  if (filter.overdue !== undefined) {
    const overdue = sql<boolean>`(c.decision_due_at is not null and c.decision_due_at < now() and ${waiting})`;
    query = query.where(overdue, '=', filter.overdue);
  }
  if (filter.deadline === 'overdue') query = query.where(sql<boolean>`c.decision_due_at < now() and ${waiting}`);
  if (filter.deadline === 'week') query = query.where(sql<boolean>`c.decision_due_at >= now() and c.decision_due_at < now() + interval '7 days' and ${waiting}`);
  const order = listOrders[sort];
  const page = casePage(query, sort, (field) => fieldShown(subject, field), order, filter.limit, filter.offset ?? 0);
  // The fields shown are computed for the page's cases only, after the limit.
  const visible = sql`select r.*, ${compileVisibleFields(caseFieldPolicy, subject, repo.caseListColumns)} as visible_fields
    from page as r join cases c on c.id = r.id`;
  // The statement that reads the page writes its audit entry (when it lists anything): one round trip, not two.
  const summary = sql<string>`'listed ' || count(*) || ' cases (no person names): ' || string_agg(r.reference, ' ' order by ${order})`;
  const { rows } = await sql<ListRow>`
    with page as (${page}), r as (${visible}),
      logged as (${auditEntry(actor, { action: 'case.list', recordType: 'case', purpose: 'case_management' }, summary, sql`from r having count(*) > 0`)})
    select * from r order by ${order}`.execute(tx);
  // The total is counted apart, up to the cap (a caseload of tens of thousands says "more than 1,000").
  const offset = filter.offset ?? 0;
  const total = offset === 0 && rows.length < filter.limit ? rows.length : await countCases(tx, sql`select 1 from (${query}) as r limit ${caseListTotalCap + 1}`);
  const cases = rows.map((row) =>
    presentFields(
      {
        id: row.id,
        reference: row.reference,
        status: row.status as CaseStatus,
        stage: row.stage as CaseStage,
        traffickingStatus: row.trafficking_status as TraffickingStatus,
        managingOrganisationId: row.managing_organisation_id,
        decisionDueAt: row.decision_due_at ? new Date(row.decision_due_at).toISOString() : null,
        overdue: row.overdue,
        openedAt: new Date(row.opened_at).toISOString(),
      },
      new Set(row.visible_fields),
    ) as z.infer<typeof caseSummary>,
  );
  return { cases, total, offset, limit: filter.limit };
}

/** How many cases match, counted up to the cap. */
async function countCases(tx: Db, matching: ReturnType<typeof sql>): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*) as n from (${matching}) as q`.execute(tx);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Loads a case the user may act on with this rule, or refuses with 404; then checks the version the user read, so
 * that two people editing the same case cannot silently overwrite each other.
 */
export async function caseForChange(tx: Db, subject: Subject, id: string, rule: Rule, version: number | undefined) {
  const row = await repo.findCase(tx, id, compileRule(rule, subject, repo.caseColumns));
  if (!row) throw notFound('Case');
  if (version !== undefined && row.version !== version) {
    throw conflict(`The case was changed by someone else (you read version ${version}, it is now version ${row.version}); reload it and try again`);
  }
  return row;
}

/** Bumps the version, refusing if another change got there first. */
export async function bumpVersion(tx: Db, id: string, version: number): Promise<number> {
  const updated = await tx
    .updateTable('cases')
    .set({ version: version + 1, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('version')
    .executeTakeFirst();
  if (!updated) throw conflict('The case was changed by someone else; reload it and try again');
  return updated.version;
}

export async function closeCase(tx: Db, subject: Subject, actor: Actor, id: string, input: z.output<typeof closeCaseRequest>, key: string): Promise<CaseRef> {
  const row = await caseForChange(tx, subject, id, caseRules.manage, undefined);
  if ((await recordAction(tx, subject, id, 'case.closed', `case closed${input.referred ? ' (referred)' : ''}`, key)) === 'already_done') {
    return { id, reference: row.reference, version: row.version };
  }
  await caseForChange(tx, subject, id, caseRules.manage, input.version);
  if (row.status === 'Closed' || row.status === 'ClosedReferred') throw conflict('The case is already closed');
  const version = await bumpVersion(tx, id, input.version);
  await tx
    .updateTable('cases')
    .set({ status: input.referred ? 'ClosedReferred' : 'Closed', closure_reason: input.reason, closed_at: new Date() })
    .where('id', '=', id)
    .execute();
  await appendAudit(tx, actor, { action: 'case.close', recordType: 'case', recordId: id, purpose: 'case_management', summary: 'case closed with a reason' });
  return { id, reference: row.reference, version };
}

