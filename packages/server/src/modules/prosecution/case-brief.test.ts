import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sherlocBrief } from '@palermo/contracts';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';
import { pdfText } from '../../platform/pdf/pdf-text.test-support.js';

let t: TestApp;
let police: Client;
let prosecutor: Client;
let otherProsecutor: Client;
let analyst: Client;
let clerk: Client;
let caseworker: Client;
let coordinator: Client;
let officeId: string;
let courtId: string;

/** Real names seeded into every identity field the records hold; none may leave in a brief. */
const secrets = {
  suspectGiven: 'Grigore', suspectFamily: 'Munteanu', suspectAlias: 'Grisha', suspectNumber: '2001234567890', pseudonym: 'Lupaciu',
  secondGiven: 'Svetlana', secondFamily: 'Ceban', secondPseudonym: 'Matusha',
  victimGiven: 'Elena', victimFamily: 'Rusu', placeName: 'Ferma lui Vasile Ciobanu', operationName: 'Operatiunea Zamfirescu',
  investigationTitle: 'Dosarul Bejenaru', assetDescription: 'Cont al lui Ion Popescu',
};

beforeAll(async () => {
  t = await createTestApp();
  const agency = await insertOrganisation(t, 'law_enforcement', ['NORTH']);
  officeId = await insertOrganisation(t, 'prosecutor');
  courtId = await insertOrganisation(t, 'court');
  police = await clientFor(t, await insertUser(t, agency, ['investigator']));
  prosecutor = await clientFor(t, await insertUser(t, officeId, ['prosecutor']));
  otherProsecutor = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'prosecutor'), ['prosecutor']));
  analyst = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'law_enforcement'), ['analyst']));
  clerk = await clientFor(t, await insertUser(t, courtId, ['court_clerk']));
  caseworker = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'ngo', ['NORTH']), ['caseworker']));
  coordinator = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'national_coordinator'), ['national_coordinator']));
}, 300_000);
afterAll(async () => t.close());

async function ok(client: Client, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, headers?: Record<string, string>) {
  const response = await client.request(method, url, body, headers);
  expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(200);
  return response.json();
}
const text = async (response: LightMyRequestResponse) => (await pdfText(response.rawPayload)).replace(/\s+/g, ' ');

/**
 * An operation through the pipeline: two suspects with identities, a downgraded conviction, an appeal, a conviction
 * of the offence charged (the second defendant), a consenting victim with compensation.
 */
