import { sql } from 'kysely';
import type { FunnelFilters, FunnelReport } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import { MEASURE, publishedOf, type ExactCell } from './funnel.engine.js';
import type { SuspectFacts } from './funnel.facts.js';
import { must } from '../statistics/must.js';

const PROSECUTED = 'Persons prosecuted';
const CONVICTED = 'Persons convicted';

/** UNODC's text of the country's totals for one indicator by year (newest imported file; the source's own text). */
async function glotipTotals(db: Db, iso3: string, indicator: string, threshold: number): Promise<Map<number, string>> {
  const rows = await sql<{ year: number; value: string | null; value_text: string; value_kind: string }>`
    SELECT DISTINCT ON (s.year) s.year, s.value::text AS value, s.value_text, s.value_kind
    FROM reference_statistics s JOIN reference_datasets d ON d.id = s.dataset_id
    WHERE s.iso3 = ${iso3} AND s.indicator = ${indicator} AND s.dimension = 'Total'
      AND coalesce(s.category, 'Total') = 'Total' AND s.sex = 'Total' AND s.age = 'Total' AND s.unit = 'Counts'
    ORDER BY s.year, d.imported_at DESC, s.source_row`.execute(db);
  const out = new Map<number, string>();
  for (const r of rows.rows) {
    if (r.value_kind === 'missing') continue;
    const exact = r.value_kind === 'exact' && r.value !== null ? Number(r.value) : null;
    out.set(Number(r.year), exact !== null && exact < threshold ? `<${threshold}` : r.value_text);
  }
  return out;
}

/**
 * Persons suspected by the funnel's year (brought into formal contact), persons by the year of their first
 * prosecution (charged with trafficking) and by the year of their first conviction of trafficking, computed once per
 * set of facts: the funnel's GLOTIP columns and the year totals of the GLOTIP offender tables
 * (funnel.glotip-offenders.ts) are these same cells, so they publish the same figures.
 */
export interface YearCells {
  contact: Map<number, ExactCell>;
  prosecuted: Map<number, ExactCell>;
  convicted: Map<number, ExactCell>;
}
const yearCells = new WeakMap<SuspectFacts, YearCells>();
export function yearCellsOf(suspects: SuspectFacts): YearCells {
  const known = yearCells.get(suspects);
  if (known) return known;
  const contact = new Map<number, ExactCell>();
  const prosecuted = new Map<number, ExactCell>();
  const convicted = new Map<number, ExactCell>();
  const add = (cells: Map<number, ExactCell>, year: number, key: number) => {
    const cell = cells.get(year) ?? { n: 0, key: 0 };
    cell.n += 1;
    cell.key += key;
    cells.set(year, cell);
  };
  for (let i = 0; i < suspects.size; i++) {
    add(contact, must(suspects.year[i]), must(suspects.key[i]));
    if (suspects.prosecutedYear[i]) add(prosecuted, must(suspects.prosecutedYear[i]), must(suspects.key[i]));
    if (suspects.convictedYear[i]) add(convicted, must(suspects.convictedYear[i]), must(suspects.key[i]));
  }
  const cells = { contact, prosecuted, convicted };
  yearCells.set(suspects, cells);
  return cells;
}

/**
 * The country's persons prosecuted and convicted per calendar year (the year of the first prosecution of a person
 * charged with trafficking, of the first conviction of trafficking: GLOTIP's counting), perturbed as every funnel count, beside UNODC's GLOTIP totals for the same years.
 * All forms, sexes and citizenships (GLOTIP's totals); the page's year range applies.
 */
export async function glotipBeside(db: Db, iso3: string | null, suspects: SuspectFacts, filters: FunnelFilters, threshold: number): Promise<FunnelReport['glotip']> {
  const { prosecuted, convicted } = yearCellsOf(suspects);
  const glotipProsecuted = iso3 ? await glotipTotals(db, iso3, PROSECUTED, threshold) : new Map<number, string>();
  const glotipConvicted = iso3 ? await glotipTotals(db, iso3, CONVICTED, threshold) : new Map<number, string>();
  const years = new Set([...prosecuted.keys(), ...convicted.keys(), ...glotipProsecuted.keys(), ...glotipConvicted.keys()]);
  const inRange = (y: number) => (filters.yearFrom === undefined || y >= filters.yearFrom) && (filters.yearTo === undefined || y <= filters.yearTo);
  const ownYears = new Set([...prosecuted.keys(), ...convicted.keys()]);
  return {
    iso3,
    rows: [...years]
      .filter(inRange)
      .sort((a, b) => a - b)
      .map((year) => ({
        year,
        prosecuted: ownYears.has(year) ? publishedOf(prosecuted.get(year), MEASURE.glotipProsecuted) : null,
        convicted: ownYears.has(year) ? publishedOf(convicted.get(year), MEASURE.glotipConvicted) : null,
        glotipProsecuted: glotipProsecuted.get(year) ?? null,
        glotipConvicted: glotipConvicted.get(year) ?? null,
      })),
  };
}
