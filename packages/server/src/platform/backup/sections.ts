/**
 * What an archive's (decrypted, gunzipped) body says, as lines:
 *
 *   table {"name":"users","columns":["id","email",...]}
 *   <the table's rows in COPY text format, one per line>
 *   \.
 *   ... (every table, parents before children)
 *   sequence {"name":"audit_log_entry_id_seq","lastValue":"42","isCalled":true}
 *   end {"tables":{"users":9,...}}
 *
 * A row line can never read `\.` (a backslash in data is written doubled), so the end of a table's rows is certain.
 */
export const END_OF_ROWS = '\\.\n';

export function tableLine(name: string, columns: readonly string[]): string {
  return `table ${JSON.stringify({ name, columns })}\n`;
}

export function sequenceLine(name: string, lastValue: string, isCalled: boolean): string {
  return `sequence ${JSON.stringify({ name, lastValue, isCalled })}\n`;
}

export function endLine(tables: Record<string, number>): string {
  return `end ${JSON.stringify({ tables })}\n`;
}

export type Section =
  | { readonly kind: 'table'; readonly name: string; readonly columns: string[] }
  | { readonly kind: 'rows'; readonly lines: Buffer; readonly count: number }
  | { readonly kind: 'tableEnd' }
  | { readonly kind: 'sequence'; readonly name: string; readonly lastValue: string; readonly isCalled: boolean }
  | { readonly kind: 'end'; readonly tables: Record<string, number> };

const NEWLINE = 0x0a;
const TERMINATOR = Buffer.from(END_OF_ROWS);
const NEWLINE_TERMINATOR = Buffer.from(`\n${END_OF_ROWS}`);

export function countLines(buffer: Buffer): number {
  let n = 0;
  for (let at = buffer.indexOf(NEWLINE); at >= 0; at = buffer.indexOf(NEWLINE, at + 1)) n++;
  return n;
}

function control(line: string): Section {
  const space = line.indexOf(' ');
  const word = space < 0 ? line : line.slice(0, space);
  const body = space < 0 ? {} : (JSON.parse(line.slice(space + 1)) as Record<string, unknown>);
  if (word === 'table' && typeof body['name'] === 'string' && Array.isArray(body['columns'])) {
    return { kind: 'table', name: body['name'], columns: body['columns'].map(String) };
  }
  if (word === 'sequence' && typeof body['name'] === 'string' && typeof body['lastValue'] === 'string') {
    return { kind: 'sequence', name: body['name'], lastValue: body['lastValue'], isCalled: body['isCalled'] === true };
  }
  if (word === 'end' && typeof body['tables'] === 'object' && body['tables'] !== null) {
    return { kind: 'end', tables: body['tables'] as Record<string, number> };
  }
  throw new Error(`the archive holds an unexpected line (${word.slice(0, 20)})`);
}

/** Reads the body as a stream of sections; rows come in chunks of whole lines, as large as the input chunks. */
export async function* sections(source: AsyncIterable<Buffer>): AsyncGenerator<Section> {
  let carry = Buffer.alloc(0);
  let inRows = false;
  let ended = false;
  for await (const chunk of source) {
    let buffer = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    for (;;) {
      if (ended) {
        if (buffer.length > 0) throw new Error('the archive continues after its end');
        break;
      }
      if (!inRows) {
        const newline = buffer.indexOf(NEWLINE);
        if (newline < 0) break;
        const section = control(buffer.subarray(0, newline).toString('utf8'));
        buffer = buffer.subarray(newline + 1);
        if (section.kind === 'table') inRows = true;
        if (section.kind === 'end') ended = true;
        yield section;
        continue;
      }
      const inner = buffer.indexOf(NEWLINE_TERMINATOR);
      const terminator = buffer.subarray(0, TERMINATOR.length).equals(TERMINATOR) ? 0 : inner < 0 ? -1 : inner + 1;
      if (terminator >= 0) {
        if (terminator > 0) {
          const lines = buffer.subarray(0, terminator);
          yield { kind: 'rows', lines, count: countLines(lines) };
        }
        yield { kind: 'tableEnd' };
        buffer = buffer.subarray(terminator + TERMINATOR.length);
        inRows = false;
        continue;
      }
      const lastNewline = buffer.lastIndexOf(NEWLINE);
      if (lastNewline >= 0) {
        const lines = buffer.subarray(0, lastNewline + 1);
        yield { kind: 'rows', lines, count: countLines(lines) };
        buffer = buffer.subarray(lastNewline + 1);
      }
      break;
    }
    carry = Buffer.from(buffer);
  }
  if (!ended) throw new Error('the archive ends before its last table');
}
