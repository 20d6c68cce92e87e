import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';

let t: TestApp;
let caseworker: Client;
let colleague: Client;
let otherNgo: Client;
let shelterCaseworker: Client;
let decisionMaker: Client;
let otherAuthority: Client;
let investigator: Client;
let coordinator: Client;
let authorityId: string;
let shelterId: string;

const key = () => randomUUID();
const post = (client: Client, url: string, body: unknown): Promise<LightMyRequestResponse> => client.request('POST', url, body, { 'idempotency-key': key() });
const put = (client: Client, url: string, body: unknown): Promise<LightMyRequestResponse> => client.request('PATCH', url, body);
async function signedIn(orgId: string, roles: Parameters<typeof insertUser>[2]): Promise<Client> {
  return clientFor(t, await insertUser(t, orgId, roles));
}

beforeAll(async () => {
  t = await createTestApp();
  const ngo = await insertOrganisation(t, 'ngo', ['NORTH']);
  const other = await insertOrganisation(t, 'ngo', ['NORTH']);
  shelterId = await insertOrganisation(t, 'shelter', ['NORTH']);
  authorityId = await insertOrganisation(t, 'competent_authority');
  const secondAuthority = await insertOrganisation(t, 'competent_authority');
  const police = await insertOrganisation(t, 'law_enforcement', ['NORTH']);
  const coordination = await insertOrganisation(t, 'national_coordinator');
  caseworker = await signedIn(ngo, ['caseworker']);
  colleague = await signedIn(ngo, ['supervisor']);
  otherNgo = await signedIn(other, ['caseworker']);
  shelterCaseworker = await signedIn(shelterId, ['caseworker']);
  decisionMaker = await signedIn(authorityId, ['decision_maker']);
  otherAuthority = await signedIn(secondAuthority, ['decision_maker']);
  investigator = await signedIn(police, ['investigator']);
  coordinator = await signedIn(coordination, ['national_coordinator']);
});
afterAll(async () => t.close());

async function openCase(notes = 'Found at the car wash, speaks Tigrinya, afraid of the manager') {
  const response = await post(caseworker, '/api/cases', { person: { pseudonym: 'Selam', jurisdiction: 'NORTH', notes }, countryOfExploitation: 'GB' });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { id: string; reference: string; version: number };
}
const caseVersion = async (id: string) => (await caseworker.request('GET', `/api/cases/${id}`)).json().version as number;
async function consent(id: string, purpose: string, targetOrganisationId?: string, status = 'given') {
  const response = await post(caseworker, `/api/cases/${id}/consents`, { purpose, status, method: 'verbal', ...(targetOrganisationId ? { targetOrganisationId } : {}) });
  expect(response.statusCode, response.body).toBe(200);
}
async function requestDecision(id: string) {
  await consent(id, 'referral', authorityId);
  const response = await post(caseworker, `/api/cases/${id}/decision-requests`, { competentAuthorityId: authorityId, version: await caseVersion(id) });
  expect(response.statusCode, response.body).toBe(200);
}
async function referToShelter(id: string): Promise<string> {
  await consent(id, 'referral', shelterId);
  const response = await post(caseworker, `/api/cases/${id}/referrals`, { toOrganisationId: shelterId, service: 'shelter' });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().id as string;
}

const section = (client: Client, id: string, body: Record<string, unknown>) => put(client, `/api/cases/${id}/profile`, body);
const policeReport = { reported: 'yes', force: 'Kent Police', crimeReference: 'KP/2026/4471', reportedOn: '2026-03-02' };
const communication = { languages: ['ti', 'ar'], interpreterNeeded: 'yes', interpreterLanguage: 'ti' };
const safeContact = { safeChannels: ['phone', 'through_third_party'], phone: '+447700900123', trustedThirdParty: { name: 'Sister Almaz', relationship: 'church' } };

async function fillProfile(id: string) {
  let version = 0;
  for (const [name, value] of [
    ['policeReport', policeReport],
    ['communication', communication],
    ['identityDocuments', { documents: [{ type: 'passport', number: 'ER1234567', issuingCountry: 'ER', heldBy: 'exploiter' }] }],
    ['ageAssessment', { underEighteen: 'not_sure', assessment: 'disputed', safeguardingAuthorityInformed: 'yes', safeguardingAuthority: 'Kent County Council' }],
    ['safeContact', safeContact],
    ['decisionRecipient', { recipient: 'third_party', name: 'Sister Almaz', permissionGiven: true }],
    ['background', { wishesToShare: true, birthCountry: 'ER', birthPlace: 'Keren', education: 'Secondary school' }],
  ] as const) {
    const response = await section(caseworker, id, { section: name, version, value });
    expect(response.statusCode, response.body).toBe(200);
    version = response.json().version as number;
  }
  return version;
}

