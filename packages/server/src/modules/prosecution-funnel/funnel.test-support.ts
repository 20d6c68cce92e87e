import type { RecordStepRequest } from '@palermo/contracts';
import { expect } from 'vitest';
import { clientFor, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';

/**
 * A small, known set of records for the funnel's tests, recorded through the real routes: two investigations opened in
 * January 2024 (forced labour), six persons suspected, each stopping at a different place. Checked by hand:
 *
 *   A  female RO  arrested only                                           -> not charged
 *   B  male   MD  charged 2024-02-10                                      -> charges dropped before court
 *   C  male   --  charged 02-10, prosecuted 03-01, acquitted 06-01        -> acquitted
 *   D  female RO  charged 02-20 (trafficking), prosecuted 03-10, convicted 07-01 of smuggling (downgraded),
 *                 sentenced 07-01, no appeal                              -> final (2024-07-31)
 *   E  male   MD  charged 02-10, prosecuted 03-01, convicted 06-15, sentenced 06-20, appealed 07-01,
 *                 overturned 12-01                                        -> conviction overturned on appeal
 *   F  male   RO  charged 02-15, prosecuted 03-05, convicted 06-10, sentenced 06-10, appealed 06-20,
 *                 upheld 10-01                                            -> final (2024-10-01)
 *
 * A, B, C are in the investigation opened 2024-01-10, D, E, F in the one opened 2024-01-15. The country is Romania.
 */
export interface FunnelWorld {
  police: Client;
  prosecutor: Client;
  suspects: Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F', string>;
  investigations: string[];
}

async function ok(client: Client, method: 'GET' | 'POST', url: string, body?: unknown) {
  const response = await client.request(method, url, body);
  expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(200);
  return response.json();
}

export async function recordFunnelWorld(t: TestApp): Promise<FunnelWorld> {
  await t.platform.db.updateTable('country_settings').set({ country_iso3: 'ROU' }).where('id', '=', 1).execute();
  const agency = await insertOrganisation(t, 'law_enforcement');
  const officeId = await insertOrganisation(t, 'prosecutor');
  const courtId = await insertOrganisation(t, 'court');
  const police = await clientFor(t, await insertUser(t, agency, ['investigator']));
  const prosecutor = await clientFor(t, await insertUser(t, officeId, ['prosecutor']));
  const op = await ok(police, 'POST', '/api/prosecution/operations', {
    name: 'Vineyard', origin: 'labour_inspection', approach: 'reactive', formsOfExploitation: ['ForcedLabour'], places: [], agencyOrganisationIds: [],
    protocol: { acts: ['recruitment'], means: ['deception'], purposes: ['forced_labour'] }, startedOn: '2024-01-05',
  });
  const investigations: string[] = [];
  for (const openedOn of ['2024-01-10', '2024-01-15']) {
    const inv = await ok(police, 'POST', `/api/prosecution/operations/${op.id}/investigations`, { title: `Vineyard ${openedOn}`, origin: 'labour_inspection', approach: 'reactive', openedOn });
    await ok(police, 'POST', `/api/prosecution/investigations/${inv.id}/referral`, { prosecutionOfficeId: officeId, referredOn: '2024-01-20' });
    investigations.push(inv.id);
  }
  const people = { A: ['female', ['RO'], 0], B: ['male', ['MD'], 0], C: ['male', [], 0], D: ['female', ['RO'], 1], E: ['male', ['MD'], 1], F: ['male', ['RO'], 1] } as const;
  const suspects = {} as Record<keyof typeof people, string>;
  for (const [name, [sex, citizenships, inv]] of Object.entries(people) as Array<[keyof typeof people, (typeof people)[keyof typeof people]]>) {
    const s = await ok(police, 'POST', `/api/prosecution/operations/${op.id}/suspects`, {
      investigationId: investigations[inv], pseudonym: `Person ${name}`, identity: { givenName: `Given${name}`, familyName: `Family${name}` }, roles: ['recruiter'], sex, citizenships: [...citizenships], ageAtOffence: 40,
    });
    suspects[name] = s.id;
  }
  const step = async (client: Client, who: keyof typeof people, body: RecordStepRequest) => (await ok(client, 'POST', `/api/prosecution/suspects/${suspects[who]}/steps`, body)).id as string;
  await step(police, 'A', { kind: 'arrest', occurredOn: '2024-01-20' });
  await step(prosecutor, 'B', { kind: 'charge', occurredOn: '2024-02-10', provision: 'Art. 210', category: 'trafficking' });
  const c = await step(prosecutor, 'C', { kind: 'charge', occurredOn: '2024-02-10', provision: 'Art. 210', category: 'trafficking' });
  await step(prosecutor, 'C', { kind: 'prosecution', occurredOn: '2024-03-01', courtOrganisationId: courtId });
  await step(prosecutor, 'C', { kind: 'verdict', occurredOn: '2024-06-01', chargeId: c, outcome: 'acquitted' });
  const d = await step(prosecutor, 'D', { kind: 'charge', occurredOn: '2024-02-20', provision: 'Art. 210', category: 'trafficking' });
  await step(prosecutor, 'D', { kind: 'prosecution', occurredOn: '2024-03-10', courtOrganisationId: courtId });
  await step(prosecutor, 'D', { kind: 'verdict', occurredOn: '2024-07-01', chargeId: d, outcome: 'convicted', convictedProvision: 'Art. 262', convictedCategory: 'smuggling' });
  await step(prosecutor, 'D', { kind: 'sentence', occurredOn: '2024-07-01', custodialMonths: 12, suspended: true });
  const e = await step(prosecutor, 'E', { kind: 'charge', occurredOn: '2024-02-10', provision: 'Art. 210', category: 'trafficking' });
  await step(prosecutor, 'E', { kind: 'prosecution', occurredOn: '2024-03-01', courtOrganisationId: courtId });
  const ev = await step(prosecutor, 'E', { kind: 'verdict', occurredOn: '2024-06-15', chargeId: e, outcome: 'convicted' });
  await step(prosecutor, 'E', { kind: 'sentence', occurredOn: '2024-06-20', custodialMonths: 48, suspended: false });
  const ea = await step(prosecutor, 'E', { kind: 'appeal', occurredOn: '2024-07-01', verdictId: ev, appellant: 'defence' });
  await step(prosecutor, 'E', { kind: 'appeal_decision', occurredOn: '2024-12-01', appealId: ea, outcome: 'overturned' });
  const f = await step(prosecutor, 'F', { kind: 'charge', occurredOn: '2024-02-15', provision: 'Art. 210', category: 'trafficking' });
  await step(prosecutor, 'F', { kind: 'prosecution', occurredOn: '2024-03-05', courtOrganisationId: courtId });
  const fv = await step(prosecutor, 'F', { kind: 'verdict', occurredOn: '2024-06-10', chargeId: f, outcome: 'convicted' });
  await step(prosecutor, 'F', { kind: 'sentence', occurredOn: '2024-06-10', custodialMonths: 60, suspended: false });
  const fa = await step(prosecutor, 'F', { kind: 'appeal', occurredOn: '2024-06-20', verdictId: fv, appellant: 'defence' });
  await step(prosecutor, 'F', { kind: 'appeal_decision', occurredOn: '2024-10-01', appealId: fa, outcome: 'upheld' });
  return { police, prosecutor, suspects, investigations };
}
