/**
 * An overlap table by stratum, from a file: the overlap table's format (one 0/1 column per list, then the count) with
 * one more column, named by the user, that gives each row's stratum, e.g.
 *
 *   sex,NGO,Police,Shelter,count
 *   female,1,0,0,37
 *   male,1,0,0,12
 *
 * The stratum column may stand anywhere before the count. Rows of the same stratum make that stratum's table (a
 * combination given twice within a stratum is summed, as in the unstratified file); the pooled table adds the strata.
 * Without a stratum column the file is the plain overlap table (overlap-table.ts), read as before.
 */
import { EstimationError } from './errors.js';
import { MIN_LISTS, buildOverlapTable, numberField, readCsv, NUMBER, type OverlapRow, type OverlapTable } from './overlap-table.js';

export interface StratifiedTables {
  readonly column: string;
  readonly pooled: OverlapTable;
  /** In the order in which each stratum first appears in the file. */
  readonly strata: ReadonlyArray<{ readonly stratum: string; readonly table: OverlapTable }>;
}

function bad(message: string): EstimationError {
  return new EstimationError(message, 'bad-input');
}

export function parseStratifiedTable(text: string, column: string): StratifiedTables {
  if (text.trim() === '') throw bad('the file is empty');
  const records = readCsv(text);
  const header = records[0];
  if (!header) throw bad('the file is empty');
  if (header.fields.every((field) => NUMBER.test(field))) {
    throw bad(`line ${header.line}: the first line must be a header naming the stratum column, the lists and the count column (e.g. "${column},LA,NG,PF,count"), found "${header.fields.join(',')}"`);
  }
  const width = header.fields.length;
  const at = header.fields.indexOf(column);
  if (at < 0) throw bad(`line ${header.line} (the header): no column is called "${column}"; the columns are ${header.fields.join(', ')}`);
  if (at === width - 1) throw bad(`line ${header.line} (the header): the last column is the count; the stratum column "${column}" must come before it`);
  if (header.fields.indexOf(column, at + 1) >= 0) throw bad(`line ${header.line} (the header): two columns are called "${column}"`);
  const listColumns = header.fields.map((_, i) => i).filter((i) => i !== at && i !== width - 1);
  const lists = listColumns.map((i) => header.fields[i] ?? '');
  if (lists.length < MIN_LISTS) throw bad(`line ${header.line} (the header): besides the stratum column "${column}" and the count, at least ${MIN_LISTS} list columns are needed; found ${lists.length}`);

  const rowsByStratum = new Map<string, OverlapRow[]>();
  for (const { line, fields } of records.slice(1)) {
    if (fields.length !== width) throw bad(`line ${line}: expected ${width} values (the stratum, ${lists.length} lists and a count), found ${fields.length}`);
    const stratum = fields[at] ?? '';
    if (stratum === '') throw bad(`line ${line}, column "${column}": the stratum is empty; give the group these people belong to`);
    if (stratum.length > 64) throw bad(`line ${line}, column "${column}": a stratum's name must be at most 64 characters`);
    const combination = listColumns.map((i) => numberField(fields[i] ?? '', `line ${line}, column "${header.fields[i] ?? i}"`));
    const count = numberField(fields[width - 1] ?? '', `line ${line}, count`);
    const rows = rowsByStratum.get(stratum);
    if (rows) rows.push({ combination, count, line });
    else rowsByStratum.set(stratum, [{ combination, count, line }]);
  }
  if (rowsByStratum.size === 0) throw bad('the file has a header but no rows of counts');
  const strata = [...rowsByStratum].map(([stratum, rows]) => ({ stratum, table: buildOverlapTable(lists, rows, header.line) }));
  // The pooled table: each combination's count added over the strata (a combination in several strata is no repeat).
  const pooledRows: OverlapRow[] = [];
  const size = 2 ** lists.length;
  for (let mask = 1; mask < size; mask++) {
    let count = 0;
    for (const { table } of strata) count += table.counts[mask] ?? 0;
    pooledRows.push({ combination: lists.map((_, i) => (mask >> i) & 1), count });
  }
  const warnings = strata.flatMap((s) => (s.table.warnings ?? []).map((warning) => `${column} ${s.stratum}: ${warning}`));
  const pooled = buildOverlapTable(lists, pooledRows, header.line);
  return { column, pooled: { ...pooled, ...(warnings.length > 0 ? { warnings } : {}) }, strata };
}
