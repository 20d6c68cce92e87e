/**
 * The case records' overlap table split by stratum: sex (the person's gender as recorded), age (child or adult) or
 * form of exploitation. A person linked across organisations is in one stratum only, decided from all their cases of
 * the year, so that each stratum's lists hold the same people:
 * - sex: the gender recorded; `unknown` when no record gives it or linked records disagree;
 * - age: `child` when any of the person's records says child (a child's protection decides), `adult` otherwise;
 * - form: the form of exploitation of their cases; `several` for more than one, `unknown` when none is recorded.
 * The cases record a country of exploitation but no place within the country, so there is no stratum by region.
 * For the display only, each stratum's cells carry the sum of its people's record keys (cell-key method).
 */
import { formsOfExploitation, genders, type StrataVariable } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { RecordKeys } from '../../platform/crypto/record-keys.js';
import { buildOverlapTable, type OverlapRow, type OverlapTable } from './overlap-table.js';
import { overlapFromCases, type CaseFacts, type CountedPerson, type ListOfOrganisations, type OverlapFromCases } from './overlap-from-cases.js';

export interface StratumTable {
  readonly stratum: string;
  readonly table: OverlapTable;
  /** Per cell (by mask), the sum of the record keys of its people. */
  readonly cellKeys: readonly number[];
}

export interface StrataFromCases {
  readonly pooled: OverlapFromCases;
  readonly strata: readonly StratumTable[];
}

function stratumOf(by: StrataVariable, cases: readonly CaseFacts[]): string {
  if (by === 'age') return cases.some((c) => c.isChild) ? 'child' : 'adult';
  if (by === 'sex') {
    const recorded = new Set(cases.flatMap((c) => (c.gender ? [c.gender] : [])));
    const [only] = recorded;
    return recorded.size === 1 && only !== undefined ? only : 'unknown';
  }
  const forms = new Set(cases.flatMap((c) => c.forms));
  const [only] = forms;
  if (forms.size === 0 || only === undefined) return 'unknown';
  return forms.size === 1 ? only : 'several';
}

/** The order strata are shown in: the vocabulary's, then the extra values. */
const ORDER: Record<StrataVariable, readonly string[]> = {
  sex: [...genders, 'unknown'],
  age: ['child', 'adult'],
  form: [...formsOfExploitation, 'several', 'unknown'],
};

function tableOf(lists: readonly string[], people: ReadonlyArray<readonly [string, CountedPerson]>, keys: RecordKeys): { table: OverlapTable; cellKeys: number[] } {
  const counts = new Array<number>(2 ** lists.length).fill(0);
  const cellKeys = new Array<number>(counts.length).fill(0);
  for (const [person, { mask }] of people) {
    counts[mask] = (counts[mask] ?? 0) + 1;
    cellKeys[mask] = (cellKeys[mask] ?? 0) + keys.ofPerson(person);
  }
  const rows: OverlapRow[] = [];
  for (let mask = 1; mask < counts.length; mask++) rows.push({ combination: lists.map((_, i) => (mask >> i) & 1), count: counts[mask] ?? 0 });
  return { table: buildOverlapTable(lists, rows), cellKeys };
}

export async function strataFromCases(db: Db, year: number, lists: readonly ListOfOrganisations[], by: StrataVariable, keys: RecordKeys): Promise<StrataFromCases> {
  const pooled = await overlapFromCases(db, year, lists, keys);
  const groups = new Map<string, Array<[string, CountedPerson]>>();
  for (const [person, counted] of pooled.people) {
    if (counted.mask === 0) continue; // on no chosen list: not in any table
    const stratum = stratumOf(by, counted.cases);
    const group = groups.get(stratum);
    if (group) group.push([person, counted]);
    else groups.set(stratum, [[person, counted]]);
  }
  const order = ORDER[by];
  const names = [...groups.keys()].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const listNames = lists.map((list) => list.name);
  const strata = names.map((stratum) => ({ stratum, ...tableOf(listNames, groups.get(stratum) ?? [], keys) }));
  return { pooled, strata };
}
