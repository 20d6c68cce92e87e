import { sql, type ColumnType, type Kysely, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Schema } from '../../platform/db/schema.js';
import type { GlotipStatistic } from './glotip.rows.js';
import type { Anomaly, AnomalyCounts } from './import-report.js';

/** Row types of migration 0002 (declared here, beside the module that owns the tables). */
export interface ReferenceDatasetsTable {
  id: string;
  source: string;
  file_name: string;
  file_format: string;
  sha256: string;
  file_bytes: number;
  header_row: number;
  preamble: string[];
  imported_at: ColumnType<Date, Date | string | undefined, never>;
  imported_by: string;
  imported_by_user_id: string | null;
  rows_read: number;
  rows_imported: number;
  anomaly_counts: ColumnType<Record<string, number>, string, never>;
}

export interface ReferenceStatisticsTable {
  dataset_id: string;
  source_row: number;
  iso3: string | null;
  country: string | null;
  region: string | null;
  subregion: string | null;
  indicator: string;
  dimension: string;
  category: string | null;
  sex: string;
  age: string;
  year: number;
  unit: string | null;
  /** numeric: PGlite returns it as text, node-postgres as a number here; read it through readValue. */
  value: ColumnType<number | string | null, number | null, never>;
  value_text: string;
  value_kind: string;
  upper_bound: ColumnType<number | string | null, number | null, never>;
}

export interface ReferenceImportAnomaliesTable {
  dataset_id: string;
  seq: number;
  source_row: number;
  column_name: string;
  kind: string;
  original: string;
  read_as: string;
}

// A type alias, not an interface: Kysely's withTables wants a type with an implicit index signature.
export type ReferenceTables = {
  reference_datasets: ReferenceDatasetsTable;
  reference_statistics: ReferenceStatisticsTable;
  reference_import_anomalies: ReferenceImportAnomaliesTable;
};

export type ReferenceDb = Kysely<Schema & ReferenceTables>;
export type DatasetRow = Selectable<ReferenceDatasetsTable>;

export const withReferenceTables = (db: Db): ReferenceDb => db.withTables<ReferenceTables>();

/** Rows per INSERT: well below PostgreSQL's 65,535 parameters (16 columns × 1,000). */
export const BATCH_SIZE = 1000;

export async function findDataset(db: ReferenceDb, source: string, sha256: string): Promise<DatasetRow | undefined> {
  return db.selectFrom('reference_datasets').selectAll().where('source', '=', source).where('sha256', '=', sha256).executeTakeFirst();
}

