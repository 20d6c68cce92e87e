import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../platform/db/migrate.js';
import { systemActor } from '../../platform/audit/audit.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { ImportError } from './import-report.js';
import { importGlotip } from './reference-statistics.service.js';
import { countRows, withReferenceTables } from './reference-statistics.repo.js';

const HEADER = 'Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,txtVALUE,Source';
const GOOD = 'ALB,Albania,Europe,Southern Europe,Detected trafficking victims,Total,Total,Female,Total,2019,Counts,12,GLOTIP';
const file = (...lines: string[]) => Buffer.from(lines.join('\n') + '\n', 'utf8');
const good = (n: number) => Array.from({ length: n }, (_, i) => GOOD.replace('2019', String(1950 + (i % 70))).replace('ALB', `A${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + (Math.floor(i / 26) % 26))}`));

let testDb: TestDatabase;
const actor = systemActor('import glotip');

beforeAll(async () => {
  testDb = await createTestDatabase();
  await migrate(testDb.database);
});
afterAll(() => testDb.drop());

async function expectRefused(bytes: Uint8Array, expected: { code: string; row?: number; column?: string; message?: RegExp }, fileName = 'bad.csv') {
  const failure = await importGlotip(testDb.database.db, { fileName, bytes }, { actor }).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(failure).toBeInstanceOf(ImportError);
  const error = failure as ImportError;
  expect({ code: error.code, row: error.where.row, column: error.where.column }).toEqual({ code: expected.code, row: expected.row, column: expected.column });
  if (expected.message) expect(error.message).toMatch(expected.message);
  // All or nothing: no dataset, no statistic, no report row.
  expect(await countRows(withReferenceTables(testDb.database.db))).toEqual({ datasets: 0, statistics: 0, anomalies: 0 });
}

describe('GLOTIP import: a hard error stores nothing and names the row and column', () => {
  it('a missing required column', async () => {
    await expectRefused(file(HEADER.replace(',Year', ''), GOOD.replace(',2019', '')), { code: 'missing_column', row: 1, column: 'Year', message: /missing required column Year/ });
  });

  it('a file with no header at all, and a header without data', async () => {
    await expectRefused(file('a,b,c', '1,2,3'), { code: 'missing_column' });
    await expectRefused(file(HEADER), { code: 'no_data', row: 1 });
  });

  it('a column named twice', async () => {
    await expectRefused(file(`${HEADER},Year`, `${GOOD},2019`), { code: 'duplicate_column', row: 1, column: 'Year' });
  });

  it('an unreadable year, on the last of many rows', async () => {
    await expectRefused(file(HEADER, ...good(2500), GOOD.replace('2019', '20l9')), { code: 'unreadable_year', row: 2502, column: 'Year', message: /"20l9" is not a year/ });
    await expectRefused(file(HEADER, GOOD.replace('2019', '1850')), { code: 'unreadable_year', row: 2, column: 'Year' });
  });

  it('a value that is not a count: words, decimals, negative numbers, misplaced separators', async () => {
    for (const value of ['abc', '12.5', '-3', '1.234', '12,34', '<0']) {
      await expectRefused(file(HEADER, GOOD, GOOD.replace(',12,', `,"${value}",`)), { code: 'unreadable_value', row: 3, column: 'txtVALUE' });
    }
  });

  it('an empty required code (Indicator, Sex)', async () => {
    await expectRefused(file(HEADER, GOOD.replace('Detected trafficking victims', '')), { code: 'missing_required_value', row: 2, column: 'Indicator' });
    await expectRefused(file(HEADER, GOOD.replace('Female', ' ')), { code: 'missing_required_value', row: 2, column: 'Sex' });
  });

  it('a row with a field too many or too few', async () => {
    await expectRefused(file(HEADER, GOOD, `${GOOD},extra`), { code: 'malformed_row', row: 3 });
    await expectRefused(file(HEADER, GOOD.replace(',GLOTIP', '')), { code: 'malformed_row', row: 2 });
  });

  it('a broken CSV, a legacy .xls and a damaged .xlsx', async () => {
    await expectRefused(file(HEADER, GOOD, 'ALB,"Albania'), { code: 'unreadable_file', row: 3 });
    await expectRefused(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), { code: 'unsupported_file' }, 'old.xls');
    await expectRefused(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]), { code: 'unreadable_file' }, 'broken.xlsx');
  });

  it('a failure while writing rolls back the rows already written', async () => {
    const bytes = file(HEADER, ...good(2500));
    const stop = new Error('stopped after the first batch');
    await expect(
      importGlotip(testDb.database.db, { fileName: 'interrupted.csv', bytes }, {
        actor,
        onProgress: (done) => {
          if (done === 1000) throw stop;
        },
      }),
    ).rejects.toBe(stop);
    expect(await countRows(withReferenceTables(testDb.database.db))).toEqual({ datasets: 0, statistics: 0, anomalies: 0 });
    // The same file imports afterwards: nothing of the failed attempt was left to mistake it for "already imported".
    const summary = await importGlotip(testDb.database.db, { fileName: 'interrupted.csv', bytes }, { actor });
    expect(summary).toMatchObject({ alreadyImported: false, rowsImported: 2500 });
  });

  it('records failed attempts in the audit log, without values', async () => {
    const failed = await testDb.database.db.selectFrom('audit_log').selectAll().where('outcome', '=', 'failed').orderBy('entry_id').execute();
    expect(failed.length).toBeGreaterThan(5);
    expect(failed.map((f) => f.summary)).toContainEqual(expect.stringMatching(/not imported: unreadable_year at row 2502, column Year$/));
    for (const entry of failed) expect(entry.summary).not.toMatch(/20l9|abc|Albania/);
  });
});
