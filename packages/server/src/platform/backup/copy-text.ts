import { sql, type RawBuilder } from 'kysely';
import { quoteIdent, type TableInfo } from './tables.js';

/**
 * Rows travel in PostgreSQL's COPY text format (one line per row, tab between columns, \N for NULL, backslash escapes
 * for backslash, newline, carriage return and tab), so that PostgreSQL's own COPY writes and reads them where it is
 * available, and the same lines are produced and read with plain SQL where it is not (embedded PostgreSQL).
 */

/** A SELECT list of one text column holding each row as a COPY text line (without its newline). */
export function copyTextSelect(table: TableInfo): string {
  const fields = table.columns.map(
    (c) => `coalesce(replace(replace(replace(replace(${quoteIdent(c.name)}::text, '\\', '\\\\'), E'\\n', '\\n'), E'\\r', '\\r'), E'\\t', '\\t'), '\\N')`,
  );
  return `select concat_ws(E'\\t', ${fields.join(', ')}) as line from ${quoteIdent(table.name)}`;
}

const simpleEscapes: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

function unescapeField(field: string): string {
  if (!field.includes('\\')) return field;
  let out = '';
  for (let i = 0; i < field.length; i++) {
    const ch = field[i] as string;
    if (ch !== '\\' || i === field.length - 1) {
      out += ch;
      continue;
    }
    const next = field[++i] as string;
    const simple = simpleEscapes[next];
    if (simple !== undefined) out += simple;
    else if (next >= '0' && next <= '7') {
      const digits = /^[0-7]{1,3}/.exec(field.slice(i))?.[0] ?? next;
      out += String.fromCharCode(parseInt(digits, 8));
      i += digits.length - 1;
    } else if (next === 'x' && /^[0-9a-fA-F]/.test(field[i + 1] ?? '')) {
      const digits = /^[0-9a-fA-F]{1,2}/.exec(field.slice(i + 1))?.[0] ?? '';
      out += String.fromCharCode(parseInt(digits, 16));
      i += digits.length;
    } else out += next;
  }
  return out;
}

/** One COPY text line as its columns' text values (null for \N), as COPY FROM reads it. */
export function parseCopyTextLine(line: string, columns: number): Array<string | null> {
  const fields = line.split('\t');
  if (fields.length !== columns) throw new Error(`a row has ${fields.length} columns where ${columns} were expected`);
  return fields.map((f) => (f === '\\N' ? null : unescapeField(f)));
}

/** An INSERT of a batch of parsed rows passed as one JSON parameter, each value cast back from text to its type. */
export function insertFromJsonBatch(table: TableInfo, rows: ReadonlyArray<ReadonlyArray<string | null>>): RawBuilder<unknown> {
  const columns = table.columns.map((c) => quoteIdent(c.name)).join(', ');
  const values = table.columns.map((c, i) => `(r->>${i})::${c.type}`).join(', ');
  const overriding = table.hasAlwaysIdentity ? ' overriding system value' : '';
  return sql`${sql.raw(`insert into ${quoteIdent(table.name)} (${columns})${overriding} select ${values} from jsonb_array_elements(`)}${JSON.stringify(rows)}${sql.raw("::jsonb) r")}`;
}