export async function insertDataset(
  db: ReferenceDb,
  row: Omit<DatasetRow, 'imported_at' | 'anomaly_counts'> & { anomaly_counts: AnomalyCounts },
): Promise<DatasetRow> {
  return db
    .insertInto('reference_datasets')
    .values({ ...row, anomaly_counts: JSON.stringify(row.anomaly_counts) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/*
 * Rows are sent as one JSON document per batch and expanded by json_to_recordset: one parameter instead of 16 per row,
 * which embedded PostgreSQL (PGlite) ingests about twice as fast, and plain PostgreSQL as fast.
 */

export async function insertStatistics(db: ReferenceDb, datasetId: string, batch: readonly GlotipStatistic[]): Promise<void> {
  if (batch.length === 0) return;
  const rows = JSON.stringify(
    batch.map((s) => ({
      source_row: s.sourceRow,
      iso3: s.iso3,
      country: s.country,
      region: s.region,
      subregion: s.subregion,
      indicator: s.indicator,
      dimension: s.dimension,
      category: s.category,
      sex: s.sex,
      age: s.age,
      year: s.year,
      unit: s.unit,
      value: s.value,
      value_text: s.valueText,
      value_kind: s.valueKind,
      upper_bound: s.upperBound,
    })),
  );
  await sql`
    INSERT INTO reference_statistics (dataset_id, source_row, iso3, country, region, subregion, indicator, dimension, category,
      sex, age, year, unit, value, value_text, value_kind, upper_bound)
    SELECT ${datasetId}::uuid, r.source_row, r.iso3, r.country, r.region, r.subregion, r.indicator, r.dimension, r.category,
      r.sex, r.age, r.year, r.unit, r.value, r.value_text, r.value_kind, r.upper_bound
    FROM json_to_recordset(${rows}::json) AS r(source_row integer, iso3 text, country text, region text, subregion text,
      indicator text, dimension text, category text, sex text, age text, year smallint, unit text, value numeric,
      value_text text, value_kind text, upper_bound numeric)`.execute(db);
}

export async function insertAnomalies(db: ReferenceDb, datasetId: string, firstSeq: number, batch: readonly Anomaly[]): Promise<void> {
  if (batch.length === 0) return;
  const rows = JSON.stringify(
    batch.map((a, i) => ({ seq: firstSeq + i, source_row: a.row, column_name: a.column, kind: a.kind, original: a.original, read_as: a.readAs })),
  );
  await sql`
    INSERT INTO reference_import_anomalies (dataset_id, seq, source_row, column_name, kind, original, read_as)
    SELECT ${datasetId}::uuid, r.seq, r.source_row, r.column_name, r.kind, r.original, r.read_as
    FROM json_to_recordset(${rows}::json) AS r(seq integer, source_row integer, column_name text, kind text, original text, read_as text)`.execute(db);
}

/** A page of the import report, in report order, optionally of one kind. */
export async function listAnomalies(
  db: ReferenceDb,
  datasetId: string,
  page: { offset: number; limit: number; kind?: string },
): Promise<Anomaly[]> {
  let query = db.selectFrom('reference_import_anomalies').selectAll().where('dataset_id', '=', datasetId);
  if (page.kind) query = query.where('kind', '=', page.kind);
  const rows = await query.orderBy('seq').offset(page.offset).limit(page.limit).execute();
  return rows.map((r) => ({ kind: r.kind as Anomaly['kind'], row: r.source_row, column: r.column_name, original: r.original, readAs: r.read_as }));
}

/** The first anomaly of each kind, in report order: one example per kind. */
export async function firstAnomalyOfEachKind(db: ReferenceDb, datasetId: string): Promise<Anomaly[]> {
  const rows = await db
    .selectFrom('reference_import_anomalies')
    .distinctOn('kind')
    .selectAll()
    .where('dataset_id', '=', datasetId)
    .orderBy('kind')
    .orderBy('seq')
    .execute();
  return rows
    .sort((a, b) => a.seq - b.seq)
    .map((r) => ({ kind: r.kind as Anomaly['kind'], row: r.source_row, column: r.column_name, original: r.original, readAs: r.read_as }));
}

/** The statistics of a dataset in file order, values as numbers on both back ends. */
export async function listStatistics(db: ReferenceDb, datasetId: string): Promise<GlotipStatistic[]> {
  const rows = await db
    .selectFrom('reference_statistics')
    .select([
      'source_row',
      'iso3',
      'country',
      'region',
      'subregion',
      'indicator',
      'dimension',
      'category',
      'sex',
      'age',
      'year',
      'unit',
      'value_text',
      'value_kind',
      sql<number | null>`value::float8`.as('value'),
      sql<number | null>`upper_bound::float8`.as('upper_bound'),
    ])
    .where('dataset_id', '=', datasetId)
    .orderBy('source_row')
    .execute();
  return rows.map((r) => ({
    sourceRow: r.source_row,
    iso3: r.iso3,
    country: r.country,
    region: r.region,
    subregion: r.subregion,
    indicator: r.indicator,
    dimension: r.dimension,
    category: r.category,
    sex: r.sex,
    age: r.age,
    year: r.year,
    unit: r.unit,
    value: r.value,
    valueText: r.value_text,
    valueKind: r.value_kind as GlotipStatistic['valueKind'],
    upperBound: r.upper_bound,
  }));
}

export async function countRows(db: ReferenceDb): Promise<{ datasets: number; statistics: number; anomalies: number }> {
  const count = async (table: keyof ReferenceTables) =>
    Number((await db.selectFrom(table).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n);
  return {
    datasets: await count('reference_datasets'),
    statistics: await count('reference_statistics'),
    anomalies: await count('reference_import_anomalies'),
  };
}
