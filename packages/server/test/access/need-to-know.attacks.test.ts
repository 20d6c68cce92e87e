/**
 * The ways around need to know that were found, tried again over HTTP: each must now fail to get through.
 */
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presentPaths } from '../../src/platform/access/field-policy.js';
import { relationshipRules } from '../../src/platform/access/relationships.js';
import { fieldPolicies } from '../../src/modules/field-policies.js';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../support/test-app.js';
import { brokenPromises, everything, type Scenario, type Visible } from './need-to-know.js';
import { mutants } from './need-to-know.mutants.js';

let t: TestApp;
let ngo: Client;
let shelter: Client;
let investigator: Client;
let shelterId: string;
let ngoId: string;

const person = {
  givenName: 'Lidia',
  familyName: 'Moreau',
  pseudonym: 'Swallow',
  birthDate: '2001-07-19',
  phone: '+33612345678',
  address: '12 rue Cachée, Lyon',
  identityNumber: 'FR-987654',
  notes: 'Afraid of the man who drove her',
  jurisdiction: 'NORTH',
  gender: 'Feminine',
  citizenships: ['MD', 'RO'],
  isChild: true,
};
const withheldFromLawEnforcement = [person.phone, person.address, person.identityNumber, person.notes, person.pseudonym];

async function send(client: Client, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown): Promise<LightMyRequestResponse> {
  const response = method === 'GET' ? await client.request('GET', url) : await client.request(method, url, body, { 'idempotency-key': randomUUID() });
  expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(500);
  return response;
}

async function openCase(): Promise<{ id: string; reference: string; personId: string }> {
  const opened = await send(ngo, 'POST', '/api/cases', { person, formsOfExploitation: ['SexualExploitation'] });
  expect(opened.statusCode, opened.body).toBe(200);
  const { id, reference } = opened.json() as { id: string; reference: string };
  const personId = (await send(ngo, 'GET', `/api/cases/${id}`)).json().person.id as string;
  return { id, reference, personId };
}

beforeAll(async () => {
  t = await createTestApp();
  ngoId = await insertOrganisation(t, 'ngo', ['NORTH']);
  shelterId = await insertOrganisation(t, 'shelter', ['NORTH']);
  const policeId = await insertOrganisation(t, 'law_enforcement', ['NORTH']);
  ngo = await clientFor(t, await insertUser(t, ngoId, ['caseworker']));
  shelter = await clientFor(t, await insertUser(t, shelterId, ['caseworker']));
  investigator = await clientFor(t, await insertUser(t, policeId, ['investigator']));
});
afterAll(async () => t.close());

describe('law enforcement through the person route', () => {
  it('reads a consenting person through GET /api/persons/{id} with names and birth date only, as on the case page', async () => {
    const c = await openCase();
    expect((await send(investigator, 'GET', `/api/persons/${c.personId}`)).statusCode).toBe(404);
    const consent = await send(ngo, 'POST', `/api/cases/${c.id}/consents`, { purpose: 'law_enforcement', status: 'given', method: 'written', rightsExplained: ['who_receives_it'] });
    expect(consent.statusCode, consent.body).toBe(200);

    const read = await send(investigator, 'GET', `/api/persons/${c.personId}`);
    expect(read.statusCode, read.body).toBe(200);
    expect(Object.keys(read.json()).sort()).toEqual(['birthDate', 'familyName', 'givenName', 'id', 'reference']);
    for (const value of withheldFromLawEnforcement) expect(read.body).not.toContain(value);

    const list = await send(investigator, 'GET', '/api/persons?limit=200');
    expect(list.statusCode).toBe(200);
    const listed = (list.json().persons as Array<Record<string, unknown>>).find((p) => p.id === c.personId);
    expect(listed && Object.keys(listed).sort()).toEqual(['familyName', 'givenName', 'id', 'reference']);
    for (const value of withheldFromLawEnforcement) expect(list.body).not.toContain(value);

    const page = await send(investigator, 'GET', `/api/cases/${c.id}`);
    expect(Object.keys(page.json().person.fields).sort()).toEqual(['birthDate', 'familyName', 'givenName']);
    for (const value of withheldFromLawEnforcement) expect(page.body).not.toContain(value);
    // The audit entry names what was shown.
    const entry = await t.platform.db.selectFrom('audit_log').select('summary').where('action', '=', 'person.read').where('record_id', '=', c.personId).orderBy('entry_id', 'desc').executeTakeFirstOrThrow();
    expect(entry.summary).toBe('person record viewed; fields shown: id, reference, givenName, familyName, birthDate');
  });
});

