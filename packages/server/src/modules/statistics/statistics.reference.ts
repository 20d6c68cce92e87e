import { sql } from 'kysely';
import type { StatisticsFilters, StatisticsReport } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { SuppressedValue } from './suppression.js';

const INDICATOR = 'Detected trafficking victims';

/**
 * GLOTIP reference figures (migration 0002) for the country (country_settings.country_iso3) beside its own persons per
 * year: detected victims, all forms, both sexes, all ages, from the newest imported file. The source's own text is
 * kept ("<5", "1,282"); an exact figure below the threshold is shown as "<threshold" like the country's own.
 */
export async function glotipComparison(db: Db, iso3: string | null, filters: StatisticsFilters, yearTotals: Map<string, SuppressedValue>, threshold: number): Promise<StatisticsReport['reference']> {
  const glotip = new Map<number, string>();
  if (iso3) {
    const rows = await sql<{ year: number; value: string | null; value_text: string; value_kind: string }>`
      SELECT DISTINCT ON (s.year) s.year, s.value::text AS value, s.value_text, s.value_kind
      FROM reference_statistics s JOIN reference_datasets d ON d.id = s.dataset_id
      WHERE s.iso3 = ${iso3} AND s.indicator = ${INDICATOR} AND s.dimension = 'Total'
        AND coalesce(s.category, 'Total') = 'Total' AND s.sex = 'Total' AND s.age = 'Total'
      ORDER BY s.year, d.imported_at DESC, s.source_row`.execute(db);
    for (const r of rows.rows) {
      const exact = r.value_kind === 'exact' && r.value !== null ? Number(r.value) : null;
      glotip.set(Number(r.year), exact !== null && exact < threshold ? `<${threshold}` : r.value_kind === 'missing' ? '' : r.value_text);
    }
  }
  const years = new Set<number>([...glotip.keys()]);
  for (const key of yearTotals.keys()) if (/^\d+$/u.test(key)) years.add(Number(key));
  const inRange = (y: number) => (filters.yearFrom === undefined || y >= filters.yearFrom) && (filters.yearTo === undefined || y <= filters.yearTo);
  return {
    iso3,
    indicator: INDICATOR,
    rows: [...years]
      .filter(inRange)
      .sort((a, b) => a - b)
      .map((year) => ({ year, glotip: glotip.get(year) || null, country: yearTotals.get(String(year)) ?? null })),
  };
}
