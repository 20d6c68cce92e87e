import {
  statisticsDimensions,
  type StatisticsDatasetView,
  type StatisticsDimension,
  type StatisticsFilters,
  type StatisticsOptions,
  type StatisticsReport,
  type StatisticsTable,
} from '@palermo/contracts';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/database.js';
import { badRequest, notFound } from '../../platform/http/errors.js';
import { sql } from 'kysely';
import { ensureCube, type CubeBuild } from './statistics.cube.js';
import { aggregateColumns, cubeColumns, dimensionCountsOf, type CubeColumns } from './statistics.engine.js';
import { indexOf } from './statistics.cube-index.js';
import { publish, publishedCell } from './statistics.tables.js';
import { glotipComparison } from './statistics.reference.js';
import { must } from './must.js';

/**
 * The statistics section's use cases. Reads de-identified statistical records only (through the cube); every count
 * that leaves is suppressed first (suppression.ts, statistics.tables.ts). Each read is audited as a statistics read:
 * the dataset and the filter names, no personal data (there is none to give).
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
async function loadCube(db: Db, state: SectionState, datasetId: string): Promise<{ build: CubeBuild; columns: CubeColumns }> {
  const build = state.builds.get(datasetId) ?? (await ensureCube(db, datasetId, state.settings.deadlineDays));
  return { build, columns: await cubeColumns(db, datasetId, build.builtAt) };
}

/**
 * Loads and indexes the cube of the dataset the page opens on (the country's own, else the newest), so that the
 * first reader after a start does not wait for it (seconds at a million records). Returns what it loaded, if any.
 */
export async function warmStatistics(db: Db): Promise<{ dataset: StatisticsDatasetView; cubeRows: number } | null> {
  const state = await sectionState(db);
  const dataset = resolveDataset(state, undefined);
  if (!dataset) return null;
  const { build, columns } = await loadCube(db, state, dataset.id);
  indexOf(columns);
  return { dataset, cubeRows: build.cubeRows };
}

function filterNames(filters: StatisticsFilters): string {
  const names = Object.entries(filters)
    .filter(([k, v]) => k !== 'dataset' && v !== undefined)
    .map(([k]) => k);
  return names.length === 0 ? 'none' : names.join(', ');
}

export async function statisticsOptions(db: Db, actor: Actor, datasetId: string | undefined): Promise<StatisticsOptions> {
  const state = await sectionState(db);
  const { threshold } = state.settings;
  const dataset = resolveDataset(state, datasetId);
  const values = Object.fromEntries(statisticsDimensions.map((d) => [d, [] as string[]])) as Record<StatisticsDimension, string[]>;
  let years: number[] = [];
  if (dataset) {
    const counts = dimensionCountsOf((await loadCube(db, state, dataset.id)).columns);
    const byColumn: Record<string, StatisticsDimension> = {
      gender: 'sex',
      age_broad: 'ageBand',
      citizenship: 'citizenship',
      country_of_exploitation: 'countryOfExploitation',
      referring_organisation_type: 'referringOrganisationType',
    };
    // Only values with at least `threshold` persons are listed: a listed value must not itself reveal a small count.
    const forms = new Map<string, number>();
    for (const c of counts) {
      if (c.column === 'year') {
        if (c.value !== '0') years.push(Number(c.value));
      } else if (c.column === 'exploitation') {
        for (const f of c.value.split(',')) if (f !== '' && f !== 'unknown') forms.set(f, (forms.get(f) ?? 0) + c.persons);
      } else if (c.persons >= threshold) {
        values[must(byColumn[c.column])].push(c.value);
      }
    }
    values.form = [...forms].filter(([, n]) => n >= threshold).map(([f]) => f).sort();
    for (const d of statisticsDimensions) if (d !== 'form') values[d].sort();
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

/** The suppressed report (and what the download writes). */
export async function buildReport(db: Db, filters: StatisticsFilters): Promise<StatisticsReport> {
  const state = await sectionState(db);
  const dataset = resolveDataset(state, filters.dataset);
  if (!dataset) throw badRequest('dataset', 'no statistical dataset exists yet: refresh the country dataset or import one');
  const { threshold, deadlineDays: deadline, iso3 } = state.settings;
  const { build, columns } = await loadCube(db, state, dataset.id);
  const rows = aggregateColumns(columns, filters);
  const published = publish(rows, filters, threshold);
  const table = (id: string) => must(published.tables.find((t) => t.id === id));
  const keys = [...published.years, 'all'];
  const ratio = (t: StatisticsTable, numerator: string, denominator: string, perYear: (key: string) => [number, number]) =>
    keys.map((key) => {
      const top = publishedCell(t, key, numerator);
      const bottom = publishedCell(t, key, denominator);
      const [n, d] = perYear(key);
      // Only from published counts: a rate over a suppressed count would give it away.
      return { key, value: (top?.value ?? null) !== null && (bottom?.value ?? null) !== null && d > 0 ? n / d : null };
    });
  const measures = (key: string) => must(published.perYear.get(key));
  const rg = table('reasonable_grounds');
  const reflection = table('reflection');
  const referrals = table('referrals');
  return {
    dataset,
    filters,
    threshold,
    tables: published.tables,
    performance: {
      meanDaysToReasonableGrounds: ratio(rg, 'decided', 'decided', (k) => [measures(k).rgDaysSum, measures(k).rgDecided]),
      shareOverdue: ratio(rg, 'overdue', 'decided', (k) => [measures(k).rgLate, measures(k).rgDecided]),
      meanReflectionDays: ratio(reflection, 'persons', 'persons', (k) => [measures(k).reflectionDaysSum, measures(k).reflectionPersons]),
      shareReferralsAccepted: ratio(referrals, 'accepted', 'sent', (k) => [measures(k).referralsAccepted, measures(k).referralsSent]),
      shareReferralsCompleted: ratio(referrals, 'completed', 'sent', (k) => [measures(k).referralsCompleted, measures(k).referralsSent]),
      reasonableGroundsDeadlineDays: deadline,
    },
    reference: await glotipComparison(db, iso3, filters, published.yearTotals, threshold),
    builtAt: build.builtAt.toISOString(),
  };
}

export async function statisticsReport(db: Db, actor: Actor, filters: StatisticsFilters): Promise<StatisticsReport> {
  const report = await buildReport(db, filters);
  await appendAudit(db, actor, {
    action: 'statistics.read',
    recordType: 'statistical_dataset',
    recordId: report.dataset.id,
    purpose: 'statistics',
    summary: `Statistics of the ${report.dataset.kind} dataset read (filters: ${filterNames(filters)})`,
  });
  return report;
}
