import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { RecordKeys } from '../../platform/crypto/record-keys.js';
import { MEASURE, publishedOf, type ExactCell } from './funnel.engine.js';
import { funnelFacts } from './funnel.changes.js';
import type { SuspectFacts } from './funnel.facts.js';
import { yearCellsOf, type YearCells } from './funnel.glotip.js';
import { must } from '../statistics/must.js';

/**
 * The GLOTIP questionnaire's offender tables from the prosecution records: persons brought into formal contact,
 * prosecuted and convicted, by year, by sex crossed with age (adult, child) and by citizenship (nationals, foreign
 * nationals), in the layout of UNODC's data_glotip export (data-standard.md §3.2). What counts is in README.md
 * ("GLOTIP offender tables") and in `offenderMethodology` below, which the exports carry.
 *
 * Every figure is a cell of the cell-key method (statistics/cell-key.ts), as every funnel count: the set of persons
 * it counts, published at the key sum of those persons moved by the indicator's measure. A total is its own cell
 * (all its persons), never a sum of published parts nor an exact count, so subtracting published figures gives back
 * no cell exactly. Every cell of the grid is written, zeros included: a row's presence says nothing.
 */

export const offenderIndicators = ['Persons brought into formal contact', 'Persons prosecuted', 'Persons convicted'] as const;
export type OffenderIndicator = (typeof offenderIndicators)[number];

/** Sexes as GLOTIP names them: Total, then suspectSexes' order (female, male, unknown); the platform records no "Other". */
export const offenderSexes = ['Total', 'Female', 'Male', 'Unknown'] as const;
export const offenderAges = ['Total', '0 to 17 years', '18 years or over', 'Unknown'] as const;
/** Citizenship categories, in the order of funnelCitizenships (national, foreign, not recorded). */
export const offenderCitizenships = ['Nationals', 'Foreign nationals', 'Unknown'] as const;

const MEASURES: Record<OffenderIndicator, number> = {
  'Persons brought into formal contact': MEASURE.glotipContact,
  'Persons prosecuted': MEASURE.glotipProsecuted,
  'Persons convicted': MEASURE.glotipConvicted,
};

/** One published figure of the offender tables (codes as GLOTIP writes them). */
export interface OffenderFigure {
  readonly indicator: OffenderIndicator;
  readonly year: number;
  readonly dimension: 'Total' | 'by citizenship';
  readonly category: string;
  readonly sex: (typeof offenderSexes)[number];
  readonly age: (typeof offenderAges)[number];
  readonly value: number;
}

export interface OffenderTables {
  readonly figures: OffenderFigure[];
  readonly years: number[];
  /** The legal provisions of the trafficking charges, and those of the trafficking convictions. */
  readonly provisions: { readonly charged: string[]; readonly convicted: string[] };
}

/** The year each indicator counts person i in (0: not counted). */
const yearOf = (s: SuspectFacts, indicator: number, i: number): number =>
  indicator === 0 ? must(s.year[i]) : indicator === 1 ? must(s.prosecutedYear[i]) : must(s.convictedYear[i]);

const ageOf = (child: number) => (child === 1 ? '0 to 17 years' : child === 0 ? '18 years or over' : 'Unknown');

const cellName = (indicator: number, year: number, dimension: string, category: string, sex: string, age: string) => `${indicator}|${year}|${dimension}|${category}|${sex}|${age}`;

/**
 * The exact cells (count and key sum) of every breakdown, once per set of facts. The year totals are the funnel's
 * own GLOTIP year cells (yearCellsOf), not counted again.
 */
const exactCache = new WeakMap<SuspectFacts, { cells: Map<string, ExactCell>; totals: YearCells }>();
export function exactOffenderCells(s: SuspectFacts): { cells: Map<string, ExactCell>; totals: YearCells } {
  const known = exactCache.get(s);
  if (known) return known;
  const cells = new Map<string, ExactCell>();
  const add = (name: string, key: number) => {
    const cell = cells.get(name);
    if (cell) {
      cell.n += 1;
      cell.key += key;
    } else cells.set(name, { n: 1, key });
  };
  for (let i = 0; i < s.size; i++) {
    const key = must(s.key[i]);
    const sex = must(offenderSexes[must(s.sex[i]) + 1]);
    const age = ageOf(must(s.child[i]));
    const citizenship = must(offenderCitizenships[Math.max(0, must(s.citizenship[i]))]);
    for (let indicator = 0; indicator < offenderIndicators.length; indicator++) {
      const year = yearOf(s, indicator, i);
      if (year === 0) continue;
      // Each person once per cell: their own sex and age, and the totals over each (the grand total is yearCellsOf's).
      add(cellName(indicator, year, 'Total', 'Total', sex, age), key);
      add(cellName(indicator, year, 'Total', 'Total', sex, 'Total'), key);
      add(cellName(indicator, year, 'Total', 'Total', 'Total', age), key);
      add(cellName(indicator, year, 'by citizenship', citizenship, 'Total', 'Total'), key);
    }
  }
  const result = { cells, totals: yearCellsOf(s) };
  exactCache.set(s, result);
  return result;
}

