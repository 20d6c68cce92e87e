import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { testDatabaseKind } from '../../../test/support/test-database.js';
import { countryDay, funnelFacts, howLastRead } from './funnel.changes.js';
import { computeFunnelFacts, type FunnelFacts } from './funnel.facts.js';
import { recordFunnelWorld, type FunnelWorld } from './funnel.test-support.js';

let t: TestApp;
let world: FunnelWorld;

beforeAll(async () => {
  t = await createTestApp();
  world = await recordFunnelWorld(t);
}, 300_000);
afterAll(async () => t?.close());

const kept = () => funnelFacts(t.platform.db, t.platform.cipher.recordKeys, 'ROU');
const whole = async () => computeFunnelFacts(t.platform.db, t.platform.cipher.recordKeys, 'RO', await countryDay(t.platform.db));

/** Every fact of every person and investigation, by id (the order of the columns is not a fact). */
function byId(facts: FunnelFacts) {
  const rows = <T extends { ids: readonly string[] }>(columns: T) =>
    Object.fromEntries(
      columns.ids.map((id, i) => [
        id,
        Object.fromEntries(
          Object.entries(columns)
            .filter(([name]) => name !== 'ids' && name !== 'size')
            .map(([name, column]) => [name, Array.isArray(column) ? column.map((c: Int32Array) => c[i]) : (column as unknown as Int32Array)[i]]),
        ),
      ]),
    );
  return { suspects: rows(facts.suspects), investigations: rows(facts.investigations) };
}

const suspectFact = (facts: FunnelFacts, id: string, column: 'sex' | 'year' | 'reached' | 'forms') => facts.suspects[column][facts.suspects.ids.indexOf(id)];

describe("the funnel's facts, kept up to date by what changed", () => {
  it('recomputes only what changed, and then equals the facts computed whole', async () => {
    const before = await kept();
    expect(byId(before)).toEqual(byId(await whole()));
    expect(await kept()).toBe(before);
    expect(howLastRead(t.platform.db)).toBe('kept');

    const { A, B, C, D } = world.suspects;
    const [, secondInvestigation] = world.investigations;
    const operation = await t.platform.db.selectFrom('prosecution_suspects').select('operation_id').where('id', '=', A).executeTakeFirstOrThrow();
    // A step through the route, and changes of every kind the funnel counts written directly.
    const charged = await world.prosecutor.request('POST', `/api/prosecution/suspects/${A}/steps`, { kind: 'charge', occurredOn: '2024-02-01', provision: 'Art. 210', category: 'trafficking' });
    expect(charged.statusCode, charged.body).toBe(200);
    await sql`UPDATE prosecution_suspects SET sex = 'female' WHERE id = ${B}`.execute(t.platform.db);
    await sql`UPDATE prosecution_investigations SET opened_on = '2023-12-01' WHERE id = ${secondInvestigation ?? ''}`.execute(t.platform.db);
    await sql`UPDATE prosecution_operations SET forms_of_exploitation = '{ForcedLabour,SexualExploitation}' WHERE id = ${operation.operation_id}`.execute(t.platform.db);
    await sql`DELETE FROM prosecution_steps WHERE suspect_id = ${C}`.execute(t.platform.db);
    await sql`DELETE FROM prosecution_suspects WHERE id = ${C}`.execute(t.platform.db);
    const added = await world.police.request('POST', `/api/prosecution/operations/${operation.operation_id}/suspects`, {
      investigationId: secondInvestigation, pseudonym: 'Person G', roles: ['transporter'], sex: 'male', citizenships: ['RO'], ageAtOffence: 17,
    });
    expect(added.statusCode, added.body).toBe(200);

    const after = await kept();
    expect(howLastRead(t.platform.db)).toBe('changes');
    expect(after).not.toBe(before);
    expect(byId(after)).toEqual(byId(await whole()));
    // What changed is there: A charged, B a woman, D's year moved, C gone, G counted, the new form on everyone.
    expect(suspectFact(after, A, 'reached')).toBeGreaterThan(suspectFact(before, A, 'reached') ?? 0);
    expect(suspectFact(after, B, 'sex')).not.toBe(suspectFact(before, B, 'sex'));
    expect(suspectFact(after, D, 'year')).toBe(2023);
    expect(after.suspects.ids).not.toContain(C);
    expect(after.suspects.ids).toContain(added.json().id);
    expect(after.suspects.size).toBe(before.suspects.size);
    expect(suspectFact(after, A, 'forms')).not.toBe(suspectFact(before, A, 'forms'));
    // The published cache stays valid between changes: the same facts again.
    expect(await kept()).toBe(after);
  });

  it('a change of the country computes the facts whole', async () => {
    await kept();
    await sql`UPDATE country_settings SET country_iso3 = 'ROU' WHERE id = 1`.execute(t.platform.db);
    await kept();
    expect(howLastRead(t.platform.db)).toBe('whole');
  });

  // Two connections at once: the embedded database has one.
  it.skipIf(testDatabaseKind !== 'postgres')('a change whose transaction was still running at a read is seen at the next read after it commits', async () => {
    const { E } = world.suspects;
    await kept();
    const sexBefore = suspectFact(await kept(), E, 'sex');
    await t.platform.db.transaction().execute(async (tx) => {
      await sql`UPDATE prosecution_suspects SET sex = 'female' WHERE id = ${E}`.execute(tx);
      // Read on another connection while the change is written but not committed: not there yet.
      expect(suspectFact(await kept(), E, 'sex')).toBe(sexBefore);
    });
    const after = await kept();
    expect(suspectFact(after, E, 'sex')).not.toBe(sexBefore);
    expect(byId(after)).toEqual(byId(await whole()));
  });
});
