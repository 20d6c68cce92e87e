import { sql } from 'kysely';
import { FUNNEL_APPEAL_PERIOD_DAYS, formsOfExploitation, funnelCitizenships, funnelDropOutReasons, funnelIntervals, suspectSexes } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { RecordKeys } from '../../platform/crypto/record-keys.js';

/**
 * The funnel's facts: one entry per person suspected and per investigation, in typed columns, computed in the
 * database (for everyone, or for the persons and investigations given) and kept in memory by funnel.changes.ts, which
 * recomputes only what changed. What each fact means is in README.md.
 */

/** The furthest stage a person reached, as an index of funnelStages (1 suspected ... 6 final). */
export const STAGE = { suspected: 1, charged: 2, prosecuted: 3, convicted: 4, sentenced: 5, final: 6 } as const;

export interface SuspectFacts {
  readonly size: number;
  /** The suspect's id, by index (the other columns are in the same order). */
  readonly ids: readonly string[];
  /** The year the person's investigation was opened (the funnel's year). */
  readonly year: Int16Array;
  /** Forms of exploitation of the operation, one bit per formsOfExploitation index. */
  readonly forms: Int32Array;
  /** Index in suspectSexes. */
  readonly sex: Int8Array;
  /** Index in funnelCitizenships. */
  readonly citizenship: Int8Array;
  /**
   * A foreign national's first recorded citizenship as countryIndex (the ISO alpha-2 letters), -1 for a national or
   * when none is recorded (GLOTIP's offender tables by country of citizenship).
   */
  readonly country: Int16Array;
  /** Under 18 at the offence (1), adult (0), not recorded (-1). */
  readonly child: Int8Array;
  /** The cell-key method's record key (0..255). */
  readonly key: Uint8Array;
  /** Index in funnelStages of the furthest stage reached. */
  readonly reached: Int8Array;
  /** Index in funnelDropOutReasons, or -1 for a final conviction. */
  readonly reason: Int8Array;
  /** Convicted only of offences less serious than charged. */
  readonly downgraded: Uint8Array;
  /** Days of each funnelIntervals interval, -1 when the person has not both dates. */
  readonly intervals: Int32Array[];
  /**
   * GLOTIP's counting (0 for none): the year of the first prosecution of a person charged with trafficking, and of
   * the first conviction whose offence convicted is trafficking (a downgrade to smuggling is not one).
   */
  readonly prosecutedYear: Int16Array;
  readonly convictedYear: Int16Array;
  readonly chargedYear: Int16Array;
}

export interface InvestigationFacts {
  readonly size: number;
  readonly ids: readonly string[];
  readonly year: Int16Array;
  readonly forms: Int32Array;
  readonly key: Uint8Array;
  /** The sexes and citizenships of its suspects, one bit per index. */
  readonly sexes: Int8Array;
  readonly citizenships: Int8Array;
}

export interface FunnelFacts {
  readonly suspects: SuspectFacts;
  readonly investigations: InvestigationFacts;
}

const formBits = (forms: readonly string[]): number => forms.reduce((bits, f) => {
  const i = (formsOfExploitation as readonly string[]).indexOf(f);
  return i < 0 ? bits : bits | (1 << i);
}, 0);

/** An ISO alpha-2 code as a small number (26 x first letter + second), -1 if it is not one; countryOf reverses it. */
export const countryIndex = (alpha2: string): number => (/^[A-Z]{2}$/.test(alpha2) ? (alpha2.charCodeAt(0) - 65) * 26 + (alpha2.charCodeAt(1) - 65) : -1);
export const countryOf = (index: number): string | null => (index < 0 ? null : String.fromCharCode(65 + Math.floor(index / 26), 65 + (index % 26)));

const BATCH = 5000;