describe('a receiving organisation before it accepts', () => {
  it('sees exactly the fields the referring caseworker was shown as shared, on every route, and nothing more until it accepts', async () => {
    const c = await openCase();
    const consent = await send(ngo, 'POST', `/api/cases/${c.id}/consents`, { purpose: 'referral', targetOrganisationId: shelterId, status: 'given', method: 'written', rightsExplained: ['who_receives_it'] });
    expect(consent.statusCode, consent.body).toBe(200);
    const sent = await send(ngo, 'POST', `/api/cases/${c.id}/referrals`, { toOrganisationId: shelterId, service: 'safety', urgency: 'urgent', message: 'Call before visiting' });
    expect(sent.statusCode, sent.body).toBe(200);
    // What the referring caseworker was shown as shared: the referral in the outbox.
    const outbox = (await send(ngo, 'GET', '/api/referrals/outbox')).json().referrals as Array<{ id: string; caseId: string; personFields: string[] }>;
    const shown = outbox.find((r) => r.caseId === c.id);
    expect(shown?.personFields).toEqual(['pseudonym', 'phone']);

    const page = await send(shelter, 'GET', `/api/cases/${c.id}`);
    expect(page.statusCode, page.body).toBe(200);
    const view = page.json() as Record<string, unknown> & { person: { fields: Record<string, string> } };
    expect(Object.keys(view.person.fields).sort()).toEqual([...(shown?.personFields ?? [])].sort());
    expect(view.person).toEqual({ fields: { pseudonym: person.pseudonym, phone: person.phone } });
    for (const hidden of ['stage', 'traffickingStatus', 'formsOfExploitation', 'managingOrganisationId', 'reflectionPeriod', 'decisionDueAt', 'overdue', 'consents', 'measures']) {
      expect(view, hidden).not.toHaveProperty(hidden);
    }
    for (const value of [person.givenName, person.familyName, person.address, person.identityNumber, person.birthDate, 'SexualExploitation', 'Feminine', 'MD']) {
      expect(page.body).not.toContain(value);
    }
    // Around the case page: the worklist and the search by case number show no more.
    const worklist = (await send(shelter, 'GET', '/api/cases?limit=200')).json().cases as Array<Record<string, unknown>>;
    expect(Object.keys(worklist.find((item) => item.id === c.id) ?? {}).sort()).toEqual(['id', 'openedAt', 'reference', 'status']);
    const found = (await send(shelter, 'GET', `/api/cases/search?reference=${c.reference}`)).json().results as Array<Record<string, unknown>>;
    expect(Object.keys(found[0] ?? {}).sort()).toEqual(['id', 'openedAt', 'reference', 'status']);
    // Neither the person route nor the case record.
    expect((await send(shelter, 'GET', `/api/persons/${c.personId}`)).statusCode).toBe(404);
    expect((await send(shelter, 'GET', `/api/cases/${c.id}/records`)).statusCode).toBe(404);

    // Accepting adds what a service provider cannot work without (child, gender), not citizenships or the situation.
    const referralId = (sent.json() as { id: string }).id;
    expect((await send(shelter, 'POST', `/api/referrals/${referralId}/accept`, {})).statusCode).toBe(200);
    const accepted = (await send(shelter, 'GET', `/api/cases/${c.id}`)).json() as Record<string, unknown> & { person: Record<string, unknown> };
    expect(accepted.person).toEqual({ isChild: true, gender: 'Feminine', fields: { pseudonym: person.pseudonym, phone: person.phone } });
    expect(accepted).not.toHaveProperty('stage');
    expect(accepted).not.toHaveProperty('formsOfExploitation');

    // Once the share ends, nothing of the case; the inbox keeps the referral without the sender's message.
    expect((await send(shelter, 'POST', `/api/referrals/${referralId}/complete`, { deliveredFrom: '2026-01-05' })).statusCode).toBe(200);
    expect((await send(shelter, 'GET', `/api/cases/${c.id}`)).statusCode).toBe(404);
    const inbox = (await send(shelter, 'GET', '/api/referrals/inbox')).json().referrals as Array<Record<string, unknown>>;
    const kept = inbox.find((r) => r.id === referralId);
    expect(kept).toBeDefined();
    expect(kept).not.toHaveProperty('message');
  });
});

