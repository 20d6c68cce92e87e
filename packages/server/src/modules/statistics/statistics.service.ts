import {
  STATISTICS_UNKNOWN,
  statisticsDimensions,
  type StatisticsDatasetView,
  type StatisticsDimension,
  type StatisticsFilters,
  type StatisticsOptions,
  type StatisticsReport,
} from '@palermo/contracts';
import type { Measures } from './statistics.queries.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/database.js';
import { badRequest, notFound } from '../../platform/http/errors.js';
import { sql } from 'kysely';
import { ensureCube, type CubeBuild } from './statistics.cube.js';
import { aggregateYearCells, cubeColumns, type CubeColumns } from './statistics.engine.js';
import { indexOf } from './statistics.cube-index.js';
import { publishedValueCounts, publishPerturbed } from './statistics.perturbed.js';
import { exactShare, MAX_CHANGE } from './cell-key.js';
import type { RecordKeys } from '../../platform/crypto/record-keys.js';
import { glotipComparison } from './statistics.reference.js';
import { must } from './must.js';

/**
 * The statistics section's use cases. Reads de-identified statistical records only (through the cube); every count
 * that leaves is perturbed first by the cell-key method (cell-key.ts, statistics.perturbed.ts; decision 0005). Each
 * read is audited as a statistics read: the dataset and the filter names, no personal data (there is none to give).
 * `keys` (the platform's record keys) assign the keys of records that have none before a cube is built.
 */

export interface StatisticsSettings {
  readonly threshold: number;
  readonly deadlineDays: number;
  readonly iso3: string | null;
}

/** PALERMO_SMALL_CELL_THRESHOLD, when set, overrides the country's threshold (default 11, the CTDC rule). */
function thresholdOf(stored: number | null, env: NodeJS.ProcessEnv): number {
  const fromEnv = env['PALERMO_SMALL_CELL_THRESHOLD'];
  if (fromEnv === undefined || fromEnv === '') return stored ?? 11;
  const n = Number(fromEnv);
  if (!Number.isInteger(n) || n < 1) throw new Error('PALERMO_SMALL_CELL_THRESHOLD must be a positive integer');
  return n;
}

/** The small-cell threshold alone (the country's, or PALERMO_SMALL_CELL_THRESHOLD): one row read. */
export async function smallCellThreshold(db: Db, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const row = await db.selectFrom('country_settings').select('small_cell_threshold').where('id', '=', 1).executeTakeFirst();
  return thresholdOf(row?.small_cell_threshold ?? null, env);
}

/** What every request of the section needs to know first: the settings, the datasets and their cubes' builds. */
interface SectionState {
  readonly settings: StatisticsSettings;
  readonly datasets: StatisticsDatasetView[];
  /** Per dataset, its cube's build for the current deadline, when one exists. */
  readonly builds: Map<string, CubeBuild>;
}

interface DatasetRow {
  id: string;
  kind: StatisticsDatasetView['kind'];
  name: string;
  rows_imported: number;
  refreshed_at: string | null;
  built_at: string | null;
  source_rows: number | null;
  cube_rows: number | null;
}