/** Gives every suspect and investigation without a record key its key (keyed HMAC of a stable identifier). */
export async function assignFunnelRecordKeys(db: Db, keys: RecordKeys): Promise<number> {
  let assigned = 0;
  for (const table of ['prosecution_suspects', 'prosecution_investigations'] as const) {
    const prefix = table === 'prosecution_suspects' ? 'prosecution_suspect' : 'prosecution_investigation';
    const missing = await sql<{ id: string }>`SELECT id::text AS id FROM ${sql.table(table)} WHERE record_key IS NULL`.execute(db);
    for (let start = 0; start < missing.rows.length; start += BATCH) {
      const ids = missing.rows.slice(start, start + BATCH).map((r) => r.id);
      await sql`
        UPDATE ${sql.table(table)} t SET record_key = u.k::smallint
        FROM unnest(${ids}::uuid[], ${ids.map((id) => keys.keyOf(`${prefix}:${id}`))}::int[]) AS u(id, k)
        WHERE t.id = u.id AND t.record_key IS NULL`.execute(db);
    }
    assigned += missing.rows.length;
  }
  return assigned;
}

const severity = (expr: string) => sql.raw(`CASE ${expr} WHEN 'trafficking' THEN 3 WHEN 'exploitation_related' THEN 2 WHEN 'smuggling' THEN 1 ELSE 0 END`);

interface SuspectRow {
  id: string;
  year: number;
  forms: string[];
  sex: string;
  cit: string;
  country: string | null;
  child: boolean | null;
  key: number;
  charged: boolean;
  prosecuted: boolean;
  verdicts: number;
  acquitted: number;
  convicted: boolean;
  downgraded: boolean | null;
  sentenced: boolean;
  final: boolean;
  overturned_all: boolean | null;
  d: Array<number | null>;
  pros_year: number | null;
  conv_year: number | null;
  charge_year: number | null;
}

/**
 * Per person suspected: the funnel's year, what filters it, how far it got and why it stopped, the days between its
 * steps. A conviction is final when every appeal against it was decided without overturning it or ordering a retrial
 * (final on the last decision's date), or, never appealed, once the appeal period has passed since the verdict.
 */
