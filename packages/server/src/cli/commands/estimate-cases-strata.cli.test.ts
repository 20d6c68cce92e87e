import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StratifiedEstimateView } from '@palermo/contracts';
import { loadConfig } from '../../platform/config.js';
import { openRuntime } from '../../platform/runtime.js';
import { inProcessPalermo, temporaryDataDir } from '../../../test/support/cli.js';
import { registerEstimate } from './estimate.js';

/**
 * `palermo estimate --year --list --by`: the case records of a year by stratum, printed as the estimation page shows
 * them. Women: 15 at the NGO only, 12 at the shelter only, 3 at both; men: 9, 8 and 4 (each person one record, with a
 * case at each organisation that knows them).
 */
const palermo = inProcessPalermo(registerEstimate);
const data = temporaryDataDir('palermo-estimate-strata-');
const YEAR = 2031;

beforeAll(async () => {
  data.use();
  const runtime = await openRuntime(loadConfig(), 'test seed');
  try {
    const db = runtime.database.db;
    const ngo = randomUUID();
    const shelter = randomUUID();
    await db.insertInto('organisations').values([{ id: ngo, name: 'Safe Passage Association', type: 'ngo', jurisdictions: [] }, { id: shelter, name: 'Harbour House', type: 'shelter', jurisdictions: [] }]).execute();
    const author = randomUUID();
    await db.insertInto('users').values({ id: author, organisation_id: ngo, display_name: 'Caseworker', email: 'caseworker@example.test', password_hash: 'x', roles: ['caseworker'] }).execute();
    let n = 0;
    for (const [gender, cells] of [['Feminine', [15, 12, 3]], ['Masculine', [9, 8, 4]]] as const) {
      for (const [organisations, count] of [[[ngo], cells[0]], [[shelter], cells[1]], [[ngo, shelter], cells[2]]] as const) {
        for (let i = 0; i < count; i++, n++) {
          const personId = randomUUID();
          await db.insertInto('persons').values({ id: personId, reference: `P-${n}`, organisation_id: organisations[0] ?? ngo, created_by: author, gender, name_index: runtime.cipher.index.nameTokens(`Person${n} Family${n}`) }).execute();
          for (const organisation of organisations) {
            const caseId = randomUUID();
            await db.insertInto('cases').values({ id: caseId, reference: `C-${caseId.slice(0, 13)}`, person_id: personId, managing_organisation_id: organisation, reported_by_organisation_id: organisation, opened_at: new Date(Date.UTC(YEAR, 3, 1)) }).execute();
          }
        }
      }
    }
  } finally {
    await runtime.close();
  }
}, 120_000);
afterAll(() => data.restore());

describe('palermo estimate --year --list --by', () => {
  it('prints the strata, their sum and the pooled estimate as JSON, counts perturbed and estimates rounded, and audits it', async () => {
    const result = await palermo('estimate', '--year', String(YEAR), '--list', 'NGO=Safe Passage Association', '--list', 'Shelter=harbour house', '--by', 'sex', '--json');
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    const view = JSON.parse(result.stdout) as StratifiedEstimateView & { ok: boolean };
    expect(view).toMatchObject({ ok: true, source: 'cases', year: YEAR, by: 'sex', lists: ['NGO', 'Shelter'] });
    expect(view.strata.map((s) => [s.stratum, s.estimate?.total])).toEqual([
      ['Feminine', 90],
      ['Masculine', 40],
    ]);
    expect(Math.abs((view.strata[0]?.observed.value ?? 0) - 30)).toBeLessThanOrEqual(2);
    expect(view.sum).toMatchObject({ complete: true, missing: [], estimate: { total: 130 } });
    // Pooled: 24, 20 and 7 people: 51 + 24 x 20 / 7 = 119.6, shown 120 (the strata, 90 + 39 = 129, shown 130).
    expect(view.pooled.estimate?.total).toBe(120);

    const runtime = await openRuntime(loadConfig(), 'test check');
    try {
      const audit = await runtime.database.db.selectFrom('audit_log').select(['actor_name', 'purpose', 'summary']).where('action', '=', 'estimation.from_cases').executeTakeFirstOrThrow();
      expect(audit).toMatchObject({ actor_name: 'palermo estimate', purpose: 'statistics' });
      expect(audit.summary).toMatch(/year 2031, 2 lists, estimated by sex: 2 strata, 2 estimated/);
    } finally {
      await runtime.close();
    }
  }, 120_000);

  it('names what is wrong: an unknown organisation, a missing --by, a variable the records cannot be grouped by', async () => {
    const unknown = await palermo('estimate', '--year', String(YEAR), '--list', 'NGO=Nowhere', '--list', 'Shelter=Harbour House', '--by', 'sex');
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toMatch(/--list NGO: no organisation is called "Nowhere"/);
    const noBy = await palermo('estimate', '--year', String(YEAR), '--list', 'NGO=Safe Passage Association', '--list', 'Shelter=Harbour House', '--json');
    expect(JSON.parse(noBy.stdout)).toMatchObject({ ok: false, error: expect.stringMatching(/give --by sex, age or form/) });
    const region = await palermo('estimate', '--year', String(YEAR), '--list', 'NGO=Safe Passage Association', '--list', 'Shelter=Harbour House', '--by', 'region');
    expect(region.exitCode).toBe(1);
    expect(region.stderr).toMatch(/--by: /);
  }, 120_000);
});
