import { createHash, randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import type { CriminalizationLevel, ReferenceSeries, ReferenceSeriesView, TipTier } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { ImportError } from '../reference-statistics/import-report.js';

/**
 * The reference series drawn beside the plan: the US TIP report's tiers per country and year (Kelley and Heiss's
 * `map_tiers.csv`: 1, 2, 3 = Tier 2 Watch List, 4 = Tier 3, NA = not ranked) and the 3P anti-trafficking policy index
 * (Cho, Dreher and Neumayer: prosecution, protection and prevention scored 1 to 5, NA where not scored). Each import is
 * all or nothing: a file with any row that cannot be read stores nothing and says where. The same file twice changes
 * nothing; a new file of a series replaces that series' rows.
 */

export interface ReferenceImportSummary {
  readonly series: ReferenceSeries;
  readonly file: string;
  readonly sha256: string;
  readonly alreadyImported: boolean;
  readonly rowsRead: number;
  readonly rowsImported: number;
  readonly countries: number;
}

type Row = Record<string, string>;

const tierCodes: Readonly<Record<string, TipTier>> = { '1': 'tier_1', '2': 'tier_2', '3': 'tier_2_watch_list', '4': 'tier_3' };
/** The policy index file writes the Watch List as 2.5 and Tier 3 as 3 (its own column, kept only for reference). */
const criminalization: Readonly<Record<string, CriminalizationLevel>> = { none: 'none', partial: 'partial', full: 'full' };

function fail(row: number, column: string, message: string): never {
  throw new ImportError('unreadable_value', `row ${row}, column ${column}: ${message}`, { row, column });
}

function readRows(bytes: Buffer, columns: readonly string[]): Row[] {
  let records: Row[];
  try {
    records = parse(bytes.toString('utf8'), { bom: true, columns: true, skip_empty_lines: true, trim: true }) as Row[];
  } catch (error) {
    throw new ImportError('unreadable_file', `not readable as CSV (${error instanceof Error ? error.message : String(error)})`, {});
  }
  const first = records[0];
  if (!first) throw new ImportError('no_data', 'the file has no rows', {});
  for (const column of columns) if (!(column in first)) throw new ImportError('missing_column', `no column "${column}" (expected ${columns.join(', ')})`, { column });
  return records;
}

function iso3(value: string | undefined, row: number, column: string): string {
  if (!value || !/^[A-Z]{3}$/u.test(value)) fail(row, column, `"${value ?? ''}" is not an ISO 3166-1 alpha-3 code`);
  return value;
}

function year(value: string | undefined, row: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1990 || n > 2100) fail(row, 'year', `"${value ?? ''}" is not a year`);
  return n;
}

function score(value: string | undefined, row: number, column: string): number | null {
  if (value === undefined || value === '' || value === 'NA') return null;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 5) fail(row, column, `"${value}" is not a score from 1 to 5 (or NA)`);
  return n;
}

interface Parsed {
  readonly rowsRead: number;
  readonly insert: (tx: Db, importId: string) => Promise<number>;
  readonly countries: number;
}

function parseTiers(bytes: Buffer): Parsed {
  const rows = readRows(bytes, ['countryname', 'iso', 'year', 'tier']);
  const seen = new Set<string>();
  const values = rows.flatMap((r, i) => {
    const row = i + 2;
    const country = iso3(r.iso, row, 'iso');
    const y = year(r.year, row);
    const key = `${country}:${y}`;
    if (seen.has(key)) fail(row, 'year', `${country} ${y} appears twice`);
    seen.add(key);
    if (r.tier === 'NA' || r.tier === '') return [];
    const tier = tierCodes[r.tier ?? ''];
    if (!tier) fail(row, 'tier', `"${r.tier ?? ''}" is not a tier (1, 2, 3 for the Watch List, 4 for Tier 3, or NA)`);
    return [{ iso3: country, year: y, tier, country_name: r.countryname ?? country }];
  });
  return {
    rowsRead: rows.length,
    countries: new Set(values.map((v) => v.iso3)).size,
    insert: async (tx, importId) => {
      await tx.deleteFrom('tip_tier_ratings').execute();
      for (let i = 0; i < values.length; i += 1000) await tx.insertInto('tip_tier_ratings').values(values.slice(i, i + 1000).map((v) => ({ ...v, import_id: importId }))).execute();
      return values.length;
    },
  };
}

