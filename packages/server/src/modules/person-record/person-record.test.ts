import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles, type Role } from '@palermo/contracts';
import type { LightMyRequestResponse } from 'fastify';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';
import { pdfText } from '../../platform/pdf/pdf-text.test-support.js';
import { addRecord, needs, openCase, post, shareForReferral } from '../case-record/case-record.test-support.js';

let t: TestApp;
let ngoId: string;
let shelterId: string;
let caseworker: Client;
let caseworkerName: string;
let supervisor: Client;
let kase: { id: string; reference: string };
/** One client per role, in the holding organisation where the role can be held there, else in an organisation of its kind. */
const everyRole = new Map<Role, Client>();

const person = {
  givenName: 'ليلى',
  familyName: 'Haddad',
  pseudonym: 'Rose',
  birthDate: '1999-04-02',
  phone: '+447700900123',
  notes: 'قالت إنها عملت في مصنع دون أجر',
};

/** The document's text with line breaks as spaces (a long title wraps). */
const text = async (response: LightMyRequestResponse) => (await pdfText(response.rawPayload)).replace(/\s+/g, ' ');

function expectPdfDownload(response: LightMyRequestResponse): void {
  expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
  expect(response.headers['content-type']).toBe('application/pdf');
  expect(response.headers['content-disposition']).toMatch(/^attachment; filename="[a-z-]+-C-\d{4}-/);
  expect(response.headers['cache-control']).toBe('no-store');
  expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
}

const auditActions = async (action: string) =>
  t.platform.db.selectFrom('audit_log').select(['action', 'outcome', 'summary', 'purpose']).where('action', '=', action).execute();

beforeAll(async () => {
  t = await createTestApp();
  ngoId = await insertOrganisation(t, 'ngo', ['NORTH']);
  shelterId = await insertOrganisation(t, 'shelter', ['NORTH']);
  const otherNgo = await insertOrganisation(t, 'ngo', ['NORTH']);
  const authority = await insertOrganisation(t, 'competent_authority');
  const police = await insertOrganisation(t, 'law_enforcement', ['NORTH']);
  const prosecution = await insertOrganisation(t, 'prosecutor');
  const coordination = await insertOrganisation(t, 'national_coordinator');
  const rapporteur = await insertOrganisation(t, 'national_rapporteur');
  const caseworkerUser = await insertUser(t, ngoId, ['caseworker']);
  caseworkerName = (await t.platform.db.selectFrom('users').select('display_name').where('id', '=', caseworkerUser.id).executeTakeFirstOrThrow()).display_name;
  caseworker = await clientFor(t, caseworkerUser);
  supervisor = await clientFor(t, await insertUser(t, ngoId, ['supervisor']));
  const organisationOf: Record<Role, string> = {
    national_admin: coordination,
    organisation_admin: ngoId,
    caseworker: ngoId,
    supervisor: otherNgo,
    investigator: police,
    decision_maker: authority,
    prosecutor: prosecution,
    national_coordinator: coordination,
    national_rapporteur: rapporteur,
    court_clerk: await insertOrganisation(t, 'court'),
    analyst: police,
    civil_society: otherNgo,
  };
  for (const role of roles) everyRole.set(role, await clientFor(t, await insertUser(t, organisationOf[role], [role])));

  kase = await openCase(caseworker, person);
  await shareForReferral(t, kase.id, shelterId, caseworkerUser.id);
  await addRecord(caseworker, kase.id, { kind: 'counselling_note', notes: 'She spoke about the night she escaped' });
  await addRecord(caseworker, kase.id, needs([['psychosocial', 'high', true]]));
  // Reads that the answer must list: the caseworker's organisation and role, never her name.
  expect((await caseworker.request('GET', `/api/cases/${kase.id}`)).statusCode).toBe(200);
});
afterAll(async () => t.close());

describe('subject access request', () => {
  it('gives a supervisor of the holding organisation everything held, in English, as a download, recorded and audited', async () => {
    const response = await supervisor.request('POST', `/api/cases/${kase.id}/subject-access`, { language: 'en', receivedOn: '2026-01-05' });
    expectPdfDownload(response);
    const read = await text(response);
    expect(read).toContain('Your personal data: everything held about you');
    expect(read).toContain('answers your request of 2026-01-05');
    for (const value of [person.givenName, person.familyName, person.pseudonym, person.birthDate, person.phone, person.notes]) expect(read).toContain(value);
    expect(read).toContain(`Case ${kase.reference}`);
    expect(read).toContain('She spoke about the night she escaped');
    // Who holds it (the shelter received a share) and who read it: organisation and role, never the staff name.
    expect(read).toContain('Organisations that hold your data');
    expect(read).toMatch(/received part of your case/);
    expect(read).toMatch(/UTC · .+ · Caseworker · Case viewed/);
    expect(read).not.toContain(caseworkerName);
    const requests = await t.platform.db.selectFrom('data_subject_requests').selectAll().where('case_id', '=', kase.id).where('kind', '=', 'access').execute();
    expect(requests.map((r) => [r.outcome, r.answer_language])).toEqual([['done', 'en']]);
    const entries = await auditActions('data_request.subject_access');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ outcome: 'allowed', purpose: 'data_protection' });
    expect(entries[0]?.summary).not.toContain(person.familyName);
  });

  it('writes it in Arabic when Arabic is chosen: labels in Arabic, free text as entered, joined and in order', async () => {
    const response = await supervisor.request('POST', `/api/cases/${kase.id}/subject-access`, { language: 'ar' });
    expectPdfDownload(response);
    const read = await text(response);
    expect(read).toContain('بياناتك الشخصية: كل ما هو محفوظ عنك');
    expect(read).toContain('الجهات التي تحفظ بياناتك');
    expect(read).toContain(person.notes);
    expect(read).toContain(person.givenName);
    expect(read).toContain('مسؤول حالة');
    expect(read).not.toContain('Your personal data');
    // The case record's codes and keys in Arabic words, not as stored.
    expect(read).toContain('الدعم النفسي والاجتماعي');
    expect(read).toContain('عاجل');
    for (const stored of ['psychosocial', 'Needs', 'Domain', 'Urgent']) expect(read).not.toContain(stored);
    // The earlier answer is listed among her requests, in Arabic.
    expect(read).toContain('طلب الاطلاع على بياناتها');
  });

  it('is refused to every other role and organisation, and a refusal on the case is audited', async () => {
    for (const [role, client] of everyRole) {
      const response = await client.request('POST', `/api/cases/${kase.id}/subject-access`, { language: 'en' });
      expect([403, 404], `${role}: ${response.statusCode}`).toContain(response.statusCode);
      expect(response.headers['content-type']).not.toBe('application/pdf');
      const list = await client.request('GET', `/api/cases/${kase.id}/data-requests`);
      expect([403, 404], `${role} list`).toContain(list.statusCode);
    }
    const denied = (await auditActions('data_request.subject_access')).filter((e) => e.outcome === 'denied');
    expect(denied.length).toBeGreaterThan(0); // the other organisation's supervisor
  });

  it('refuses a language outside the installation and a request received in the future, naming the field', async () => {
    const before = await t.platform.db.selectFrom('data_subject_requests').select('id').execute();
    const language = await supervisor.request('POST', `/api/cases/${kase.id}/subject-access`, { language: 'de' });
    expect(language.statusCode).toBe(400);
    expect(language.json().issues[0].field).toBe('language');
    const future = await supervisor.request('POST', `/api/cases/${kase.id}/subject-access`, { language: 'en', receivedOn: '2999-01-01' });
    expect(future.statusCode).toBe(400);
    expect(future.json().issues[0]).toMatchObject({ field: 'receivedOn', problem: 'must not be in the future' });
    expect(await t.platform.db.selectFrom('data_subject_requests').select('id').execute()).toHaveLength(before.length);
  });
});

