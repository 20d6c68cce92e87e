/** HTTP tests of the referral routes, on the real app and database. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { clientFor, createTestApp, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';
import { fullPerson, organisation } from './referral.test-support.js';

let t: TestApp;
let ngo: Client;
let shelter: Client;
let shelterSupervisor: Client;
let otherShelter: Client;
let receiver: Client;
let rapporteur: Client;
let shelterId: string;
let receiverId: string;

const key = () => randomUUID();
async function send(client: Client, method: 'POST' | 'GET', url: string, body?: unknown, idempotencyKey = key()): Promise<LightMyRequestResponse> {
  if (method === 'GET') return client.request('GET', url);
  return client.request(method, url, body, { 'idempotency-key': idempotencyKey });
}

beforeAll(async () => {
  t = await createTestApp();
  const ngoOrg = await organisation(t, 'ngo');
  const shelterOrg = await organisation(t, 'shelter');
  const otherShelterOrg = await organisation(t, 'shelter');
  const receiverOrg = await organisation(t, 'social_services');
  const rapporteurOrg = await organisation(t, 'national_rapporteur', []);
  shelterId = shelterOrg.id;
  receiverId = receiverOrg.id;
  const signedIn = async (orgId: string, roles: Parameters<typeof insertUser>[2]) => clientFor(t, await insertUser(t, orgId, roles));
  ngo = await signedIn(ngoOrg.id, ['caseworker']);
  shelter = await signedIn(shelterOrg.id, ['caseworker']);
  shelterSupervisor = await signedIn(shelterOrg.id, ['supervisor']);
  otherShelter = await signedIn(otherShelterOrg.id, ['caseworker']);
  receiver = await signedIn(receiverOrg.id, ['caseworker']);
  rapporteur = await signedIn(rapporteurOrg.id, ['national_rapporteur']);
});
afterAll(async () => t.close());

async function openCase() {
  const response = await send(ngo, 'POST', '/api/cases', { person: fullPerson });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { id: string; reference: string; version: number };
}
async function consent(caseId: string, targetOrganisationId: string, status = 'given') {
  const response = await send(ngo, 'POST', `/api/cases/${caseId}/consents`, { purpose: 'referral', targetOrganisationId, status, method: 'written', rightsExplained: ['who_receives_it'] });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { sharesRevoked: number };
}
const version = async (client: Client, caseId: string) => (await send(client, 'GET', `/api/cases/${caseId}`)).json().version as number;
const inboxIds = async (client: Client, query = '') => ((await send(client, 'GET', `/api/referrals/inbox${query}`)).json().referrals as Array<{ id: string }>).map((r) => r.id);

describe('referrals over HTTP', () => {
  it('refuses a referral without consent with a clear message and changes nothing', async () => {
    const c = await openCase();
    const refused = await send(ngo, 'POST', `/api/cases/${c.id}/referrals`, { toOrganisationId: shelterId, service: 'shelter', urgency: 'urgent' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: 'consent_required', message: expect.stringContaining('Nothing was sent') });
    const view = (await send(ngo, 'GET', `/api/cases/${c.id}`)).json();
    expect(view.timeline.map((e: { action: string }) => e.action)).toEqual(['case.opened']);
    expect(view.version).toBe(c.version);
    expect((await send(shelter, 'GET', `/api/cases/${c.id}`)).statusCode).toBe(404);
    expect((await send(ngo, 'GET', '/api/referrals/outbox')).json().referrals.some((r: { caseId: string }) => r.caseId === c.id)).toBe(false);
  });

  it('shows the shelter only the minimum fields, only while the referral stands', async () => {
    const c = await openCase();
    expect((await send(shelter, 'GET', `/api/cases/${c.id}`)).statusCode).toBe(404);
    await consent(c.id, shelterId);
    const sent = await send(ngo, 'POST', `/api/cases/${c.id}/referrals`, { toOrganisationId: shelterId, service: 'shelter', urgency: 'urgent', message: 'Arrives at 18:00' });
    expect(sent.statusCode, sent.body).toBe(200);
    const referral = sent.json() as { id: string };

    const seen = await send(shelter, 'GET', `/api/cases/${c.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().person.fields).toEqual({ givenName: 'Ana', familyName: 'Lopes', pseudonym: 'Rose', birthDate: '1999-03-04', phone: '+351912345678' });
    expect(seen.body).not.toContain('PT-123456');
    expect(seen.body).not.toContain('Rua Secreta');

    const inbox = (await send(shelter, 'GET', '/api/referrals/inbox?status=sent')).json().referrals;
    expect(inbox.find((r: { id: string }) => r.id === referral.id)).toMatchObject({ service: 'shelter', urgency: 'urgent', message: 'Arrives at 18:00', personFields: ['givenName', 'familyName', 'pseudonym', 'birthDate', 'phone'] });
    expect(await inboxIds(otherShelter)).not.toContain(referral.id);
    expect(((await send(ngo, 'GET', '/api/referrals/outbox')).json().referrals as Array<{ id: string }>).map((r) => r.id)).toContain(referral.id);

    const noReason = await send(shelter, 'POST', `/api/referrals/${referral.id}/decline`, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().issues[0].field).toBe('reason');
    const declined = await send(shelter, 'POST', `/api/referrals/${referral.id}/decline`, { reason: 'Only women over 18; no place' });
    expect(declined.statusCode, declined.body).toBe(200);
    expect((await send(shelter, 'GET', `/api/cases/${c.id}`)).statusCode).toBe(404);
    const [mine] = (await send(ngo, 'GET', `/api/cases/${c.id}/referrals`)).json().referrals;
    expect(mine).toMatchObject({ status: 'declined', declineReason: 'Only women over 18; no place', shareActive: false });
  });

  it('accepts, records the service delivered, and never acts twice on a retry', async () => {
    const c = await openCase();
    await consent(c.id, shelterId);
    const sendKey = key();
    const body = { toOrganisationId: shelterId, service: 'interpretation' };
    const first = await send(ngo, 'POST', `/api/cases/${c.id}/referrals`, body, sendKey);
    const retry = await send(ngo, 'POST', `/api/cases/${c.id}/referrals`, body, sendKey);
    expect(retry.json()).toEqual(first.json());
    const id = first.json().id as string;
    expect((await send(shelter, 'GET', `/api/cases/${c.id}`)).json().person.fields).toEqual({ pseudonym: 'Rose' });

    expect((await send(otherShelter, 'POST', `/api/referrals/${id}/accept`, {})).statusCode).toBe(404);
    expect((await send(rapporteur, 'POST', `/api/referrals/${id}/accept`, {})).statusCode).toBe(403);
    const acceptKey = key();
    expect((await send(shelterSupervisor, 'POST', `/api/referrals/${id}/accept`, {}, acceptKey)).statusCode).toBe(200);
    const again = await send(shelterSupervisor, 'POST', `/api/referrals/${id}/accept`, {}, acceptKey);
    expect(again.statusCode).toBe(200);
    expect((await send(shelterSupervisor, 'POST', `/api/referrals/${id}/accept`, {})).statusCode).toBe(409);
    const done = await send(shelter, 'POST', `/api/referrals/${id}/complete`, { deliveredFrom: '2024-06-01', note: 'Two sessions with the lawyer' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().status).toBe('completed');
    const timeline = (await send(ngo, 'GET', `/api/cases/${c.id}`)).json().timeline.map((e: { action: string }) => e.action);
    expect(timeline).toEqual(['case.opened', 'consent.recorded', 'referral.sent', 'referral.accepted', 'referral.completed']);
    const audit = await t.platform.db.selectFrom('audit_log').select('action').where('record_id', '=', id).execute();
    expect(audit.map((a) => a.action)).toEqual(['referral.send', 'referral.accept', 'referral.complete']);
  });

  it('transfers case management: the receiver becomes case manager and the old caseworker loses access', async () => {
    const c = await openCase();
    await consent(c.id, receiverId);
    const noVersion = await send(ngo, 'POST', `/api/cases/${c.id}/referrals`, { toOrganisationId: receiverId, kind: 'case_transfer' });
    expect(noVersion.statusCode).toBe(400);
    expect(noVersion.json().issues[0].field).toBe('version');
    const offer = await send(ngo, 'POST', `/api/cases/${c.id}/referrals`, { toOrganisationId: receiverId, kind: 'case_transfer', version: await version(ngo, c.id) });
    expect(offer.statusCode, offer.body).toBe(200);
    const before = await version(receiver, c.id);
    const accepted = await send(receiver, 'POST', `/api/referrals/${offer.json().id}/accept`, { version: before });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().caseVersion).toBe(before + 1);
    const view = (await send(receiver, 'GET', `/api/cases/${c.id}`)).json();
    expect(view).toMatchObject({ managingOrganisationId: receiverId, caseManagerUserId: receiver.userId });
    expect(view.person.fields.identityNumber).toBe('PT-123456');
    expect((await send(ngo, 'GET', `/api/cases/${c.id}`)).statusCode).toBe(404);
    expect((await send(ngo, 'GET', `/api/persons/${view.person.id}`)).statusCode).toBe(404);
    expect(((await send(ngo, 'GET', '/api/cases?limit=200')).json().cases as Array<{ id: string }>).map((x) => x.id)).not.toContain(c.id);
    const outbox = (await send(ngo, 'GET', '/api/referrals/outbox?kind=case_transfer')).json().referrals as Array<{ id: string }>;
    expect(outbox.find((r) => r.id === offer.json().id)).toMatchObject({ status: 'accepted', to: { id: receiverId } });
  });

  it('blocks acceptance once consent to the referral is withdrawn', async () => {
    const c = await openCase();
    await consent(c.id, shelterId);
    const sent = await send(ngo, 'POST', `/api/cases/${c.id}/referrals`, { toOrganisationId: shelterId, service: 'medical' });
    expect((await consent(c.id, shelterId, 'withdrawn')).sharesRevoked).toBe(1);
    const refused = await send(shelter, 'POST', `/api/referrals/${sent.json().id}/accept`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: 'consent_withdrawn', message: expect.stringContaining('withdrawn consent') });
    expect((await send(shelter, 'GET', `/api/cases/${c.id}`)).statusCode).toBe(404);
    const withdrawn = await send(ngo, 'POST', `/api/referrals/${sent.json().id}/withdraw`, {});
    expect(withdrawn.json().status).toBe('withdrawn');
    expect(await inboxIds(shelter, '?status=withdrawn')).toContain(sent.json().id);
  });
});
