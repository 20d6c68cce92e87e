import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { JobEngine } from '../../platform/jobs/job-engine.js';
import { notify } from './notifications.service.js';
import { countryTimeZone } from './notifications.reminders.js';

/** Those of an organisation who answer for its activities (action-plan.policy.ts's leads): they record the measurements. */
const organisationLeads = ['organisation_admin', 'supervisor'];

/** Today in the country's time zone, as a date. */
export function todayIn(timeZone: string, now: Date): string {
  return format(new TZDate(now.getTime(), timeZone), 'yyyy-MM-dd');
}

/**
 * Tells the responsible organisation of each measurement due. An indicator has no frequency of its own: its targets
 * name the periods it is measured for, so a measurement of an indicator entered by hand is due when a period with a
 * target has ended (before the country's today) without a total for that period (the progress page's "measurement
 * missing"). Told: the leads of the responsible organisation of the indicator's activity (its administrators and
 * supervisors, who record measurements); an indicator of an objective or of the plan itself, the national coordinator.
 * Once per indicator, period and user, however often the sweep runs and on however many servers (the notification's
 * event is the indicator and the period). Computed indicators are counted from the records and are never due. Returns
 * how many notifications were new.
 */
export async function remindMeasurementsDue(db: Db, jobs: JobEngine, now = new Date()): Promise<number> {
  const today = todayIn(await countryTimeZone(db), now);
  return db.transaction().execute(async (tx) => {
    const { rows: due } = await sql<{ indicator_id: string; plan_id: string; period_start: string; period_end: string; organisation_id: string | null }>`
      select i.id as indicator_id, i.plan_id, t.period_start::text as period_start, t.period_end::text as period_end, a.responsible_organisation_id as organisation_id
      from plan_indicator_targets t
      join plan_indicators i on i.id = t.indicator_id
      left join plan_activities a on a.id = i.activity_id
      where i.computation is null and t.period_end < ${today}::date
        and not exists (
          select 1 from plan_indicator_measurements m
          where m.indicator_id = t.indicator_id and m.period_start = t.period_start and m.period_end = t.period_end
            and m.sex is null and m.age_group is null and m.form_of_exploitation is null)
      order by i.id, t.period_start`.execute(tx);
    if (due.length === 0) return 0;
    const organisations = [...new Set(due.map((d) => d.organisation_id).filter((o): o is string => o !== null))];
    const leads = organisations.length === 0 ? [] : await tx.selectFrom('users').select(['id', 'organisation_id']).where('organisation_id', 'in', organisations).where('active', '=', true)
      .where(sql<boolean>`roles && ${sql.val(organisationLeads)}::text[]`).execute();
    const coordinators = due.some((d) => d.organisation_id === null)
      ? await tx.selectFrom('users').select('id').where('active', '=', true).where(sql<boolean>`'national_coordinator' = any(roles)`).execute()
      : [];
    let told = 0;
    for (const d of due) {
      const userIds = d.organisation_id === null ? coordinators.map((u) => u.id) : leads.filter((u) => u.organisation_id === d.organisation_id).map((u) => u.id);
      told += await notify(tx, jobs, { kind: 'measurement_due', userIds, link: `/action-plans/${d.plan_id}#indicator-${d.indicator_id}`, event: `${d.indicator_id}:${d.period_start}:${d.period_end}` });
    }
    return told;
  });
}
