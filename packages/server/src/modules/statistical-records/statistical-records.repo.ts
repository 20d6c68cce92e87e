import { sql, type Insertable, type Selectable } from 'kysely';
import type { Actor } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/database.js';
import type { StatisticalDatasetsTable, StatisticalRecordsTable } from '../../platform/db/schema.js';

/** A record to write; `record_key` (migration 0019) is the cell-key method's key, when the writer knows it. */
export type NewRecord = Insertable<StatisticalRecordsTable> & { record_key?: number | null };
export type DatasetRow = Selectable<StatisticalDatasetsTable>;

/** Rows per INSERT statement: one statement carries a batch as one array per column (unnest), whatever its size. */
export const RECORD_BATCH = 5000;

const actorName = (actor: Actor) => actor.name ?? actor.userId ?? 'unknown';

/**
 * The id of the single `country_cases` dataset, created on first use, locked for the rest of the transaction so two
 * refreshes run one after the other.
 */
export async function lockCountryDataset(tx: Db, actor: Actor): Promise<string> {
  await tx
    .insertInto('statistical_datasets')
    .values({ id: crypto.randomUUID(), kind: 'country_cases', name: 'Country case records', created_by: actorName(actor), created_by_user_id: actor.userId })
    .onConflict((oc) => oc.column('kind').where('kind', '=', 'country_cases').doNothing())
    .execute();
  const row = await tx.selectFrom('statistical_datasets').select('id').where('kind', '=', 'country_cases').forUpdate().executeTakeFirstOrThrow();
  return row.id;
}

function dayText(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : value.toISOString().slice(0, 10);
}


