import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { sql, type Expression, type SqlBool } from 'kysely';
import { matchCheckLimit, type MatchCheckResult } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import { nameParts } from '../../platform/crypto/blind-index.js';
import type { Rule, Subject } from '../../platform/access/rules.js';
import { compileRule } from '../../platform/access/sql-filter.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { raiseAlert } from '../../platform/audit/alerts.js';
import { HttpError, notFound } from '../../platform/http/errors.js';
import { caseColumns } from './case.repo.js';

/**
 * Who may look for the person of a case at other organisations, and ask them to confirm: the caseworkers and
 * supervisors of the organisation managing the case. Not an assigned caseworker of another organisation, not law
 * enforcement, not a decision maker: asking "who else holds this person" is part of assisting them.
 */
export const matchCheckRule = [[{ role: ['caseworker', 'supervisor'] }, { is: 'sameOrganisation' }]] as const satisfies Rule;

/** A case is open while its status is neither closed nor closed by referral. */
export const caseIsOpen = (status: Expression<string>) => sql<SqlBool>`${status} not in ('Closed', 'ClosedReferred')`;

/**
 * Does the person consent to referral, now? Consent to referral is recorded per receiving organisation; the person
 * consents to being made known beyond the organisation when, for at least one organisation, their newest decision on
 * referral to it is "given". Refused or withdrawn everywhere: no check, no request.
 */
export const referralConsentInForce = (personId: Expression<string>) => sql<SqlBool>`exists (
  select 1 from consent_events e
  where e.person_id = ${personId} and e.purpose = 'referral' and e.status = 'given'
    and not exists (
      select 1 from consent_events later
      where later.person_id = e.person_id and later.purpose = 'referral'
        and later.target_organisation_id is not distinct from e.target_organisation_id
        and (later.recorded_at, later.id) > (e.recorded_at, e.id)
    )
)`;

/**
 * A person held elsewhere probably is the same: two of the person's names in common (each spelled the same or sounding
 * the same), or one name and the birth date. Each name is compared through its own index tokens (its spelling and its
 * phonetic codes), so that one name alone, matched by spelling and by sound, never counts as two. Read over `p`
 * (persons); the GIN index on name_index finds the rows sharing any token.
 */
export const probableMatch = (nameGroups: readonly (readonly string[])[], birthDateIndex: string | null) => {
  const all = [...new Set(nameGroups.flat())];
  if (all.length === 0) return sql<SqlBool>`false`;
  const namesInCommon = sql.join(
    nameGroups.map((group) => sql`(case when p.name_index && ${sql.val([...group])}::text[] then 1 else 0 end)`),
    sql` + `,
  );
  return sql<SqlBool>`(
    p.name_index && ${sql.val(all)}::text[]
    and ((${namesInCommon}) >= 2 or (${birthDateIndex}::text is not null and p.birth_date_index = ${birthDateIndex}::text))
  )`;
};

interface EligibleCase {
  readonly caseId: string;
  readonly personId: string;
  /** The index tokens of each of the person's names (spelling and sound), one group per name. */
  readonly nameGroups: string[][];
  readonly birthDateIndex: string | null;
}

/**
 * The case a check or a request starts from, or the reason it may not: not a case of the user's organisation they may
 * act on (404, as for any case they cannot see), closed (409), or the person does not consent to referral (409).
 */
export async function eligibleCase(tx: Db, cipher: FieldCipher, subject: Subject, caseId: string): Promise<EligibleCase | HttpError> {
  const row = await tx
    .selectFrom('cases as c')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .select(['c.id', 'p.id as person_id', 'p.given_name', 'p.family_name', 'p.pseudonym', 'p.birth_date_index'])
    .select([caseIsOpen(sql.ref('c.status')).as('open'), referralConsentInForce(sql.ref('p.id')).as('consent')])
    .where('c.id', '=', caseId)
    .where(compileRule(matchCheckRule, subject, caseColumns))
    .executeTakeFirst();
  if (!row) return notFound('Case');
  if (!row.open) return new HttpError(409, 'case_closed', 'The case is closed: look for possible duplicates only from an open case');
  if (!row.consent) {
    return new HttpError(
      409,
      'consent_required',
      'The person has not consented to referral (or has withdrawn it): record their consent to referral before looking for them at other organisations. Nothing was checked.',
    );
  }
  // The names are decrypted here only to be split into their index tokens: they are compared, never shown or stored.
  const names = await Promise.all(
    (['given_name', 'family_name', 'pseudonym'] as const).map((column) => cipher.decryptOptional(row[column], `persons.${column}:${row.person_id}`, tx)),
  );
  const nameGroups = nameParts(names).map((part) => cipher.index.nameTokens(part));
  return { caseId: row.id, personId: row.person_id, nameGroups, birthDateIndex: row.birth_date_index };
}

