import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { RecordKeys } from '../../platform/crypto/record-keys.js';
import { MEASURE, publishedOf, type ExactCell } from './funnel.engine.js';
import { funnelFacts } from './funnel.changes.js';
import { countryOf, type SuspectFacts } from './funnel.facts.js';
import { yearCellsOf, type YearCells } from './funnel.glotip.js';
import { must } from '../statistics/must.js';
import { statisticsSettings } from '../statistics/statistics.service.js';
import { alpha3Of, countryNameOf } from '../statistical-records/country-codes.js';
import { glotipFormOfBits } from './funnel.glotip-offenders.forms.js';

/**
 * The GLOTIP questionnaire's offender tables from the prosecution records: persons brought into formal contact,
 * prosecuted and convicted, by year, by sex crossed with age (adult, child), by citizenship (nationals, foreign
 * nationals, and each foreign country with enough persons) and by form of exploitation, in the layout of UNODC's
 * data_glotip export (data-standard.md §3.2). What counts is in README.md
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
/** The foreign nationals of the countries not listed on their own (too few persons: the small-cell threshold). */
export const OTHER_COUNTRIES = 'Other countries';
/** GLOTIP's forms of exploitation (the operation's forms, one per person: several are "Other forms"). */
export const offenderForms = ['Sexual exploitation', 'Forced labour', 'Other forms of exploitation'] as const;

const MEASURES: Record<OffenderIndicator, number> = {
  'Persons brought into formal contact': MEASURE.glotipContact,
  'Persons prosecuted': MEASURE.glotipProsecuted,
  'Persons convicted': MEASURE.glotipConvicted,
};

/** One published figure of the offender tables (codes as GLOTIP writes them). */
export interface OffenderFigure {
  readonly indicator: OffenderIndicator;
  readonly year: number;
  readonly dimension: 'Total' | 'by citizenship' | 'by form of exploitation';
  /** GLOTIP's words; a country's English name for a country of citizenship. */
  readonly category: string;
  /** A country of citizenship's ISO alpha-2 code (its name in other languages comes from it). */
  readonly country?: string;
  readonly sex: (typeof offenderSexes)[number];
  readonly age: (typeof offenderAges)[number];
  readonly value: number;
}

export interface OffenderTables {
  readonly figures: OffenderFigure[];
  readonly years: number[];
  /** The countries of citizenship listed on their own (ISO alpha-2), and the threshold that decided it. */
  readonly countries: string[];
  readonly threshold: number;
  /** The legal provisions of the trafficking charges, and those of the trafficking convictions. */
  readonly provisions: { readonly charged: string[]; readonly convicted: string[] };
}

/** The year each indicator counts person i in (0: not counted). */
const yearOf = (s: SuspectFacts, indicator: number, i: number): number =>
  indicator === 0 ? must(s.year[i]) : indicator === 1 ? must(s.prosecutedYear[i]) : must(s.convictedYear[i]);

const ageOf = (child: number) => (child === 1 ? '0 to 17 years' : child === 0 ? '18 years or over' : 'Unknown');

const cellName = (indicator: number, year: number, dimension: string, category: string, sex: string, age: string) => `${indicator}|${year}|${dimension}|${category}|${sex}|${age}`;
/** A country's persons over every year (all of them are brought into formal contact): decides whether it is listed. */
const countryCellName = (alpha2: string) => `country|${alpha2}`;

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
    const country = countryOf(must(s.country[i]));
    const form = glotipFormOfBits(must(s.forms[i]));
    if (country !== null) add(countryCellName(country), key);
    for (let indicator = 0; indicator < offenderIndicators.length; indicator++) {
      const year = yearOf(s, indicator, i);
      if (year === 0) continue;
      // Each person once per cell: their own sex and age, and the totals over each (the grand total is yearCellsOf's).
      add(cellName(indicator, year, 'Total', 'Total', sex, age), key);
      add(cellName(indicator, year, 'Total', 'Total', sex, 'Total'), key);
      add(cellName(indicator, year, 'Total', 'Total', 'Total', age), key);
      add(cellName(indicator, year, 'by citizenship', citizenship, 'Total', 'Total'), key);
      if (country !== null) add(cellName(indicator, year, 'by country', country, 'Total', 'Total'), key);
      if (form !== null) add(cellName(indicator, year, 'by form of exploitation', form, 'Total', 'Total'), key);
    }
  }
  const result = { cells, totals: yearCellsOf(s) };
  exactCache.set(s, result);
  return result;
}