describe('the referral form beyond identity', () => {
  it('records every section, encrypted at rest, and corrects one with its history', async () => {
    const c = await openCase();
    const version = await fillProfile(c.id);
    const stored = await t.platform.db.selectFrom('person_profiles').selectAll().where('case_id', '=', c.id).executeTakeFirstOrThrow();
    expect(Buffer.from(stored.police_report ?? []).toString('latin1')).not.toContain('KP/2026');
    expect(Buffer.from(stored.identity_documents ?? []).toString('latin1')).not.toContain('ER1234567');

    const corrected = await section(colleague, c.id, { section: 'policeReport', version, value: { ...policeReport, crimeReference: 'KP/2026/4472' } });
    expect(corrected.statusCode, corrected.body).toBe(200);
    const view = (await caseworker.request('GET', `/api/cases/${c.id}/profile`)).json();
    expect(view.policeReport.crimeReference).toBe('KP/2026/4472');
    expect(view.identityDocuments.documents[0]).toEqual({ type: 'passport', number: 'ER1234567', issuingCountry: 'ER', heldBy: 'exploiter' });
    expect(view.history).toHaveLength(1);
    expect(view.history[0]).toMatchObject({ section: 'policeReport', earlierValue: { crimeReference: 'KP/2026/4471' } });
    expect(typeof view.history[0].changedByName).toBe('string');

    // A stale version is refused and changes nothing.
    const stale = await section(caseworker, c.id, { section: 'policeReport', version, value: null });
    expect(stale.statusCode).toBe(409);
    const actions = await t.platform.db.selectFrom('audit_log').select('action').where('record_id', '=', c.id).execute();
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['person_profile.update', 'person_profile.read']));
  });

  it('two first recordings at once: one is saved, the other told to reload', async () => {
    const c = await openCase();
    const both = await Promise.all([
      section(caseworker, c.id, { section: 'communication', version: 0, value: communication }),
      section(colleague, c.id, { section: 'policeReport', version: 0, value: policeReport }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect((await caseworker.request('GET', `/api/cases/${c.id}/profile`)).json().version).toBe(1);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const c = await openCase();
    const bad = async (body: Record<string, unknown>, field: string) => {
      const response = await section(caseworker, c.id, { version: 0, ...body });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().issues.map((i: { field: string }) => i.field)).toContain(field);
    };
    await bad({ section: 'identityDocuments', value: { documents: [{ type: 'passport', issuingCountry: 'QQ' }] } }, 'value.documents.0.issuingCountry');
    await bad({ section: 'identityDocuments', value: { documents: [{ type: 'driving_licence' }] } }, 'value.documents.0.type');
    await bad({ section: 'communication', value: { languages: ['zz'], interpreterNeeded: 'no' } }, 'value.languages.0');
    await bad({ section: 'policeReport', value: { reported: 'yes', reportedOn: '2999-01-01' } }, 'value.reportedOn');
    await bad({ section: 'ageAssessment', value: { underEighteen: 'maybe', assessment: 'assessed', safeguardingAuthorityInformed: 'no' } }, 'value.underEighteen');
    await bad({ section: 'decisionRecipient', value: { recipient: 'third_party', name: 'A friend' } }, 'value.permissionGiven');
    await bad({ section: 'background', value: { wishesToShare: true, birthCountry: 'XX' } }, 'value.birthCountry');
    await bad({ section: 'nothing', value: {} }, 'section');
    expect(await t.platform.db.selectFrom('person_profiles').select('case_id').where('case_id', '=', c.id).executeTakeFirst()).toBeUndefined();
  });

  it('shows each side only what the field policy grants', async () => {
    const c = await openCase();
    await fillProfile(c.id);
    const status = async (client: Client, path = 'profile') => (await client.request('GET', `/api/cases/${c.id}/${path}`)).statusCode;
    // Nobody outside the case: another organisation, an authority never asked, law enforcement without consent, the coordinator.
    for (const client of [otherNgo, otherAuthority, investigator, coordinator, shelterCaseworker, decisionMaker]) {
      // 404 (the case is not theirs) or, for a role no rule could ever allow, 403 before any case is read.
      for (const path of ['profile', 'intake', 'screenings']) expect([403, 404], path).toContain(await status(client, path));
    }
    // Law enforcement, once the person consents to it: the police report, nothing else.
    await consent(c.id, 'law_enforcement');
    const police = await investigator.request('GET', `/api/cases/${c.id}/profile`);
    expect(police.statusCode).toBe(200);
    expect(Object.keys(police.json()).sort()).toEqual(['caseId', 'history', 'policeReport']);
    expect(police.body).not.toContain('+447700900123');
    expect(await status(investigator, 'intake')).toBe(404);
    expect(await status(investigator, 'screenings')).toBe(404);
    // Law enforcement cannot write.
    expect((await section(investigator, c.id, { section: 'policeReport', version: 7, value: null })).statusCode).toBe(404);

    // A receiver before acceptance sees none of it; after acceptance, the communication needs only.
    const referralId = await referToShelter(c.id);
    expect(await status(shelterCaseworker)).toBe(404);
    expect(await status(shelterCaseworker, 'intake')).toBe(404);
    const accepted = await post(shelterCaseworker, `/api/referrals/${referralId}/accept`, {});
    expect(accepted.statusCode, accepted.body).toBe(200);
    const shelterView = await shelterCaseworker.request('GET', `/api/cases/${c.id}/profile`);
    expect(shelterView.statusCode).toBe(200);
    expect(Object.keys(shelterView.json()).sort()).toEqual(['caseId', 'communication', 'history']);
    expect(await status(shelterCaseworker, 'intake')).toBe(404);
    expect(await status(shelterCaseworker, 'screenings')).toBe(404);

    // The competent authority, once the decision is requested with the person's consent: the decision file.
    await requestDecision(c.id);
    const authority = (await decisionMaker.request('GET', `/api/cases/${c.id}/profile`)).json();
    expect(authority.safeContact.trustedThirdParty.name).toBe('Sister Almaz');
    expect(authority.decisionRecipient.recipient).toBe('third_party');
    expect((await decisionMaker.request('GET', `/api/cases/${c.id}/intake`)).json().notes).toContain('car wash');
    expect(await status(otherAuthority)).toBe(404);
    // It reads, but does not correct.
    expect([403, 404]).toContain((await section(decisionMaker, c.id, { section: 'policeReport', version: 1, value: null })).statusCode);
    const denied = await t.platform.db.selectFrom('audit_log').select(['action', 'outcome']).where('record_id', '=', c.id).where('outcome', '=', 'denied').execute();
    expect(denied.length).toBeGreaterThan(0);
  });
});

