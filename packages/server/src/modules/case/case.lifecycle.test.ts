import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';
import { transitionFor } from './case-lifecycle.js';

let t: TestApp;
let ngoCaseworker: Client;
let otherNgoCaseworker: Client;
let decisionMaker: Client;
let shelterCaseworker: Client;
let investigator: Client;
let rapporteur: Client;
let authorityId: string;

const key = () => randomUUID();
async function send(client: Client, method: 'POST' | 'GET', url: string, body?: unknown, idempotencyKey = key()): Promise<LightMyRequestResponse> {
  if (method === 'GET') return client.request('GET', url);
  return client.request(method, url, body, { 'idempotency-key': idempotencyKey });
}
async function signedIn(orgId: string, roles: Parameters<typeof insertUser>[2]): Promise<Client> {
  return clientFor(t, await insertUser(t, orgId, roles));
}

beforeAll(async () => {
  t = await createTestApp();
  const ngo = await insertOrganisation(t, 'ngo', ['NORTH']);
  const otherNgo = await insertOrganisation(t, 'ngo', ['NORTH']);
  const shelter = await insertOrganisation(t, 'shelter', ['NORTH']);
  authorityId = await insertOrganisation(t, 'competent_authority');
  const police = await insertOrganisation(t, 'law_enforcement', ['NORTH']);
  const rapporteurOrg = await insertOrganisation(t, 'national_rapporteur');
  ngoCaseworker = await signedIn(ngo, ['caseworker']);
  otherNgoCaseworker = await signedIn(otherNgo, ['caseworker']);
  shelterCaseworker = await signedIn(shelter, ['caseworker']);
  decisionMaker = await signedIn(authorityId, ['decision_maker']);
  investigator = await signedIn(police, ['investigator']);
  rapporteur = await signedIn(rapporteurOrg, ['national_rapporteur']);
});
afterAll(async () => t.close());

