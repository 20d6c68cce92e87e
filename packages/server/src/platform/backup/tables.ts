import { sql } from 'kysely';
import type { Db } from '../db/database.js';

/** Tables a backup leaves out: the migration ledger is rebuilt by migrating, and sessions must not survive a restore. */
const NOT_BACKED_UP = new Set(['schema_migrations', 'sessions']);

export interface TableInfo {
  readonly name: string;
  readonly primaryKey: string[];
}

/**
 * Every table of the schema, parents before children (by foreign keys), so rows can be inserted in this order and
 * deleted in the reverse. New modules' tables are included without anyone having to remember.
 */
export async function tablesInDependencyOrder(db: Db): Promise<TableInfo[]> {
  const tables = await sql<{ name: string; pk: string[] | null }>`
    select c.relname as name,
      (select array_agg(a.attname::text order by array_position(i.indkey::int2[], a.attnum))
         from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
        where i.indrelid = c.oid and i.indisprimary) as pk
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind = 'r'
    order by c.relname`.execute(db);
  const edges = await sql<{ child: string; parent: string }>`
    select cc.relname as child, pc.relname as parent
    from pg_constraint k
      join pg_class cc on cc.oid = k.conrelid
      join pg_class pc on pc.oid = k.confrelid
      join pg_namespace n on n.oid = k.connamespace
    where k.contype = 'f' and n.nspname = current_schema()`.execute(db);
  const names = tables.rows.map((t) => t.name).filter((n) => !NOT_BACKED_UP.has(n));
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
  return ordered.map((name) => ({ name, primaryKey: pkByName.get(name) ?? [] }));
}
