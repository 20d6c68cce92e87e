import { sql, type SqlBool } from 'kysely';
import { homeListLimit, homeTotalCap, type ConsentPurpose, type ProtectionService, type ReferralKind, type ReferralStatus, type ReferralUrgency, type TraffickingStatus } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { Subject } from '../../platform/access/rules.js';
import { compileRule, type ResourceColumns } from '../../platform/access/sql-filter.js';
import { compileVisibleFields } from '../../platform/access/field-policy.js';
import { caseRules } from '../case/case.policy.js';
import { caseColumns, caseListColumns } from '../case/case.repo.js';
import { caseFieldPolicy } from '../case/case.fields.js';
import { referralRules, receiverColumns, senderColumns } from '../referral/referral.policy.js';
import { userRules } from '../user/user.policy.js';
import type { SopDocument } from '../sop/sop.contracts.js';
import { findMeasure } from '../sop/sop.measures.js';

const iso = (value: Date | string) => new Date(value).toISOString();
const isoOrNull = (value: Date | string | null) => (value === null ? null : iso(value));

/**
 * How long a referral may wait for an answer: the deadline the SOP in force gives its first referral step
 * (`identification.initial-referral`), one day if the SOP sets none.
 */
export function referralAnswerDays(sop: SopDocument): number {
  return findMeasure(sop, 'identification.initial-referral')?.measure.when.deadlineDays ?? 1;
}

/** Referrals waiting for the user's organisation's answer (the inbox's rule), oldest first; late past the SOP's time. */
export async function referralsWaiting(db: Db, subject: Subject, answerDays: number) {
  const { rows } = await sql<{ id: string; reference: string; kind: ReferralKind; service: ProtectionService | null; urgency: ReferralUrgency; from_name: string; sent_at: Date; overdue: boolean; total: string }>`
    select r.id, c.reference, r.kind, r.service, r.urgency, o.name as from_name, r.sent_at,
      r.sent_at < now() - make_interval(days => ${answerDays}) as overdue, count(*) over () as total
    from referrals r join cases c on c.id = r.case_id join organisations o on o.id = r.from_organisation_id
    where ${compileRule(referralRules.inbox, subject, receiverColumns)} and r.status = 'sent'
    order by case r.urgency when 'emergency' then 0 when 'urgent' then 1 else 2 end, r.sent_at, r.id
    limit ${homeListLimit}`.execute(db);
  return {
    total: Number(rows[0]?.total ?? 0),
    items: rows.map((r) => ({ id: r.id, caseReference: r.reference, kind: r.kind, service: r.service, urgency: r.urgency, fromOrganisation: r.from_name, sentAt: iso(r.sent_at), overdue: r.overdue })),
  };
}

/**
 * How access conditions read a case `c` with its person `p` where few cases are read in order up to a limit: the
 * person's consent looked up by its key for each case (as `exists` would, without building the set of every consent).
 */
const probedConsent: ResourceColumns = {
  ...caseColumns,
  consentGiven: (purpose: ConsentPurpose) =>
    sql<SqlBool>`coalesce((select true from person_consents pc where pc.person_id = c.person_id and pc.purpose = ${purpose} and pc.status = 'given' limit 1), false)`,
};

/**
 * Law enforcement: the suspicions its organisation reported, newest first, as far as it may still see them: a case it
 * can read (at intake, or with the person's consent to law enforcement) or a referral in its outbox. Where the case
 * went is read from the outbox (the organisation it was handed over or referred to, and the answer); the status
 * decided only where the case field policy shows `traffickingStatus` to the user.
 */
export async function suspicionsReported(db: Db, subject: Subject) {
  const readable = compileRule(caseRules.read, subject, probedConsent);
  const outbox = compileRule(referralRules.outbox, subject, senderColumns);
  // The suspicions are read newest first up to the cap (the total says "more than 100" beyond); the fields shown are
  // computed for the listed ones only.
  const { rows } = await sql<{
    id: string; reference: string; opened_at: Date; readable: boolean; held: boolean; visible_fields: string[]; trafficking_status: string;
    r_kind: ReferralKind | null; r_to: string | null; r_status: ReferralStatus | null; r_at: Date | null; total: string | number;
  }>`
    with hit as (
      select c.id, c.reference, c.opened_at, ${readable} as readable, c.managing_organisation_id = ${subject.organisationId}::uuid as held,
        last.kind as r_kind, last.to_name as r_to, last.status as r_status, last.at as r_at
      from cases c join persons p on p.id = c.person_id
        left join lateral (select r.kind, o.name as to_name, r.status, coalesce(r.accepted_at, r.declined_at, r.withdrawn_at, r.sent_at) as at
          from referrals r join organisations o on o.id = r.to_organisation_id
          where r.case_id = c.id and ${outbox} order by r.sent_at desc, r.id limit 1) as last on true
      where c.reported_by_organisation_id = ${subject.organisationId}::uuid and (${readable} or last.kind is not null)
      order by c.opened_at desc, c.id
      limit ${homeTotalCap + 1}),
    page as (select * from hit order by opened_at desc, id limit ${homeListLimit})
    select page.*, c.trafficking_status, (select count(*) from hit) as total,
      case when page.readable then ${compileVisibleFields(caseFieldPolicy, subject, probedConsent)} else '{}'::text[] end as visible_fields
    from page join cases c on c.id = page.id join persons p on p.id = c.person_id
    order by page.opened_at desc, page.id`.execute(db);
  return {
    total: Number(rows[0]?.total ?? 0),
    items: rows.map((r) => ({
      caseId: r.readable ? r.id : null,
      reference: r.reference,
      openedAt: iso(r.opened_at),
      heldByUs: r.held && r.readable,
      referral: r.r_kind && r.r_to && r.r_status && r.r_at ? { kind: r.r_kind, organisation: r.r_to, status: r.r_status, at: iso(r.r_at) } : null,
      ...(r.readable && r.visible_fields.includes('traffickingStatus') ? { traffickingStatus: r.trafficking_status as TraffickingStatus } : {}),
    })),
  };
}

