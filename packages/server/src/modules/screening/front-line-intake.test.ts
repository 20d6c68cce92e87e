import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { OrganisationType, Role } from '@palermo/contracts';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';
import { caseRecordDb } from '../case-record/case-record.tables.js';

/**
 * Any front-line organisation records a suspicion and screens the person: labour inspectors, border guards and police
 * (investigators) as well as health workers and NGOs. An investigator's organisation holds the case only at intake:
 * it screens, records consent and refers, never keeps a case record, and loses the case once an assistance
 * organisation takes case management over; what it keeps is the referral in its outbox.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const post = (client: Client, url: string, body: unknown): Promise<LightMyRequestResponse> =>
  client.request('POST', url, body, { 'idempotency-key': randomUUID() });

async function signedIn(type: OrganisationType, roles: Role[]) {
  const organisationId = await insertOrganisation(t, type, ['NORTH']);
  const user = await insertUser(t, organisationId, roles);
  return { organisationId, client: await clientFor(t, user) };
}

const screening = {
  checklistCode: 'ilo_forced_labour',
  checklistVersion: 1,
  answers: { retention_of_identity_documents: 'present', withholding_of_wages: 'present' },
};

async function reportAndScreen(client: Client) {
  const opened = await post(client, '/api/cases', { person: { givenName: 'Daniela', jurisdiction: 'NORTH' }, formsOfExploitation: ['ForcedLabour'] });
  expect(opened.statusCode, opened.body).toBe(200);
  const { id } = opened.json() as { id: string };
  const screened = await post(client, `/api/cases/${id}/screenings`, screening);
  expect(screened.statusCode, screened.body).toBe(200);
  expect((screened.json() as { suggestion: string }).suggestion).toBe('refer_for_identification');
  return id;
}

describe('front-line intake outside assistance organisations', () => {
  it('a labour inspector and a border guard report and screen; a health worker too', async () => {
    for (const type of ['labour_inspectorate', 'border_guard', 'law_enforcement'] as const) {
      const { client } = await signedIn(type, ['investigator']);
      const id = await reportAndScreen(client);
      const read = await client.request('GET', `/api/cases/${id}`);
      expect(read.statusCode, read.body).toBe(200);
      expect((read.json() as { person: { fields: Record<string, unknown> } }).person.fields['givenName']).toBe('Daniela');
      expect((read.json() as { stage: string }).stage).toBe('screened');
    }
    const health = await signedIn('health', ['caseworker']);
    await reportAndScreen(health.client);
  });

  it('an investigator never keeps a case record, even while holding the case at intake', async () => {
    const { client } = await signedIn('labour_inspectorate', ['investigator']);
    const id = await reportAndScreen(client);
    const note = await post(client, `/api/cases/${id}/records`, { kind: 'counselling_note', data: {}, notes: 'Should not be written here.' });
    expect(note.statusCode).toBe(403);
    expect((await client.request('GET', `/api/cases/${id}/records`)).statusCode).toBe(403);
    expect((await client.request('GET', `/api/cases/${id}/plan`)).statusCode).toBe(403);
    expect((await caseRecordDb(t.platform.db).selectFrom('case_records').select('id').where('case_id', '=', id).execute()).length).toBe(0);
  });

  it('hands case management to an NGO with the person’s consent; then the inspectorate sees the case no more, only its referral', async () => {
    const inspector = await signedIn('labour_inspectorate', ['investigator']);
    const ngo = await signedIn('ngo', ['caseworker']);
    const other = await signedIn('labour_inspectorate', ['investigator']);
    const id = await reportAndScreen(inspector.client);
    expect((await other.client.request('GET', `/api/cases/${id}`)).statusCode).toBe(404);

    const refused = await post(inspector.client, `/api/cases/${id}/referrals`, { toOrganisationId: ngo.organisationId, kind: 'case_transfer', version: 1 });
    expect(refused.statusCode, refused.body).toBe(409);
    const consent = await post(inspector.client, `/api/cases/${id}/consents`, {
      purpose: 'referral',
      targetOrganisationId: ngo.organisationId,
      status: 'given',
      method: 'verbal',
    });
    expect(consent.statusCode, consent.body).toBe(200);
    const version = (consent.json() as { version: number }).version;
    const sent = await post(inspector.client, `/api/cases/${id}/referrals`, { toOrganisationId: ngo.organisationId, kind: 'case_transfer', version });
    expect(sent.statusCode, sent.body).toBe(200);
    const referralId = (sent.json() as { id: string }).id;

    const accepted = await post(ngo.client, `/api/referrals/${referralId}/accept`, {});
    expect(accepted.statusCode, accepted.body).toBe(200);
    const managed = await ngo.client.request('GET', `/api/cases/${id}`);
    expect(managed.statusCode).toBe(200);
    expect((managed.json() as { managingOrganisationId: string }).managingOrganisationId).toBe(ngo.organisationId);
    const record = await post(ngo.client, `/api/cases/${id}/records`, { kind: 'counselling_note', data: {}, notes: 'First session went well.' });
    expect(record.statusCode, record.body).toBe(200);

    const after = await inspector.client.request('GET', `/api/cases/${id}`);
    expect(after.statusCode).toBe(404);
    expect(after.body).not.toContain('Daniela');
    expect((await post(inspector.client, `/api/cases/${id}/screenings`, screening)).statusCode).toBe(404);
    const outbox = await inspector.client.request('GET', '/api/referrals/outbox');
    expect(outbox.statusCode, outbox.body).toBe(200);
    const referrals = (outbox.json() as { referrals: Array<{ id: string; status: string; caseId: string }> }).referrals;
    expect(referrals.map((r) => [r.id, r.status])).toEqual([[referralId, 'accepted']]);
    expect(outbox.body).not.toContain('First session');

    // With the person's consent to sharing with law enforcement, the inspectorate sees what law enforcement may: the
    // identity fields, not the case record.
    const leConsent = await post(ngo.client, `/api/cases/${id}/consents`, { purpose: 'law_enforcement', status: 'given', method: 'written' });
    expect(leConsent.statusCode, leConsent.body).toBe(200);
    const withConsent = await inspector.client.request('GET', `/api/cases/${id}`);
    expect(withConsent.statusCode).toBe(200);
    expect(Object.keys((withConsent.json() as { person: { fields: Record<string, unknown> } }).person.fields).sort()).toEqual(['birthDate', 'familyName', 'givenName']);
    expect((await inspector.client.request('GET', `/api/cases/${id}/records`)).statusCode).toBe(403);
  });

  it('the receiving organisation’s delivered service goes into the case manager’s plan', async () => {
    const ngo = await signedIn('ngo', ['caseworker']);
    const shelter = await signedIn('shelter', ['caseworker']);
    const opened = await post(ngo.client, '/api/cases', { person: { pseudonym: 'Rose', jurisdiction: 'NORTH' } });
    const { id } = opened.json() as { id: string };
    await post(ngo.client, `/api/cases/${id}/consents`, { purpose: 'referral', targetOrganisationId: shelter.organisationId, status: 'given', method: 'verbal' });
    const sent = await post(ngo.client, `/api/cases/${id}/referrals`, { toOrganisationId: shelter.organisationId, kind: 'service', service: 'shelter' });
    expect(sent.statusCode, sent.body).toBe(200);
    const referralId = (sent.json() as { id: string }).id;
    expect((await post(shelter.client, `/api/referrals/${referralId}/accept`, {})).statusCode).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    const key = randomUUID();
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const done = await shelter.client.request('POST', `/api/referrals/${referralId}/complete`, { deliveredFrom: today }, { 'idempotency-key': key });
      expect(done.statusCode, done.body).toBe(200);
    }
    const plan = await ngo.client.request('GET', `/api/cases/${id}/plan`);
    expect(plan.statusCode, plan.body).toBe(200);
    const services = (plan.json() as { servicesWithoutGoal: Array<{ serviceType: string; providerName: string; startDate: string }> }).servicesWithoutGoal;
    expect(services).toHaveLength(1);
    expect(services[0]).toMatchObject({ serviceType: 'safe_accommodation', startDate: today });
    const records = await ngo.client.request('GET', `/api/cases/${id}/records?kind=service_delivered`);
    const list = (records.json() as { records: Array<{ organisationId: string; data: { providerOrganisationId: string } }> }).records;
    expect(list.map((r) => [r.organisationId, r.data.providerOrganisationId])).toEqual([[shelter.organisationId, shelter.organisationId]]);
  });

  it('the case manager and the caseworkers who could take the case over, for the managing side only', async () => {
    const ngo = await signedIn('ngo', ['caseworker']);
    const colleague = await insertUser(t, ngo.organisationId, ['caseworker']);
    await insertUser(t, ngo.organisationId, ['supervisor']);
    const police = await signedIn('law_enforcement', ['investigator']);
    const opened = await post(ngo.client, '/api/cases', { person: { pseudonym: 'Rose', jurisdiction: 'NORTH' } });
    const { id } = opened.json() as { id: string };
    const choice = await ngo.client.request('GET', `/api/cases/${id}/case-manager`);
    expect(choice.statusCode, choice.body).toBe(200);
    const body = choice.json() as { caseManager: { id: string } | null; candidates: Array<{ id: string }> };
    expect(body.caseManager).not.toBeNull();
    expect(body.candidates.map((c) => c.id)).toContain(colleague.id);
    expect(body.candidates).toHaveLength(2);
    expect((await police.client.request('GET', `/api/cases/${id}/case-manager`)).statusCode).toBe(403);
    const otherNgo = await signedIn('ngo', ['caseworker']);
    expect((await otherNgo.client.request('GET', `/api/cases/${id}/case-manager`)).statusCode).toBe(404);
  });
});