/** The section's state in one statement (settings, datasets newest first, cube builds), read as one snapshot. */
async function sectionState(db: Db, env: NodeJS.ProcessEnv = process.env): Promise<SectionState> {
  const result = await sql<{ threshold: number | null; deadline: number; iso3: string | null; datasets: DatasetRow[] }>`
    SELECT s.threshold, s.deadline, s.iso3,
      coalesce((
        SELECT json_agg(json_build_object('id', d.id, 'kind', d.kind, 'name', d.name, 'rows_imported', d.rows_imported,
          'refreshed_at', d.refreshed_at, 'built_at', b.built_at, 'source_rows', b.source_rows, 'cube_rows', b.cube_rows)
          ORDER BY d.created_at DESC)
        FROM statistical_datasets d
        LEFT JOIN statistics_cube_builds b ON b.dataset_id = d.id AND b.reasonable_grounds_deadline_days = s.deadline
      ), '[]'::json) AS datasets
    FROM (
      SELECT max(small_cell_threshold) AS threshold, coalesce(max(reasonable_grounds_deadline_days), 5) AS deadline, max(country_iso3) AS iso3
      FROM country_settings WHERE id = 1
    ) s`.execute(db);
  const row = must(result.rows[0]);
  const builds = new Map<string, CubeBuild>();
  const datasets = row.datasets.map((d) => {
    if (d.built_at !== null) builds.set(d.id, { builtAt: new Date(d.built_at), sourceRows: Number(d.source_rows), cubeRows: Number(d.cube_rows) });
    return {
      id: d.id,
      kind: d.kind,
      name: d.name,
      records: Number(d.rows_imported),
      refreshedAt: d.refreshed_at ? new Date(d.refreshed_at).toISOString() : null,
      synthetic: d.kind === 'synthetic',
    };
  });
  return { settings: { threshold: thresholdOf(row.threshold, env), deadlineDays: Number(row.deadline), iso3: row.iso3 }, datasets, builds };
}

/** The country settings the section reads. */
export async function statisticsSettings(db: Db, env: NodeJS.ProcessEnv = process.env): Promise<StatisticsSettings> {
  return (await sectionState(db, env)).settings;
}

/** The dataset asked for, else the country's own, else the newest. */
function resolveDataset(state: SectionState, id: string | undefined): StatisticsDatasetView | null {
  if (id !== undefined) {
    const dataset = state.datasets.find((d) => d.id === id);
    if (!dataset) throw notFound('Dataset');
    return dataset;
  }
  return state.datasets.find((d) => d.kind === 'country_cases') ?? state.datasets[0] ?? null;
}

/** The dataset's cube in memory: the current build's, built first when the records changed since. */
async function loadCube(db: Db, state: SectionState, datasetId: string, keys: RecordKeys | undefined): Promise<{ build: CubeBuild; columns: CubeColumns }> {
  const build = state.builds.get(datasetId) ?? (await ensureCube(db, datasetId, state.settings.deadlineDays, keys));
  return { build, columns: await cubeColumns(db, datasetId, build.builtAt) };
}

/**
 * Loads and indexes the cube of the dataset the page opens on (the country's own, else the newest), so that the
 * first reader after a start does not wait for it (seconds at a million records). Returns what it loaded, if any.
 */
export async function warmStatistics(db: Db, keys?: RecordKeys): Promise<{ dataset: StatisticsDatasetView; cubeRows: number } | null> {
  const state = await sectionState(db);
  const dataset = resolveDataset(state, undefined);
  if (!dataset) return null;
  const { build, columns } = await loadCube(db, state, dataset.id, keys);
  indexOf(columns);
  return { dataset, cubeRows: build.cubeRows };
}

function filterNames(filters: StatisticsFilters): string {
  const names = Object.entries(filters)
    .filter(([k, v]) => k !== 'dataset' && v !== undefined)
    .map(([k]) => k);
  return names.length === 0 ? 'none' : names.join(', ');
}

export async function statisticsOptions(db: Db, actor: Actor, datasetId: string | undefined, keys?: RecordKeys): Promise<StatisticsOptions> {
  const state = await sectionState(db);
  const { threshold } = state.settings;
  const dataset = resolveDataset(state, datasetId);
  const values = Object.fromEntries(statisticsDimensions.map((d) => [d, [] as string[]])) as Record<StatisticsDimension, string[]>;
  let years: number[] = [];
  if (dataset) {
    const cells = aggregateYearCells((await loadCube(db, state, dataset.id, keys)).columns, {});
    const bySet: Partial<Record<string, StatisticsDimension>> = {
      sex: 'sex',
      ageBand: 'ageBand',
      citizenship: 'citizenship',
      countryOfExploitation: 'countryOfExploitation',
      referringOrganisationType: 'referringOrganisationType',
    };
    // Only values with at least `threshold` persons (as published: perturbed) are listed, so that a listed value does
    // not itself reveal a small count.
    years = [...new Set(cells.filter((c) => c.set === 'yearStage' && c.year !== '0').map((c) => Number(c.year)))];
    for (const c of publishedValueCounts(cells)) {
      if (c.set === 'form' && c.value !== STATISTICS_UNKNOWN && c.persons >= threshold) values.form.push(c.value);
      const dimension = bySet[c.set];
      if (dimension && c.persons >= threshold) values[dimension].push(c.value);
    }
    for (const d of statisticsDimensions) values[d].sort();
    years = years.sort((a, b) => a - b);
  }
  await appendAudit(db, actor, {
    action: 'statistics.options',
    ...(dataset ? { recordType: 'statistical_dataset', recordId: dataset.id } : {}),
    purpose: 'statistics',
    summary: dataset ? `Filter values of the ${dataset.kind} statistics dataset read` : 'No statistics dataset yet',
  });
  return { datasets: state.datasets, dataset: dataset?.id ?? null, threshold, years, values };
}

