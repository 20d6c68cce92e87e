import { describe, expect, it } from 'vitest';
import { END_OF_ROWS, endLine, sections, sequenceLine, tableLine, type Section } from './sections.js';

/** A body with an empty table, rows that look like marks without being them, and an empty line (one empty value). */
const body = [
  tableLine('empty', ['id']),
  END_OF_ROWS,
  tableLine('people', ['id', 'note']),
  '1\t\\\\.\n',
  '2\t\\.x\n',
  '3\tend\\\\.\n',
  '\n',
  '4\t\\N\n',
  END_OF_ROWS,
  sequenceLine('people_id_seq', '4', true),
  endLine({ empty: 0, people: 5 }),
].join('');

async function read(chunks: Buffer[]): Promise<Array<Section | { kind: 'rows'; text: string; count: number }>> {
  const out: Array<Section | { kind: 'rows'; text: string; count: number }> = [];
  async function* source() {
    yield* chunks;
  }
  for await (const section of sections(source())) {
    if (section.kind === 'rows') {
      const last = out.at(-1);
      // Rows arrive in as many pieces as the input had: join them to compare.
      if (last?.kind === 'rows' && 'text' in last) {
        last.text += section.lines.toString('utf8');
        last.count += section.count;
      } else out.push({ kind: 'rows', text: section.lines.toString('utf8'), count: section.count });
    } else out.push(section);
  }
  return out;
}

function chopped(text: string, size: (i: number) => number): Buffer[] {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const n = Math.max(1, size(i));
    chunks.push(bytes.subarray(at, at + n));
    at += n;
  }
  return chunks;
}

describe('archive sections', () => {
  it('reads the same sections however the body is cut into chunks, even through the end-of-rows mark', async () => {
    const whole = await read([Buffer.from(body, 'utf8')]);
    expect(whole).toEqual([
      { kind: 'table', name: 'empty', columns: ['id'] },
      { kind: 'tableEnd' },
      { kind: 'table', name: 'people', columns: ['id', 'note'] },
      { kind: 'rows', text: '1\t\\\\.\n2\t\\.x\n3\tend\\\\.\n\n4\t\\N\n', count: 5 },
      { kind: 'tableEnd' },
      { kind: 'sequence', name: 'people_id_seq', lastValue: '4', isCalled: true },
      { kind: 'end', tables: { empty: 0, people: 5 } },
    ]);
    for (const size of [1, 2, 3, 5, 7]) expect(await read(chopped(body, () => size))).toEqual(whole);
    expect(await read(chopped(body, (i) => (i * 7919) % 13))).toEqual(whole);
  });

  it('refuses a body cut before its end, and anything after the end', async () => {
    await expect(read([Buffer.from(body.slice(0, body.indexOf('sequence')), 'utf8')])).rejects.toThrow(/ends before/);
    await expect(read([Buffer.from(`${body}table {}\n`, 'utf8')])).rejects.toThrow(/continues after its end/);
  });
});