describe('the intake, shown again and corrected', () => {
  it('shows the notes and country of exploitation, corrects them with history, refuses an unknown country', async () => {
    const c = await openCase();
    const intake = (await caseworker.request('GET', `/api/cases/${c.id}/intake`)).json();
    expect(intake).toMatchObject({ notes: expect.stringContaining('car wash'), countryOfExploitation: 'GB', history: [] });
    const unknown = await put(caseworker, `/api/cases/${c.id}/intake`, { version: intake.version, countryOfExploitation: 'QZ' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().issues[0].field).toBe('countryOfExploitation');
    const malformed = await put(caseworker, `/api/cases/${c.id}/intake`, { version: intake.version, countryOfExploitation: 'gbr' });
    expect(malformed.statusCode).toBe(400);
    const corrected = await put(caseworker, `/api/cases/${c.id}/intake`, { version: intake.version, notes: 'Found at the hand car wash in Ashford', countryOfExploitation: 'IE' });
    expect(corrected.statusCode, corrected.body).toBe(200);
    const after = (await caseworker.request('GET', `/api/cases/${c.id}/intake`)).json();
    expect(after.notes).toBe('Found at the hand car wash in Ashford');
    expect(after.countryOfExploitation).toBe('IE');
    expect(after.history.map((h: { section: string; earlierValue: unknown }) => [h.section, h.earlierValue])).toEqual([
      ['intakeNotes', 'Found at the car wash, speaks Tigrinya, afraid of the manager'],
      ['countryOfExploitation', 'GB'],
    ]);
    const stale = await put(caseworker, `/api/cases/${c.id}/intake`, { version: intake.version, notes: 'x' });
    expect(stale.statusCode).toBe(409);
    expect((await put(otherNgo, `/api/cases/${c.id}/intake`, { version: after.version, notes: 'x' })).statusCode).toBe(404);
  });
});

describe('screenings read back and the decision file', () => {
  it('reads the answers back with the methods of control they suggest, and the decision records what it relied on', async () => {
    const c = await openCase();
    const screened = await post(caseworker, `/api/cases/${c.id}/screenings`, {
      checklistCode: 'ilo_forced_labour',
      checklistVersion: 1,
      answers: { retention_of_identity_documents: 'present', debt_bondage: 'present', isolation: 'unknown', deception: 'absent' },
      notes: 'Passport kept by the manager',
    });
    expect(screened.statusCode, screened.body).toBe(200);
    const own = (await caseworker.request('GET', `/api/cases/${c.id}/screenings`)).json();
    expect(own.screenings).toHaveLength(1);
    expect(own.screenings[0].answers.find((a: { item: string }) => a.item === 'debt_bondage').answer).toBe('present');
    expect(own.screenings[0].notes).toBe('Passport kept by the manager');
    expect(own.suggestedMethodsOfControl.map((m: { method: string }) => m.method)).toEqual(['DebtBondage', 'WithholdsDocuments']);

    await requestDecision(c.id);
    const file = (await decisionMaker.request('GET', `/api/cases/${c.id}/screenings`)).json();
    expect(file.screenings[0].answers.length).toBe(4);
    const caseVersionSeen = (await decisionMaker.request('GET', `/api/cases/${c.id}`)).json().version as number;
    const badDocument = await post(decisionMaker, `/api/cases/${c.id}/decisions`, {
      kind: 'reasonable_grounds', outcome: 'positive', reason: 'Documents withheld and a debt', version: caseVersionSeen, reliedOn: ['screening'], reliedOnDocumentIds: [randomUUID()],
    });
    expect(badDocument.statusCode).toBe(400);
    expect(badDocument.json().issues[0].field).toBe('reliedOnDocumentIds.0');
    const unknownPart = await post(decisionMaker, `/api/cases/${c.id}/decisions`, {
      kind: 'reasonable_grounds', outcome: 'positive', reason: 'Documents withheld and a debt', version: caseVersionSeen, reliedOn: ['rumour'],
    });
    expect(unknownPart.statusCode).toBe(400);
    const decided = await post(decisionMaker, `/api/cases/${c.id}/decisions`, {
      kind: 'reasonable_grounds', outcome: 'positive', reason: 'Documents withheld and a debt', version: caseVersionSeen, reliedOn: ['screening', 'intake', 'referral_form'],
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const stored = await t.platform.db.selectFrom('status_decisions').select(['relied_on', 'relied_on_documents']).where('case_id', '=', c.id).executeTakeFirstOrThrow();
    expect(stored.relied_on).toEqual(['screening', 'intake', 'referral_form']);
    expect(stored.relied_on_documents).toEqual([]);
    const reads = await t.platform.db.selectFrom('audit_log').select(['purpose']).where('record_id', '=', c.id).where('action', '=', 'case.screenings_read').where('actor_user_id', '=', decisionMaker.userId).execute();
    expect(reads.map((r) => r.purpose)).toEqual(['identification_decision']);
  });

  it('closes the decision file to the authority once the person withdraws consent to the referral', async () => {
    const c = await openCase();
    await fillProfile(c.id);
    await requestDecision(c.id);
    for (const path of ['profile', 'intake', 'screenings']) expect((await decisionMaker.request('GET', `/api/cases/${c.id}/${path}`)).statusCode, path).toBe(200);
    await consent(c.id, 'referral', authorityId, 'withdrawn');
    for (const path of ['profile', 'intake', 'screenings']) expect((await decisionMaker.request('GET', `/api/cases/${c.id}/${path}`)).statusCode, path).toBe(404);
  });

  it('relies on a document only when it is attached to the case for the decision', async () => {
    const c = await openCase();
    await requestDecision(c.id);
    const caseRow = await t.platform.db.selectFrom('cases').select(['managing_organisation_id']).where('id', '=', c.id).executeTakeFirstOrThrow();
    const uploader = await t.platform.db.selectFrom('users').select('id').where('organisation_id', '=', caseRow.managing_organisation_id).executeTakeFirstOrThrow();
    const attach = async (forDecision: boolean) => {
      const id = randomUUID();
      await t.platform.db.insertInto('case_documents').values({
        id, case_id: c.id, document_type: 'identity_document', media_type: 'application/pdf', file_name: t.platform.cipher.encrypt('scan.pdf', `case_documents.file_name:${id}`),
        byte_size: 9, chunk_count: 1, for_decision: forDecision, uploaded_by: uploader.id, organisation_id: caseRow.managing_organisation_id,
      }).execute();
      return id;
    };
    const forDecision = await attach(true);
    const notForDecision = await attach(false);
    const version = (await decisionMaker.request('GET', `/api/cases/${c.id}`)).json().version as number;
    const body = (ids: string[]) => ({ kind: 'reasonable_grounds', outcome: 'negative', reason: 'The account does not show the means', version, reliedOn: ['account'], reliedOnDocumentIds: ids });
    const refused = await post(decisionMaker, `/api/cases/${c.id}/decisions`, body([forDecision, notForDecision]));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().issues[0].field).toBe('reliedOnDocumentIds.1');
    expect(await t.platform.db.selectFrom('status_decisions').select('id').where('case_id', '=', c.id).executeTakeFirst()).toBeUndefined();
    const decided = await post(decisionMaker, `/api/cases/${c.id}/decisions`, body([forDecision]));
    expect(decided.statusCode, decided.body).toBe(200);
    const stored = await t.platform.db.selectFrom('status_decisions').select(['relied_on', 'relied_on_documents']).where('case_id', '=', c.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ relied_on: ['account', 'documents'], relied_on_documents: [forDecision] });
  });
});