/** The coordinator: referrals waiting past the SOP's time, per receiving organisation (counts of referrals, not persons). */
export async function unansweredReferrals(db: Db, answerDays: number) {
  const { rows } = await sql<{ name: string; n: string; oldest: Date }>`
    select o.name, count(*) as n, min(r.sent_at) as oldest
    from referrals r join organisations o on o.id = r.to_organisation_id
    where r.status = 'sent' and r.sent_at < now() - make_interval(days => ${answerDays})
    group by o.name order by n desc, o.name`.execute(db);
  return { answerDays, organisations: rows.map((r) => ({ organisation: r.name, count: Number(r.n), oldestAt: iso(r.oldest) })) };
}

/** The coordinator: decisions past their deadline, per competent authority the case was sent to. */
export async function overdueDecisions(db: Db) {
  const { rows } = await sql<{ name: string; n: string; oldest: Date }>`
    select o.name, count(distinct c.id) as n, min(c.decision_due_at) as oldest
    from cases c join case_shares s on s.case_id = c.id and s.purpose = 'identification_decision' and s.revoked_at is null
      join organisations o on o.id = s.organisation_id
    where c.decision_due_at < now() and c.stage in ('reported', 'screened', 'reasonable_grounds_pending', 'reasonable_grounds_positive')
      and c.status in ('Active', 'FollowUp')
    group by o.name order by n desc, o.name`.execute(db);
  return { organisations: rows.map((r) => ({ organisation: r.name, count: Number(r.n), oldestAt: iso(r.oldest) })) };
}

/** One of the month's lists of persons: its digest, and its ids unless the caller said it knows that digest. */
export interface MonthList {
  readonly digest: string;
  readonly ids: readonly string[] | undefined;
}

/**
 * The persons behind this month's counts (cases opened, persons referred, positive decisions): ids only, to perturb.
 * Each decision's case is looked up by its key (a month's decisions are a few thousand among every case). Each list
 * comes with a digest of its ids (SHA-256 of the sorted list); a list whose digest is among `known` is not sent (the
 * caller counted it already: a month's lists change only when a case is opened, referred or decided).
 */
export async function monthPersons(db: Db, known: readonly string[] = []) {
  // Each list travels as one comma-separated text (a month holds thousands of ids: one value parses far faster than an
  // array), its ids made distinct byte by byte (collation "C": the same order for ids, without the locale's rules).
  const { rows } = await sql<{ month: string; kind: 'opened' | 'referred' | 'positive'; digest: string; list: string | null }>`
    with lists as (select date_trunc('month', now())::date::text as month,
      (select string_agg(distinct c.person_id::text collate "C", ',') from cases c where c.opened_at >= date_trunc('month', now())) as opened,
      (select string_agg(distinct c.person_id::text collate "C", ',') from referrals r join cases c on c.id = r.case_id where r.sent_at >= date_trunc('month', now())) as referred,
      (select string_agg(distinct (select c.person_id::text collate "C" from cases c where c.id = d.case_id), ',') from status_decisions d
        where d.decided_at >= date_trunc('month', now()) and d.outcome = 'positive') as positive)
    select l.month, v.kind, d.digest, case when d.digest = any(${sql.val([...known])}::text[]) then null else coalesce(v.list, '') end as list
    from lists l cross join lateral (values ('opened', l.opened), ('referred', l.referred), ('positive', l.positive)) as v(kind, list)
      cross join lateral (select encode(sha256(convert_to(coalesce(v.list, ''), 'UTF8')), 'hex') as digest) as d`.execute(db);
  const list = (kind: 'opened' | 'referred' | 'positive'): MonthList => {
    const row = rows.find((r) => r.kind === kind);
    const text = row?.list;
    return { digest: row?.digest ?? '', ids: text === null || text === undefined ? undefined : text === '' ? [] : text.split(',') };
  };
  return { month: rows[0]?.month ?? '', opened: list('opened'), referred: list('referred'), positive: list('positive') };
}

