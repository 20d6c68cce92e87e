import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stepRefusal, type RecordStepRequest, type StepRefusalCode } from '@palermo/contracts';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';

let t: TestApp;
let police: Client;
let otherPolice: Client;
let prosecutor: Client;
let otherProsecutor: Client;
let clerk: Client;
let otherClerk: Client;
let analyst: Client;
let caseworker: Client;
let coordinator: Client;
let rapporteur: Client;
let officeId: string;
let courtId: string;

beforeAll(async () => {
  t = await createTestApp();
  const agency = await insertOrganisation(t, 'law_enforcement', ['NORTH']);
  officeId = await insertOrganisation(t, 'prosecutor');
  courtId = await insertOrganisation(t, 'court');
  police = await clientFor(t, await insertUser(t, agency, ['investigator']));
  otherPolice = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'law_enforcement'), ['investigator']));
  prosecutor = await clientFor(t, await insertUser(t, officeId, ['prosecutor']));
  otherProsecutor = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'prosecutor'), ['prosecutor']));
  clerk = await clientFor(t, await insertUser(t, courtId, ['court_clerk']));
  otherClerk = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'court'), ['court_clerk']));
  analyst = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'law_enforcement'), ['analyst']));
  caseworker = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'ngo'), ['caseworker']));
  coordinator = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'national_coordinator'), ['national_coordinator']));
  rapporteur = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'national_rapporteur'), ['national_rapporteur']));
});
afterAll(async () => t.close());

const operation = {
  name: 'Orchard', origin: 'hotline', approach: 'reactive', formsOfExploitation: ['ForcedLabour'],
  places: [{ stage: 'recruitment', country: 'RO', place: 'Iasi' }, { stage: 'exploitation', country: 'ES', place: 'Greenhouse 7' }],
  agencyOrganisationIds: [], protocol: { acts: ['recruitment', 'transportation'], means: ['deception', 'abuse_of_vulnerability'], purposes: ['forced_labour'] }, startedOn: '2025-01-10',
};

async function ok(client: Client, method: 'GET' | 'POST', url: string, body?: unknown) {
  const response = await client.request(method, url, body);
  expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(200);
  return response.json();
}

/** An operation with one investigation referred to the office and one suspect; returns their ids. */
async function pipeline(referred = true) {
  const op = await ok(police, 'POST', '/api/prosecution/operations', operation);
  const inv = await ok(police, 'POST', `/api/prosecution/operations/${op.id}/investigations`, { title: 'Greenhouses', origin: 'hotline', approach: 'reactive', openedOn: '2025-01-12' });
  if (referred) await ok(police, 'POST', `/api/prosecution/investigations/${inv.id}/referral`, { prosecutionOfficeId: officeId, referredOn: '2025-02-01' });
  const suspect = await ok(police, 'POST', `/api/prosecution/operations/${op.id}/suspects`, {
    investigationId: inv.id, pseudonym: 'Gardener', identity: { givenName: 'Marin', familyName: 'Stanescu', birthDate: '1979-05-05' }, roles: ['recruiter'], sex: 'male', citizenships: ['RO'], ageAtOffence: 45,
  });
  return { operationId: op.id as string, investigationId: inv.id as string, suspectId: suspect.id as string };
}

const step = (client: Client, suspectId: string, body: RecordStepRequest) => client.request('POST', `/api/prosecution/suspects/${suspectId}/steps`, body);
const stepCount = async (suspectId: string) => Number((await t.platform.db.selectFrom('prosecution_steps').select((eb) => eb.fn.countAll().as('n')).where('suspect_id', '=', suspectId).executeTakeFirstOrThrow()).n);