/** The exact cell of a figure (for the tests: the count before perturbation). */
export function exactOf(s: SuspectFacts, f: Omit<OffenderFigure, 'value'>): ExactCell | undefined {
  const { cells, totals } = exactOffenderCells(s);
  const indicator = offenderIndicators.indexOf(f.indicator);
  if (f.dimension === 'Total' && f.sex === 'Total' && f.age === 'Total') return [totals.contact, totals.prosecuted, totals.convicted][indicator]?.get(f.year);
  return cells.get(cellName(indicator, f.year, f.dimension, f.category, f.sex, f.age));
}

/** Publishes every cell of the grid for every year with a person counted (pure). */
export function publishOffenderTables(s: SuspectFacts): { figures: OffenderFigure[]; years: number[] } {
  const { totals } = exactOffenderCells(s);
  const years = [...new Set([...totals.contact.keys(), ...totals.prosecuted.keys(), ...totals.convicted.keys()])].sort((a, b) => a - b);
  const figures: OffenderFigure[] = [];
  for (const indicator of offenderIndicators) {
    for (const year of years) {
      const figure = (dimension: OffenderFigure['dimension'], category: string, sex: OffenderFigure['sex'], age: OffenderFigure['age']) => {
        const at = { indicator, year, dimension, category, sex, age };
        figures.push({ ...at, value: publishedOf(exactOf(s, at), MEASURES[indicator]) });
      };
      for (const sex of offenderSexes) for (const age of offenderAges) figure('Total', 'Total', sex, age);
      for (const category of offenderCitizenships) figure('by citizenship', category, 'Total', 'Total');
    }
  }
  return { figures, years };
}

/** The legal provisions the tables count under: those of trafficking charges, and of convictions of trafficking. */
async function provisionsOf(db: Db): Promise<OffenderTables['provisions']> {
  const charged = await sql<{ provision: string }>`
    SELECT DISTINCT data->>'provision' AS provision FROM prosecution_steps
    WHERE kind = 'charge' AND data->>'category' = 'trafficking' AND data->>'provision' IS NOT NULL ORDER BY 1`.execute(db);
  const convicted = await sql<{ provision: string }>`
    SELECT DISTINCT coalesce(v.data->>'convictedProvision', c.data->>'provision') AS provision
    FROM prosecution_steps v JOIN prosecution_steps c ON c.id = v.ref_step_id
    WHERE v.kind = 'verdict' AND v.data->>'outcome' = 'convicted'
      AND coalesce(v.data->>'convictedCategory', c.data->>'category') = 'trafficking'
      AND coalesce(v.data->>'convictedProvision', c.data->>'provision') IS NOT NULL ORDER BY 1`.execute(db);
  return { charged: charged.rows.map((r) => r.provision), convicted: convicted.rows.map((r) => r.provision) };
}

/** The tables as of now, citizenship told against the reporting country (ISO alpha-3; null: all not recorded). */
export async function offenderTables(db: Db, keys: RecordKeys, iso3: string | null): Promise<OffenderTables> {
  const facts = await funnelFacts(db, keys, iso3);
  return { ...publishOffenderTables(facts.suspects), provisions: await provisionsOf(db) };
}

/** The source and legal provision of an indicator, as the questionnaire asks for them beside each table. */
export function offenderSource(tables: OffenderTables, indicator: OffenderIndicator): string {
  const provisions = indicator === 'Persons convicted' ? tables.provisions.convicted : tables.provisions.charged;
  return `Palermo prosecution records; legal provision: ${provisions.join(', ') || 'none recorded'}; counts perturbed (cell-key method)`;
}
