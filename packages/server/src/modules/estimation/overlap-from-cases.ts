/**
 * The overlap table built from the case records, for one calendar year (UTC) of cases opened.
 *
 * - A list is a set of organisations chosen by the rapporteur. A person is on list L when any of their cases opened
 *   that year was reported by, or is managed by, an organisation of L.
 * - People are linked across organisations by the de-duplication keys (linkage.ts): each linked person counts once
 *   per list, however many records and cases they have.
 * - Consent: a linked person any of whose records has, as its newest consent event for `statistics`, a refusal or a
 *   withdrawal is left out entirely (counting them on some lists but not others would distort the overlaps). People
 *   with no statistics consent event are counted: the count is aggregate and nobody is identifiable from it.
 * - Only keys and organisation ids are read: never a name, and no person id leaves this module.
 * - For the display only (estimation.view.ts): with the platform's record keys, the sum of the record keys of the people
 *   of each cell (cell-key method, as the statistics page): the same people always show the same perturbed count.
 */
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { badRequest } from '../../platform/http/errors.js';
import { linkPersons } from './linkage.js';
import { buildOverlapTable, type OverlapRow, type OverlapTable } from './overlap-table.js';
import type { RecordKeys } from '../../platform/crypto/record-keys.js';

export interface ListOfOrganisations {
  readonly name: string;
  readonly organisationIds: readonly string[];
}

export interface CaseCounting {
  /** Person records with a case opened in the year. */
  readonly personRecords: number;
  /** Linked people among them. */
  readonly people: number;
  readonly linkedByKeys: number;
  readonly linkedByConfirmation: number;
  /** Linked people left out because consent to statistics was refused or withdrawn. */
  readonly excludedNoConsent: number;
  /** Linked people (with consent) whose cases were reported and managed by organisations on no chosen list. */
  readonly notOnAnyList: number;
}

/** Per cell of the table (by mask) and for the two counts beside it, the sum of the people's record keys. */
export interface OverlapKeySums {
  readonly cells: readonly number[];
  readonly excludedNoConsent: number;
  readonly notOnAnyList: number;
}

/** What a person's cases of the year say about them, for estimating by stratum (strata-from-cases.ts). */
export interface CaseFacts {
  readonly gender: string | null;
  readonly isChild: boolean;
  readonly forms: readonly string[];
}

/** A linked person counted in the table: the lists they are on (bit i: list i) and the facts of each of their cases. */
export interface CountedPerson {
  readonly mask: number;
  readonly cases: readonly CaseFacts[];
}

export interface OverlapFromCases {
  readonly table: OverlapTable;
  /** The people counted (consent allowing), by the person id standing for each linked person. */
  readonly people: ReadonlyMap<string, CountedPerson>;
  readonly counting: CaseCounting;
  /** With record keys: what the displayed counts are perturbed by (the estimate uses the exact table). */
  readonly keySums: OverlapKeySums | null;
}

/** The year's bounds, [1 January, next 1 January) in UTC. */
export function yearBounds(year: number): { from: Date; to: Date } {
  return { from: new Date(Date.UTC(year, 0, 1)), to: new Date(Date.UTC(year + 1, 0, 1)) };
}

/** Checks the lists against each other and the organisations table; 400 naming the field otherwise. */
async function checkLists(db: Db, lists: readonly ListOfOrganisations[]): Promise<void> {
  const names = new Map<string, number>();
  const owner = new Map<string, number>();
  for (const [i, list] of lists.entries()) {
    const earlier = names.get(list.name.toLowerCase());
    if (earlier !== undefined) throw badRequest(`lists.${i}.name`, `"${list.name}" is already the name of list ${earlier + 1}`);
    names.set(list.name.toLowerCase(), i);
    for (const id of list.organisationIds) {
      const other = owner.get(id);
      if (other === i) throw badRequest(`lists.${i}.organisationIds`, 'an organisation is given twice');
      if (other !== undefined) throw badRequest(`lists.${i}.organisationIds`, `an organisation is already on list ${other + 1}: each organisation may be on one list only`);
      owner.set(id, i);
    }
  }
  const ids = [...owner.keys()];
  const known = new Set((await db.selectFrom('organisations').select('id').where('id', 'in', ids).execute()).map((row) => row.id));
  for (const [i, list] of lists.entries()) {
    if (list.organisationIds.some((id) => !known.has(id))) throw badRequest(`lists.${i}.organisationIds`, 'names an organisation that does not exist');
  }
}

