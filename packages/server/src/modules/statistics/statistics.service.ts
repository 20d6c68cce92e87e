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
import { ensureCube } from './statistics.cube.js';
import { aggregateColumns, cubeColumns, dimensionCountsOf } from './statistics.engine.js';
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

/** The country settings the section reads, in one query. PALERMO_SMALL_CELL_THRESHOLD, when set, overrides the
 * country's threshold (default 11, the CTDC rule). */
export async function statisticsSettings(db: Db, env: NodeJS.ProcessEnv = process.env): Promise<StatisticsSettings> {
  const row = await db.selectFrom('country_settings').select(['small_cell_threshold', 'reasonable_grounds_deadline_days', 'country_iso3']).where('id', '=', 1).executeTakeFirst();
  let threshold = row?.small_cell_threshold ?? 11;
  const fromEnv = env['PALERMO_SMALL_CELL_THRESHOLD'];
  if (fromEnv !== undefined && fromEnv !== '') {
    const n = Number(fromEnv);
    if (!Number.isInteger(n) || n < 1) throw new Error('PALERMO_SMALL_CELL_THRESHOLD must be a positive integer');
    threshold = n;
  }
  return { threshold, deadlineDays: row?.reasonable_grounds_deadline_days ?? 5, iso3: row?.country_iso3 ?? null };
}

async function listDatasets(db: Db): Promise<StatisticsDatasetView[]> {
  const rows = await db
    .selectFrom('statistical_datasets as d')
    .select(['d.id', 'd.kind', 'd.name', 'd.rows_imported', 'd.refreshed_at', 'd.created_at'])
    .orderBy('d.created_at', 'desc')
    .execute();
  return rows.map((d) => ({
    id: d.id,
    kind: d.kind,
    name: d.name,
    records: d.rows_imported,
    refreshedAt: d.refreshed_at ? new Date(d.refreshed_at).toISOString() : null,
    synthetic: d.kind === 'synthetic',
  }));
}

/** The dataset asked for, else the country's own, else the newest. */
async function resolveDataset(db: Db, id: string | undefined): Promise<{ dataset: StatisticsDatasetView | null; all: StatisticsDatasetView[] }> {
  const all = await listDatasets(db);
  if (id !== undefined) {
    const dataset = all.find((d) => d.id === id);
    if (!dataset) throw notFound('Dataset');
    return { dataset, all };
  }
  return { dataset: all.find((d) => d.kind === 'country_cases') ?? all[0] ?? null, all };
}

function filterNames(filters: StatisticsFilters): string {
  const names = Object.entries(filters)
    .filter(([k, v]) => k !== 'dataset' && v !== undefined)
    .map(([k]) => k);
  return names.length === 0 ? 'none' : names.join(', ');
}

export async function statisticsOptions(db: Db, actor: Actor, datasetId: string | undefined): Promise<StatisticsOptions> {
  const { threshold, deadlineDays } = await statisticsSettings(db);
  const { dataset, all } = await resolveDataset(db, datasetId);
  const values = Object.fromEntries(statisticsDimensions.map((d) => [d, [] as string[]])) as Record<StatisticsDimension, string[]>;
  let years: number[] = [];
  if (dataset) {
    const build = await ensureCube(db, dataset.id, deadlineDays);
    const counts = dimensionCountsOf(await cubeColumns(db, dataset.id, build.builtAt));
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
  return { datasets: all, dataset: dataset?.id ?? null, threshold, years, values };
}

/** The suppressed report (and what the download writes). */
export async function buildReport(db: Db, filters: StatisticsFilters): Promise<StatisticsReport> {
  const { dataset } = await resolveDataset(db, filters.dataset);
  if (!dataset) throw badRequest('dataset', 'no statistical dataset exists yet: refresh the country dataset or import one');
  const { threshold, deadlineDays: deadline, iso3 } = await statisticsSettings(db);
  const build = await ensureCube(db, dataset.id, deadline);
  const rows = aggregateColumns(await cubeColumns(db, dataset.id, build.builtAt), filters);
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