async function seedCase() {
  const op = await ok(police, 'POST', '/api/prosecution/operations', {
    name: secrets.operationName, origin: 'labour_inspection', approach: 'reactive', formsOfExploitation: ['ForcedLabour'],
    places: [{ stage: 'recruitment', country: 'MD', place: secrets.placeName }, { stage: 'exploitation', country: 'IT' }], agencyOrganisationIds: [],
    protocol: { acts: ['recruitment', 'harbouring'], means: ['deception'], purposes: ['forced_labour'] }, startedOn: '2023-04-01',
  });
  const inv = await ok(police, 'POST', `/api/prosecution/operations/${op.id}/investigations`, { title: secrets.investigationTitle, origin: 'labour_inspection', approach: 'reactive', openedOn: '2023-04-02' });
  await ok(police, 'POST', `/api/prosecution/investigations/${inv.id}/referral`, { prosecutionOfficeId: officeId, referredOn: '2023-05-01' });
  const first = await ok(police, 'POST', `/api/prosecution/operations/${op.id}/suspects`, {
    investigationId: inv.id, pseudonym: secrets.pseudonym, roles: ['recruiter', 'exploiter'], sex: 'male', citizenships: ['MD'], ageAtOffence: 44,
    identity: { givenName: secrets.suspectGiven, familyName: secrets.suspectFamily, aliases: [secrets.suspectAlias], birthDate: '1979-02-03', identityNumber: secrets.suspectNumber },
  });
  const second = await ok(police, 'POST', `/api/prosecution/operations/${op.id}/suspects`, {
    investigationId: inv.id, pseudonym: secrets.secondPseudonym, roles: ['money_manager'], sex: 'female', citizenships: ['RO'],
    identity: { givenName: secrets.secondGiven, familyName: secrets.secondFamily },
  });
  const step = (client: Client, body: Record<string, unknown>) => ok(client, 'POST', `/api/prosecution/suspects/${first.id}/steps`, body);
  await step(police, { kind: 'arrest', occurredOn: '2023-04-10' });
  const charge = await step(prosecutor, { kind: 'charge', occurredOn: '2023-05-10', provision: 'Criminal Code art. 165', category: 'trafficking' });
  await step(prosecutor, { kind: 'prosecution', occurredOn: '2023-06-01', courtOrganisationId: courtId });
  const verdict = await step(clerk, { kind: 'verdict', occurredOn: '2023-11-01', chargeId: charge.id, outcome: 'convicted', convictedProvision: 'Criminal Code art. 362', convictedCategory: 'smuggling' });
  await step(clerk, { kind: 'sentence', occurredOn: '2023-11-01', custodialMonths: 30, suspended: false, fineAmount: 2000, currency: 'EUR' });
  const appeal = await step(prosecutor, { kind: 'appeal', occurredOn: '2023-11-20', verdictId: verdict.id, appellant: 'prosecution' });
  await step(clerk, { kind: 'appeal_decision', occurredOn: '2024-03-01', appealId: appeal.id, outcome: 'upheld' });
  await step(clerk, { kind: 'assets_confiscated', occurredOn: '2024-03-01', amount: 10000, currency: 'EUR', description: secrets.assetDescription });
  await step(clerk, { kind: 'compensation_paid', occurredOn: '2024-06-01', amount: 4000, currency: 'EUR' });
  // The second defendant: convicted of the offence charged (not downgraded).
  const secondStep = (client: Client, body: Record<string, unknown>) => ok(client, 'POST', `/api/prosecution/suspects/${second.id}/steps`, body);
  const secondCharge = await secondStep(prosecutor, { kind: 'charge', occurredOn: '2023-05-20', provision: 'Criminal Code art. 165', category: 'trafficking' });
  await secondStep(prosecutor, { kind: 'prosecution', occurredOn: '2023-06-05', courtOrganisationId: courtId });
  await secondStep(clerk, { kind: 'verdict', occurredOn: '2023-11-05', chargeId: secondCharge.id, outcome: 'convicted' });

  const opened = await ok(caseworker, 'POST', '/api/cases', { person: { givenName: secrets.victimGiven, familyName: secrets.victimFamily, birthDate: '1995-04-04', gender: 'Feminine' } }, { 'idempotency-key': randomUUID() });
  await ok(caseworker, 'POST', `/api/cases/${opened.id}/consents`, { purpose: 'law_enforcement', status: 'given', method: 'verbal' }, { 'idempotency-key': randomUUID() });
  const victim = await ok(caseworker, 'POST', `/api/cases/${opened.id}/proceedings`, { investigationId: inv.id, suspectId: first.id, standing: 'witness', linkedOn: '2023-06-10' });
  await ok(caseworker, 'POST', `/api/proceedings/victims/${victim.id}/compensation`, { route: 'criminal_proceedings', claimedOn: '2023-07-01', currency: 'EUR', amountOrdered: 500000, orderedOn: '2023-11-01', amountPaid: 200000, paidOn: '2024-06-01' });
  return { operationId: op.id as string, reference: op.reference as string };
}

const briefText = {
  caseName: 'Prosecutor v. G.M. and another', caseNumber: '1-45/2023', country: 'MD', status: 'approved_for_publication',
  factSummary: 'Workers were recruited with false promises of farm work abroad.\nTheir documents were taken on arrival.', commentary: 'The court convicted of a lesser offence than charged.',
};

