import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inProcessPalermo, temporaryDataDir } from '../../../test/support/cli.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerExport } from '../../cli/commands/export.js';
import { registerImport } from '../../cli/commands/import.js';

const data = temporaryDataDir('palermo-ctdc-cli-');
const dir = data.dir;

const palermo = inProcessPalermo(registerImport, registerExport);

beforeAll(() => {
  data.use();
  writeFileSync(join(dir, 'good.csv'), 'yearOfRegistration,gender,ageBroad,citizenship,isForcedLabour\n2020,Woman,-99,NGA,1\n2021,Man,,ZZZ,2\n');
  writeFileSync(join(dir, 'bad.csv'), 'yearOfRegistration,gender\n2020,Woman\n2021\n');
});

afterAll(() => {
  data.restore();
});

/** (Run in the embedded-database pass only: the commands open the database through the same code on both.) */
describe.skipIf(process.env['PALERMO_TEST_DB'] === 'postgres')('npx palermo import ctdc / export', () => {
  it('imports a CTDC file and prints one JSON summary with --json: rows read, rows imported, anomalies by kind', async () => {
    const first = await palermo('import', 'ctdc', join(dir, 'good.csv'), '--json');
    expect(first.exitCode).toBe(0);
    const summary = JSON.parse(first.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({ ok: true, source: 'ctdc', rowsRead: 2, rowsImported: 2, alreadyImported: false, anomalies: { not_a_country_code: 1, not_a_flag: 1 } });
    const again = await palermo('import', 'ctdc', join(dir, 'good.csv'), '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ alreadyImported: true, datasetId: summary['datasetId'] });
  });

  it('stops on a malformed row, names it, and exits non-zero', async () => {
    const result = await palermo('import', 'ctdc', join(dir, 'bad.csv'), '--json');
    expect(result.exitCode).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, code: 'malformed_row', row: 3 });
    const human = await palermo('import', 'ctdc', join(dir, 'bad.csv'));
    expect(human.stderr).toContain('row 3 has 1 cells where the header has 2. Nothing was imported.');
  });

  it('refuses the raw CTDC export (releases are the way out) and writes the official GLOTIP file, masked', async () => {
    const ctdc = await palermo('export', 'ctdc', '--output', join(dir, 'out.csv'), '--json');
    expect(ctdc.exitCode).toBe(1);
    expect(JSON.parse(ctdc.stdout)).toMatchObject({ ok: false, code: 'raw_export_refused' });
    expect(existsSync(join(dir, 'out.csv'))).toBe(false);
    const human = await palermo('export', 'ctdc');
    expect(human.exitCode).toBe(1);
    expect(human.stderr).toContain('record-level data leaves the platform only through a release');
    const glotip = await palermo('export', 'glotip', '--country', 'NG', '--population', '2024=220000000', '--output', join(dir, 'glotip.csv'), '--json');
    expect(JSON.parse(glotip.stdout)).toMatchObject({ ok: true, format: 'glotip', rows: 0, victimsCounted: 0, masked: true });
    // The offender tables from the prosecution records follow the victims' (none recorded here), with their methodology.
    const offenders = (JSON.parse(glotip.stdout) as { offenders: { rows: number; perturbed: string; methodology: string[] } }).offenders;
    expect(offenders).toMatchObject({ rows: 0, years: [], perturbed: 'cell-key', legalProvisions: { charged: [], convicted: [] } });
    expect(offenders.methodology.join(' ')).toContain('cell-key method');
    // There is no way to ask for the unmasked tables.
    await expect(palermo('export', 'glotip', '--country', 'NG', '--no-mask', '--output', join(dir, 'unmasked.csv'))).rejects.toThrow();
    await expect(palermo('export', 'glotip', '--country', 'NG', '--json')).rejects.toThrow('--json prints the summary only: name the file with --output');
  });
});