/** Where a figure's persons are: a listed country's own cell, the pool of the others, or a cell counted as such. */
export function exactOf(s: SuspectFacts, f: Omit<OffenderFigure, 'value'>, listed: readonly string[] = []): ExactCell | undefined {
  const { cells, totals } = exactOffenderCells(s);
  const indicator = offenderIndicators.indexOf(f.indicator);
  if (f.dimension === 'Total' && f.sex === 'Total' && f.age === 'Total') return [totals.contact, totals.prosecuted, totals.convicted][indicator]?.get(f.year);
  if (f.country !== undefined) return cells.get(cellName(indicator, f.year, 'by country', f.country, 'Total', 'Total'));
  if (f.dimension === 'by citizenship' && f.category === OTHER_COUNTRIES) {
    const pool: ExactCell = { n: 0, key: 0 };
    for (const [name, cell] of cells) {
      const [ind, year, dimension, country] = name.split('|');
      if (ind === String(indicator) && year === String(f.year) && dimension === 'by country' && !listed.includes(country ?? '')) {
        pool.n += cell.n;
        pool.key += cell.key;
      }
    }
    return pool;
  }
  return cells.get(cellName(indicator, f.year, f.dimension, f.category, f.sex, f.age));
}

/**
 * The foreign countries listed on their own: those whose persons (all years; all are brought into formal contact)
 * reach the small-cell threshold as published (perturbed at the GLOTIP contact measure), as the statistics page
 * lists a value, so that a listed country says nothing exact. The others are pooled as "Other countries".
 */
export function listedCountries(s: SuspectFacts, threshold: number): string[] {
  const { cells } = exactOffenderCells(s);
  const listed: string[] = [];
  for (const [name, cell] of cells) {
    if (!name.startsWith('country|')) continue;
    if (publishedOf(cell, MEASURE.glotipContact) >= threshold) listed.push(name.slice('country|'.length));
  }
  return listed.sort((a, b) => countryName(a).localeCompare(countryName(b), 'en'));
}

const countryName = (alpha2: string): string => countryNameOf(alpha3Of(alpha2) ?? '') ?? alpha2;

/** Publishes every cell of the grid for every year with a person counted (pure). */
export function publishOffenderTables(s: SuspectFacts, threshold: number): { figures: OffenderFigure[]; years: number[]; countries: string[] } {
  const { totals } = exactOffenderCells(s);
  const years = [...new Set([...totals.contact.keys(), ...totals.prosecuted.keys(), ...totals.convicted.keys()])].sort((a, b) => a - b);
  const countries = listedCountries(s, threshold);
  const figures: OffenderFigure[] = [];
  for (const indicator of offenderIndicators) {
    for (const year of years) {
      const figure = (dimension: OffenderFigure['dimension'], category: string, sex: OffenderFigure['sex'], age: OffenderFigure['age'], country?: string) => {
        const at = { indicator, year, dimension, category, sex, age, ...(country === undefined ? {} : { country }) };
        figures.push({ ...at, value: publishedOf(exactOf(s, at, countries), MEASURES[indicator]) });
      };
      for (const sex of offenderSexes) for (const age of offenderAges) figure('Total', 'Total', sex, age);
      for (const category of offenderCitizenships) figure('by citizenship', category, 'Total', 'Total');
      for (const country of countries) figure('by citizenship', countryName(country), 'Total', 'Total', country);
      figure('by citizenship', OTHER_COUNTRIES, 'Total', 'Total');
      for (const form of offenderForms) figure('by form of exploitation', form, 'Total', 'Total');
    }
  }
  return { figures, years, countries };
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
  const { threshold } = await statisticsSettings(db);
  return { ...publishOffenderTables(facts.suspects, threshold), threshold, provisions: await provisionsOf(db) };
}

/** The source and legal provision of an indicator, as the questionnaire asks for them beside each table. */
export function offenderSource(tables: OffenderTables, indicator: OffenderIndicator): string {
  const provisions = indicator === 'Persons convicted' ? tables.provisions.convicted : tables.provisions.charged;
  return `Palermo prosecution records; legal provision: ${provisions.join(', ') || 'none recorded'}; counts perturbed (cell-key method)`;
}