/** The perturbed report (and what the download writes). */
export async function buildReport(db: Db, filters: StatisticsFilters, keys?: RecordKeys): Promise<StatisticsReport> {
  const state = await sectionState(db);
  const dataset = resolveDataset(state, filters.dataset);
  if (!dataset) throw badRequest('dataset', 'no statistical dataset exists yet: refresh the country dataset or import one');
  const { threshold, deadlineDays: deadline, iso3 } = state.settings;
  const { build, columns } = await loadCube(db, state, dataset.id, keys);
  const published = publishPerturbed(aggregateYearCells(columns, filters), filters);
  const periods = [...published.years, 'all'];
  const shown = (key: string) => must(published.perYear.get(key));
  const exact = (key: string) => must(published.exactPerYear.get(key));
  // Shares from published (perturbed) counts; means of days from the exact sums, each only beside a published count
  // of at least the threshold, so that no rate speaks for a handful of persons. A mean is rounded to whole days: as an
  // exact fraction its smallest denominator is the exact count behind it, and two overlapping year ranges would then
  // give back a small year's exact count by subtraction (statistics.means.test.ts).
  const share = (numerator: (m: Measures) => number, denominator: (m: Measures) => number) =>
    periods.map((key) => {
      const d = denominator(shown(key));
      return { key, value: d >= threshold ? Math.min(1, numerator(shown(key)) / d) : null };
    });
  const mean = (sum: (m: Measures) => number, count: (m: Measures) => number) =>
    periods.map((key) => ({ key, value: count(shown(key)) >= threshold && count(exact(key)) > 0 ? Math.round(sum(exact(key)) / count(exact(key))) : null }));
  return {
    dataset,
    filters,
    threshold,
    tables: published.tables,
    perturbation: { method: 'cell_key', maximumChange: MAX_CHANGE, exactShare: exactShare(1) },
    performance: {
      meanDaysToReasonableGrounds: mean((m) => m.rgDaysSum, (m) => m.rgDecided),
      shareOverdue: share((m) => m.rgLate, (m) => m.rgDecided),
      meanReflectionDays: mean((m) => m.reflectionDaysSum, (m) => m.reflectionPersons),
      shareReferralsAccepted: share((m) => m.referralsAccepted, (m) => m.referralsSent),
      shareReferralsCompleted: share((m) => m.referralsCompleted, (m) => m.referralsSent),
      reasonableGroundsDeadlineDays: deadline,
    },
    reference: await glotipComparison(db, iso3, filters, published.yearTotals, threshold),
    builtAt: build.builtAt.toISOString(),
  };
}

export async function statisticsReport(db: Db, actor: Actor, filters: StatisticsFilters, keys?: RecordKeys): Promise<StatisticsReport> {
  const report = await buildReport(db, filters, keys);
  await appendAudit(db, actor, {
    action: 'statistics.read',
    recordType: 'statistical_dataset',
    recordId: report.dataset.id,
    purpose: 'statistics',
    summary: `Statistics of the ${report.dataset.kind} dataset read (filters: ${filterNames(filters)})`,
  });
  return report;
}
