import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { ReleasesTable, StatisticalDatasetsTable } from '../../platform/db/schema.js';
import { releaseColumns, type AttributeRow, type ReleaseAttribute, type StatisticalRecord } from './release-attributes.js';

export type ReleaseRow = Omit<Selectable<ReleasesTable>, 'file_gzip'>;
export type NewRelease = Insertable<ReleasesTable>;
export type DatasetRow = Pick<Selectable<StatisticalDatasetsTable>, 'id' | 'kind' | 'name'>;

export type ReleaseRecord = Pick<StatisticalRecord, (typeof releaseColumns)[number]>;

const listed = [
  'id',
  'dataset_id',
  'kind',
  'parameters',
  'epsilon',
  'delta',
  'records_read',
  'records_released',
  'created_by',
  'created_by_user_id',
  'created_at',
  'file_name',
  'file_sha256',
  'file_bytes',
  'regenerable',
  'mechanism',
  'utility_report',
] as const;

export async function findDataset(db: Db, id: string): Promise<DatasetRow | undefined> {
  return db.selectFrom('statistical_datasets').select(['id', 'kind', 'name']).where('id', '=', id).executeTakeFirst();
}

export async function listDatasets(db: Db): Promise<Array<DatasetRow & { records: number }>> {
  const rows = await db
    .selectFrom('statistical_datasets as d')
    .select(['d.id', 'd.kind', 'd.name', sql<string>`(select count(*) from statistical_records r where r.dataset_id = d.id)`.as('records')])
    .orderBy('d.created_at')
    .execute();
  return rows.map((row) => ({ ...row, records: Number(row.records) }));
}

/** The categorical columns of every record of the dataset (nothing else is read). */
export async function readRecords(db: Db, datasetId: string): Promise<ReleaseRecord[]> {
  return db.selectFrom('statistical_records').select(releaseColumns).where('dataset_id', '=', datasetId).orderBy('id').execute();
}

/**
 * Every record of the dataset as the release's attribute values, worked out in SQL: a scalar as text, a flag as
 * whether its array column holds any of the names it is stored as (the same rule as recordToRow, without sending
 * the arrays over).
 */
export async function readAttributeRows(db: Db, datasetId: string, attributes: readonly ReleaseAttribute[]): Promise<AttributeRow[]> {
  const columns = attributes.map((attribute, index) =>
    attribute.kind === 'scalar'
      ? sql<string | null>`${sql.ref(attribute.column)}::text`.as(`a${index}`)
      : sql<boolean>`${sql.ref(attribute.column)} && array[${sql.join(attribute.storedAs.map((name) => sql.lit(name)))}]::text[]`.as(`a${index}`),
  );
  const rows = (await db.selectFrom('statistical_records').select(columns).where('dataset_id', '=', datasetId).orderBy('id').execute()) as Array<
    Record<string, string | boolean | null>
  >;
  return rows.map((row) =>
    attributes.map((attribute, index) => {
      const value = row[`a${index}`];
      if (attribute.kind === 'flag') return value === true ? '1' : null;
      return typeof value === 'string' && value !== '' ? value : null;
    }),
  );
}

export interface BudgetRow {
  total_epsilon: number;
  total_delta: number;
  set_by: string;
}

export async function findBudget(db: Db, datasetId: string, lock = false): Promise<BudgetRow | undefined> {
  const query = db.selectFrom('release_budgets').select(['total_epsilon', 'total_delta', 'set_by']).where('dataset_id', '=', datasetId);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

/** Creates the dataset's budget row with the given totals if it has none, so it can be locked. */
export async function ensureBudget(tx: Db, datasetId: string, totals: { epsilon: number; delta: number }, setBy: string): Promise<void> {
  await tx
    .insertInto('release_budgets')
    .values({ dataset_id: datasetId, total_epsilon: totals.epsilon, total_delta: totals.delta, set_by: setBy, set_by_user_id: null })
    .onConflict((oc) => oc.column('dataset_id').doNothing())
    .execute();
}

export async function setBudget(tx: Db, datasetId: string, totals: { epsilon: number; delta: number }, setBy: { name: string; userId: string | null }): Promise<void> {
  await tx
    .insertInto('release_budgets')
    .values({ dataset_id: datasetId, total_epsilon: totals.epsilon, total_delta: totals.delta, set_by: setBy.name, set_by_user_id: setBy.userId })
    .onConflict((oc) =>
      oc.column('dataset_id').doUpdateSet({ total_epsilon: totals.epsilon, total_delta: totals.delta, set_by: setBy.name, set_by_user_id: setBy.userId, updated_at: new Date() }),
    )
    .execute();
}

export async function spent(db: Db, datasetId: string): Promise<{ epsilon: number; delta: number }> {
  const row = await db
    .selectFrom('releases')
    .select([sql<number>`coalesce(sum(epsilon), 0)::float8`.as('epsilon'), sql<number>`coalesce(sum(delta), 0)::float8`.as('delta')])
    .where('dataset_id', '=', datasetId)
    .executeTakeFirstOrThrow();
  return { epsilon: Number(row.epsilon), delta: Number(row.delta) };
}

export async function insertRelease(tx: Db, release: NewRelease): Promise<ReleaseRow> {
  return tx.insertInto('releases').values(release).returning(listed).executeTakeFirstOrThrow();
}

export async function listReleases(db: Db, datasetId?: string): Promise<ReleaseRow[]> {
  let query = db.selectFrom('releases').select(listed).orderBy('created_at', 'desc').orderBy('id');
  if (datasetId) query = query.where('dataset_id', '=', datasetId);
  return query.execute();
}

export async function findReleaseFile(db: Db, id: string): Promise<{ dataset_id: string; file_name: string; file_gzip: Buffer | null; file_sha256: string } | undefined> {
  return db.selectFrom('releases').select(['dataset_id', 'file_name', 'file_gzip', 'file_sha256']).where('id', '=', id).executeTakeFirst();
}