describe("an operation's case brief in SHERLOC's fields, identities removed", () => {
  let operationId: string;
  let reference: string;
  beforeAll(async () => {
    ({ operationId, reference } = await seedCase());
    await ok(prosecutor, 'PUT', `/api/prosecution/operations/${operationId}/case-brief/text`, briefText);
  }, 300_000);

  it("holds SHERLOC's fields from the records, the downgrade visible, victims counted and compensation totalled", async () => {
    const brief = sherlocBrief.parse(await ok(prosecutor, 'GET', `/api/prosecution/operations/${operationId}/case-brief`));
    expect(brief).toMatchObject({
      reference, caseName: briefText.caseName, caseNumber: briefText.caseNumber, country: 'MD', years: [2023, 2024], formsOfExploitation: ['ForcedLabour'],
      protocol: { acts: ['recruitment', 'harbouring'], means: ['deception'], purposes: ['forced_labour'] },
      countries: [{ stage: 'recruitment', country: 'MD' }, { stage: 'exploitation', country: 'IT' }],
      legalProvisions: [{ provision: 'Criminal Code art. 165', category: 'trafficking' }],
      victims: { total: 1, bySex: [{ sex: 'female', count: 1 }], byAgeGroup: [{ ageGroup: 'adult', count: 1 }] },
      compensation: { ordered: [{ currency: 'EUR', amount: 500000 }], paid: [{ currency: 'EUR', amount: 200000 }], assetsConfiscated: [{ currency: 'EUR', amount: 10000 }], assetsPaidAsCompensation: [{ currency: 'EUR', amount: 4000 }] },
      text: { factSummary: briefText.factSummary, commentary: briefText.commentary, status: 'approved_for_publication' },
    });
    expect(brief.courts.map((c) => c.level)).toEqual(['first_instance', 'appeal']);
    expect(brief.dates).toMatchObject({ operationStarted: '2023-04-01', firstCharge: '2023-05-10', firstProsecution: '2023-06-01', firstVerdict: '2023-11-01', lastDecision: '2024-03-01' });
    expect(brief.defendants.map((d) => d.label)).toEqual(['D1', 'D2']);
    const [d1] = brief.defendants;
    expect(d1).toMatchObject({ sex: 'male', ageAtOffence: 44, citizenships: ['MD'], roles: ['recruiter', 'exploiter'] });
    expect(d1?.verdicts).toEqual([{ date: '2023-11-01', provisionCharged: 'Criminal Code art. 165', categoryCharged: 'trafficking', outcome: 'convicted', provisionConvicted: 'Criminal Code art. 362', categoryConvicted: 'smuggling', downgraded: true }]);
    expect(d1?.sentences).toEqual([{ date: '2023-11-01', custodialMonths: 30, suspended: false, probationMonths: null, fineAmount: 2000, currency: 'EUR' }]);
    expect(d1?.appeals).toEqual([{ date: '2023-11-20', appellant: 'prosecution', outcome: 'upheld', decidedOn: '2024-03-01' }]);
    expect(brief.defendants[1]?.verdicts).toEqual([{ date: '2023-11-05', provisionCharged: 'Criminal Code art. 165', categoryCharged: 'trafficking', outcome: 'convicted', provisionConvicted: 'Criminal Code art. 165', categoryConvicted: 'trafficking', downgraded: false }]);
    expect(brief.text.approvedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('never carries a name, pseudonym, alias, identity number, place name or title: not in the JSON, not in the PDF (English, French and Arabic)', async () => {
    const json = (await prosecutor.request('GET', `/api/prosecution/operations/${operationId}/case-brief`)).body;
    const english = await prosecutor.request('GET', `/api/prosecution/operations/${operationId}/case-brief.pdf?language=en`);
    expect(english.statusCode).toBe(200);
    expect(english.headers['content-type']).toBe('application/pdf');
    expect(english.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const arabic = await police.request('GET', `/api/prosecution/operations/${operationId}/case-brief.pdf?language=ar`);
    expect(arabic.statusCode).toBe(200);
    const french = await police.request('GET', `/api/prosecution/operations/${operationId}/case-brief.pdf?language=fr`);
    expect(french.statusCode).toBe(200);
    expect(french.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const en = await text(english);
    const ar = await text(arabic);
    const fr = await text(french);
    // The seeding worked: the names are in the records (the suspect's identity, the victim's case), read back by those who may.
    const suspects = (await prosecutor.request('GET', `/api/prosecution/operations/${operationId}/suspects`)).body;
    for (const name of [secrets.suspectFamily, secrets.pseudonym, secrets.secondFamily, secrets.suspectNumber]) expect(suspects).toContain(name);
    for (const [where, body] of [['JSON', json], ['PDF en', en], ['PDF fr', fr], ['PDF ar', ar]] as const) {
      for (const [field, value] of Object.entries(secrets)) expect(body, `${field} in the ${where}`).not.toContain(value);
      expect(body, `initials of the victim in the ${where}`).not.toMatch(/\bE\.\s?R\.?/u);
    }
    expect(en).toContain('Case brief for publication');
    expect(en).toContain('Defendant 1');
    expect(en).toContain('Downgraded: convicted of a lesser offence than charged.');
    expect(en).toContain('Criminal Code art. 362');
    expect(en).toContain('5000.00 EUR');
    expect(en).toContain('Their documents were taken on arrival.');
    // The downgraded verdict names the offence convicted beside the one charged; the second defendant's conviction of
    // the offence charged names its provision once, in the verdict's own sentence.
    expect(en).toContain('Convicted of Criminal Code art. 362 (');
    const defendant2 = (body: string, from: string, to: string) => body.slice(body.indexOf(from), body.indexOf(to, body.indexOf(from)));
    // Its charge and its verdict: twice, not a third time as "convicted of" the same provision.
    expect(defendant2(en, 'Defendant 2', 'Compensation and assets').split('Criminal Code art. 165')).toHaveLength(3);
    expect(en).toContain('Convicted on the charge Criminal Code art. 165. Sentences');
    expect(en).not.toContain('Convicted of Criminal Code art. 165');
    expect(fr).toContain('Prévenu 1');
    expect(fr).toContain('Prévenu 2');
    expect(fr).toContain("Requalification : condamné pour une infraction moins grave que l'inculpation.");
    expect(fr).toContain('Condamné au titre de Criminal Code art. 362 (');
    expect(fr).not.toContain('Condamné au titre de Criminal Code art. 165');
    expect(defendant2(fr, 'Prévenu 2', 'Indemnisation').split('Criminal Code art. 165')).toHaveLength(3);
    expect(fr).toContain('Their documents were taken on arrival.');
    expect(fr).toContain("Résumé d'affaire pour publication");
    expect(ar).toContain('ملخص القضية للنشر');
    expect(ar).toContain('المتهم 1');
    expect(ar).toContain('تخفيف الوصف');
    const audited = await t.platform.db.selectFrom('audit_log').select(['summary', 'outcome']).where('action', '=', 'prosecution.brief_export').where('record_id', '=', operationId).execute();
    expect(audited.filter((a) => a.outcome === 'allowed').length).toBeGreaterThanOrEqual(3);
    expect(audited.map((a) => a.summary).join(' ')).toContain('PDF (ar)');
  });

  it('the text is encrypted at rest; a change without approval returns it to draft; bad input names the field and writes nothing', async () => {
    const row = await t.platform.db.selectFrom('prosecution_case_briefs' as never).selectAll().where('operation_id' as never, '=', operationId as never).executeTakeFirstOrThrow() as { text: Uint8Array; version: number };
    expect(Buffer.from(row.text).toString('latin1')).not.toContain('false promises');
    const tooLong = await prosecutor.request('PUT', `/api/prosecution/operations/${operationId}/case-brief/text`, { ...briefText, caseName: 'x'.repeat(201), status: 'draft' });
    expect(tooLong.statusCode).toBe(400);
    expect(JSON.stringify(tooLong.json().issues)).toContain('caseName');
    const badStatus = await prosecutor.request('PUT', `/api/prosecution/operations/${operationId}/case-brief/text`, { ...briefText, status: 'published' });
    expect(badStatus.statusCode).toBe(400);
    expect(JSON.stringify(badStatus.json().issues)).toContain('status');
    const same = await t.platform.db.selectFrom('prosecution_case_briefs' as never).selectAll().where('operation_id' as never, '=', operationId as never).executeTakeFirstOrThrow() as { version: number };
    expect(same.version).toBe(row.version);
    await ok(prosecutor, 'PUT', `/api/prosecution/operations/${operationId}/case-brief/text`, { ...briefText, commentary: 'Revised.', status: 'draft' });
    const brief = await ok(police, 'GET', `/api/prosecution/operations/${operationId}/case-brief`);
    expect(brief.text).toEqual({ factSummary: briefText.factSummary, commentary: 'Revised.', status: 'draft', approvedOn: null });
    const draftPdf = await text(await police.request('GET', `/api/prosecution/operations/${operationId}/case-brief.pdf?language=fr`));
    expect(draftPdf).toContain('Brouillon : pas encore approuvé pour publication');
    const written = await t.platform.db.selectFrom('audit_log').select('summary').where('action', '=', 'prosecution.brief_text_write').where('record_id', '=', operationId).execute();
    expect(written.length).toBe(2);
  });

  it('only the prosecutors of the office referred to and the recording agency produce it; only those prosecutors write its text', async () => {
    for (const client of [analyst, clerk, caseworker, coordinator]) {
      expect((await client.request('GET', `/api/prosecution/operations/${operationId}/case-brief`)).statusCode).toBe(403);
      expect((await client.request('GET', `/api/prosecution/operations/${operationId}/case-brief.pdf?language=en`)).statusCode).toBe(403);
      expect((await client.request('PUT', `/api/prosecution/operations/${operationId}/case-brief/text`, briefText)).statusCode).toBe(403);
    }
    expect((await police.request('PUT', `/api/prosecution/operations/${operationId}/case-brief/text`, briefText)).statusCode).toBe(403);
    expect((await otherProsecutor.request('GET', `/api/prosecution/operations/${operationId}/case-brief`)).statusCode).toBe(404);
    expect((await otherProsecutor.request('PUT', `/api/prosecution/operations/${operationId}/case-brief/text`, briefText)).statusCode).toBe(404);
    const denied = await t.platform.db.selectFrom('audit_log').select('action').where('record_id', '=', operationId).where('outcome', '=', 'denied').execute();
    expect(denied.map((d) => d.action).sort()).toEqual(['prosecution.brief_export', 'prosecution.brief_text_write']);
    const brief = await ok(prosecutor, 'GET', `/api/prosecution/operations/${operationId}/case-brief`);
    expect(brief.text.commentary).toBe('Revised.');
  });
});
