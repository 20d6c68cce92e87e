import { TZDate } from '@date-fns/tz';
import { addDays, format, startOfDay } from 'date-fns';
import type { Db } from '../../platform/db/database.js';
import type { JobEngine } from '../../platform/jobs/job-engine.js';
import { notify } from './notifications.service.js';

/** The queue of the daily reminder sweep, scheduled in the country's time zone. */
export const REMINDER_QUEUE = 'notification-decision-reminders';
/** Every morning at seven, the country's time. */
export const REMINDER_CRON = '0 7 * * *';

/** Stages in which a case waits for a decision of the competent authority (as the case list's "overdue"). */
const waitingStages = ['reported', 'screened', 'reasonable_grounds_pending', 'reasonable_grounds_positive'];

export async function countryTimeZone(db: Db): Promise<string> {
  const row = await db.selectFrom('country_settings').select('time_zone').where('id', '=', 1).executeTakeFirst();
  return row?.time_zone ?? 'UTC';
}

/** Tomorrow in the time zone, as the instants it starts and ends at (date-fns over a zoned date: no hand arithmetic). */
export function tomorrowIn(timeZone: string, now: Date): { start: Date; end: Date; day: string } {
  const today = new TZDate(now.getTime(), timeZone);
  const start = startOfDay(addDays(today, 1));
  const end = addDays(start, 1);
  const day = format(start, 'yyyy-MM-dd');
  return { start: new Date(start.getTime()), end: new Date(end.getTime()), day };
}

/**
 * Tells of each decision due tomorrow (the country's tomorrow): the case's manager, and the decision makers of the
 * competent authorities the case is shared with for the decision. Idempotent: a second sweep on the same day tells
 * no one twice. Returns how many notifications were new.
 */
export async function remindDecisionsDue(db: Db, jobs: JobEngine, now = new Date()): Promise<number> {
  const { start, end, day } = tomorrowIn(await countryTimeZone(db), now);
  return db.transaction().execute(async (tx) => {
    const due = await tx
      .selectFrom('cases')
      .select(['id', 'case_manager_user_id'])
      .where('decision_due_at', '>=', start)
      .where('decision_due_at', '<', end)
      .where('stage', 'in', waitingStages)
      .where('closed_at', 'is', null)
      .execute();
    let told = 0;
    for (const c of due) {
      const deciders = await tx
        .selectFrom('case_shares as s')
        .innerJoin('users as u', 'u.organisation_id', 's.organisation_id')
        .select('u.id')
        .where('s.case_id', '=', c.id)
        .where('s.purpose', '=', 'identification_decision')
        .where('s.revoked_at', 'is', null)
        .where('u.active', '=', true)
        .where((eb) => eb(eb.val('decision_maker'), '=', eb.fn.any('u.roles')))
        .execute();
      const manager = c.case_manager_user_id
        ? await tx.selectFrom('users').select('id').where('id', '=', c.case_manager_user_id).where('active', '=', true).executeTakeFirst()
        : undefined;
      told += await notify(tx, jobs, { kind: 'decision_due', userIds: [...(manager ? [manager.id] : []), ...deciders.map((d) => d.id)], link: `/cases/${c.id}`, event: `${c.id}:${day}` });
    }
    return told;
  });
}
