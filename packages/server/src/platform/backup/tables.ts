import { sql } from 'kysely';
import type { Db } from '../db/database.js';

/**
 * Tables of the application's schema a backup leaves out, each with its reason. Everything else in the schema is
 * backed up: a table a later migration adds is included without anyone having to remember.
 */
export const NOT_BACKED_UP: Readonly<Record<string, string>> = {
  schema_migrations: 'the migration ledger: the target is migrated before it is restored into',
  sessions: 'sign-in sessions must not survive a restore: everyone signs in again',
};

/**
 * Schemas whose tables hold only what triggers derive from the backed-up tables (kept by ENABLE ALWAYS triggers, so
 * they are rebuilt as the rows are restored), never backed up themselves.
 */
export const DERIVED_SCHEMAS: Readonly<Record<string, string>> = {
  derived: 'search data kept in step by ENABLE ALWAYS triggers on the tables it is derived from',
};

/**
 * Schemas a backup leaves out on purpose, each with its reason: their tables are neither carried nor rebuilt.
 */
export const NOT_BACKED_UP_SCHEMAS: Readonly<Record<string, string>> = {
  pgboss:
    'the job queue (docs/decisions/0008): work waiting for this installation\'s processes, not records. A restored ' +
    'installation must not send again the e-mails or run again the imports the original sent or ran; schedules are ' +
    'set again by the server at start, and what the jobs produced (notifications, imports) is in the backed-up tables',
};

export interface ColumnInfo {
  readonly name: string;
  /** The column's type as SQL spells it (format_type), for casting text back. */
  readonly type: string;
}

export interface TableInfo {
  readonly name: string;
  readonly primaryKey: string[];
  /** Columns a backup carries: every column except generated ones (which PostgreSQL computes again). */
  readonly columns: ColumnInfo[];
  /** Whether a column is GENERATED ALWAYS AS IDENTITY (its values are restored as they were). */
  readonly hasAlwaysIdentity: boolean;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Every table of the application's schema except those in NOT_BACKED_UP, parents before children (by foreign keys),
 * so rows can be inserted in this order and deleted in the reverse.
 */
export async function tablesInDependencyOrder(db: Db): Promise<TableInfo[]> {
  const tables = await sql<{ name: string; pk: string[] | null }>`
    select c.relname as name,
      (select array_agg(a.attname::text order by array_position(i.indkey::int2[], a.attnum))
         from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
        where i.indrelid = c.oid and i.indisprimary) as pk
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition
    order by c.relname`.execute(db);
  const columns = await sql<{ table_name: string; name: string; type: string; identity: string }>`
    select c.relname as table_name, a.attname as name, format_type(a.atttypid, a.atttypmod) as type, a.attidentity::text as identity
    from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
    order by c.relname, a.attnum`.execute(db);
  const edges = await sql<{ child: string; parent: string }>`
    select cc.relname as child, pc.relname as parent
    from pg_constraint k
      join pg_class cc on cc.oid = k.conrelid
      join pg_class pc on pc.oid = k.confrelid
      join pg_namespace n on n.oid = k.connamespace
    where k.contype = 'f' and n.nspname = current_schema()`.execute(db);
  const names = tables.rows.map((t) => t.name).filter((n) => !(n in NOT_BACKED_UP));
  const parents = new Map(names.map((n) => [n, new Set<string>()]));
  for (const { child, parent } of edges.rows) if (child !== parent) parents.get(child)?.add(parent);
  const ordered: string[] = [];
  const visit = (name: string, path: Set<string>) => {
    if (ordered.includes(name) || !parents.has(name)) return;
    if (path.has(name)) throw new Error(`Foreign keys form a cycle through ${name}`);
    path.add(name);
    for (const parent of parents.get(name) ?? []) visit(parent, path);
    path.delete(name);
    ordered.push(name);
  };
  for (const name of names) visit(name, new Set());
  const pkByName = new Map(tables.rows.map((t) => [t.name, t.pk ?? []]));
  return ordered.map((name) => {
    const own = columns.rows.filter((c) => c.table_name === name);
    return {
      name,
      primaryKey: pkByName.get(name) ?? [],
      columns: own.map((c) => ({ name: c.name, type: c.type })),
      hasAlwaysIdentity: own.some((c) => c.identity === 'a'),
    };
  });
}

/**
 * Tables anywhere in the database that a backup neither carries, nor leaves out for a stated reason, nor knows to be
 * derived: a table created outside the application's schema would otherwise be lost without anyone noticing.
 */
export async function tablesNotAccountedFor(db: Db): Promise<string[]> {
  const all = await sql<{ schema: string; name: string; current: boolean }>`
    select n.nspname as schema, c.relname as name, n.nspname = current_schema() as current
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and not c.relispartition
      and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'
    order by 1, 2`.execute(db);
  return all.rows.filter((t) => !t.current && !(t.schema in DERIVED_SCHEMAS) && !(t.schema in NOT_BACKED_UP_SCHEMAS)).map((t) => `${t.schema}.${t.name}`);
}

export interface TriggerState {
  readonly table: string;
  readonly name: string;
  /** pg_trigger.tgenabled: O (origin, the default), A (always), R (replica), D (disabled). */
  readonly enabled: 'O' | 'A' | 'R' | 'D';
}

/** The user triggers (not foreign-key or other internal ones) of the application's tables, with how each is enabled. */
export async function userTriggers(db: Db): Promise<TriggerState[]> {
  const rows = await sql<TriggerState>`
    select c.relname as table, t.tgname as name, t.tgenabled::text as enabled
    from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and not t.tgisinternal
    order by 1, 2`.execute(db);
  return rows.rows;
}

export interface SequenceInfo {
  readonly name: string;
  /** The column whose serial or identity values it hands out, if any. */
  readonly owner: { readonly table: string; readonly column: string } | null;
}

/** Every sequence of the application's schema, with the column it belongs to (serial and identity columns). */
export async function sequences(db: Db): Promise<SequenceInfo[]> {
  const rows = await sql<{ name: string; table_name: string | null; column_name: string | null }>`
    select s.relname as name, t.relname as table_name, a.attname as column_name
    from pg_class s
      join pg_namespace n on n.oid = s.relnamespace
      left join pg_depend d on d.objid = s.oid and d.classid = 'pg_class'::regclass and d.refclassid = 'pg_class'::regclass and d.deptype in ('a', 'i')
      left join pg_class t on t.oid = d.refobjid
      left join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
    where s.relkind = 'S' and n.nspname = current_schema()
    order by 1`.execute(db);
  return rows.rows.map((r) => ({ name: r.name, owner: r.table_name && r.column_name ? { table: r.table_name, column: r.column_name } : null }));
}