async function suspectRows(db: Db, iso2: string | null, only: readonly string[] | null, today: string): Promise<SuspectRow[]> {
  const period = FUNNEL_APPEAL_PERIOD_DAYS;
  // Narrowed to the persons given, every step read is theirs (by the steps' suspect index).
  const theirs = (column: string) => (only === null ? sql`true` : sql`${sql.ref(column)} = ANY (${only}::uuid[])`);
  const result = await sql<SuspectRow>`
    WITH appeals AS (
      SELECT a.ref_step_id AS verdict_id, count(*)::int AS appeals, count(d.id)::int AS decided,
        coalesce(bool_or(d.data->>'outcome' = 'overturned'), false) AS overturned,
        coalesce(bool_or(d.data->>'outcome' = 'retrial_ordered'), false) AS retrial, max(d.occurred_on) AS decided_on
      FROM prosecution_steps a LEFT JOIN prosecution_steps d ON d.kind = 'appeal_decision' AND d.ref_step_id = a.id
      WHERE a.kind = 'appeal' AND ${theirs('a.suspect_id')} GROUP BY a.ref_step_id
    ), verdicts AS (
      SELECT v.suspect_id, v.occurred_on, v.data->>'outcome' AS outcome,
        ${severity("coalesce(v.data->>'convictedCategory', c.data->>'category')")} < ${severity("c.data->>'category'")} AS downgraded,
        coalesce(v.data->>'convictedCategory', c.data->>'category') = 'trafficking' AS trafficking,
        CASE WHEN ap.verdict_id IS NULL THEN CASE WHEN v.occurred_on + ${period}::int <= ${today}::date THEN 'final' ELSE 'pending' END
          WHEN ap.overturned THEN 'overturned' WHEN ap.retrial OR ap.decided < ap.appeals THEN 'pending' ELSE 'final' END AS state,
        CASE WHEN ap.verdict_id IS NULL THEN v.occurred_on + ${period}::int ELSE ap.decided_on END AS final_on
      FROM prosecution_steps v JOIN prosecution_steps c ON c.id = v.ref_step_id LEFT JOIN appeals ap ON ap.verdict_id = v.id
      WHERE v.kind = 'verdict' AND ${theirs('v.suspect_id')}
    ), per_verdicts AS (
      SELECT suspect_id, count(*)::int AS verdicts, count(*) FILTER (WHERE outcome = 'acquitted')::int AS acquitted,
        min(occurred_on) FILTER (WHERE outcome = 'convicted') AS convicted_on,
        min(occurred_on) FILTER (WHERE outcome = 'convicted' AND trafficking) AS trafficking_convicted_on,
        bool_and(downgraded) FILTER (WHERE outcome = 'convicted') AS downgraded,
        min(final_on) FILTER (WHERE outcome = 'convicted' AND state = 'final') AS final_on,
        bool_and(state = 'overturned') FILTER (WHERE outcome = 'convicted') AS overturned_all
      FROM verdicts GROUP BY suspect_id
    ), per_steps AS (
      SELECT suspect_id, min(occurred_on) FILTER (WHERE kind = 'charge') AS charged_on,
        min(occurred_on) FILTER (WHERE kind = 'prosecution') AS prosecuted_on, min(occurred_on) FILTER (WHERE kind = 'sentence') AS sentenced_on,
        coalesce(bool_or(kind = 'charge' AND data->>'category' = 'trafficking'), false) AS trafficking_charged
      FROM prosecution_steps WHERE kind IN ('charge', 'prosecution', 'sentence') AND ${theirs('suspect_id')} GROUP BY suspect_id
    )
    SELECT s.id::text AS id, extract(year FROM i.opened_on)::int AS year, o.forms_of_exploitation AS forms, s.sex,
      CASE WHEN cardinality(s.citizenships) = 0 OR ${iso2}::text IS NULL THEN 'unknown' WHEN ${iso2}::text = ANY (s.citizenships) THEN 'national' ELSE 'foreign' END AS cit,
      CASE WHEN cardinality(s.citizenships) > 0 AND ${iso2}::text IS NOT NULL AND NOT (${iso2}::text = ANY (s.citizenships)) THEN s.citizenships[1] END AS country,
      s.age_at_offence < 18 AS child, s.record_key::int AS key,
      ps.charged_on IS NOT NULL AS charged, ps.prosecuted_on IS NOT NULL AS prosecuted, coalesce(pv.verdicts, 0) AS verdicts,
      coalesce(pv.acquitted, 0) AS acquitted, pv.convicted_on IS NOT NULL AS convicted, pv.downgraded, ps.sentenced_on IS NOT NULL AS sentenced,
      pv.final_on IS NOT NULL AS final, pv.overturned_all,
      ARRAY[ps.charged_on - i.opened_on, ps.prosecuted_on - ps.charged_on, pv.convicted_on - ps.prosecuted_on, ps.sentenced_on - pv.convicted_on, pv.final_on - pv.convicted_on] AS d,
      CASE WHEN ps.trafficking_charged THEN extract(year FROM ps.prosecuted_on)::int END AS pros_year,
      extract(year FROM pv.trafficking_convicted_on)::int AS conv_year, extract(year FROM ps.charged_on)::int AS charge_year
    FROM prosecution_suspects s
    JOIN prosecution_investigations i ON i.id = s.investigation_id
    JOIN prosecution_operations o ON o.id = s.operation_id
    LEFT JOIN per_steps ps ON ps.suspect_id = s.id
    LEFT JOIN per_verdicts pv ON pv.suspect_id = s.id
    WHERE ${theirs('s.id')}`.execute(db);
  return result.rows;
}

