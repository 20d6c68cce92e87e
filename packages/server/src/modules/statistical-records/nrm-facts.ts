import { followUpOutcomes, type FollowUpOutcome } from '@palermo/contracts';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';

/**
 * The NRM performance facts of the country dataset (migration 0015), per person: counted or picked per case in SQL,
 * then folded over the person's cases. Decisions, each documented where it is applied:
 *
 * - Reasonable-grounds due day: the due date that applied to the reasonable-grounds decision in force (the newest
 *   one). A decision keeps, in status_decisions.due_at, the case's decision_due_at when it was taken; the case's own
 *   decision_due_at then moves on to the conclusive-grounds deadline, so it is read only for a case still awaiting its
 *   reasonable-grounds decision (stage reasonable_grounds_pending; the first such case opened) when none was taken.
 * - Reflection period: the first one granted (earliest start over the person's cases), start and end from the same
 *   case; an end before the start is not recorded.
 * - Referrals: services only (a hand-over of case management is not a service and is never completed), over all of
 *   the person's cases. Sent counts every referral sent, whatever became of it (declined and withdrawn included);
 *   accepted counts those accepted or completed; completed those whose service was recorded as delivered. So
 *   completed <= accepted <= sent always holds.
 * - Follow-up: the outcome of the person's latest current (not superseded) follow_up case record, latest by the
 *   follow-up's date, then by when it was written.
 */

export interface CaseNrmFacts {
  readonly reflectionStart: string | null;
  readonly reflectionEnd: string | null;
  readonly rgPendingDueAt: Date | null;
}

export interface ReferralCounts {
  sent: number;
  accepted: number;
  completed: number;
}

interface FollowUp {
  readonly outcome: FollowUpOutcome;
  readonly date: string;
  readonly createdAt: Date;
}

export interface NrmFactsByCase {
  readonly referrals: ReadonlyMap<string, ReferralCounts>;
  readonly followUps: ReadonlyMap<string, FollowUp>;
}

const isFollowUpOutcome = (value: string): value is FollowUpOutcome => (followUpOutcomes as readonly string[]).includes(value);

/** Referral counts and the latest follow-up of every case that has any: two grouped queries, one row per case. */
export async function loadNrmFacts(tx: Db): Promise<NrmFactsByCase> {
  const referralRows = await sql<{ case_id: string; sent: number | string; accepted: number | string; completed: number | string }>`
    SELECT case_id,
      count(*) AS sent,
      count(*) FILTER (WHERE status IN ('accepted', 'completed')) AS accepted,
      count(*) FILTER (WHERE status = 'completed') AS completed
    FROM referrals
    WHERE kind = 'service'
    GROUP BY case_id`.execute(tx);
  const referrals = new Map<string, ReferralCounts>();
  for (const r of referralRows.rows) referrals.set(r.case_id, { sent: Number(r.sent), accepted: Number(r.accepted), completed: Number(r.completed) });

  const followUpRows = await sql<{ case_id: string; outcome: string; date: string; created_at: Date }>`
    SELECT DISTINCT ON (r.case_id) r.case_id, r.data->>'outcome' AS outcome, coalesce(r.data->>'date', '') AS date, r.created_at
    FROM case_records r
    WHERE r.kind = 'follow_up'
      AND r.data->>'outcome' IN (${sql.join(followUpOutcomes)})
      AND NOT EXISTS (SELECT 1 FROM case_records x WHERE x.supersedes_id = r.id)
    ORDER BY r.case_id, coalesce(r.data->>'date', '') DESC, r.created_at DESC, r.id DESC`.execute(tx);
  const followUps = new Map<string, FollowUp>();
  for (const f of followUpRows.rows) if (isFollowUpOutcome(f.outcome)) followUps.set(f.case_id, { outcome: f.outcome, date: f.date, createdAt: new Date(f.created_at) });
  return { referrals, followUps };
}

export interface NrmColumns {
  reasonable_grounds_due_on: string | null;
  reflection_started_on: string | null;
  reflection_ended_on: string | null;
  referrals_sent: number;
  referrals_accepted: number;
  referrals_completed: number;
  follow_up_outcome: FollowUpOutcome | null;
}

/** smallint columns: a count beyond their range is recorded as the largest they hold. */
const smallintMax = 32767;

/**
 * Folds the facts of one person's cases (oldest first) into the record's NRM columns. `rgInForce` is the newest
 * reasonable-grounds decision over those cases, if any.
 */
export function nrmColumnsOf(
  cases: ReadonlyArray<{ readonly id: string; readonly stage: string } & CaseNrmFacts>,
  rgInForce: { readonly due_at: Date | null } | undefined,
  facts: NrmFactsByCase,
  dayOf: (at: Date) => string,
): NrmColumns {
  let dueAt: Date | null;
  if (rgInForce) dueAt = rgInForce.due_at;
  else dueAt = cases.find((c) => c.stage === 'reasonable_grounds_pending' && c.rgPendingDueAt !== null)?.rgPendingDueAt ?? null;

  let reflection: { start: string; end: string | null } | undefined;
  for (const c of cases) {
    if (c.reflectionStart === null) continue;
    if (reflection === undefined || c.reflectionStart < reflection.start) {
      reflection = { start: c.reflectionStart, end: c.reflectionEnd !== null && c.reflectionEnd >= c.reflectionStart ? c.reflectionEnd : null };
    }
  }

  const counts: ReferralCounts = { sent: 0, accepted: 0, completed: 0 };
  let latest: FollowUp | undefined;
  for (const c of cases) {
    const r = facts.referrals.get(c.id);
    if (r) {
      counts.sent += r.sent;
      counts.accepted += r.accepted;
      counts.completed += r.completed;
    }
    const f = facts.followUps.get(c.id);
    if (f && (latest === undefined || f.date > latest.date || (f.date === latest.date && f.createdAt >= latest.createdAt))) latest = f;
  }

  return {
    reasonable_grounds_due_on: dueAt ? dayOf(new Date(dueAt)) : null,
    reflection_started_on: reflection?.start ?? null,
    reflection_ended_on: reflection?.end ?? null,
    referrals_sent: Math.min(counts.sent, smallintMax),
    referrals_accepted: Math.min(counts.accepted, smallintMax),
    referrals_completed: Math.min(counts.completed, smallintMax),
    follow_up_outcome: latest?.outcome ?? null,
  };
}