/** A text[] value written as an array literal, for one cell of a text column that is cast to text[] per row. */
function arrayLiteral(values: readonly string[] | undefined): string {
  if (!values || values.length === 0) return '{}';
  let out = '{';
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i] as string;
    out += `${i > 0 ? ',' : ''}"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  }
  return `${out}}`;
}

export type Column = { readonly name: string; readonly cast: string; readonly text: (r: NewRecord) => string | null };

const text = (pick: (r: NewRecord) => string | null | undefined) => (r: NewRecord) => pick(r) ?? null;
const number = (pick: (r: NewRecord) => number | null | undefined) => (r: NewRecord) => {
  const v = pick(r);
  return v === null || v === undefined ? null : String(v);
};
const list = (pick: (r: NewRecord) => readonly string[] | undefined) => (r: NewRecord) => arrayLiteral(pick(r));
const day = (pick: (r: NewRecord) => Date | string | null | undefined) => (r: NewRecord) => dayText(pick(r));

/** Every column a record may fill, with its SQL type and its text form. */
export const recordColumns: readonly Column[] = [
  { name: 'source_row', cast: 'integer', text: number((r) => r.source_row) },
  { name: 'person_key', cast: 'uuid', text: text((r) => r.person_key) },
  { name: 'year_of_registration', cast: 'smallint', text: number((r) => r.year_of_registration) },
  { name: 'datasource', cast: 'text', text: text((r) => r.datasource) },
  { name: 'gender', cast: 'text', text: text((r) => r.gender) },
  { name: 'age_broad', cast: 'text', text: text((r) => r.age_broad) },
  { name: 'majority_status', cast: 'text', text: text((r) => r.majority_status) },
  { name: 'citizenship', cast: 'text', text: text((r) => r.citizenship) },
  { name: 'country_of_exploitation', cast: 'text', text: text((r) => r.country_of_exploitation) },
  { name: 'traffick_months', cast: 'text', text: text((r) => r.traffick_months) },
  { name: 'means_of_control', cast: 'text[]', text: list((r) => r.means_of_control) },
  { name: 'exploitation', cast: 'text[]', text: list((r) => r.exploitation) },
  { name: 'labour_sectors', cast: 'text[]', text: list((r) => r.labour_sectors) },
  { name: 'sex_types', cast: 'text[]', text: list((r) => r.sex_types) },
  { name: 'recruiter_relations', cast: 'text[]', text: list((r) => r.recruiter_relations) },
  { name: 'stage', cast: 'text', text: text((r) => r.stage) },
  { name: 'trafficking_status', cast: 'text', text: text((r) => r.trafficking_status) },
  { name: 'referring_organisation_type', cast: 'text', text: text((r) => r.referring_organisation_type) },
  { name: 'referred_on', cast: 'date', text: day((r) => r.referred_on) },
  { name: 'reasonable_grounds_on', cast: 'date', text: day((r) => r.reasonable_grounds_on) },
  { name: 'reasonable_grounds_outcome', cast: 'text', text: text((r) => r.reasonable_grounds_outcome) },
  { name: 'conclusive_grounds_on', cast: 'date', text: day((r) => r.conclusive_grounds_on) },
  { name: 'conclusive_grounds_outcome', cast: 'text', text: text((r) => r.conclusive_grounds_outcome) },
  { name: 'reasonable_grounds_due_on', cast: 'date', text: day((r) => r.reasonable_grounds_due_on) },
  { name: 'reflection_started_on', cast: 'date', text: day((r) => r.reflection_started_on) },
  { name: 'reflection_ended_on', cast: 'date', text: day((r) => r.reflection_ended_on) },
  // Counts are NOT NULL: a record that has none (an imported file) writes 0, as the column's default would.
  { name: 'referrals_sent', cast: 'smallint', text: number((r) => r.referrals_sent ?? 0) },
  { name: 'referrals_accepted', cast: 'smallint', text: number((r) => r.referrals_accepted ?? 0) },
  { name: 'referrals_completed', cast: 'smallint', text: number((r) => r.referrals_completed ?? 0) },
  { name: 'follow_up_outcome', cast: 'text', text: text((r) => r.follow_up_outcome) },
  { name: 'record_key', cast: 'smallint', text: number((r) => r.record_key) },
];

/**
 * Inserts records with one statement per batch: each column travels as one text array (array values as array
 * literals) and is cast back in SQL (`unnest`), so thousands of rows are a single round trip. Columns that no record
 * of the batch fills are left to their defaults (an imported file fills none of the NRM columns). Runs in the
 * caller's transaction. All records of a call must belong to the same dataset.
 */
export async function insertRecords(tx: Db, records: readonly NewRecord[]): Promise<void> {
  for (let start = 0; start < records.length; start += RECORD_BATCH) {
    const batch = records.slice(start, start + RECORD_BATCH);
    const first = batch[0];
    if (!first) return;
    const used: Array<{ column: Column; values: Array<string | null> }> = [];
    for (const column of recordColumns) {
      const values = batch.map(column.text);
      if (values.some((v) => v !== null && v !== '{}')) used.push({ column, values });
    }
    const names = used.map((u, i) => sql`${sql.ref(`u.c${i}`)}::${sql.raw(u.column.cast)}`);
    const arrays = used.map((u) => sql`${u.values}::text[]`);
    const aliases = used.map((_, i) => sql.ref(`c${i}`));
    const target = [sql.ref('dataset_id'), ...used.map((u) => sql.ref(u.column.name))];
    await sql`
      insert into statistical_records (${sql.join(target)})
      select ${first.dataset_id}::uuid${used.length > 0 ? sql`, ${sql.join(names)}` : sql``}
      from unnest(${used.length > 0 ? sql.join(arrays) : sql`${batch.map(() => null)}::text[]`}) as u(${used.length > 0 ? sql.join(aliases) : sql.ref('c0')})
    `.execute(tx);
  }
}

export interface StoredAnomaly {
  readonly kind: string;
  readonly row: number;
  readonly column: string;
  readonly original: string;
  readonly readAs: string;
}

/** Appends anomalies to a dataset's report, numbered from `firstSeq`. */
export async function insertAnomalies(tx: Db, datasetId: string, firstSeq: number, anomalies: readonly StoredAnomaly[]): Promise<void> {
  for (let start = 0; start < anomalies.length; start += RECORD_BATCH) {
    const batch = anomalies.slice(start, start + RECORD_BATCH);
    await sql`
      insert into statistical_import_anomalies (dataset_id, seq, source_row, column_name, kind, original, read_as)
      select ${datasetId}::uuid, ${firstSeq + start}::integer + u.n - 1, u.source_row::integer, u.column_name, u.kind, u.original, u.read_as
      from unnest(
        ${batch.map((a) => String(a.row))}::text[], ${batch.map((a) => a.column)}::text[], ${batch.map((a) => a.kind)}::text[],
        ${batch.map((a) => a.original)}::text[], ${batch.map((a) => a.readAs)}::text[]
      ) with ordinality as u(source_row, column_name, kind, original, read_as, n)
    `.execute(tx);
  }
}

export async function listAnomalies(db: Db, datasetId: string, page: { offset: number; limit: number }): Promise<StoredAnomaly[]> {
  const rows = await db
    .selectFrom('statistical_import_anomalies')
    .select(['kind', 'source_row', 'column_name', 'original', 'read_as'])
    .where('dataset_id', '=', datasetId)
    .orderBy('seq')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  return rows.map((r) => ({ kind: r.kind, row: r.source_row, column: r.column_name, original: r.original, readAs: r.read_as }));
}

export async function findImportedDataset(db: Db, sha256: string): Promise<DatasetRow | undefined> {
  return db.selectFrom('statistical_datasets').selectAll().where('kind', '=', 'ctdc_import').where('sha256', '=', sha256).executeTakeFirst();
}

export async function findCountryDataset(db: Db): Promise<DatasetRow | undefined> {
  return db.selectFrom('statistical_datasets').selectAll().where('kind', '=', 'country_cases').executeTakeFirst();
}

/** The records of a dataset in a stable order (source row for imports, referral day for the country's). */
export async function recordsOf(db: Db, datasetId: string) {
  return db
    .selectFrom('statistical_records')
    .selectAll()
    .where('dataset_id', '=', datasetId)
    .orderBy('source_row')
    .orderBy('referred_on')
    .orderBy('id')
    .execute();
}