/** The furthest stage and, short of a final conviction, why the person stopped there. */
export function progressOf(r: Pick<SuspectRow, 'charged' | 'prosecuted' | 'verdicts' | 'acquitted' | 'convicted' | 'sentenced' | 'final' | 'overturned_all'>): { reached: number; reason: string | null } {
  if (!r.charged) return { reached: STAGE.suspected, reason: 'not_charged' };
  if (!r.prosecuted) return { reached: STAGE.charged, reason: 'not_prosecuted' };
  if (!r.convicted) return { reached: STAGE.prosecuted, reason: r.verdicts === 0 ? 'awaiting_verdict' : r.acquitted > 0 ? 'acquitted' : 'dismissed' };
  if (!r.sentenced) return { reached: STAGE.convicted, reason: 'awaiting_sentence' };
  if (!r.final) return { reached: STAGE.sentenced, reason: r.overturned_all ? 'appeal_overturned' : 'appeal_pending' };
  return { reached: STAGE.final, reason: null };
}

function suspectFactsOf(rows: readonly SuspectRow[]): SuspectFacts {
  const n = rows.length;
  const facts = {
    size: n,
    ids: rows.map((r) => r.id),
    year: new Int16Array(n),
    forms: new Int32Array(n),
    sex: new Int8Array(n),
    citizenship: new Int8Array(n),
    country: new Int16Array(n),
    child: new Int8Array(n),
    key: new Uint8Array(n),
    reached: new Int8Array(n),
    reason: new Int8Array(n),
    downgraded: new Uint8Array(n),
    intervals: funnelIntervals.map(() => new Int32Array(n)),
    prosecutedYear: new Int16Array(n),
    convictedYear: new Int16Array(n),
    chargedYear: new Int16Array(n),
  };
  rows.forEach((r, i) => {
    facts.year[i] = r.year;
    facts.forms[i] = formBits(r.forms);
    facts.sex[i] = Math.max(0, (suspectSexes as readonly string[]).indexOf(r.sex));
    facts.citizenship[i] = (funnelCitizenships as readonly string[]).indexOf(r.cit);
    facts.country[i] = r.country === null ? -1 : countryIndex(r.country);
    facts.child[i] = r.child === null ? -1 : r.child ? 1 : 0;
    facts.key[i] = r.key;
    const { reached, reason } = progressOf(r);
    facts.reached[i] = reached;
    facts.reason[i] = reason === null ? -1 : (funnelDropOutReasons as readonly string[]).indexOf(reason);
    facts.downgraded[i] = r.convicted && r.downgraded === true ? 1 : 0;
    r.d.forEach((days, k) => {
      const column = facts.intervals[k];
      // Conviction to final is measured for the persons the funnel counts as final (sentenced too), so that the
      // interval never measures more persons than the stage it ends at.
      const measured = days !== null && days >= 0 && (funnelIntervals[k] !== 'conviction_to_final' || reached === STAGE.final);
      if (column) column[i] = measured ? days : -1;
    });
    facts.prosecutedYear[i] = r.pros_year ?? 0;
    facts.convictedYear[i] = r.conv_year ?? 0;
    facts.chargedYear[i] = r.charge_year ?? 0;
  });
  return facts;
}

