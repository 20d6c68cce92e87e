import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessPalermo, temporaryDataDir } from '../../../test/support/cli.js';
import { registerImport } from '../../cli/commands/import.js';
import { withRuntime } from '../../cli/commands/with-runtime.js';

const data = temporaryDataDir('palermo-prosecution-import-cli-');
const palermo = inProcessPalermo(registerImport);
const mapping = JSON.stringify({
  columns: { operationReference: 'Case', operationStartedOn: 'Opened', agency: 'Police', pseudonym: 'Accused', roles: 'Role', sex: 'Sex', chargedOn: 'Charged', chargeProvisions: 'Statutes' },
  constants: { origin: 'hotline', approach: 'reactive', chargeCategories: 'trafficking' },
});

beforeAll(async () => {
  data.use();
  await withRuntime('test', async ({ database }) => {
    const [police, office] = [randomUUID(), randomUUID()];
    await database.db.insertInto('organisations').values([{ id: police, name: 'City Police', type: 'law_enforcement' }, { id: office, name: 'City Prosecutor', type: 'prosecutor' }]).execute();
    await database.db.insertInto('users').values({ id: randomUUID(), organisation_id: office, display_name: 'Prosecutor', email: 'prosecutor@example.test', password_hash: 'x', roles: ['prosecutor'] }).execute();
  });
  writeFileSync(join(data.dir, 'good.csv'), 'Case;Opened;Police;Accused;Role;Sex;Charged;Statutes\nC-1;01/02/2020;City Police;Fox;recruiter;F;2020-03-01;"Art. 1; Art. 2"\nC-1;01/02/2020;City Police;Wolf;exploiter;male;;\n');
  writeFileSync(join(data.dir, 'bad.csv'), 'Case;Opened;Police;Accused;Role;Sex;Charged;Statutes\nC-2;31/02/2020;City Police;Fox;recruiter;F;;\nC-2;01/02/2020;Nowhere;Bear;boss;male;;\n');
});
afterAll(() => data.restore());

/** (Run in the embedded-database pass only: the command opens the database through the same code on both.) */
describe.skipIf(process.env['PALERMO_TEST_DB'] === 'postgres')('npx palermo import prosecution', () => {
  it('imports with --json: one summary, the same file twice adds nothing', async () => {
    const first = await palermo('import', 'prosecution', join(data.dir, 'good.csv'), '--mapping', mapping, '--user', 'prosecutor@example.test', '--json');
    expect(first.exitCode, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ ok: true, rowsRead: 2, rowsImported: 2, operations: 1, suspects: 2, steps: 2 });
    const again = await palermo('import', 'prosecution', join(data.dir, 'good.csv'), '--mapping', mapping, '--user', 'prosecutor@example.test', '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, rowsImported: 0, rowsAlreadyImported: 2, suspects: 0 });
  });

  it('lists every rejected row and exits non-zero, nothing imported', async () => {
    const result = await palermo('import', 'prosecution', join(data.dir, 'bad.csv'), '--mapping', mapping, '--user', 'prosecutor@example.test', '--json');
    expect(result.exitCode).toBe(1);
    const body = JSON.parse(result.stdout) as { ok: boolean; problems: Array<{ row: number; column: string; field: string }> };
    expect(body.ok).toBe(false);
    expect(body.problems.map((p) => `${p.row} ${p.column}`)).toEqual(['2 Opened', '3 Police', '3 Role']);
    const human = await palermo('import', 'prosecution', join(data.dir, 'bad.csv'), '--mapping', mapping, '--user', 'prosecutor@example.test');
    expect(human.stderr).toContain('row 3, column "Police" (agency): no active organisation is named "Nowhere"');
  });
});
