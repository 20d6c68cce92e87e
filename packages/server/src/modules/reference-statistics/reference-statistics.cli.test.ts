import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inProcessPalermo, temporaryDataDir } from '../../../test/support/cli.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerImport } from '../../cli/commands/import.js';

const data = temporaryDataDir('palermo-import-');
const dir = data.dir;

const HEADER = 'Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,txtVALUE,Source';
const line = (year: string, value: string) => `ALB,Albania,Europe,Southern Europe,Detected trafficking victims,Total,Total,Male,Total,${year},Counts,${value},GLOTIP`;

const palermo = inProcessPalermo(registerImport);

beforeAll(() => {
  data.use();
  writeFileSync(join(dir, 'good.csv'), [HEADER, line('2019', '<5'), line('2020', '"1,024"')].join('\n'));
  writeFileSync(join(dir, 'bad.csv'), [HEADER, line('2019', '7'), line('twenty', '7')].join('\n'));
});

afterAll(() => {
  data.restore();
});

/** (Run in the embedded-database pass only: the command opens the database through the same code on both.) */
describe.skipIf(process.env['PALERMO_TEST_DB'] === 'postgres')('npx palermo import glotip', () => {
  it('imports a file and prints one JSON summary with --json', async () => {
    const result = await palermo('import', 'glotip', join(dir, 'good.csv'), '--json');
    expect(result.exitCode).toBe(0);
    const summary = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({
      ok: true,
      source: 'glotip',
      file: 'good.csv',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      rowsRead: 2,
      rowsImported: 2,
      alreadyImported: false,
      anomalies: { less_than: 1, thousands_separator: 1, broken_characters: 0 },
      report: [
        { row: 2, column: 'txtVALUE', kind: 'less_than', original: '<5' },
        { row: 3, column: 'txtVALUE', kind: 'thousands_separator', original: '1,024', readAs: 'read as 1024' },
      ],
    });
  });

  it('changes nothing the second time, and says so', async () => {
    const json = JSON.parse((await palermo('import', 'glotip', join(dir, 'good.csv'), '--json')).stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ ok: true, alreadyImported: true, rowsImported: 2 });
    const human = await palermo('import', 'glotip', join(dir, 'good.csv'));
    expect(human.stdout).toMatch(/was already imported on .*: nothing changed/);
  });

  it('refuses a file with a hard error, naming the row and column, with a non-zero exit', async () => {
    const json = await palermo('import', 'glotip', join(dir, 'bad.csv'), '--json');
    expect(json.exitCode).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({
      ok: false,
      source: 'glotip',
      file: 'bad.csv',
      code: 'unreadable_year',
      error: expect.stringContaining('Row 3, column Year'),
      row: 3,
      column: 'Year',
      original: 'twenty',
    });
    const human = await palermo('import', 'glotip', join(dir, 'bad.csv'));
    expect(human.exitCode).toBe(1);
    expect(human.stderr).toMatch(/Row 3, column Year: "twenty" is not a year.*Nothing was imported/);
  });
});