async function investigationFacts(db: Db, iso2: string | null, only: readonly string[] | null): Promise<InvestigationFacts> {
  const result = await sql<{ id: string; year: number; forms: string[]; key: number; sexes: string[]; cits: string[] }>`
    SELECT i.id::text AS id, extract(year FROM i.opened_on)::int AS year, o.forms_of_exploitation AS forms, i.record_key::int AS key,
      coalesce(array_agg(DISTINCT s.sex) FILTER (WHERE s.id IS NOT NULL), '{}') AS sexes,
      coalesce(array_agg(DISTINCT CASE WHEN cardinality(s.citizenships) = 0 OR ${iso2}::text IS NULL THEN 'unknown'
        WHEN ${iso2}::text = ANY (s.citizenships) THEN 'national' ELSE 'foreign' END) FILTER (WHERE s.id IS NOT NULL), '{}') AS cits
    FROM prosecution_investigations i
    JOIN prosecution_operations o ON o.id = i.operation_id
    LEFT JOIN prosecution_suspects s ON s.investigation_id = i.id
    WHERE ${only === null ? sql`true` : sql`i.id = ANY (${only}::uuid[])`}
    GROUP BY i.id, o.forms_of_exploitation`.execute(db);
  const n = result.rows.length;
  const facts = { size: n, ids: result.rows.map((r) => r.id), year: new Int16Array(n), forms: new Int32Array(n), key: new Uint8Array(n), sexes: new Int8Array(n), citizenships: new Int8Array(n) };
  const bits = (values: readonly string[], vocabulary: readonly string[]) => values.reduce((b, v) => b | (1 << Math.max(0, vocabulary.indexOf(v))), 0);
  result.rows.forEach((r, i) => {
    facts.year[i] = r.year;
    facts.forms[i] = formBits(r.forms);
    facts.key[i] = r.key;
    facts.sexes[i] = bits(r.sexes, suspectSexes);
    facts.citizenships[i] = bits(r.cits, funnelCitizenships);
  });
  return facts;
}

/**
 * The facts of every person suspected and every investigation, computed whole (record keys first assigned), as of
 * `today` (the country's date, YYYY-MM-DD: an appeal period ends on the country's days).
 */
export async function computeFunnelFacts(db: Db, keys: RecordKeys, iso2: string | null, today: string): Promise<FunnelFacts> {
  await assignFunnelRecordKeys(db, keys);
  return { suspects: suspectFactsOf(await suspectRows(db, iso2, null, today)), investigations: await investigationFacts(db, iso2, null) };
}

/**
 * The facts with these persons and investigations computed again: each of them is removed, and those that still
 * exist are added back as they are now (a new object; the one given is left as it was).
 */
export async function refreshFunnelFacts(db: Db, keys: RecordKeys, iso2: string | null, today: string, facts: FunnelFacts, suspectIds: readonly string[], investigationIds: readonly string[]): Promise<FunnelFacts> {
  await assignFunnelRecordKeys(db, keys);
  const suspects = suspectFactsOf(await suspectRows(db, iso2, suspectIds, today));
  const investigations = await investigationFacts(db, iso2, investigationIds);
  return { suspects: merged(facts.suspects, new Set(suspectIds), suspects), investigations: merged(facts.investigations, new Set(investigationIds), investigations) };
}

type Columns = { readonly size: number; readonly ids: readonly string[] };
type TypedColumn = Int8Array | Uint8Array | Int16Array | Int32Array;

/** `old` without the entries whose id is in `dropped`, then `added`, column by column (every column kept in step). */
function merged<T extends Columns>(old: T, dropped: ReadonlySet<string>, added: T): T {
  const keep: number[] = [];
  old.ids.forEach((id, i) => {
    if (!dropped.has(id)) keep.push(i);
  });
  const size = keep.length + added.size;
  const join = (a: TypedColumn, b: TypedColumn): TypedColumn => {
    const out = new (a.constructor as new (n: number) => TypedColumn)(size);
    keep.forEach((from, to) => (out[to] = a[from] ?? 0));
    out.set(b, keep.length);
    return out;
  };
  const result: Record<string, unknown> = { size, ids: [...keep.map((i) => old.ids[i] ?? ''), ...added.ids] };
  const more = added as unknown as Record<string, unknown>;
  for (const [name, column] of Object.entries(old as unknown as Record<string, unknown>)) {
    if (name === 'size' || name === 'ids') continue;
    const other = more[name];
    result[name] = Array.isArray(column) ? column.map((c: TypedColumn, k: number) => join(c, (other as TypedColumn[])[k] as TypedColumn)) : join(column as TypedColumn, other as TypedColumn);
  }
  return result as unknown as T;
}
