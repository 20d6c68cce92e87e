import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { situationFields, exploiterFields } from '@palermo/contracts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { systemActor } from '../../platform/audit/audit.js';
import { refreshCountryDataset } from '../statistical-records/country-dataset.js';
import { ctdcCells, ctdcExportColumns } from '../statistical-records/ctdc-export.js';
import { recordsOf } from '../statistical-records/statistical-records.repo.js';
import { binding, decryptJson, joinExploiter, joinSituation } from '../account/account.crypto.js';
import { checkExploiter, checkSituation } from '../account/account.checks.js';
import { seedDemoCases } from './case-generator.js';
import { seedDemoAccounts } from './demo-accounts.js';
import { seedDemo } from './demo.seed.js';

/**
 * The demo's accounts fill every column of the CTDC export: the demo country, its cases and their accounts, the
 * country dataset derived from them, and not one of the 27 CTDC columns empty for every person.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.platform.db.transaction().execute(async (tx) => {
    await seedDemo(tx, t.platform.cipher);
    await seedDemoCases(tx, t.platform.cipher, 400, { seed: 5 });
  });
}, 300_000);
afterAll(async () => t?.close());

describe('demo accounts', () => {
  it('make the CTDC export of the demo fill every column', async () => {
    const written = await t.platform.db.transaction().execute((tx) => seedDemoAccounts(tx, t.platform.cipher));
    expect(written.situations).toBeGreaterThan(300);
    expect(written.exploiters).toBeGreaterThan(200);
    const refreshed = await refreshCountryDataset(t.platform.db, systemActor('test'), { cipher: t.platform.cipher });
    expect(refreshed.records).toBeGreaterThan(200);
    const cells = (await recordsOf(t.platform.db, refreshed.datasetId)).map(ctdcCells);
    const empty = ctdcExportColumns.filter((_, i) => cells.every((row) => row[i] === ''));
    expect(empty, `CTDC columns empty for every person: ${empty.join(', ')}`).toEqual([]);
    expect(ctdcExportColumns).toHaveLength(27);
  }, 300_000);

  it('write accounts the account module reads back as valid, and nothing a second time', async () => {
    const db = t.platform.db;
    const parse = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value) as never;
    const invalid: string[] = [];
    for (const situation of await db.selectFrom('account_situations').selectAll().execute()) {
      const personal = await decryptJson<Parameters<typeof joinSituation>[1]>(t.platform.cipher, db, situation.personal, binding('account_situations', 'personal', situation.id));
      const fields = joinSituation(parse(situation.data), personal);
      const parsed = situationFields.safeParse(fields);
      if (!parsed.success) invalid.push(`situation ${situation.id}: ${parsed.error.message}`);
      // The checks a caseworker's entry passes (dates, ages against the birth date, countries).
      const { person_id } = await db.selectFrom('cases').select('person_id').where('id', '=', situation.case_id).executeTakeFirstOrThrow();
      await checkSituation(db, t.platform.cipher, person_id, fields).catch((error: unknown) => invalid.push(`situation ${situation.id}: ${String(error)}`));
      const start = fields.startDate?.state === 'known' ? fields.startDate.value : undefined;
      const end = fields.endDate?.state === 'known' ? fields.endDate.value : undefined;
      if (start && end && end < start) invalid.push(`situation ${situation.id}: ends before it starts`);
    }
    for (const exploiter of await db.selectFrom('account_exploiters').selectAll().execute()) {
      const pseudonym = await t.platform.cipher.decrypt(exploiter.pseudonym, binding('account_exploiters', 'pseudonym', exploiter.id), db);
      const personal = await decryptJson<Parameters<typeof joinExploiter>[3]>(t.platform.cipher, db, exploiter.personal, binding('account_exploiters', 'personal', exploiter.id));
      if (!pseudonym.startsWith('[SYNTHETIC] ')) invalid.push(`exploiter ${exploiter.id}: not labelled synthetic`);
      const fields = joinExploiter(exploiter.kind, pseudonym, parse(exploiter.data), personal);
      const parsed = exploiterFields.safeParse(fields);
      if (!parsed.success) invalid.push(`exploiter ${exploiter.id}: ${parsed.error.message}`);
      await checkExploiter(db, exploiter.case_id, fields).catch((error: unknown) => invalid.push(`exploiter ${exploiter.id}: ${String(error)}`));
    }
    expect(invalid).toEqual([]);
    const revisions = await db.selectFrom('account_revisions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const again = await db.transaction().execute((tx) => seedDemoAccounts(tx, t.platform.cipher));
    expect(again).toEqual({ situations: 0, exploiters: 0 });
    const after = await db.selectFrom('account_revisions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(revisions.n));
  });
});