describe('requests to correct or erase', () => {
  it('records a request in her words, lists it, answers it once in French, and the answer can be printed again', async () => {
    const recorded = await post(supervisor, `/api/cases/${kase.id}/data-requests`, { kind: 'correction', details: 'Ma date de naissance est le 3 avril', receivedOn: '2026-02-01' });
    expect(recorded.statusCode, recorded.body).toBe(200);
    const { id } = recorded.json<{ id: string }>();
    const stored = await t.platform.db.selectFrom('data_subject_requests').select('details').where('id', '=', id).executeTakeFirstOrThrow();
    expect(Buffer.from(stored.details ?? []).includes(Buffer.from('naissance'))).toBe(false); // encrypted at rest

    const list = await supervisor.request('GET', `/api/cases/${kase.id}/data-requests`);
    expect(list.statusCode).toBe(200);
    expect(list.json().requests.find((r: { id: string }) => r.id === id)).toMatchObject({ kind: 'correction', receivedOn: '2026-02-01', outcome: null });
    expect(list.body).not.toContain('naissance');

    const answered = await post(supervisor, `/api/cases/${kase.id}/data-requests/${id}/answer`, { outcome: 'done', answer: 'Nous avons corrigé la date.', language: 'fr' });
    expectPdfDownload(answered);
    const read = await text(answered);
    expect(read).toContain('Réponse à votre demande de rectification de vos données');
    expect(read).toContain('Ma date de naissance est le 3 avril');
    expect(read).toContain('Nous avons corrigé la date.');
    expect(read).toContain('Fait');

    const again = await post(supervisor, `/api/cases/${kase.id}/data-requests/${id}/answer`, { outcome: 'refused', answer: 'Non', language: 'en' });
    expect(again.statusCode).toBe(409);
    const reprint = await supervisor.request('GET', `/api/cases/${kase.id}/data-requests/${id}/answer`);
    expectPdfDownload(reprint);
    expect(await text(reprint)).toContain('Nous avons corrigé la date.');
    expect((await auditActions('data_request.record')).length).toBe(1);
    expect((await auditActions('data_request.answer')).map((e) => e.purpose)).toEqual(['data_protection']);
  });

  it('refuses an empty request and an unknown outcome, naming the field, and stores nothing', async () => {
    const before = (await t.platform.db.selectFrom('data_subject_requests').select('id').execute()).length;
    const empty = await post(supervisor, `/api/cases/${kase.id}/data-requests`, { kind: 'erasure', details: '   ', receivedOn: '2026-02-01' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().issues.map((i: { field: string }) => i.field)).toEqual(['details']);
    const access = await post(supervisor, `/api/cases/${kase.id}/data-requests`, { kind: 'access', details: 'x', receivedOn: '2026-02-01' });
    expect(access.statusCode).toBe(400);
    expect((await t.platform.db.selectFrom('data_subject_requests').select('id').execute()).length).toBe(before);
  });

  it('a caseworker of the holding organisation cannot record or answer (the supervisor answers for the organisation)', async () => {
    const response = await post(caseworker, `/api/cases/${kase.id}/data-requests`, { kind: 'erasure', details: 'Effacez mon adresse', receivedOn: '2026-02-01' });
    expect(response.statusCode).toBe(403);
  });
});

describe('printed from the case', () => {
  it('a summary for a referral meeting carries only what a receiver of the service may see', async () => {
    const food = await caseworker.request('GET', `/api/cases/${kase.id}/meeting-summary?language=en&service=food`);
    expectPdfDownload(food);
    const read = await text(food);
    expect(read).toContain('Case summary for a referral meeting');
    expect(read).toContain(person.pseudonym);
    for (const hidden of [person.givenName, person.familyName, person.phone, person.birthDate, person.notes, 'She spoke about']) expect(read).not.toContain(hidden);

    const medical = await text(await caseworker.request('GET', `/api/cases/${kase.id}/meeting-summary?language=ar&service=medical`));
    expect(medical).toContain('ملخص الملف لاجتماع إحالة');
    expect(medical).toContain(person.givenName);
    expect(medical).toContain(person.birthDate);
    expect(medical).not.toContain(person.phone);
    expect((await auditActions('case.print_meeting_summary')).filter((e) => e.outcome === 'allowed')).toHaveLength(2);
  });

  it('the filled referral form carries the intake, her account and the referral-form sections', async () => {
    const statement = await caseworker.request('PUT', `/api/cases/${kase.id}/account/statement`, {
      personAccount: { state: 'known', value: 'They took my passport at the border' },
      responderReasons: { state: 'known', value: 'Debt bondage and confiscated documents' },
    });
    expect(statement.statusCode, statement.body).toBe(200);
    const police = await caseworker.request('PATCH', `/api/cases/${kase.id}/profile`, { section: 'policeReport', version: 0, value: { reported: 'yes', force: 'Northern Police', crimeReference: 'CR-2026-77' } });
    expect(police.statusCode, police.body).toBe(200);
    const situation = await post(caseworker, `/api/cases/${kase.id}/account/situations`, { forms: { state: 'known', value: ['ForcedLabour'] }, ongoing: { state: 'declined' } });
    expect(situation.statusCode, situation.body).toBe(200);
    const exploiter = await post(caseworker, `/api/cases/${kase.id}/account/exploiters`, { kind: 'person', pseudonym: 'The foreman', roles: { state: 'known', value: ['Recruiter'] } });
    expect(exploiter.statusCode, exploiter.body).toBe(200);
    const languages = await caseworker.request('PATCH', `/api/cases/${kase.id}/profile`, { section: 'communication', version: 1, value: { languages: ['ti'], interpreterNeeded: 'yes', interpreterLanguage: 'ti' } });
    expect(languages.statusCode, languages.body).toBe(200);

    const form = await caseworker.request('GET', `/api/cases/${kase.id}/referral-form?language=en`);
    expectPdfDownload(form);
    const read = await text(form);
    expect(read).toContain('Referral form');
    expect(read).toContain(person.givenName);
    expect(read).toContain(person.notes);
    expect(read).toContain('They took my passport at the border');
    expect(read).toContain('Debt bondage and confiscated documents');
    expect(read).toContain('CR-2026-77');
    expect(read).toContain('Northern Police');
    // Codes in words: the language by name, the answer as a word.
    expect(read).toContain('Tigrinya');
    expect(read).not.toMatch(/\bti\b/);

    const arabic = await text(await caseworker.request('GET', `/api/cases/${kase.id}/referral-form?language=ar`));
    expect(arabic).toContain('استمارة الإحالة');
    expect(arabic).toContain('البلاغ إلى الشرطة');
    expect(arabic).toContain('نعم');
    // The exploitation situation and the exploiter, their codes in Arabic words, her refusal to answer said so.
    expect(arabic).toContain('العمل القسري');
    expect(arabic).toContain('لم ترغب في الإجابة');
    expect(arabic).toContain('The foreman');
    expect(arabic).toContain('مجنِّد');
    for (const code of ['ForcedLabour', 'Recruiter', 'declined']) expect(arabic).not.toContain(code);
  });

  it('neither is printed for a receiver, a decision maker, law enforcement or the national roles', async () => {
    const shelter = await clientFor(t, await insertUser(t, shelterId, ['caseworker']));
    for (const [who, client] of [['shelter', shelter], ...[...everyRole].filter(([role]) => !['caseworker'].includes(role))] as Array<[string, Client]>) {
      for (const url of [`/api/cases/${kase.id}/meeting-summary?service=medical`, `/api/cases/${kase.id}/referral-form`]) {
        const response = await client.request('GET', url);
        expect([403, 404], `${who} ${url}: ${response.statusCode}`).toContain(response.statusCode);
      }
    }
  });
});
