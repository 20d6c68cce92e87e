import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Subject } from '../../platform/access/rules.js';
import type { Actor } from '../../platform/audit/audit.js';
import type { PersonRow } from '../../platform/db/schema.js';
import { decryptPerson } from '../person/person.crypto.js';
import { listRecords } from '../case-record/case-record.read.js';
import { readAccount } from '../account/account.read.js';
import { readProfile } from '../person-profile/person-profile.service.js';
import { readIntake } from '../person-profile/case-intake.service.js';
import { referralBinding } from '../referral/referral.view.js';

/**
 * Everything held about one person, as the organisation answering her subject access request holds it: her identity,
 * each of her cases (decisions, consents, referrals, screenings, documents, the case record, her account and the
 * referral form's sections), the organisations that hold any of it, and which organisations and roles read it when
 * (from the audit log: never staff names). Records that another organisation keeps to itself (its counselling and
 * health notes) are counted by organisation, not read: that organisation answers for them.
 */
export interface HeldCase {
  id: string;
  reference: string;
  openedAt: Date;
  closedAt: Date | null;
  status: string;
  stage: string;
  traffickingStatus: string;
  formsOfExploitation: string[];
  managingOrganisation: string;
  decisions: Array<{ kind: string; outcome: string; decidedAt: Date; organisation: string; reason: string }>;
  consents: Array<{ purpose: string; status: string; recordedAt: Date; organisation: string | null }>;
  referrals: Array<{ kind: string; service: string | null; from: string; to: string; status: string; sentAt: Date; message: string | null }>;
  screenings: Array<{ checklist: string; screenedAt: Date; organisation: string }>;
  documents: Array<{ type: string; createdAt: Date; organisation: string }>;
  records: Array<Record<string, unknown>>;
  heldElsewhere: Array<{ organisation: string; count: number }>;
  account: Record<string, unknown> | null;
  profile: Record<string, unknown> | null;
  intake: Record<string, unknown> | null;
}

export interface HeldRecord {
  person: PersonRow;
  identity: Record<string, string | null>;
  cases: HeldCase[];
  holders: Array<{ organisation: string; how: string }>;
  reads: Array<{ at: Date; organisation: string | null; roles: string[]; action: string }>;
  requests: Array<{ kind: string; receivedOn: string; outcome: string | null; answeredAt: Date | null }>;
}

async function optional<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    // A part a module cannot give (its tables not there yet on an older database) is left out, not the whole answer.
    if (error instanceof Error && /does not exist/.test(error.message)) return null;
    throw error;
  }
}

async function decisionsOf(tx: Db, cipher: FieldCipher, caseId: string): Promise<HeldCase['decisions']> {
  const rows = await tx
    .selectFrom('status_decisions as d')
    .innerJoin('organisations as o', 'o.id', 'd.organisation_id')
    .select(['d.id', 'd.kind', 'd.outcome', 'd.decided_at', 'd.reason', 'o.name'])
    .where('d.case_id', '=', caseId)
    .orderBy('d.decided_at')
    .execute();
  return Promise.all(
    rows.map(async (d) => ({
      kind: d.kind,
      outcome: d.outcome,
      decidedAt: d.decided_at,
      organisation: d.name,
      reason: await cipher.decrypt(d.reason, `status_decisions.reason:${d.id}`, tx),
    })),
  );
}

async function referralsOf(tx: Db, cipher: FieldCipher, caseId: string): Promise<HeldCase['referrals']> {
  const { rows } = await sql<{ id: string; kind: string; service: string | null; from_name: string; to_name: string; status: string; sent_at: Date; message: Uint8Array | null }>`
    select r.id, r.kind, r.service, f.name as from_name, t.name as to_name, r.status, r.sent_at, r.message
    from referrals r join organisations f on f.id = r.from_organisation_id join organisations t on t.id = r.to_organisation_id
    where r.case_id = ${caseId} order by r.sent_at, r.id`.execute(tx);
  return Promise.all(
    rows.map(async (r) => ({
      kind: r.kind,
      service: r.service,
      from: r.from_name,
      to: r.to_name,
      status: r.status,
      sentAt: r.sent_at,
      message: await cipher.decryptOptional(r.message, referralBinding('message', r.id), tx),
    })),
  );
}