describe("a case's approvals over HTTP", () => {
  it("are read by the case's organisation's caseworker and supervisor, not by another organisation nor by law enforcement", async () => {
    const coordination = await insertOrganisation(t, 'national_coordinator', []);
    const admin = await clientFor(t, await insertUser(t, coordination, ['national_admin']));
    const supervisor = await clientFor(t, await insertUser(t, ngoId, ['supervisor']));
    const otherSupervisor = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'ngo', ['NORTH']), ['supervisor']));
    expect((await send(admin, 'PUT', '/api/settings/approvals', { approvalRequiredFor: ['assistance_plan'] })).statusCode).toBe(200);
    try {
      const c = await openCase();
      for (const consent of [{ purpose: 'law_enforcement' }, { purpose: 'referral', targetOrganisationId: shelterId }]) {
        expect((await send(ngo, 'POST', `/api/cases/${c.id}/consents`, { ...consent, status: 'given', method: 'written', rightsExplained: ['who_receives_it'] })).statusCode).toBe(200);
      }
      const sent = await send(ngo, 'POST', `/api/cases/${c.id}/referrals`, { toOrganisationId: shelterId, service: 'safety', urgency: 'routine' });
      expect((await send(shelter, 'POST', `/api/referrals/${(sent.json() as { id: string }).id}/accept`, {})).statusCode).toBe(200);
      const goal = await send(ngo, 'POST', `/api/cases/${c.id}/records`, { kind: 'assistance_goal', data: { domain: 'legal', status: 'planned', chosenByPerson: true }, notes: 'Recover the wages owed' });
      expect(goal.statusCode, goal.body).toBe(200);

      const approvalsOf = async (client: Client) => {
        const read = await send(client, 'GET', `/api/cases/${c.id}/approvals`);
        return read.statusCode === 200 ? (read.json() as { approvals: Array<Record<string, unknown>> }).approvals : read.statusCode;
      };
      for (const own of [ngo, supervisor]) {
        const seen = await approvalsOf(own);
        expect(Array.isArray(seen) && seen.map((a) => [a['kind'], a['status']])).toEqual([['assistance_plan', 'awaiting']]);
        // All of each approval, as the promises say the case's own staff see it.
        expect(Array.isArray(seen) && new Set(Object.keys(seen[0] ?? {}))).toEqual(everything.caseApprovals);
      }
      // The shelter works the case (it reads the case record) but the plan waits in the managing organisation: none of it.
      expect(await approvalsOf(shelter)).toEqual([]);
      // Law enforcement, even with her consent and in its jurisdiction: the route is not for it at all.
      expect(await approvalsOf(investigator)).toBe(403);
      // Another organisation's supervisor: no such case.
      expect(await approvalsOf(otherSupervisor)).toBe(404);
    } finally {
      await send(admin, 'PUT', '/api/settings/approvals', { approvalRequiredFor: [] });
    }
  });
});

describe('a seeded rule bug reaches the answer, and the promises catch it there too', () => {
  it('the presenters read the one policy: a mutant applied to it in memory changes what the receiver is answered', async () => {
    const c = await openCase();
    await send(ngo, 'POST', `/api/cases/${c.id}/consents`, { purpose: 'referral', targetOrganisationId: shelterId, status: 'given', method: 'written', rightsExplained: ['who_receives_it'] });
    expect((await send(ngo, 'POST', `/api/cases/${c.id}/referrals`, { toOrganisationId: shelterId, service: 'safety', urgency: 'routine' })).statusCode).toBe(200);
    const scenario: Scenario = { roles: ['caseworker'], organisationType: 'shelter', sameOrganisation: false, assigned: false, lawEnforcementConsent: false, inJurisdiction: true, share: 'awaiting_acceptance', sharedFields: ['pseudonym', 'phone'] };
    const observed = async () => {
      const view = (await send(shelter, 'GET', `/api/cases/${c.id}`)).json() as unknown;
      const none = new Set<string>();
      // Every other record kind seen as nothing: only the case view is observed here.
      const nothing = Object.fromEntries(Object.keys(everything).map((kind) => [kind, none])) as unknown as Visible;
      return brokenPromises(scenario, { ...nothing, case: new Set(presentPaths(view)) }, everything);
    };
    expect(await observed()).toEqual([]);

    const mutant = mutants.find((m) => m.name === 'receiver before acceptance sees gender');
    if (!mutant) throw new Error('mutant missing');
    const saved = structuredClone({ rules: relationshipRules, policies: fieldPolicies });
    try {
      mutant.edit({ rules: relationshipRules, policies: fieldPolicies } as unknown as Parameters<typeof mutant.edit>[0]);
      expect(await observed()).toEqual(['a receiver before acceptance sees exactly the fields shared, and nothing else personal']);
    } finally {
      const grants = fieldPolicies.case?.grants as unknown as Record<string, unknown>;
      Object.assign(grants, saved.policies.case?.grants);
    }
    expect(await observed()).toEqual([]);
  });
});
