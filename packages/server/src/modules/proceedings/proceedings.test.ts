import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';

let t: TestApp;
let police: Client;
let otherPolice: Client;
let prosecutor: Client;
let otherProsecutor: Client;
let analyst: Client;
let clerk: Client;
let caseworker: Client;
let otherCaseworker: Client;
let coordinator: Client;
let rapporteur: Client;
let officeId: string;

beforeAll(async () => {
  t = await createTestApp();
  const agency = await insertOrganisation(t, 'law_enforcement', ['NORTH']);
  officeId = await insertOrganisation(t, 'prosecutor');
  const ngo = await insertOrganisation(t, 'ngo', ['NORTH']);
  police = await clientFor(t, await insertUser(t, agency, ['investigator']));
  otherPolice = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'law_enforcement', ['NORTH']), ['investigator']));
  prosecutor = await clientFor(t, await insertUser(t, officeId, ['prosecutor']));
  otherProsecutor = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'prosecutor'), ['prosecutor']));
  analyst = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'law_enforcement'), ['analyst']));
  clerk = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'court'), ['court_clerk']));
  caseworker = await clientFor(t, await insertUser(t, ngo, ['caseworker']));
  otherCaseworker = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'ngo'), ['caseworker']));
  coordinator = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'national_coordinator'), ['national_coordinator']));
  rapporteur = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'national_rapporteur'), ['national_rapporteur']));
});
afterAll(async () => t.close());

async function ok(client: Client, method: 'GET' | 'POST', url: string, body?: unknown, headers?: Record<string, string>) {
  const response = await client.request(method, url, body, headers);
  expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(200);
  return response.json();
}

async function pipeline() {
  const op = await ok(police, 'POST', '/api/prosecution/operations', {
    name: 'Vineyard', origin: 'ngo', approach: 'reactive', formsOfExploitation: ['ForcedLabour'], places: [], agencyOrganisationIds: [],
    protocol: { acts: ['recruitment'], means: ['deception'], purposes: ['forced_labour'] }, startedOn: '2025-01-10',
  });
  const inv = await ok(police, 'POST', `/api/prosecution/operations/${op.id}/investigations`, { title: 'Vines', origin: 'ngo', approach: 'reactive', openedOn: '2025-01-12' });
  await ok(police, 'POST', `/api/prosecution/investigations/${inv.id}/referral`, { prosecutionOfficeId: officeId, referredOn: '2025-02-01' });
  return { operationId: op.id as string, investigationId: inv.id as string, investigationReference: inv.reference as string };
}

async function openCase(givenName = 'Elena', familyName = 'Rusu') {
  const opened = await ok(caseworker, 'POST', '/api/cases', { person: { givenName, familyName, birthDate: '1995-04-04' } }, { 'idempotency-key': randomUUID() });
  return opened.id as string;
}
const consent = (caseId: string, status: 'given' | 'refused' | 'withdrawn') =>
  ok(caseworker, 'POST', `/api/cases/${caseId}/consents`, { purpose: 'law_enforcement', status, method: 'verbal' }, { 'idempotency-key': randomUUID() });