function parsePolicyIndex(bytes: Buffer): Parsed {
  const rows = readRows(bytes, ['country_name', 'iso3', 'year', 'prosecution', 'protection', 'prevention', 'criminalization']);
  const seen = new Set<string>();
  const values = rows.map((r, i) => {
    const row = i + 2;
    const country = iso3(r.iso3, row, 'iso3');
    const y = year(r.year, row);
    const key = `${country}:${y}`;
    if (seen.has(key)) fail(row, 'year', `${country} ${y} appears twice`);
    seen.add(key);
    const level = r.criminalization === undefined || r.criminalization === '' || r.criminalization === 'NA' ? null : criminalization[r.criminalization.toLowerCase()];
    if (level === undefined) fail(row, 'criminalization', `"${r.criminalization ?? ''}" is not None, Partial or Full`);
    return {
      iso3: country, year: y, country_name: r.country_name ?? country,
      prosecution: score(r.prosecution, row, 'prosecution'), protection: score(r.protection, row, 'protection'), prevention: score(r.prevention, row, 'prevention'),
      criminalization: level,
    };
  });
  return {
    rowsRead: rows.length,
    countries: new Set(values.map((v) => v.iso3)).size,
    insert: async (tx, importId) => {
      await tx.deleteFrom('policy_index_scores').execute();
      for (let i = 0; i < values.length; i += 1000) await tx.insertInto('policy_index_scores').values(values.slice(i, i + 1000).map((v) => ({ ...v, import_id: importId }))).execute();
      return values.length;
    },
  };
}

/** Imports one file of a reference series in one transaction (all or nothing; the same file twice changes nothing). */
export async function importReferenceSeries(db: Db, series: ReferenceSeries, file: { fileName: string; bytes: Buffer }, actor: Actor): Promise<ReferenceImportSummary> {
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const parsed = series === 'tip_tiers' ? parseTiers(file.bytes) : parsePolicyIndex(file.bytes);
  return db.transaction().execute(async (tx) => {
    const base = { series, file: file.fileName, sha256, rowsRead: parsed.rowsRead, countries: parsed.countries };
    const earlier = await tx.selectFrom('reference_series_imports').select(['rows_imported']).where('series', '=', series).where('sha256', '=', sha256).executeTakeFirst();
    if (earlier) return { ...base, alreadyImported: true, rowsImported: 0 };
    const importId = randomUUID();
    await tx.insertInto('reference_series_imports').values({ id: importId, series, file_name: file.fileName, sha256, rows_imported: 0 }).execute();
    const rowsImported = await parsed.insert(tx, importId);
    await tx.updateTable('reference_series_imports').set({ rows_imported: rowsImported }).where('id', '=', importId).execute();
    await appendAudit(tx, actor, { action: 'reference_series.import', recordType: 'reference_series', recordId: importId, purpose: 'oversight', summary: `${series}: ${rowsImported} of ${parsed.rowsRead} rows (${parsed.countries} countries), sha256 ${sha256}` });
    return { ...base, alreadyImported: false, rowsImported };
  });
}

/** A country's series by year: the asked country, else the country's own (country_settings.country_iso3). */
export async function readReferenceSeries(tx: Db, asked: string | null): Promise<ReferenceSeriesView> {
  const own = await tx.selectFrom('country_settings').select('country_iso3').where('id', '=', 1).executeTakeFirst();
  const country = asked ?? own?.country_iso3 ?? null;
  const countries = (
    await tx
      .selectFrom('tip_tier_ratings')
      .select(['iso3', 'country_name as name'])
      .union(tx.selectFrom('policy_index_scores').select(['iso3', 'country_name as name']))
      .execute()
  ).reduce((byCode, c) => (byCode.has(c.iso3) ? byCode : byCode.set(c.iso3, c.name)), new Map<string, string>());
  const list = [...countries].map(([iso3, name]) => ({ iso3, name })).sort((a, b) => a.name.localeCompare(b.name));
  if (!country) return { country: null, countryName: null, tiers: [], scores: [], countries: list };
  const [tiers, scores] = await Promise.all([
    tx.selectFrom('tip_tier_ratings').select(['year', 'tier']).where('iso3', '=', country).orderBy('year').execute(),
    tx.selectFrom('policy_index_scores').select(['year', 'prosecution', 'protection', 'prevention', 'criminalization']).where('iso3', '=', country).orderBy('year').execute(),
  ]);
  return {
    country,
    countryName: countries.get(country) ?? null,
    tiers: tiers.map((t) => ({ year: t.year, tier: t.tier as TipTier })),
    scores: scores.map((s) => ({ ...s, criminalization: s.criminalization as CriminalizationLevel | null })),
    countries: list,
  };
}