async function openCase(body: Record<string, unknown> = {}) {
  const response = await send(ngoCaseworker, 'POST', '/api/cases', { person: { pseudonym: 'Rose', jurisdiction: 'NORTH', ...body } });
  expect(response.statusCode).toBe(200);
  return response.json() as { id: string; reference: string; version: number };
}
async function version(id: string) {
  return (await send(ngoCaseworker, 'GET', `/api/cases/${id}`)).json().version as number;
}
async function consent(id: string, purpose: string, status: string, targetOrganisationId?: string) {
  const response = await send(ngoCaseworker, 'POST', `/api/cases/${id}/consents`, { purpose, status, method: 'verbal', rightsExplained: ['uses_of_data', 'right_to_refuse_or_withdraw', 'assistance_not_conditional_on_cooperation'], ...(targetOrganisationId ? { targetOrganisationId } : {}) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describe('the victim-status lifecycle', () => {
  it('opens a case from anonymous intake and retries without acting twice', async () => {
    const idempotencyKey = key();
    const first = await send(ngoCaseworker, 'POST', '/api/cases', { person: {} }, idempotencyKey);
    const retry = await send(ngoCaseworker, 'POST', '/api/cases', { person: {} }, idempotencyKey);
    expect(retry.json()).toEqual(first.json());
    const view = (await send(ngoCaseworker, 'GET', `/api/cases/${first.json().id}`)).json();
    expect(view.stage).toBe('reported');
    expect(view.traffickingStatus).toBe('PossibleVictimOfTrafficking');
    expect(view.timeline.map((e: { action: string }) => e.action)).toEqual(['case.opened']);
    expect(view.timeline[0].summary).toContain('anonymous');
  });

  it('refuses a referral to the competent authority without consent, changing nothing', async () => {
    const c = await openCase();
    const refused = await send(ngoCaseworker, 'POST', `/api/cases/${c.id}/decision-requests`, { competentAuthorityId: authorityId, version: c.version });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toBe('consent_required');
    const view = (await send(ngoCaseworker, 'GET', `/api/cases/${c.id}`)).json();
    expect(view.stage).toBe('reported');
    expect(view.version).toBe(c.version);
    expect((await send(decisionMaker, 'GET', `/api/cases/${c.id}`)).statusCode).toBe(404);
  });

  it('walks reasonable grounds to conclusive grounds, decided only by the competent authority, with the reflection period', async () => {
    const c = await openCase({ givenName: 'Ana', familyName: 'Lopes', birthDate: '1999-03-04', phone: '+351912345678' });
    await consent(c.id, 'referral', 'given', authorityId);
    // Assistance never depends on law enforcement: the person refuses all contact with police.
    await consent(c.id, 'law_enforcement', 'refused');
    const requested = await send(ngoCaseworker, 'POST', `/api/cases/${c.id}/decision-requests`, { competentAuthorityId: authorityId, version: await version(c.id) });
    expect(requested.statusCode, requested.body).toBe(200);

    const seenByAuthority = (await send(decisionMaker, 'GET', `/api/cases/${c.id}`)).json();
    expect(seenByAuthority.person.fields).toEqual({ givenName: 'Ana', familyName: 'Lopes', pseudonym: 'Rose', birthDate: '1999-03-04' });
    expect(seenByAuthority.person.fields.phone).toBeUndefined();

    const early = await send(decisionMaker, 'POST', `/api/cases/${c.id}/decisions`, { kind: 'conclusive_grounds', outcome: 'positive', reason: 'Consistent account and evidence', version: seenByAuthority.version });
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toBe('impossible_transition');

    const byCaseworker = await send(ngoCaseworker, 'POST', `/api/cases/${c.id}/decisions`, { kind: 'reasonable_grounds', outcome: 'positive', reason: 'I believe her account fully', version: seenByAuthority.version });
    expect(byCaseworker.statusCode).toBe(403);

    const rg = await send(decisionMaker, 'POST', `/api/cases/${c.id}/decisions`, { kind: 'reasonable_grounds', outcome: 'positive', reason: 'Indicators of forced labour and a credible account', version: seenByAuthority.version });
    expect(rg.statusCode, rg.body).toBe(200);
    const afterRg = (await send(ngoCaseworker, 'GET', `/api/cases/${c.id}`)).json();
    expect(afterRg.stage).toBe('reasonable_grounds_positive');
    const start = new Date(`${afterRg.reflectionPeriod.start}T00:00:00Z`);
    const end = new Date(`${afterRg.reflectionPeriod.end}T00:00:00Z`);
    expect((end.getTime() - start.getTime()) / 86_400_000).toBe(30);
    expect(afterRg.decisionDueAt).not.toBeNull();

    const cg = await send(decisionMaker, 'POST', `/api/cases/${c.id}/decisions`, { kind: 'conclusive_grounds', outcome: 'positive', reason: 'Corroborated by the labour inspectorate', version: afterRg.version });
    expect(cg.statusCode, cg.body).toBe(200);
    const confirmed = (await send(ngoCaseworker, 'GET', `/api/cases/${c.id}`)).json();
    expect(confirmed).toMatchObject({ stage: 'conclusive_positive', traffickingStatus: 'ActualVictimOfTrafficking', decisionDueAt: null });
    expect(confirmed.timeline.map((e: { action: string }) => e.action)).toEqual([
      'case.opened', 'consent.recorded', 'consent.recorded', 'case.decision_requested', 'decision.reasonable_grounds', 'decision.conclusive_grounds',
    ]);
    // The reason is stored encrypted.
    const stored = await t.platform.db.selectFrom('status_decisions').select('reason').where('case_id', '=', c.id).execute();
    for (const row of stored) expect(Buffer.from(row.reason).toString('latin1')).not.toContain('Corroborated');
    // Law enforcement, refused by the person, sees nothing.
    expect((await send(investigator, 'GET', `/api/cases/${c.id}`)).statusCode).toBe(404);
  });

  it('defines reconsideration only after a negative decision', () => {
    expect(transitionFor('reasonable_grounds_negative', 'reconsideration', 'positive')?.to).toBe('reasonable_grounds_positive');
    expect(transitionFor('conclusive_positive', 'reconsideration', 'negative')).toBeUndefined();
    expect(transitionFor('reported', 'conclusive_grounds', 'positive')).toBeUndefined();
  });
});

describe('who sees a case', () => {
  it('shows law enforcement a case only with consent, and only the identity fields; withdrawal ends it at once', async () => {
    const c = await openCase({ givenName: 'Mira', familyName: 'Sand', phone: '+4915112345678' });
    expect((await send(investigator, 'GET', `/api/cases/${c.id}`)).statusCode).toBe(404);
    await consent(c.id, 'law_enforcement', 'given');
    const seen = (await send(investigator, 'GET', `/api/cases/${c.id}`)).json();
    expect(Object.keys(seen.person.fields).sort()).toEqual(['birthDate', 'familyName', 'givenName']);
    expect(seen.consents).toBeUndefined();
    await consent(c.id, 'law_enforcement', 'withdrawn');
    expect((await send(investigator, 'GET', `/api/cases/${c.id}`)).statusCode).toBe(404);
    const audit = await t.platform.db.selectFrom('audit_log').select(['action', 'outcome']).where('record_id', '=', c.id).where('action', '=', 'case.read').execute();
    expect(audit.some((a) => a.outcome === 'denied')).toBe(true);
  });

  it('keeps a case from other organisations and from the rapporteur', async () => {
    const c = await openCase({ givenName: 'Hidden' });
    expect((await send(otherNgoCaseworker, 'GET', `/api/cases/${c.id}`)).statusCode).toBe(404);
    expect((await send(shelterCaseworker, 'GET', `/api/cases/${c.id}`)).statusCode).toBe(404);
    expect((await send(rapporteur, 'GET', `/api/cases/${c.id}`)).statusCode).toBe(403);
    const list = (await send(otherNgoCaseworker, 'GET', '/api/cases')).json();
    expect(list.cases.map((x: { id: string }) => x.id)).not.toContain(c.id);
  });

  it('revokes what was shared when consent to referral is withdrawn', async () => {
    const c = await openCase({ givenName: 'Lena' });
    await consent(c.id, 'referral', 'given', authorityId);
    expect((await send(ngoCaseworker, 'POST', `/api/cases/${c.id}/decision-requests`, { competentAuthorityId: authorityId, version: await version(c.id) })).statusCode).toBe(200);
    expect((await send(decisionMaker, 'GET', `/api/cases/${c.id}`)).statusCode).toBe(200);
    const withdrawn = await consent(c.id, 'referral', 'withdrawn', authorityId);
    expect(withdrawn.sharesRevoked).toBe(1);
    expect((await send(decisionMaker, 'GET', `/api/cases/${c.id}`)).statusCode).toBe(404);
  });
});

describe('concurrent edits and bad input', () => {
  it('refuses a change based on a stale version', async () => {
    const c = await openCase();
    await consent(c.id, 'referral', 'given', authorityId);
    const stale = c.version;
    expect((await send(ngoCaseworker, 'POST', `/api/cases/${c.id}/close`, { reason: 'Moved abroad', version: stale })).statusCode).toBe(200);
    const second = await send(ngoCaseworker, 'POST', `/api/cases/${c.id}/decision-requests`, { competentAuthorityId: authorityId, version: stale });
    expect(second.statusCode).toBe(409);
    expect(second.json().message).toContain('changed by someone else');
  });

  it('names the field of bad input and requires an idempotency key', async () => {
    const bad = await send(ngoCaseworker, 'POST', '/api/cases', { person: { phone: '12345', citizenships: ['Nigeria'] }, formsOfExploitation: ['Slavery'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues.map((i: { field: string }) => i.field).sort()).toEqual(['formsOfExploitation.0', 'person.citizenships.0', 'person.phone']);
    const noKey = await ngoCaseworker.request('POST', '/api/cases', { person: {} });
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json().issues[0].field).toBe('headers.idempotency-key');
    const c = await openCase();
    const noTarget = await send(ngoCaseworker, 'POST', `/api/cases/${c.id}/consents`, { purpose: 'referral', status: 'given', method: 'verbal' });
    expect(noTarget.statusCode).toBe(400);
    expect(noTarget.json().issues[0].field).toBe('targetOrganisationId');
  });

  it('lists overdue decisions on the worklist', async () => {
    const c = await openCase();
    await consent(c.id, 'referral', 'given', authorityId);
    await send(ngoCaseworker, 'POST', `/api/cases/${c.id}/decision-requests`, { competentAuthorityId: authorityId, version: await version(c.id) });
    await t.platform.db.updateTable('cases').set({ decision_due_at: new Date(Date.now() - 86_400_000) }).where('id', '=', c.id).execute();
    const overdue = (await send(decisionMaker, 'GET', '/api/cases?overdue=true')).json();
    expect(overdue.cases.map((x: { id: string }) => x.id)).toContain(c.id);
    expect(overdue.cases.every((x: { overdue: boolean }) => x.overdue)).toBe(true);
  });
});

describe('SOP measures on the case', () => {
  it('shows the measures that apply at the current stage and records which are done, once', async () => {
    const c = await openCase();
    const view = (await send(ngoCaseworker, 'GET', `/api/cases/${c.id}`)).json();
    expect(view.measures.length).toBeGreaterThan(0);
    expect(view.measures.every((m: { done: boolean }) => !m.done)).toBe(true);
    const first = view.measures[0].id as string;
    for (let i = 0; i < 2; i += 1) {
      const done = await ngoCaseworker.request('POST', `/api/cases/${c.id}/measures/${first}/done`, {});
      expect(done.statusCode, done.body).toBe(200);
    }
    const after = (await send(ngoCaseworker, 'GET', `/api/cases/${c.id}`)).json();
    expect(after.measures.find((m: { id: string }) => m.id === first).done).toBe(true);
    expect(after.timeline.filter((e: { action: string }) => e.action === 'measure.done')).toHaveLength(1);
    const wrong = await ngoCaseworker.request('POST', `/api/cases/${c.id}/measures/no-such-measure/done`, {});
    expect(wrong.statusCode).toBe(409);
  });
});