const rowCount = async (table: 'proceeding_victims' | 'proceeding_victim_compensation' | 'cross_border_requests') =>
  Number((await t.platform.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('a victim linked to proceedings only with her consent to law enforcement', () => {
  it('refuses the link without consent, naming the consent; writes nothing; links once consent is given', async () => {
    const { investigationId } = await pipeline();
    const caseId = await openCase();
    const before = await rowCount('proceeding_victims');
    const refused = await caseworker.request('POST', `/api/cases/${caseId}/proceedings`, { investigationId, standing: 'witness', linkedOn: '2025-03-01' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('consent to share with law enforcement');
    await consent(caseId, 'refused');
    const again = await caseworker.request('POST', `/api/cases/${caseId}/proceedings`, { investigationId, standing: 'witness', linkedOn: '2025-03-01' });
    expect(again.statusCode).toBe(409);
    expect(again.json().issues).toEqual([{ field: 'consent', problem: 'consent to share with law enforcement is refused' }]);
    expect(await rowCount('proceeding_victims')).toBe(before);
    const denied = await t.platform.db.selectFrom('audit_log').select('summary').where('action', '=', 'proceedings.victim_link').where('outcome', '=', 'denied').execute();
    expect(denied.length).toBeGreaterThanOrEqual(2);

    await consent(caseId, 'given');
    const linked = await ok(caseworker, 'POST', `/api/cases/${caseId}/proceedings`, { investigationId, standing: 'witness', linkedOn: '2025-03-01' });
    expect(await rowCount('proceeding_victims')).toBe(before + 1);
    const stored = await t.platform.db.selectFrom('proceeding_victims').select('initials').where('id', '=', linked.id).executeTakeFirstOrThrow();
    expect(Buffer.from(stored.initials).toString('latin1')).not.toContain('E. R.');
    const section = await ok(caseworker, 'GET', `/api/cases/${caseId}/proceedings`);
    expect(section.lawEnforcementConsent).toBe('given');
    expect(section.victims).toHaveLength(1);
    expect(section.victims[0].initials).toBeUndefined();
    expect(section.victims[0].investigationId).toBe(investigationId);
  });

  it('shows the prosecution office initials, cooperation and protection; the agency initials only; nobody else anything; revocation hides it', async () => {
    const { operationId, investigationId } = await pipeline();
    const caseId = await openCase('Maria Ana', 'Popescu');
    await consent(caseId, 'given');
    const { id: victimId } = await ok(caseworker, 'POST', `/api/cases/${caseId}/proceedings`, { investigationId, standing: 'witness', linkedOn: '2025-03-01' });
    await ok(caseworker, 'POST', `/api/proceedings/victims/${victimId}/cooperation`, { level: 'statement', chosenOn: '2025-03-02' });
    await ok(caseworker, 'POST', `/api/proceedings/victims/${victimId}/protection`, { measure: 'video_link', requestedOn: '2025-03-05', outcome: 'provided', decidedOn: '2025-04-01' });
    await ok(caseworker, 'POST', `/api/proceedings/victims/${victimId}/protection`, { measure: 'screen', requestedOn: '2025-03-05', outcome: 'pending' });
    await ok(caseworker, 'POST', `/api/proceedings/victims/${victimId}/non-punishment`, { offence: 'document_fraud', claimedOn: '2025-03-10', outcome: 'granted', decidedOn: '2025-05-01' });
    await ok(caseworker, 'POST', `/api/proceedings/victims/${victimId}/compensation`, { route: 'criminal_proceedings', claimedOn: '2025-03-10', currency: 'EUR', amountOrdered: 500000, orderedOn: '2025-06-01' });

    const office = (await ok(prosecutor, 'GET', `/api/prosecution/operations/${operationId}/victims`)).victims;
    expect(office).toHaveLength(1);
    expect(office[0].initials).toBe('M. A. P.');
    expect(office[0].cooperation).toEqual([{ level: 'statement', chosenOn: '2025-03-02' }]);
    expect(office[0].protection.map((p: { measure: string; outcome: string }) => `${p.measure}:${p.outcome}`).sort()).toEqual(['screen:pending', 'video_link:provided']);
    expect(Object.keys(office[0]).sort()).toEqual(['cooperation', 'id', 'initials', 'investigationId', 'investigationReference', 'linkedOn', 'operationId', 'protection', 'standing', 'suspectId']);
    const body = JSON.stringify(office);
    for (const secret of ['Maria', 'Popescu', caseId, 'compensation', 'document_fraud']) expect(body).not.toContain(secret);

    const agency = (await ok(police, 'GET', `/api/prosecution/operations/${operationId}/victims`)).victims;
    expect(agency.map((v: object) => Object.keys(v).sort())).toEqual([['id', 'initials', 'investigationId', 'investigationReference', 'operationId']]);

    for (const other of [otherPolice, otherProsecutor, analyst, clerk, otherCaseworker]) {
      const response = await other.request('GET', `/api/prosecution/operations/${operationId}/victims`);
      expect(response.statusCode === 403 || response.json().victims.length === 0, response.body).toBe(true);
    }
    for (const nobody of [coordinator, rapporteur]) expect((await nobody.request('GET', `/api/prosecution/operations/${operationId}/victims`)).statusCode).toBe(403);
    expect((await analyst.request('GET', `/api/cases/${caseId}/proceedings`)).statusCode).toBe(403);
    expect((await otherCaseworker.request('GET', `/api/cases/${caseId}/proceedings`)).statusCode).toBe(404);
    expect((await otherCaseworker.request('POST', `/api/proceedings/victims/${victimId}/cooperation`, { level: 'testimony', chosenOn: '2025-03-02' })).statusCode).toBe(404);
    expect((await prosecutor.request('POST', `/api/proceedings/victims/${victimId}/cooperation`, { level: 'testimony', chosenOn: '2025-03-02' })).statusCode).toBe(403);

    // Consent withdrawn: law enforcement no longer sees her; her caseworker still does, and her assistance is untouched.
    await consent(caseId, 'withdrawn');
    expect((await ok(prosecutor, 'GET', `/api/prosecution/operations/${operationId}/victims`)).victims).toEqual([]);
    expect((await ok(police, 'GET', `/api/prosecution/operations/${operationId}/victims`)).victims).toEqual([]);
    const section = await ok(caseworker, 'GET', `/api/cases/${caseId}/proceedings`);
    expect(section.lawEnforcementConsent).toBe('withdrawn');
    expect(section.victims[0].consentInForce).toBe(false);
    expect(section.victims[0].compensation[0]).toMatchObject({ amountOrdered: 500000, currency: 'EUR', amountPaid: null });
    expect((await caseworker.request('GET', `/api/cases/${caseId}`)).statusCode).toBe(200);
    const reads = await t.platform.db.selectFrom('audit_log').select('summary').where('action', '=', 'proceedings.victim_read').where('record_id', '=', victimId).execute();
    expect(reads.length).toBeGreaterThanOrEqual(3);
  });
});

describe('bad input is refused naming the field; nothing half-written', () => {
  it('future dates, paid above the order without a reason, decisions before requests, unknown codes', async () => {
    const { investigationId } = await pipeline();
    const caseId = await openCase('Ana', 'Lungu');
    await consent(caseId, 'given');
    const { id: victimId } = await ok(caseworker, 'POST', `/api/cases/${caseId}/proceedings`, { investigationId, standing: 'injured_party', linkedOn: '2025-03-01' });
    const post = (path: string, body: unknown) => caseworker.request('POST', `/api/proceedings/victims/${victimId}/${path}`, body);
    const fieldOf = (response: { statusCode: number; json: () => { issues?: Array<{ field: string }> } }) => [response.statusCode, response.json().issues?.map((i) => i.field)];
    expect(fieldOf(await post('cooperation', { level: 'testimony', chosenOn: '2999-01-01' }))).toEqual([400, ['chosenOn']]);
    expect(fieldOf(await post('cooperation', { level: 'confession', chosenOn: '2025-01-01' }))).toEqual([400, ['level']]);
    expect(fieldOf(await post('protection', { measure: 'video_link', requestedOn: '2025-03-05', outcome: 'provided', decidedOn: '2025-03-01' }))).toEqual([400, ['decidedOn']]);
    expect(fieldOf(await post('protection', { measure: 'disguise', requestedOn: '2025-03-05', outcome: 'pending' }))).toEqual([400, ['measure']]);
    const before = await rowCount('proceeding_victim_compensation');
    expect(fieldOf(await post('compensation', { route: 'state_fund', claimedOn: '2025-03-10', currency: 'EUR', amountOrdered: 1000, orderedOn: '2025-04-01', amountPaid: 1500, paidOn: '2025-05-01' }))).toEqual([400, ['amountPaid']]);
    expect(fieldOf(await post('compensation', { route: 'state_fund', claimedOn: '2025-03-10', currency: 'EUR', amountOrdered: 1000, orderedOn: '2025-04-01', amountPaid: 500, paidOn: '2025-03-20' }))).toEqual([400, ['paidOn']]);
    expect(fieldOf(await post('compensation', { route: 'state_fund', claimedOn: '2025-03-10', currency: 'EUR', amountOrdered: 10.5, orderedOn: '2025-04-01' }))).toEqual([400, ['amountOrdered']]);
    expect(fieldOf(await post('compensation', { route: 'lottery', claimedOn: '2025-03-10', currency: 'EUR' }))).toEqual([400, ['route']]);
    expect(await rowCount('proceeding_victim_compensation')).toBe(before);
    const claim = await ok(caseworker, 'POST', `/api/proceedings/victims/${victimId}/compensation`, { route: 'state_fund', claimedOn: '2025-03-10', currency: 'EUR', amountOrdered: 1000, orderedOn: '2025-04-01' });
    await ok(caseworker, 'POST', `/api/proceedings/victims/${victimId}/compensation`, {
      claimId: claim.id, route: 'state_fund', claimedOn: '2025-03-10', currency: 'EUR', amountOrdered: 1000, orderedOn: '2025-04-01', amountPaid: 1200, paidOn: '2025-06-01', paidAboveOrderReason: 'Interest for late payment',
    });
    const section = await ok(caseworker, 'GET', `/api/cases/${caseId}/proceedings`);
    expect(section.victims[0].compensation).toEqual([expect.objectContaining({ id: claim.id, amountOrdered: 1000, amountPaid: 1200, paidOn: '2025-06-01' })]);
  });
});

describe('cross-border requests', () => {
  it('recorded by the agency and the office, elapsed days and overdue by kind, answer dates checked, flagged on the prosecutor home', async () => {
    const { operationId, investigationId } = await pipeline();
    const sentLongAgo = '2024-01-15';
    const old = await ok(prosecutor, 'POST', `/api/prosecution/investigations/${investigationId}/cross-border-requests`, {
      kind: 'mutual_legal_assistance', direction: 'outgoing', requestingCountry: 'MD', requestedCountry: 'IT', sentOn: sentLongAgo, asks: ['evidence', 'witness_hearing'],
    });
    const recent = new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10);
    await ok(police, 'POST', `/api/prosecution/investigations/${investigationId}/cross-border-requests`, {
      kind: 'europol_request', direction: 'outgoing', requestingCountry: 'MD', requestedCountry: 'NL', sentOn: recent, asks: ['information'],
    });
    const bad = (body: object) => prosecutor.request('POST', `/api/prosecution/investigations/${investigationId}/cross-border-requests`, {
      kind: 'extradition', direction: 'outgoing', requestingCountry: 'MD', requestedCountry: 'IT', sentOn: '2025-01-01', asks: ['surrender'], ...body,
    });
    const before = await rowCount('cross_border_requests');
    expect((await bad({ sentOn: '2999-01-01' })).json().issues[0].field).toBe('sentOn');
    expect((await bad({ kind: 'carrier_pigeon' })).json().issues[0].field).toBe('kind');
    expect((await bad({ requestedCountry: 'MD' })).json().issues[0].field).toBe('requestedCountry');
    expect(await rowCount('cross_border_requests')).toBe(before);
    for (const outsider of [otherProsecutor, otherPolice]) expect((await outsider.request('POST', `/api/prosecution/investigations/${investigationId}/cross-border-requests`, { kind: 'extradition', direction: 'outgoing', requestingCountry: 'MD', requestedCountry: 'IT', sentOn: '2025-01-01', asks: ['surrender'] })).statusCode).toBe(404);
    for (const nobody of [analyst, caseworker, coordinator]) expect((await nobody.request('GET', `/api/prosecution/operations/${operationId}/cross-border-requests`)).statusCode).toBe(403);

    const list = (await ok(prosecutor, 'GET', `/api/prosecution/operations/${operationId}/cross-border-requests`)).requests;
    const byKind = Object.fromEntries(list.map((r: { kind: string }) => [r.kind, r]));
    expect(byKind.mutual_legal_assistance).toMatchObject({ overdue: true, overdueAfterDays: 90, status: 'sent' });
    expect(byKind.mutual_legal_assistance.elapsedDays).toBeGreaterThan(300);
    expect(byKind.europol_request).toMatchObject({ overdue: false, overdueAfterDays: 30 });
    expect(byKind.europol_request.elapsedDays).toBeGreaterThanOrEqual(4);
    expect((await ok(police, 'GET', `/api/prosecution/operations/${operationId}/cross-border-requests`)).requests).toHaveLength(2);
    expect((await ok(otherProsecutor, 'GET', `/api/prosecution/operations/${operationId}/cross-border-requests`)).requests).toEqual([]);

    const home = await ok(prosecutor, 'GET', '/api/home');
    expect(home.crossBorderOverdue.items.map((i: { reference: string }) => i.reference)).toContain(old.reference);
    expect((await ok(prosecutor, 'GET', '/api/home/counts')).crossBorderOverdue).toBeGreaterThanOrEqual(1);
    expect((await ok(otherProsecutor, 'GET', '/api/home')).crossBorderOverdue.items.map((i: { reference: string }) => i.reference)).not.toContain(old.reference);

    const status = (body: object) => prosecutor.request('POST', `/api/cross-border-requests/${old.id}/status`, body);
    expect((await status({ status: 'answered', on: '2023-12-31' })).json().issues[0]).toEqual({ field: 'on', problem: 'the answer date 2023-12-31 is before the request was sent (2024-01-15)' });
    expect((await status({ status: 'refused', on: '2024-03-01' })).json().issues[0].field).toBe('refusalGrounds');
    expect((await status({ status: 'answered', on: '2024-03-01', refusalGrounds: ['other'] })).json().issues[0].field).toBe('refusalGrounds');
    expect((await status({ status: 'withdrawn', on: '2999-03-01' })).json().issues[0].field).toBe('on');
    expect((await status({ status: 'answered', on: '2024-03-01' })).statusCode).toBe(200);
    expect((await status({ status: 'refused', on: '2024-03-02', refusalGrounds: ['dual_criminality'] })).statusCode).toBe(409);
    const answered = (await ok(prosecutor, 'GET', `/api/prosecution/operations/${operationId}/cross-border-requests`)).requests.find((r: { id: string }) => r.id === old.id);
    expect(answered).toMatchObject({ status: 'answered', answeredOn: '2024-03-01', elapsedDays: 46, overdue: false });
    expect((await ok(prosecutor, 'GET', '/api/home')).crossBorderOverdue.items.map((i: { reference: string }) => i.reference)).not.toContain(old.reference);
  });
});
