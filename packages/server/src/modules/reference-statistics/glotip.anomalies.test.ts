import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../platform/db/migrate.js';
import { systemActor } from '../../platform/audit/audit.js';
import { verifyAuditChain } from '../../platform/audit/verify.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { importGlotip } from './reference-statistics.service.js';
import { countRows, listAnomalies, listStatistics, withReferenceTables } from './reference-statistics.repo.js';

const HEADER = ['Iso3_code', 'Country', 'Region', 'Subregion', 'Indicator', 'Dimension', 'Category', 'Sex', 'Age', 'Year', 'Unit of measurement', 'txtVALUE', 'Source'];
const row = (overrides: Partial<Record<string, string>> = {}): string[] => {
  const base: Record<string, string> = {
    Iso3_code: 'ALB',
    Country: 'Albania',
    Region: 'Europe',
    Subregion: 'Southern Europe',
    Indicator: 'Detected trafficking victims',
    Dimension: 'Total',
    Category: 'Total',
    Sex: 'Female',
    Age: 'Total',
    Year: '2019',
    'Unit of measurement': 'Counts',
    txtVALUE: '12',
    Source: 'GLOTIP',
  };
  return HEADER.map((h) => overrides[h] ?? base[h] ?? '');
};
const quote = (cell: string) => (/[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
const csv = (rows: string[][], header: string[] = HEADER) => Buffer.from([header, ...rows].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n', 'utf8');

let testDb: TestDatabase;
const actor = systemActor('import glotip');

beforeAll(async () => {
  testDb = await createTestDatabase();
  await migrate(testDb.database);
});
afterAll(() => testDb.drop());

describe('GLOTIP import: anomalies are read as documented and reported, never guessed', () => {
  it('reports each anomaly with its row, column, original text and how it was read', async () => {
    const bytes = csv([
      row({ txtVALUE: '<5' }), // line 2
      row({ txtVALUE: '1,234', Year: '2018' }), // 3
      row({ Country: "CÃ´te d'Ivoire", Iso3_code: 'CIV', Category: 'Total' }), // 4
      row({ Dimension: 'by citizenship', Category: 'Espa\uFFFDa' }), // 5
      row({ Country: 'Curaçao', Iso3_code: 'CUW', Dimension: 'by citizenship', Category: 'Côte d’Ivoire' }), // 6: plain accents
      row({ txtVALUE: '', Year: '2017' }), // 7
      row({ txtVALUE: '..', Year: '2016' }), // 8
      row({ txtVALUE: ' 17 ', Year: '2015' }), // 9
      row({ Iso3_code: 'Aruba/Curacao', Country: '' }), // 10
      row({ Sex: 'Women', Year: '2014' }), // 11
      row({ txtVALUE: '13' }), // 12: same statistic as line 2
    ]);
    const summary = await importGlotip(testDb.database.db, { fileName: '/some/dir/anomalies.csv', bytes }, { actor, reportLimit: 100 });
    expect(summary).toMatchObject({ ok: true, source: 'glotip', file: 'anomalies.csv', format: 'csv', rowsRead: 11, rowsImported: 11, alreadyImported: false });
    expect(summary.anomalies).toEqual({
      less_than: 1,
      thousands_separator: 1,
      broken_characters: 2,
      missing_value: 3,
      not_an_iso3_code: 1,
      unknown_code: 1,
      duplicate_key: 1,
      surrounding_whitespace: 1,
      unknown_column: 0,
    });
    expect(summary.report).toEqual([
      { kind: 'less_than', row: 2, column: 'txtVALUE', original: '<5', readAs: expect.stringContaining('value NULL, kind less_than, upper bound 4') },
      { kind: 'thousands_separator', row: 3, column: 'txtVALUE', original: '1,234', readAs: 'read as 1234' },
      { kind: 'broken_characters', row: 4, column: 'Country', original: "CÃ´te d'Ivoire", readAs: expect.stringMatching(/^kept as is: .*mojibake.*"Côte d'Ivoire"/) },
      { kind: 'broken_characters', row: 5, column: 'Category', original: 'Espa\uFFFDa', readAs: expect.stringMatching(/^kept as is: 1 replacement character/) },
      { kind: 'missing_value', row: 7, column: 'txtVALUE', original: '', readAs: 'value NULL, kind missing (empty cell)' },
      { kind: 'missing_value', row: 8, column: 'txtVALUE', original: '..', readAs: 'value NULL, kind missing (notation "..")' },
      { kind: 'surrounding_whitespace', row: 9, column: 'txtVALUE', original: ' 17 ', readAs: 'read as "17"' },
      { kind: 'not_an_iso3_code', row: 10, column: 'Iso3_code', original: 'Aruba/Curacao', readAs: 'kept as is' },
      { kind: 'missing_value', row: 10, column: 'Country', original: '', readAs: 'stored as NULL' },
      { kind: 'unknown_code', row: 11, column: 'Sex', original: 'Women', readAs: 'kept as is; not in glotip.Sex' },
      { kind: 'duplicate_key', row: 12, column: 'txtVALUE', original: '13', readAs: expect.stringContaining('row 2 has the same') },
    ]);

    expect(summary.examples.map((a) => [a.kind, a.row])).toEqual([
      ['less_than', 2],
      ['thousands_separator', 3],
      ['broken_characters', 4],
      ['missing_value', 7],
      ['surrounding_whitespace', 9],
      ['not_an_iso3_code', 10],
      ['unknown_code', 11],
      ['duplicate_key', 12],
    ]);

    const rdb = withReferenceTables(testDb.database.db);
    const stored = await listStatistics(rdb, summary.datasetId);
    const at = (line: number) => stored.find((s) => s.sourceRow === line);
    expect(at(2)).toMatchObject({ value: null, valueText: '<5', valueKind: 'less_than', upperBound: 4 });
    expect(at(3)).toMatchObject({ value: 1234, valueText: '1,234', valueKind: 'exact', upperBound: null });
    expect(at(4)).toMatchObject({ country: "CÃ´te d'Ivoire" });
    expect(at(5)).toMatchObject({ category: 'Espa\uFFFDa' });
    expect(at(6)).toMatchObject({ country: 'Curaçao', category: 'Côte d’Ivoire', value: 12 });
    expect(at(7)).toMatchObject({ value: null, valueText: '', valueKind: 'missing' });
    expect(at(9)).toMatchObject({ value: 17, valueText: ' 17 ' });
    expect(at(10)).toMatchObject({ iso3: 'Aruba/Curacao', country: null });
    expect(at(11)).toMatchObject({ sex: 'Women' });
    // The full report is stored with the dataset, in the same order.
    expect(await listAnomalies(rdb, summary.datasetId, { offset: 0, limit: 100 })).toEqual(summary.report);
    expect(await listAnomalies(rdb, summary.datasetId, { offset: 0, limit: 10, kind: 'duplicate_key' })).toHaveLength(1);
    // Imported again, the summary is read back from what was stored: the same report and examples.
    const again = await importGlotip(testDb.database.db, { fileName: 'anomalies.csv', bytes }, { actor, reportLimit: 100 });
    expect(again).toEqual({ ...summary, alreadyImported: true });
  });

  it('reports columns it does not know and ignores them', async () => {
    const summary = await importGlotip(
      testDb.database.db,
      { fileName: 'extra.csv', bytes: csv([[...row(), 'a note']], [...HEADER, 'Notes']) },
      { actor },
    );
    expect(summary.report).toEqual([{ kind: 'unknown_column', row: 1, column: 'Notes', original: 'Notes', readAs: 'column ignored' }]);
  });

  it('audits the import in the same chain, with counts and no values', async () => {
    const entries = await testDb.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'reference_statistics.import').execute();
    expect(entries.length).toBeGreaterThanOrEqual(1);
    const first = entries[0];
    expect(first).toMatchObject({ actor_name: 'palermo import glotip', purpose: 'statistics', outcome: 'allowed', record_type: 'reference_dataset' });
    expect(first?.summary).toMatch(/11 rows; anomalies: less_than 1, thousands_separator 1/);
    expect(first?.summary).not.toMatch(/Albania|Ivoire|anomalies\.csv/);
    expect(await verifyAuditChain(testDb.database.db)).toMatchObject({ ok: true });
  });
});

describe('GLOTIP import: the same file twice changes nothing', () => {
  it('detects the file by its SHA-256, whatever its name, and stores nothing new', async () => {
    const bytes = csv([row({ Year: '2010' }), row({ Year: '2011', txtVALUE: '<5' })]);
    const first = await importGlotip(testDb.database.db, { fileName: 'once.csv', bytes }, { actor });
    const rdb = withReferenceTables(testDb.database.db);
    const before = await countRows(rdb);
    const auditBefore = await testDb.database.db.selectFrom('audit_log').select('seq').execute();
    const again = await importGlotip(testDb.database.db, { fileName: 'renamed.csv', bytes }, { actor });
    expect(again).toMatchObject({ ok: true, alreadyImported: true, datasetId: first.datasetId, sha256: first.sha256, file: 'once.csv', rowsImported: 2 });
    expect(again.anomalies).toEqual(first.anomalies);
    expect(again.report).toEqual(first.report);
    expect(again.examples).toEqual(first.examples);
    expect(await countRows(rdb)).toEqual(before);
    expect(await testDb.database.db.selectFrom('audit_log').select('seq').execute()).toHaveLength(auditBefore.length);
  });

  it('imports a file once when two imports of it run at the same time', async () => {
    const bytes = csv([row({ Year: '2005' }), row({ Year: '2006' }), row({ Year: '2007' })]);
    const rdb = withReferenceTables(testDb.database.db);
    const before = await countRows(rdb);
    const both = await Promise.all([0, 1].map(() => importGlotip(testDb.database.db, { fileName: 'twice.csv', bytes }, { actor })));
    expect(both.map((s) => s.alreadyImported).sort()).toEqual([false, true]);
    expect(both[0]?.datasetId).toBe(both[1]?.datasetId);
    expect(await countRows(rdb)).toEqual({ ...before, datasets: before.datasets + 1, statistics: before.statistics + 3 });
  });

  it('reports progress batch by batch up to the total', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => row({ Year: String(1950 + (i % 70)), Category: 'Total', Iso3_code: `A${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26) % 26)}` }));
    const calls: Array<[number, number]> = [];
    await importGlotip(testDb.database.db, { fileName: 'big.csv', bytes: csv(rows) }, { actor, onProgress: (done, total) => calls.push([done, total]) });
    expect(calls).toEqual([[0, 2500], [1000, 2500], [2000, 2500], [2500, 2500]]);
  });
});
