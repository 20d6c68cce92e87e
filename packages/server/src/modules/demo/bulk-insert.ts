import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';

/** How a column's values travel: as text, cast back to the column's type in SQL. */
export type BulkColumnType = 'uuid' | 'text' | 'integer' | 'boolean' | 'timestamptz' | 'date' | 'bytea' | 'text[]' | 'jsonb';

export type BulkColumns = Readonly<Record<string, BulkColumnType>>;

/** Types whose text form never needs quoting inside an array literal (hex, uuids, numbers, ISO dates). */
const bare = new Set<BulkColumnType>(['uuid', 'integer', 'boolean', 'timestamptz', 'date', 'bytea']);

const quote = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** A PostgreSQL array literal of strings. */
const arrayLiteral = (values: readonly unknown[]) => `{${values.map((v) => (v === null || v === undefined ? 'NULL' : quote(String(v)))).join(',')}}`;

function asText(value: unknown, type: BulkColumnType): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (type === 'bytea') {
    if (!(value instanceof Uint8Array)) throw new Error('bulk insert: a bytea value must be bytes');
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex');
  }
  if (Array.isArray(value)) return arrayLiteral(value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new Error(`bulk insert: cannot send a ${typeof value} as ${type}`);
}

/** One column of all rows as ONE array literal (built here: cheaper than letting the driver escape each element). */
function columnLiteral(rows: ReadonlyArray<Readonly<Record<string, unknown>>>, name: string, type: BulkColumnType): string {
  const parts = rows.map((row) => {
    const text = asText(row[name], type);
    return text === null ? 'NULL' : bare.has(type) ? text : quote(text);
  });
  return `{${parts.join(',')}}`;
}

const cast = (name: string, type: BulkColumnType) =>
  type === 'bytea' ? sql`decode(${sql.ref(`t.${name}`)}, 'hex')` : type === 'text' ? sql.ref(`t.${name}`) : sql`${sql.ref(`t.${name}`)}::${sql.raw(type)}`;

/**
 * Inserts many rows with one statement whatever their number: each column is sent as ONE text[] parameter and the
 * rows are rebuilt by unnest() (the statement has as many parameters as the table has columns, not rows x columns).
 * Works the same on PostgreSQL and PGlite. Values are sent as text and cast in SQL; arrays as array literals.
 */
export async function bulkInsert(tx: Db, table: string, columns: BulkColumns, rows: ReadonlyArray<Readonly<Record<string, unknown>>>): Promise<void> {
  if (rows.length === 0) return;
  const names = Object.keys(columns);
  for (const key of Object.keys(rows[0] ?? {})) if (!(key in columns)) throw new Error(`bulk insert into ${table}: column ${key} has no type`);
  const unnested = sql.join(names.map((name) => sql`${columnLiteral(rows, name, columns[name] ?? 'text')}::text[]`));
  const selected = sql.join(names.map((name) => cast(name, columns[name] ?? 'text')));
  await sql`insert into ${sql.table(table)} (${sql.join(names.map((n) => sql.ref(n)))})
    select ${selected} from unnest(${unnested}) as t(${sql.join(names.map((n) => sql.ref(n)))})`.execute(tx);
}