describe('the funnel of one suspect, from arrest to appeal', () => {
  it('records every step, shows a downgrade, and keeps the identity encrypted and every read audited', async () => {
    const { operationId, suspectId } = await pipeline();
    expect((await step(police, suspectId, { kind: 'arrest', occurredOn: '2025-01-20' })).statusCode).toBe(200);
    const charge = (await step(prosecutor, suspectId, { kind: 'charge', occurredOn: '2025-02-10', provision: 'Art. 210 trafficking in persons', category: 'trafficking' })).json();
    const second = (await step(prosecutor, suspectId, { kind: 'charge', occurredOn: '2025-02-10', provision: 'Art. 264 money laundering', category: 'other' })).json();
    expect((await step(prosecutor, suspectId, { kind: 'prosecution', occurredOn: '2025-03-01', courtOrganisationId: courtId })).statusCode).toBe(200);
    // The court's clerk now reaches the suspect and records the outcomes.
    expect((await step(clerk, suspectId, { kind: 'trial', occurredOn: '2025-05-01' })).statusCode).toBe(200);
    const verdict = (await step(clerk, suspectId, { kind: 'verdict', occurredOn: '2025-06-01', chargeId: charge.id, outcome: 'convicted', convictedProvision: 'Art. 262 smuggling of migrants', convictedCategory: 'smuggling' })).json();
    expect((await step(clerk, suspectId, { kind: 'verdict', occurredOn: '2025-06-01', chargeId: second.id, outcome: 'acquitted' })).statusCode).toBe(200);
    expect((await step(clerk, suspectId, { kind: 'sentence', occurredOn: '2025-06-01', custodialMonths: 18, suspended: true, probationMonths: 24 })).statusCode).toBe(200);
    const appeal = (await step(prosecutor, suspectId, { kind: 'appeal', occurredOn: '2025-06-20', verdictId: verdict.id, appellant: 'prosecution' })).json();
    expect((await step(clerk, suspectId, { kind: 'appeal_decision', occurredOn: '2025-10-01', appealId: appeal.id, outcome: 'sentence_increased' })).statusCode).toBe(200);

    const seen = await ok(prosecutor, 'GET', `/api/prosecution/suspects/${suspectId}`);
    expect(seen.identity).toEqual({ givenName: 'Marin', familyName: 'Stanescu', birthDate: '1979-05-05' });
    const convicted = seen.steps.find((s: { id: string }) => s.id === verdict.id);
    expect(convicted).toMatchObject({ outcome: 'convicted', category: 'trafficking', convictedCategory: 'smuggling', downgraded: true });
    expect(seen.steps.map((s: { kind: string }) => s.kind)).toEqual(['arrest', 'charge', 'charge', 'prosecution', 'trial', 'verdict', 'verdict', 'sentence', 'appeal', 'appeal_decision']);

    const row = await t.platform.db.selectFrom('prosecution_suspects').select(['identity', 'pseudonym']).where('id', '=', suspectId).executeTakeFirstOrThrow();
    expect(Buffer.from(row.identity ?? []).toString('latin1')).not.toContain('Stanescu');
    expect(Buffer.from(row.pseudonym).toString('latin1')).not.toContain('Gardener');
    const reads = await t.platform.db.selectFrom('audit_log').select(['summary', 'outcome']).where('action', '=', 'prosecution.suspect_read').where('record_id', '=', suspectId).execute();
    expect(reads.some((r) => r.summary.includes('identities decrypted: 1'))).toBe(true);
    expect(reads.every((r) => !r.summary.includes('Stanescu'))).toBe(true);
    const operationRead = await ok(prosecutor, 'GET', `/api/prosecution/operations/${operationId}`);
    expect(operationRead.places).toEqual(operation.places);
  });
});