export async function overlapFromCases(db: Db, year: number, lists: readonly ListOfOrganisations[], keys?: RecordKeys): Promise<OverlapFromCases> {
  await checkLists(db, lists);
  const { from, to } = yearBounds(year);
  // One row per case of the year: the organisations, the person's keys, and the person's newest consent to
  // statistics (consent_events_person_idx serves the subquery).
  const cases = await db
    .selectFrom('cases as c')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .select([
      'c.person_id',
      'c.reported_by_organisation_id',
      'c.managing_organisation_id',
      'p.name_index',
      'p.birth_date_index',
      'p.gender',
      'p.is_child',
      'c.forms_of_exploitation',
      sql<string | null>`(select e.status from consent_events e where e.person_id = c.person_id and e.purpose = 'statistics' order by e.recorded_at desc, e.id desc limit 1)`.as('statistics_consent'),
    ])
    .where('c.opened_at', '>=', from)
    .where('c.opened_at', '<', to)
    .execute();
  const persons = new Map<string, { id: string; nameIndex: string[]; birthDateIndex: string | null; consent: string | null }>();
  for (const row of cases) {
    if (!persons.has(row.person_id)) persons.set(row.person_id, { id: row.person_id, nameIndex: row.name_index, birthDateIndex: row.birth_date_index, consent: row.statistics_consent });
  }
  const confirmations = await db
    .selectFrom('match_requests as m')
    .innerJoin('cases as c', 'c.id', 'm.requesting_case_id')
    .select(['c.person_id', 'm.candidate_person_ids'])
    .where('m.status', '=', 'confirmed_same_person')
    .execute();

  // A confirmation says the requesting case's person is the one the asked organisation holds among its candidates;
  // the candidates were all probable matches of that person, so each is linked to it.
  const pairs: Array<[string, string]> = [];
  for (const row of confirmations) for (const candidate of row.candidate_person_ids) pairs.push([row.person_id, candidate]);
  const linkage = linkPersons([...persons.values()], pairs);

  const excluded = new Set<string>();
  for (const record of persons.values()) {
    if (record.consent === null || record.consent === 'given') continue;
    const person = linkage.personOf.get(record.id);
    if (person !== undefined) excluded.add(person);
  }

  const listOf = new Map<string, number>();
  lists.forEach((list, i) => list.organisationIds.forEach((id) => listOf.set(id, i)));
  const masks = new Map<string, number>();
  const facts = new Map<string, CaseFacts[]>();
  for (const row of cases) {
    const person = linkage.personOf.get(row.person_id);
    if (person === undefined || excluded.has(person)) continue;
    const known = facts.get(person);
    const fact = { gender: row.gender, isChild: row.is_child, forms: row.forms_of_exploitation };
    if (known) known.push(fact);
    else facts.set(person, [fact]);
    let mask = masks.get(person) ?? 0;
    for (const organisation of [row.reported_by_organisation_id, row.managing_organisation_id]) {
      const list = listOf.get(organisation);
      if (list !== undefined) mask |= 1 << list;
    }
    masks.set(person, mask);
  }

  const counts = new Array<number>(2 ** lists.length).fill(0);
  let notOnAnyList = 0;
  for (const mask of masks.values()) {
    if (mask === 0) notOnAnyList++;
    else counts[mask] = (counts[mask] ?? 0) + 1;
  }
  // A linked person's key: that of the person id standing for them (linkage's representative).
  let keySums: OverlapKeySums | null = null;
  if (keys) {
    const cells = new Array<number>(counts.length).fill(0);
    let notOnAnyListKeys = 0;
    for (const [person, mask] of masks) {
      if (mask === 0) notOnAnyListKeys += keys.ofPerson(person);
      else cells[mask] = (cells[mask] ?? 0) + keys.ofPerson(person);
    }
    let excludedKeys = 0;
    for (const person of excluded) excludedKeys += keys.ofPerson(person);
    keySums = { cells, excludedNoConsent: excludedKeys, notOnAnyList: notOnAnyListKeys };
  }
  const rows: OverlapRow[] = [];
  for (let mask = 1; mask < counts.length; mask++) {
    rows.push({ combination: lists.map((_, i) => (mask >> i) & 1), count: counts[mask] ?? 0 });
  }
  const table = buildOverlapTable(
    lists.map((list) => list.name),
    rows,
  );
  const people = new Map<string, CountedPerson>();
  for (const [person, mask] of masks) people.set(person, { mask, cases: facts.get(person) ?? [] });
  return {
    table,
    keySums,
    people,
    counting: {
      personRecords: persons.size,
      people: linkage.people,
      linkedByKeys: linkage.mergedByKeys,
      linkedByConfirmation: linkage.mergedByConfirmation,
      excludedNoConsent: excluded.size,
      notOnAnyList,
    },
  };
}

/** Years in which cases were opened, newest first (for the rapporteur's choice). */
export async function yearsWithCases(db: Db): Promise<number[]> {
  const rows = await db
    .selectFrom('cases')
    .select(sql<number>`extract(year from opened_at at time zone 'UTC')::int`.as('year'))
    .distinct()
    .orderBy('year', 'desc')
    .execute();
  return rows.map((row) => Number(row.year));
}
