import { sql } from 'kysely';
import { platformFacts, type PlatformFact } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';

/**
 * The case events the computed indicators count, per person: each case's opening (and whether an assistance plan was
 * recorded for it), each referral sent (and when it was answered), each reasonable-grounds decision (its date, its
 * deadline if set, and its case's opening), each follow-up. Times are microseconds since the epoch (exact integers);
 * `month` is the calendar month (UTC) the event is counted in, as year x 12 + month - 1 (monthNumber).
 * Kept in memory per server process and refreshed by the persons that changed (indicator-facts.changes.ts), so that a
 * read counts them for any months and deadlines without reading the case tables.
 */
export interface PersonEvents {
  readonly cases: ReadonlyArray<{ readonly opened: number; readonly month: number; readonly plan: boolean }>;
  readonly referrals: ReadonlyArray<{ readonly sent: number; readonly month: number; readonly answered: number | null }>;
  readonly decisions: ReadonlyArray<{ readonly decided: number; readonly month: number; readonly due: number | null; readonly opened: number }>;
  readonly followUps: ReadonlyArray<{ readonly at: number; readonly month: number }>;
}

/** The facts counted over persons (perturbed); GLOTIP's are published figures, the officials trained a count of staff. */
export type CountedFact = Exclude<PlatformFact, 'glotip_detected_victims' | 'officials_trained'>;

export interface Deadlines {
  readonly referralAnswerDays: number;
  readonly reasonableGroundsDays: number;
}

/** A day in microseconds: deadlines are counted in whole UTC days, which have no daylight saving. */
export const MICROS_PER_DAY = 86_400_000_000;

