import type { AuditEntryView, AuditQuery } from '@palermo/contracts';
import type { Db } from '../db/database.js';
import { caseRecordDb } from '../../modules/case-record/case-record.tables.js';
import { referralDb } from '../../modules/referral/referral.tables.js';

/**
 * Reading the audit log the way its readers ask: by the case number people use, by action, by the organisation of
 * the person who acted. Each entry comes back with its organisation's name and the case number it concerns, so the
 * page can write it as a sentence.
 */

/** Every record id an entry about this case may name: the case, its person, its records, its referrals and match requests. */
async function recordIdsOfCase(db: Db, reference: string): Promise<string[] | undefined> {
  const found = await db
    .selectFrom('cases')
    .select(['id', 'person_id'])
    .where((eb) => eb(eb.fn('upper', ['reference']), '=', reference.toUpperCase()))
    .executeTakeFirst();
  if (!found) return undefined;
  const [records, referrals, matches] = await Promise.all([
    caseRecordDb(db).selectFrom('case_records').select('id').where('case_id', '=', found.id).execute(),
    referralDb(db).selectFrom('referrals').select('id').where('case_id', '=', found.id).execute(),
    db.selectFrom('match_requests').select('id').where('requesting_case_id', '=', found.id).execute(),
  ]);
  return [found.id, found.person_id, ...records.map((r) => r.id), ...referrals.map((r) => r.id), ...matches.map((r) => r.id)];
}

type Filter = Omit<Extract<AuditQuery, object>, 'limit' | 'before'> & { limit: number; before?: number | undefined };

export async function searchAudit(db: Db, q: Filter): Promise<{ entries: AuditEntryView[]; caseFound?: boolean }> {
  let recordIds: string[] | undefined;
  if (q.caseReference) {
    recordIds = await recordIdsOfCase(db, q.caseReference);
    if (!recordIds) return { entries: [], caseFound: false };
  }
  let query = db
    .selectFrom('audit_log as a')
    .leftJoin('organisations as o', 'o.id', 'a.organisation_id')
    .selectAll('a')
    .select('o.name as organisation_name')
    .where('a.seq', 'is not', null)
    .orderBy('a.seq', 'desc')
    .limit(q.limit);
  if (q.userId) query = query.where('a.actor_user_id', '=', q.userId);
  if (q.recordId) query = query.where('a.record_id', '=', q.recordId);
  if (recordIds) query = query.where('a.record_id', 'in', recordIds);
  if (q.action) query = query.where('a.action', '=', q.action);
  if (q.organisationId) query = query.where('a.organisation_id', '=', q.organisationId);
  if (q.from) query = query.where('a.occurred_at', '>=', new Date(q.from));
  if (q.to) query = query.where('a.occurred_at', '<=', new Date(q.to));
  if (q.before) query = query.where('a.seq', '<', q.before);
  const rows = await query.execute();
  const [references, names] = await Promise.all([caseReferencesOf(db, rows), accountNamesOf(db, rows)]);
  const entries = rows.map((row) => ({
    seq: row.seq ?? 0,
    occurredAt: row.occurred_at.toISOString(),
    actorUserId: row.actor_user_id,
    actorName: row.actor_name,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    action: row.action,
    recordType: row.record_type,
    recordId: row.record_id,
    caseReference: (row.record_id && references.get(row.record_id)) ?? null,
    recordName: (row.record_id && names.get(row.record_id)) ?? null,
    purpose: row.purpose,
    summary: row.summary,
    outcome: row.outcome as AuditEntryView['outcome'],
  }));
  return q.caseReference ? { entries, caseFound: true } : { entries };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The case number behind each record id on the page (a case, a person's case, a record's or a referral's case). */
async function caseReferencesOf(db: Db, rows: readonly { record_type: string | null; record_id: string | null }[]): Promise<Map<string, string>> {
  const ids = (type: string) => [...new Set(rows.filter((r) => r.record_type === type && r.record_id && UUID.test(r.record_id)).map((r) => r.record_id as string))];
  const byType = { case: ids('case'), person: ids('person'), case_record: ids('case_record'), referral: ids('referral') };
  const map = new Map<string, string>();
  const none = Promise.resolve([] as { key: string; reference: string }[]);
  const [cases, persons, records, referrals] = await Promise.all([
    byType.case.length ? db.selectFrom('cases').select(['id as key', 'reference']).where('id', 'in', byType.case).execute() : none,
    byType.person.length
      ? db.selectFrom('cases').select(['person_id as key', 'reference']).where('person_id', 'in', byType.person).orderBy('opened_at', 'desc').execute()
      : none,
    byType.case_record.length
      ? caseRecordDb(db).selectFrom('case_records as r').innerJoin('cases as c', 'c.id', 'r.case_id').select(['r.id as key', 'c.reference']).where('r.id', 'in', byType.case_record).execute()
      : none,
    byType.referral.length
      ? referralDb(db).selectFrom('referrals as r').innerJoin('cases as c', 'c.id', 'r.case_id').select(['r.id as key', 'c.reference']).where('r.id', 'in', byType.referral).execute()
      : none,
  ]);
  // A person with several cases (episodes): the newest case's number.
  for (const row of [...cases, ...records, ...referrals]) map.set(row.key, row.reference);
  for (const row of persons) if (!map.has(row.key)) map.set(row.key, row.reference);
  return map;
}

/** The names of the staff accounts and organisations the entries on the page are about. */
async function accountNamesOf(db: Db, rows: readonly { record_type: string | null; record_id: string | null }[]): Promise<Map<string, string>> {
  const ids = (type: string) => [...new Set(rows.filter((r) => r.record_type === type && r.record_id && UUID.test(r.record_id)).map((r) => r.record_id as string))];
  const users = ids('user');
  const organisations = ids('organisation');
  const [userRows, organisationRows] = await Promise.all([
    users.length ? db.selectFrom('users').select(['id', 'display_name as name']).where('id', 'in', users).execute() : Promise.resolve([]),
    organisations.length ? db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', organisations).execute() : Promise.resolve([]),
  ]);
  return new Map([...userRows, ...organisationRows].map((row) => [row.id, row.name]));
}