/** Serialises one user's checks across every server process, until the transaction ends (classid, objid form). */
async function lockUsersChecks(tx: Db, userId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('match_checks'), hashtext(${userId}))`.execute(tx);
}

interface Counted {
  readonly outcome: 'possible_duplicate' | 'none' | 'refused_over_limit';
  /** The user's checks in the window before this one (refused ones not counted), and refusals before this one. */
  readonly checks_before: number;
  readonly refused_before: number;
  readonly oldest: Date | null;
}

/**
 * Records the check and decides it in one statement, under the user's lock: counts the user's checks in the window,
 * refuses over the limit, else looks for a probable match at any other organisation (counting every match rather than
 * stopping at the first, so that the time taken does not depend on where the first match lies; the route pads the
 * answer to a fixed time besides).
 */
async function recordCheck(tx: Db, subject: Subject, found: EligibleCase, now: Date): Promise<Counted> {
  const since = new Date(now.getTime() - matchCheckLimit.windowHours * 3_600_000);
  const { rows } = await sql<Counted>`
    with used as (
      select count(*) filter (where m.outcome <> 'refused_over_limit')::int as checks_before,
        count(*) filter (where m.outcome = 'refused_over_limit')::int as refused_before,
        min(m.checked_at) filter (where m.outcome <> 'refused_over_limit') as oldest
      from match_checks m where m.checked_by = ${subject.userId}::uuid and m.checked_at > ${since}
    ),
    inserted as (
      insert into match_checks (id, case_id, organisation_id, checked_by, checked_at, outcome)
      select ${randomUUID()}::uuid, ${found.caseId}::uuid, ${subject.organisationId}::uuid, ${subject.userId}::uuid, ${now},
        case
          when used.checks_before >= ${matchCheckLimit.checks} then 'refused_over_limit'
          when (
            select count(*) from persons p join cases c on c.person_id = p.id
            where c.managing_organisation_id <> ${subject.organisationId}::uuid and p.id <> ${found.personId}::uuid
              and ${probableMatch(found.nameGroups, found.birthDateIndex)}
          ) > 0 then 'possible_duplicate'
          else 'none'
        end
      from used
      returning outcome
    )
    select inserted.outcome, used.checks_before, used.refused_before, used.oldest from inserted, used`.execute(tx);
  const row = rows[0];
  if (!row) throw new Error('the check was not recorded');
  return row;
}

/**
 * A check that ran, and a request to confirm that was sent, answer no sooner than this after they started, found or
 * not: the comparison takes longer the more people elsewhere share a token with the person (70 to 320 ms at 100,000
 * persons on two shared cores, PostgreSQL and PGlite), and a request writes one row per holding organisation; neither
 * count may show in the time taken. Refusals need no padding: they depend on the requester's own case only.
 */
export const matchCheckAnswerAfterMs = 1000;

/** Waits out the rest of the padding of a check that started at `startedAt` (performance.now()). */
export async function padCheckAnswer(startedAt: number): Promise<void> {
  const left = matchCheckAnswerAfterMs - (performance.now() - startedAt);
  if (left > 0) await delay(left);
}

export type MatchCheckOutcome = { readonly kind: 'checked'; readonly result: MatchCheckResult } | { readonly kind: 'refused'; readonly error: HttpError };

const limitText = `${matchCheckLimit.checks} checks in ${matchCheckLimit.windowHours} hours`;

/**
 * Looks for the person of an open case of the user's organisation at every other organisation, and answers only
 * whether a possible duplicate exists: never where, how many, or which case. Every attempt is audited (who, which
 * case, the outcome), refused ones too; a user may run `matchCheckLimit.checks` checks in any
 * `matchCheckLimit.windowHours` hours, counted in the database under a per-user lock so that concurrent checks, from
 * any server process, each count. Reaching half the limit, and the first refusal in a window, raise an alert on the
 * audit page. Refusals are returned rather than thrown, so that their audit entries and alerts commit.
 */
export async function checkForDuplicates(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, caseId: string): Promise<MatchCheckOutcome> {
  const audit = (summary: string, outcome: 'allowed' | 'denied') =>
    appendAudit(tx, actor, { action: 'person.match_check', recordType: 'case', recordId: caseId, purpose: 'deduplication', summary, outcome });
  const found = await eligibleCase(tx, cipher, subject, caseId);
  if (found instanceof HttpError) {
    await audit(`possible-duplicate check refused: ${found.code}`, 'denied');
    return { kind: 'refused', error: found };
  }
  await lockUsersChecks(tx, subject.userId);
  const now = new Date();
  const counted = await recordCheck(tx, subject, found, now);
  if (counted.outcome === 'refused_over_limit') {
    await audit(`possible-duplicate check refused: over the limit of ${limitText}`, 'denied');
    if (counted.refused_before === 0) {
      await raiseAlert(tx, {
        kind: 'match.check_rate',
        summary: `a user reached the limit of ${limitText} for possible-duplicate checks; further checks are refused`,
        actorUserId: subject.userId,
        organisationId: subject.organisationId,
      });
    }
    const oldest = counted.oldest ?? now;
    const again = new Date(oldest.getTime() + matchCheckLimit.windowHours * 3_600_000).toISOString();
    return {
      kind: 'refused',
      error: new HttpError(
        429,
        'match_check_limit',
        `You have run ${matchCheckLimit.checks} possible-duplicate checks in the last ${matchCheckLimit.windowHours} hours, the most allowed; you can check again after ${again}. Nothing was checked.`,
      ),
    };
  }
  const used = counted.checks_before + 1;
  if (used === Math.ceil(matchCheckLimit.checks / 2)) {
    await raiseAlert(tx, {
      kind: 'match.check_rate',
      summary: `a user ran ${used} possible-duplicate checks within ${matchCheckLimit.windowHours} hours (half the limit of ${matchCheckLimit.checks})`,
      actorUserId: subject.userId,
      organisationId: subject.organisationId,
    });
  }
  const possibleDuplicate = counted.outcome === 'possible_duplicate';
  await audit(`possible-duplicate check: ${possibleDuplicate ? 'a possible duplicate exists at another organisation' : 'none found'}`, 'allowed');
  return { kind: 'checked', result: { possibleDuplicate, checkedAt: now.toISOString(), checksLeft: Math.max(0, matchCheckLimit.checks - used) } };
}

/** How many more checks the user may run in the current window. */
export async function checksLeft(db: Db, userId: string): Promise<number> {
  const since = new Date(Date.now() - matchCheckLimit.windowHours * 3_600_000);
  const row = await db
    .selectFrom('match_checks')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('checked_by', '=', userId)
    .where('checked_at', '>', since)
    .where('outcome', '<>', 'refused_over_limit')
    .executeTakeFirstOrThrow();
  return Math.max(0, matchCheckLimit.checks - Number(row.n));
}

/** The persons of other organisations that probably are the person of this case, by the organisation holding them. */
export async function candidatesByOrganisation(tx: Db, found: EligibleCase, requestingOrganisationId: string): Promise<Map<string, string[]>> {
  const rows = await tx
    .selectFrom('persons as p')
    .innerJoin('cases as c', 'c.person_id', 'p.id')
    .select(['c.managing_organisation_id', 'p.id'])
    .distinct()
    .where('c.managing_organisation_id', '<>', requestingOrganisationId)
    .where('p.id', '<>', found.personId)
    .where(probableMatch(found.nameGroups, found.birthDateIndex))
    .orderBy('c.managing_organisation_id')
    .orderBy('p.id')
    .execute();
  const byOrganisation = new Map<string, string[]>();
  for (const row of rows) byOrganisation.set(row.managing_organisation_id, [...(byOrganisation.get(row.managing_organisation_id) ?? []), row.id]);
  return byOrganisation;
}