describe('impossible sequences are refused, naming the step, and nothing is written', () => {
  // Each refusal: the field, the English problem (for API users) and the stable code with the step it names (for
  // clients that word it in their reader's language; the web app translates by code only).
  it.each<[string, (ids: { suspectId: string; chargeId: string }) => RecordStepRequest, string, string, StepRefusalCode | undefined]>([
    ['a conviction without a prosecution', ({ chargeId }) => ({ kind: 'verdict', occurredOn: '2025-04-01', chargeId, outcome: 'convicted' }), 'outcome', 'verdict: a conviction without a prosecution', 'conviction-without-prosecution'],
    ['a verdict on a charge that does not exist', () => ({ kind: 'verdict', occurredOn: '2025-04-01', chargeId: '00000000-0000-4000-8000-000000000001', outcome: 'dismissed' }), 'chargeId', 'verdict: there is no such charge', 'no-such-charge'],
    ['a sentence without a conviction', () => ({ kind: 'sentence', occurredOn: '2025-04-01', custodialMonths: 12, suspended: false }), 'kind', 'sentence: no conviction is recorded', 'no-conviction'],
    ['an appeal of an acquittal never recorded', () => ({ kind: 'appeal', occurredOn: '2025-04-01', verdictId: '00000000-0000-4000-8000-000000000002', appellant: 'prosecution' }), 'verdictId', 'appeal: there is no such verdict', 'no-such-verdict'],
    ['a trial without a prosecution', () => ({ kind: 'trial', occurredOn: '2025-04-01' }), 'kind', 'trial: the suspect has not been prosecuted', 'not-prosecuted'],
    ['a prosecution dated before its charge', () => ({ kind: 'prosecution', occurredOn: '2025-02-01', courtOrganisationId: courtId }), 'occurredOn', 'prosecution: the date 2025-02-01 is before the first charge', 'date-before-earlier-step'],
    ['a step in the future', () => ({ kind: 'arrest', occurredOn: '2999-01-01' }), 'occurredOn', 'arrest: the date must not be in the future', 'future-date'],
    ['a charge without its category', () => ({ kind: 'charge', occurredOn: '2025-02-10', provision: 'Art. 210' }) as unknown as RecordStepRequest, 'category', '', undefined],
  ])('%s', async (_name, build, field, message, code) => {
    const { suspectId } = await pipeline();
    const charge = (await step(prosecutor, suspectId, { kind: 'charge', occurredOn: '2025-02-10', provision: 'Art. 210', category: 'trafficking' })).json();
    const before = await stepCount(suspectId);
    const by = build({ suspectId, chargeId: charge.id }).kind === 'arrest' ? police : prosecutor;
    const response = await step(by, suspectId, build({ suspectId, chargeId: charge.id }));
    expect(response.statusCode, response.body).toBe(400);
    const issue = response.json().issues.find((i: { field: string }) => i.field === field);
    expect(issue, response.body).toBeDefined();
    expect(issue.problem).toContain(message);
    const kind = build({ suspectId, chargeId: charge.id }).kind;
    if (code === undefined) expect(issue.code).toBeUndefined();
    else {
      expect(stepRefusal.parse(issue)).toMatchObject({ field, code, params: { step: kind } });
      if (code === 'date-before-earlier-step') expect(issue.params).toEqual({ step: kind, date: '2025-02-01', earlierStep: 'charge', earlierDate: '2025-02-10' });
    }
    expect(await stepCount(suspectId)).toBe(before);
  });

  it('a sentence dated before its verdict', async () => {
    const { suspectId } = await pipeline();
    const charge = (await step(prosecutor, suspectId, { kind: 'charge', occurredOn: '2025-02-10', provision: 'Art. 210', category: 'trafficking' })).json();
    await step(prosecutor, suspectId, { kind: 'prosecution', occurredOn: '2025-03-01', courtOrganisationId: courtId });
    expect((await step(prosecutor, suspectId, { kind: 'verdict', occurredOn: '2025-06-01', chargeId: charge.id, outcome: 'convicted' })).statusCode).toBe(200);
    const response = await step(clerk, suspectId, { kind: 'sentence', occurredOn: '2025-05-01', custodialMonths: 12, suspended: false });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain('sentence: the date 2025-05-01 is before its verdict (2025-06-01)');
    expect(response.json().issues).toEqual([
      { field: 'occurredOn', problem: 'sentence: the date 2025-05-01 is before its verdict (2025-06-01)', code: 'date-before-earlier-step', params: { step: 'sentence', date: '2025-05-01', earlierStep: 'verdict', earlierDate: '2025-06-01' } },
    ]);
    // A second verdict on the same charge is refused too: an appeal changes a verdict.
    const again = await step(prosecutor, suspectId, { kind: 'verdict', occurredOn: '2025-06-02', chargeId: charge.id, outcome: 'acquitted' });
    expect(again.json().message).toContain('verdict: this charge already has a verdict');
    expect(again.json().issues[0]).toMatchObject({ field: 'chargeId', code: 'charge-has-verdict', params: { step: 'verdict' } });
  });

  it('a prosecution before an organisation that is not a court is refused and leaves no court behind', async () => {
    const { suspectId } = await pipeline();
    await step(prosecutor, suspectId, { kind: 'charge', occurredOn: '2025-02-10', provision: 'Art. 210', category: 'trafficking' });
    const response = await step(prosecutor, suspectId, { kind: 'prosecution', occurredOn: '2025-03-01', courtOrganisationId: officeId });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues[0]).toEqual({ field: 'courtOrganisationId', problem: 'must be a court' });
    const row = await t.platform.db.selectFrom('prosecution_suspects').select('court_organisation_id').where('id', '=', suspectId).executeTakeFirstOrThrow();
    expect(row.court_organisation_id).toBeNull();
  });

  it('an assistance organisation or a court named among the agencies of an operation is refused, naming the place in the list, and no operation is recorded', async () => {
    const ngo = await insertOrganisation(t, 'ngo');
    const inspectorate = await insertOrganisation(t, 'labour_inspectorate');
    const operations = async () => Number((await t.platform.db.selectFrom('prosecution_operations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await operations();
    for (const [list, field] of [[[inspectorate, ngo], 'agencyOrganisationIds.1'], [[courtId], 'agencyOrganisationIds.0']] as const) {
      const response = await police.request('POST', '/api/prosecution/operations', { ...operation, agencyOrganisationIds: list });
      expect(response.statusCode).toBe(400);
      expect(response.json().issues[0].field).toBe(field);
      expect(response.json().issues[0].problem).toMatch(/^must be a law-enforcement, border, labour-inspection or immigration agency/);
    }
    expect(await operations()).toBe(before);
    const joint = await ok(police, 'POST', '/api/prosecution/operations', { ...operation, agencyOrganisationIds: [inspectorate] });
    expect((await ok(police, 'GET', `/api/prosecution/operations/${joint.id}`)).agencies.map((a: { id: string }) => a.id)).toEqual([inspectorate]);
  });
});

describe('who may do what', () => {
  it('each role reaches what its relationship gives, and nothing else', async () => {
    const { operationId, suspectId } = await pipeline();
    await step(prosecutor, suspectId, { kind: 'charge', occurredOn: '2025-02-10', provision: 'Art. 210', category: 'trafficking' });

    // Before the prosecution names a court, no clerk reaches the suspect.
    expect((await clerk.request('GET', `/api/prosecution/suspects/${suspectId}`)).statusCode).toBe(404);
    await step(prosecutor, suspectId, { kind: 'prosecution', occurredOn: '2025-03-01', courtOrganisationId: courtId });

    const asClerk = await ok(clerk, 'GET', `/api/prosecution/suspects/${suspectId}`);
    expect(asClerk.pseudonym).toBe('Gardener');
    expect(asClerk.identity).toBeUndefined();
    expect(asClerk.steps.length).toBe(2);
    const clerkOperation = await ok(clerk, 'GET', `/api/prosecution/operations/${operationId}`);
    expect(Object.keys(clerkOperation).sort()).toEqual(['formsOfExploitation', 'id', 'reference']);

    const asAnalyst = await ok(analyst, 'GET', `/api/prosecution/suspects/${suspectId}`);
    expect(asAnalyst).toMatchObject({ pseudonym: 'Gardener', roles: ['recruiter'], sex: 'male', citizenships: ['RO'] });
    expect(asAnalyst.identity).toBeUndefined();
    expect(asAnalyst.steps).toBeUndefined();
    // An analyst records nothing.
    expect((await step(analyst, suspectId, { kind: 'arrest', occurredOn: '2025-01-20' })).statusCode).toBe(403);

    // A clerk records court outcomes only; a prosecutor not the police's arrest; the police not a verdict.
    expect((await step(clerk, suspectId, { kind: 'charge', occurredOn: '2025-02-11', provision: 'Art. 1', category: 'other' })).statusCode).toBe(403);
    expect((await step(prosecutor, suspectId, { kind: 'arrest', occurredOn: '2025-01-20' })).statusCode).toBe(403);
    expect((await step(police, suspectId, { kind: 'trial', occurredOn: '2025-04-01' })).statusCode).toBe(403);

    for (const outsider of [otherPolice, otherProsecutor, otherClerk]) {
      expect((await outsider.request('GET', `/api/prosecution/suspects/${suspectId}`)).statusCode).toBe(404);
      expect((await outsider.request('GET', `/api/prosecution/operations/${operationId}`)).statusCode).toBe(404);
      const list = await ok(outsider, 'GET', '/api/prosecution/operations');
      expect(list.operations.map((o: { id: string }) => o.id)).not.toContain(operationId);
      expect((await step(outsider, suspectId, { kind: 'trial', occurredOn: '2025-04-01' })).statusCode).toBe(404);
    }
    for (const none of [caseworker, coordinator, rapporteur]) {
      expect((await none.request('GET', '/api/prosecution/operations')).statusCode).toBe(403);
      expect((await none.request('GET', `/api/prosecution/suspects/${suspectId}`)).statusCode).toBe(403);
    }
    const denied = await t.platform.db.selectFrom('audit_log').select('action').where('record_id', '=', suspectId).where('outcome', '=', 'denied').execute();
    expect(denied.length).toBeGreaterThanOrEqual(4);
  });

  it('an investigation not yet referred is out of every prosecutor’s reach', async () => {
    const { operationId, suspectId } = await pipeline(false);
    expect((await prosecutor.request('GET', `/api/prosecution/operations/${operationId}`)).statusCode).toBe(404);
    expect((await step(prosecutor, suspectId, { kind: 'charge', occurredOn: '2025-02-10', provision: 'Art. 210', category: 'trafficking' })).statusCode).toBe(404);
    const asPolice = await ok(police, 'GET', `/api/prosecution/operations/${operationId}/suspects`);
    expect(asPolice.suspects[0].identity.familyName).toBe('Stanescu');
  });
});