async function caseDetails(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, row: CaseListRow): Promise<HeldCase> {
  const consents = await tx
    .selectFrom('consent_events as e')
    .leftJoin('organisations as o', 'o.id', 'e.target_organisation_id')
    .select(['e.purpose', 'e.status', 'e.recorded_at', 'o.name'])
    .where('e.person_id', '=', row.person_id)
    .orderBy('e.recorded_at')
    .orderBy('e.id')
    .execute();
  const screenings = await tx
    .selectFrom('screenings as s')
    .innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .select(['s.checklist_code', 's.screened_at', 'o.name'])
    .where('s.case_id', '=', row.id)
    .orderBy('s.screened_at')
    .execute();
  const documents =
    (await optional(() =>
      tx
        .selectFrom('case_documents as d')
        .innerJoin('organisations as o', 'o.id', 'd.organisation_id')
        .select(['d.document_type', 'd.created_at', 'o.name'])
        .where('d.case_id', '=', row.id)
        .orderBy('d.created_at')
        .execute(),
    )) ?? [];
  const { rows: elsewhere } = await sql<{ organisation: string; count: number }>`
    select o.name as organisation, count(*)::int as count from case_records r join organisations o on o.id = r.organisation_id
    where r.case_id = ${row.id} and r.visibility <> 'case' and r.organisation_id <> ${subject.organisationId}::uuid
    group by o.name order by o.name`.execute(tx);
  const records = (await listRecords(tx, cipher, subject, actor, row.id, { includeSuperseded: true })) ?? [];
  const account = await optional(() => readAccount(tx, cipher, subject, actor, row.id));
  const profile = await optional(() => readProfile(tx, cipher, subject, actor, row.id));
  const intake = await optional(() => readIntake(tx, cipher, subject, actor, row.id));
  return {
    id: row.id,
    reference: row.reference,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    status: row.status,
    stage: row.stage,
    traffickingStatus: row.trafficking_status,
    formsOfExploitation: row.forms_of_exploitation,
    managingOrganisation: row.managing_name,
    decisions: await decisionsOf(tx, cipher, row.id),
    consents: consents.map((c) => ({ purpose: c.purpose, status: c.status, recordedAt: c.recorded_at, organisation: c.name })),
    referrals: await referralsOf(tx, cipher, row.id),
    screenings: screenings.map((s) => ({ checklist: s.checklist_code, screenedAt: s.screened_at, organisation: s.name })),
    documents: documents.map((d) => ({ type: d.document_type, createdAt: d.created_at, organisation: d.name })),
    records: records as unknown as Array<Record<string, unknown>>,
    heldElsewhere: elsewhere,
    account: account as Record<string, unknown> | null,
    profile: profile as Record<string, unknown> | null,
    intake: intake as Record<string, unknown> | null,
  };
}

function envelopeOf(row: CaseListRow): HeldCase {
  return {
    id: row.id,
    reference: row.reference,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    status: row.status,
    stage: row.stage,
    traffickingStatus: row.trafficking_status,
    formsOfExploitation: [],
    managingOrganisation: row.managing_name,
    decisions: [],
    consents: [],
    referrals: [],
    screenings: [],
    documents: [],
    records: [],
    heldElsewhere: [],
    account: null,
    profile: null,
    intake: null,
  };
}

interface CaseListRow {
  id: string;
  person_id: string;
  reference: string;
  opened_at: Date;
  closed_at: Date | null;
  status: string;
  stage: string;
  trafficking_status: string;
  forms_of_exploitation: string[];
  managing_name: string;
  managing_organisation_id: string;
}

/** The organisations that hold her data: the one managing each case, those a share was made with, authors of records. */
async function holdersOf(tx: Db, personId: string): Promise<HeldRecord['holders']> {
  const { rows } = await sql<{ organisation: string; how: string }>`
    select distinct o.name as organisation, h.how from (
      select p.organisation_id as organisation_id, 'person_record' as how from persons p where p.id = ${personId}
      union all select c.managing_organisation_id, 'managing' from cases c where c.person_id = ${personId}
      union all select s.organisation_id, case when s.revoked_at is null then 'shared' else 'shared_ended' end
        from case_shares s join cases c on c.id = s.case_id where c.person_id = ${personId}
      union all select r.organisation_id, 'records' from case_records r join cases c on c.id = r.case_id where c.person_id = ${personId}
    ) h join organisations o on o.id = h.organisation_id
    order by o.name, h.how`.execute(tx);
  return rows;
}

/** Who read or changed her data and when: organisation and roles from the audit log, never the person who acted. */
async function readsOf(tx: Db, personId: string, caseIds: readonly string[]): Promise<HeldRecord['reads']> {
  const ids = [personId, ...caseIds];
  const { rows } = await sql<{ at: Date; organisation: string | null; roles: string[] | null; action: string }>`
    select a.occurred_at as at, o.name as organisation, u.roles, a.action
    from audit_log a left join organisations o on o.id = a.organisation_id left join users u on u.id = a.actor_user_id
    where a.record_id = any(${sql.val(ids)}::text[]) and a.outcome = 'allowed' and a.actor_user_id is not null
    order by a.occurred_at, a.entry_id`.execute(tx);
  return rows.map((r) => ({ at: r.at, organisation: r.organisation, roles: r.roles ?? [], action: r.action }));
}

export async function gatherHeldRecord(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, personId: string): Promise<HeldRecord> {
  const person = await tx.selectFrom('persons').selectAll().where('id', '=', personId).executeTakeFirstOrThrow();
  const identity = await decryptPerson(cipher, tx, person);
  const { rows: caseRows } = await sql<CaseListRow>`
    select c.id, c.person_id, c.reference, c.opened_at, c.closed_at, c.status, c.stage, c.trafficking_status, c.forms_of_exploitation, o.name as managing_name, c.managing_organisation_id
    from cases c join organisations o on o.id = c.managing_organisation_id
    where c.person_id = ${personId} order by c.opened_at, c.id`.execute(tx);
  const cases: HeldCase[] = [];
  // A case another organisation now holds is named with that organisation; that organisation answers for its content.
  for (const row of caseRows) cases.push(row.managing_organisation_id === subject.organisationId ? await caseDetails(tx, cipher, subject, actor, row) : envelopeOf(row));
  const requests = await tx
    .selectFrom('data_subject_requests')
    .select(['kind', sql<string>`received_on::text`.as('received_on'), 'outcome', 'answered_at'])
    .where('person_id', '=', personId)
    .orderBy('recorded_at')
    .execute();
  return {
    person,
    identity,
    cases,
    holders: await holdersOf(tx, personId),
    reads: await readsOf(tx, personId, caseRows.map((c) => c.id)),
    requests: requests.map((r) => ({ kind: r.kind, receivedOn: r.received_on, outcome: r.outcome, answeredAt: r.answered_at })),
  };
}