/** The rapporteur: the newest imports and releases. */
export async function whatsNew(db: Db) {
  const imports = await db
    .selectFrom('statistical_datasets')
    .select(['id', 'name', 'rows_imported', 'created_at'])
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(5)
    .execute();
  const releases = await db.selectFrom('releases').select(['id', 'kind', 'file_name', 'records_released', 'created_at']).orderBy('created_at', 'desc').orderBy('id').limit(5).execute();
  return {
    imports: { items: imports.map((i) => ({ id: i.id, name: i.name, rows: i.rows_imported, at: iso(i.created_at) })) },
    releases: { items: releases.map((r) => ({ id: r.id, kind: r.kind, fileName: r.file_name, records: r.records_released, at: iso(r.created_at) })) },
  };
}

type UserCondition = 'locked' | 'no_two_factor' | 'inactive';
const userConditions: Record<UserCondition, ReturnType<typeof sql<SqlBool>>> = {
  locked: sql<SqlBool>`(u.locked or u.locked_until > now())`,
  no_two_factor: sql<SqlBool>`u.totp_enrolled_at is null`,
  inactive: sql<SqlBool>`coalesce(u.last_signed_in_at, u.created_at) < now() - interval '90 days'`,
};
const userSince: Record<UserCondition, ReturnType<typeof sql>> = {
  locked: sql`coalesce(u.locked_until, u.updated_at)`,
  no_two_factor: sql`u.created_at`,
  inactive: sql`u.last_signed_in_at`,
};

/** Administrators: active accounts in this condition, among the users they manage (userRules.manage). */
export async function usersIn(db: Db, subject: Subject, condition: UserCondition) {
  const { rows } = await sql<{ id: string; display_name: string; name: string; since: Date | null; total: string }>`
    select u.id, u.display_name, o.name, ${userSince[condition]} as since, count(*) over () as total
    from users u join organisations o on o.id = u.organisation_id
    where u.active and ${compileRule(userRules.manage, subject, { organisationId: sql`u.organisation_id` })} and ${userConditions[condition]}
    order by since asc nulls first, u.display_name, u.id
    limit ${homeListLimit}`.execute(db);
  return { total: Number(rows[0]?.total ?? 0), items: rows.map((r) => ({ id: r.id, displayName: r.display_name, organisation: r.name, since: isoOrNull(r.since) })) };
}

/**
 * Counts for the navigation: no personal data is read (ids are counted, never selected), so nothing is audited. The
 * cases are counted without their persons joined (caseListColumns look a person up only where a rule reads it).
 */
export async function counts(db: Db, subject: Subject, answerDays: number) {
  void answerDays;
  const isCaseworker = subject.roles.includes('caseworker') || subject.roles.includes('supervisor');
  const isAuthority = subject.roles.includes('decision_maker');
  const isAdmin = subject.roles.includes('national_admin') || subject.roles.includes('organisation_admin');
  const { rows } = await sql<{ cases: string | null; referrals: string | null; users: string | null }>`
    select
      ${isAuthority ? sql`(select count(*) from cases c
          where ${compileRule(caseRules.decide, subject, caseListColumns)} and c.decision_due_at is not null
            and c.stage in ('reported', 'screened', 'reasonable_grounds_pending', 'reasonable_grounds_positive') and c.status in ('Active', 'FollowUp'))`
        : isCaseworker ? sql`(select count(*) from cases c
          where ${compileRule(caseRules.assist, subject, caseListColumns)} and c.status in ('Active', 'FollowUp')
            and ${subject.roles.includes('supervisor') ? sql`true` : sql`c.case_manager_user_id = ${subject.userId}::uuid`}
            and c.decision_due_at < now() and c.stage in ('reported', 'screened', 'reasonable_grounds_pending', 'reasonable_grounds_positive'))`
        : sql`null::bigint`} as cases,
      ${isCaseworker ? sql`(select count(*) from referrals r where ${compileRule(referralRules.inbox, subject, receiverColumns)} and r.status = 'sent')` : sql`null::bigint`} as referrals,
      ${isAdmin ? sql`(select count(*) from users u where u.active and ${compileRule(userRules.manage, subject, { organisationId: sql`u.organisation_id` })}
          and (${userConditions.locked} or ${userConditions.no_two_factor}))` : sql`null::bigint`} as users`.execute(db);
  const row = rows[0];
  const n = (v: string | null | undefined) => (v === null || v === undefined ? undefined : Number(v));
  const out = { cases: n(row?.cases), referrals: n(row?.referrals), users: n(row?.users) };
  return { ...out, home: (out.cases ?? 0) + (out.referrals ?? 0) + (out.users ?? 0) };
}
