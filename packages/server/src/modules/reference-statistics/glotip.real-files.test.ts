import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../platform/db/migrate.js';
import { systemActor } from '../../platform/audit/audit.js';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../../../test/support/test-database.js';
import { importGlotip, type ImportSummary } from './reference-statistics.service.js';
import { countRows, listStatistics, withReferenceTables } from './reference-statistics.repo.js';

/** The UNODC export as published (XLSX) and its CSV conversion, from shared/datasets/glotip beside the repository. */
const dataset = (name: string) => fileURLToPath(new URL(`../../../../../../shared/datasets/glotip/${name}`, import.meta.url));
const XLSX = dataset('data_glotip_2023-05-30.xlsx');
const CSV = dataset('data_glotip_2023-05-30.csv');
/** Too large for the repository (test/fixtures/datasets/README.md): without it, these tests are skipped and say why. */
const present = existsSync(XLSX) && existsSync(CSV);
if (!present) console.warn(`GLOTIP real-file tests skipped: ${XLSX} or ${CSV} is absent (kept outside the repository)`);

let testDb: TestDatabase;
const actor = systemActor('import glotip');
const results: Record<string, ImportSummary> = {};

async function timedImport(path: string): Promise<ImportSummary> {
  const bytes = readFileSync(path);
  const started = performance.now();
  const summary = await importGlotip(testDb.database.db, { fileName: path, bytes }, { actor });
  console.info(`GLOTIP ${summary.format} import on ${testDatabaseKind}: ${summary.rowsImported} rows in ${Math.round(performance.now() - started)} ms`);
  return summary;
}

beforeAll(async () => {
  if (!present) return;
  testDb = await createTestDatabase();
  await migrate(testDb.database);
});
afterAll(() => testDb?.drop());

describe.skipIf(!present)('GLOTIP import of the real export (46,556 rows)', () => {
  it('reads the XLSX below its two preamble lines, with every trap of the file reported', { timeout: 180_000 }, async () => {
    const summary = await timedImport(XLSX);
    results['xlsx'] = summary;
    expect(summary).toMatchObject({ ok: true, format: 'xlsx', rowsRead: 46_556, rowsImported: 46_556, alreadyImported: false });
    expect(summary.anomalies).toEqual({
      less_than: 23_076,
      thousands_separator: 462,
      broken_characters: 172, // 85 cells with replacement characters (U+FFFD), 87 with mojibake ("TÃ¼rkiye", "CÃ´te d'Ivoire")
      missing_value: 2_972, // 957 rows of regional codes without country, region and subregion; 26 without a code (Sark); 75 without a category
      not_an_iso3_code: 1, // "Aruba/Curacao"
      unknown_code: 0,
      duplicate_key: 524,
      surrounding_whitespace: 0,
      unknown_column: 0,
    });
    const dataset = await withReferenceTables(testDb.database.db).selectFrom('reference_datasets').selectAll().where('id', '=', summary.datasetId).executeTakeFirstOrThrow();
    expect(dataset).toMatchObject({ header_row: 3, preamble: ['UNODC | unodc_ddds@un.org', '30/05/2023'], file_name: 'data_glotip_2023-05-30.xlsx' });
  });

  it('reads the CSV conversion into the same statistics and the same anomalies', { timeout: 180_000 }, async () => {
    const summary = await timedImport(CSV);
    results['csv'] = summary;
    const xlsx = results['xlsx'];
    expect(xlsx).toBeDefined();
    expect(summary).toMatchObject({ format: 'csv', rowsImported: 46_556, alreadyImported: false, anomalies: xlsx?.anomalies });
    expect(summary.sha256).not.toBe(xlsx?.sha256);
    const rdb = withReferenceTables(testDb.database.db);
    const fromCsv = await listStatistics(rdb, summary.datasetId);
    const fromXlsx = await listStatistics(rdb, xlsx?.datasetId ?? '');
    // The XLSX has the two preamble lines the CSV dropped: its rows are numbered two further down.
    expect(fromXlsx.map((s) => ({ ...s, sourceRow: s.sourceRow - 2 }))).toEqual(fromCsv);
    expect(fromCsv.find((s) => s.sourceRow === 5)).toMatchObject({ iso3: 'AFG', indicator: 'Offences of trafficking in persons', year: 2013, value: 103, valueKind: 'exact' });
    expect(fromCsv.find((s) => s.sourceRow === 2)).toMatchObject({ iso3: 'ABW', category: 'Ukraine', value: null, valueText: '<5', valueKind: 'less_than', upperBound: 4 });
    expect(fromCsv.filter((s) => s.valueText === '1,282').map((s) => s.value)).toEqual([1282, 1282, 1282]);
  });

  it('imports neither file a second time', { timeout: 180_000 }, async () => {
    const rdb = withReferenceTables(testDb.database.db);
    const before = await countRows(rdb);
    expect(before).toMatchObject({ datasets: 2, statistics: 93_112 });
    for (const path of [XLSX, CSV]) {
      const again = await importGlotip(testDb.database.db, { fileName: path, bytes: readFileSync(path) }, { actor });
      expect(again.alreadyImported).toBe(true);
    }
    expect(await countRows(rdb)).toEqual(before);
  });
});