/** The month of a time in microseconds (UTC), numbered year x 12 + month - 1. */
export function monthOfMicros(micros: number): number {
  const date = new Date(micros / 1000);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

/** The month of a date written YYYY-MM-DD, numbered as monthOfMicros numbers it. */
export const monthOfDate = (date: string): number => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;

interface EventRow {
  person_id: string;
  k: 'c' | 'r' | 'd' | 'f';
  a: string;
  b: string | null;
  c: string | null;
}

const micros = (column: string) => sql.raw(`(extract(epoch from ${column}) * 1000000)::bigint::text`);

/** Every person's events, or those of the persons given. */
export async function readPersonEvents(db: Db, persons?: readonly string[]): Promise<Map<string, PersonEvents>> {
  const only = persons ? sql`and c.person_id = any (${[...persons]}::uuid[])` : sql``;
  const { rows } = await sql<EventRow>`
    select c.person_id::text as person_id, 'c' as k, ${micros('c.opened_at')} as a,
      case when exists (select 1 from case_records cr where cr.case_id = c.id and cr.kind = 'assistance_goal') then '1' end as b, null::text as c
    from cases c where true ${only}
    union all
    select c.person_id::text, 'r', ${micros('r.sent_at')}, ${micros('coalesce(r.accepted_at, r.declined_at)')}, null
    from referrals r join cases c on c.id = r.case_id where r.sent_at is not null ${only}
    union all
    select c.person_id::text, 'd', ${micros('sd.decided_at')}, ${micros('sd.due_at')}, ${micros('c.opened_at')}
    from status_decisions sd join cases c on c.id = sd.case_id where sd.kind = 'reasonable_grounds' and sd.decided_at is not null ${only}
    union all
    select c.person_id::text, 'f', ${micros('cr.created_at')}, null, null
    from case_records cr join cases c on c.id = cr.case_id where cr.kind = 'follow_up' ${only}`.execute(db);
  type Building = { cases: Array<PersonEvents['cases'][number]>; referrals: Array<PersonEvents['referrals'][number]>; decisions: Array<PersonEvents['decisions'][number]>; followUps: Array<PersonEvents['followUps'][number]> };
  const out = new Map<string, Building>();
  for (const person of persons ?? []) out.set(person, { cases: [], referrals: [], decisions: [], followUps: [] });
  for (const row of rows) {
    let events = out.get(row.person_id);
    if (!events) {
      events = { cases: [], referrals: [], decisions: [], followUps: [] };
      out.set(row.person_id, events);
    }
    const a = Number(row.a);
    const month = monthOfMicros(a);
    if (row.k === 'c') events.cases.push({ opened: a, month, plan: row.b !== null });
    else if (row.k === 'r') events.referrals.push({ sent: a, month, answered: row.b === null ? null : Number(row.b) });
    else if (row.k === 'd') events.decisions.push({ decided: a, month, due: row.b === null ? null : Number(row.b), opened: Number(row.c) });
    else events.followUps.push({ at: a, month });
  }
  return out;
}

/** A cell: how many persons (or events of persons) it counts and the sum of their record keys. */
export interface Cell {
  n: number;
  key: number;
}

/** The months counted: `count` months from `first` (monthOfDate's numbers). */
export interface Months {
  readonly first: number;
  readonly count: number;
}

/**
 * The cells of each fact and month over the persons' events: a fact about persons counts a person once per month, a
 * fact about events once per event, with the person's record key added as many times as she is counted. Months are
 * the cells, as years are the statistics page's (decision 0005): a longer period is the sum of its months' published
 * values, so that no two periods are separately perturbed cells whose difference could be averaged.
 */
export function countCells(persons: ReadonlyMap<string, PersonEvents>, keyOf: (personId: string) => number, facts: readonly CountedFact[], months: Months, d: Deadlines): Map<CountedFact, Cell[]> {
  const cells = new Map<CountedFact, Cell[]>(facts.map((fact) => [fact, Array.from({ length: months.count }, () => ({ n: 0, key: 0 }))]));
  const want = (fact: CountedFact) => cells.get(fact);
  const identified = want('persons_identified');
  const withPlan = want('persons_with_assistance_plan');
  const sent = want('referrals_sent');
  const answered = want('referrals_answered_in_time');
  const decided = want('rg_decisions_made');
  const inTime = want('rg_decisions_in_time');
  const followUps = want('follow_ups_made');
  const answerMicros = d.referralAnswerDays * MICROS_PER_DAY;
  const decisionMicros = d.reasonableGroundsDays * MICROS_PER_DAY;
  // The months a person was already counted in, for the facts about persons (a person has few cases).
  const identifiedIn: number[] = [];
  const plannedIn: number[] = [];

  for (const [personId, events] of persons) {
    let key: number | undefined;
    const add = (target: Cell[] | undefined, month: number) => {
      const cell = target?.[month - months.first];
      if (!cell) return;
      key ??= keyOf(personId);
      cell.n += 1;
      cell.key += key;
    };
    if (identified || withPlan) {
      identifiedIn.length = 0;
      plannedIn.length = 0;
      for (const c of events.cases) {
        if (!identifiedIn.includes(c.month)) {
          identifiedIn.push(c.month);
          add(identified, c.month);
        }
        if (c.plan && !plannedIn.includes(c.month)) {
          plannedIn.push(c.month);
          add(withPlan, c.month);
        }
      }
    }
    if (sent || answered) {
      for (const r of events.referrals) {
        add(sent, r.month);
        if (r.answered !== null && r.answered <= r.sent + answerMicros) add(answered, r.month);
      }
    }
    if (decided || inTime) {
      for (const sd of events.decisions) {
        add(decided, sd.month);
        if (sd.decided <= (sd.due ?? sd.opened + decisionMicros)) add(inTime, sd.month);
      }
    }
    if (followUps) for (const f of events.followUps) add(followUps, f.month);
  }
  return cells;
}

/** The counted facts in the catalogue's order (its index is the fact's measure in the cell-key method). */
export const countedFacts = (facts: Iterable<PlatformFact>): CountedFact[] =>
  platformFacts.filter((fact): fact is CountedFact => fact !== 'glotip_detected_victims' && fact !== 'officials_trained' && [...facts].includes(fact));
