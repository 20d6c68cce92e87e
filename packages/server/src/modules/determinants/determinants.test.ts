import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentComparison, AssessmentList, AssessmentView } from '@palermo/contracts';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';
import { pdfText } from '../../platform/pdf/pdf-text.test-support.js';
import { compareDirections } from './determinants.read.js';

let t: TestApp;
let rapporteur: Client;
let coordinator: Client;
let admin: Client;
let others: Array<[string, Client]>;

beforeAll(async () => {
  t = await createTestApp();
  rapporteur = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'national_rapporteur'), ['national_rapporteur']));
  coordinator = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'national_coordinator'), ['national_coordinator']));
  admin = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'national_coordinator'), ['national_admin']));
  const ngo = await insertOrganisation(t, 'ngo');
  others = [
    ['civil society', await clientFor(t, await insertUser(t, ngo, ['civil_society']))],
    ['caseworker', await clientFor(t, await insertUser(t, ngo, ['caseworker']))],
    ['organisation administrator', await clientFor(t, await insertUser(t, ngo, ['organisation_admin']))],
    ['analyst', await clientFor(t, await insertUser(t, await insertOrganisation(t, 'law_enforcement'), ['analyst']))],
  ];
});
afterAll(async () => t.close());

async function ok(client: Client, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) {
  const response = await client.request(method, url, body);
  expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(200);
  return response.json();
}

const typology = { origin: 'internal', nature: 'structural', specificity: 'contextual', reach: 'direct', level: 'institutional' };
const entry = (over: Record<string, unknown> = {}) => ({
  determinant: 'political_will', direction: 'positive', activity: 'active', strength: 'strong', typology, evidence: 'National action plan adopted by the government', influences: ['specialised_institutions'], ...over,
});
const assessment = (over: Record<string, unknown> = {}) => ({ country: 'Moldova', periodFrom: '2015-01-01', periodTo: '2019-12-31', title: 'Determinants 2015 to 2019', ...over });

async function create(body = assessment()): Promise<string> {
  return ((await ok(rapporteur, 'POST', '/api/determinant-assessments', body)) as { id: string }).id;
}

describe('determinants assessments', () => {
  it('the rapporteur records an assessment and its entries, edits them, and every write is audited', async () => {
    const id = await create();
    await ok(rapporteur, 'PUT', `/api/determinant-assessments/${id}/entries`, entry());
    await ok(rapporteur, 'PUT', `/api/determinant-assessments/${id}/entries`, entry({ determinant: 'specialised_institutions', direction: 'neutral', activity: 'passive', strength: 'moderate', influences: [] }));
    // Rewriting an entry replaces it.
    await ok(rapporteur, 'PUT', `/api/determinant-assessments/${id}/entries`, entry({ strength: 'moderate' }));
    await ok(rapporteur, 'PUT', `/api/determinant-assessments/${id}`, assessment({ title: 'Determinants, first period' }));
    const view = (await ok(rapporteur, 'GET', `/api/determinant-assessments/${id}`)) as AssessmentView;
    expect(view).toMatchObject({ country: 'Moldova', periodFrom: '2015-01-01', periodTo: '2019-12-31', title: 'Determinants, first period', entryCount: 2 });
    expect(view.entries?.map((e) => [e.determinant, e.direction, e.strength, e.influences])).toEqual([
      ['political_will', 'positive', 'moderate', ['specialised_institutions']],
      ['specialised_institutions', 'neutral', 'moderate', []],
    ]);
    expect(view.entries?.[0]?.typology).toEqual(typology);
    const audited = await t.platform.db.selectFrom('audit_log').select('action').where('record_id', '=', id).orderBy('entry_id').execute();
    expect(audited.map((a) => a.action)).toEqual([
      'determinant_assessment.create', 'determinant_assessment.entry_record', 'determinant_assessment.entry_record', 'determinant_assessment.entry_record', 'determinant_assessment.update',
    ]);
  });

  it('links recommendations and indicators that exist, and refuses ids that do not', async () => {
    const id = await create();
    const rec = (await ok(rapporteur, 'POST', '/api/recommendations', {
      sourceBody: 'greta', cycle: 'Third round', issuedOn: '2023-06-14', text: 'Ensure that all victims are identified', themes: ['identification'], urgency: 'urges',
    })) as { id: string };
    await ok(rapporteur, 'PUT', `/api/determinant-assessments/${id}/entries`, entry({ determinant: 'external_monitoring', recommendationIds: [rec.id], influences: ['political_will'] }));
    const view = (await ok(coordinator, 'GET', `/api/determinant-assessments/${id}`)) as AssessmentView;
    expect(view.entries?.[0]?.recommendationIds).toEqual([rec.id]);
    for (const field of ['recommendationIds', 'indicatorIds']) {
      const response = await rapporteur.request('PUT', `/api/determinant-assessments/${id}/entries`, entry({ [field]: ['00000000-0000-4000-8000-000000000000'] }));
      expect(response.statusCode, field).toBe(400);
      expect(response.json().issues.map((i: { field: string }) => i.field)).toContain(field);
    }
  });

  it('refuses bad input with a 400 naming the field', async () => {
    const id = await create();
    const cases: Array<[string, string, unknown]> = [
      ['POST', '/api/determinant-assessments', assessment({ periodFrom: '2020-01-01', periodTo: '2019-12-31' })],
      ['PUT', `/api/determinant-assessments/${id}/entries`, entry({ determinant: 'astrology' })],
      ['PUT', `/api/determinant-assessments/${id}/entries`, entry({ direction: 'upward' })],
      ['PUT', `/api/determinant-assessments/${id}/entries`, entry({ strength: 'huge' })],
      ['PUT', `/api/determinant-assessments/${id}/entries`, entry({ typology: { ...typology, level: 'cosmic' } })],
      ['PUT', `/api/determinant-assessments/${id}/entries`, entry({ influences: ['political_will'] })],
      ['PUT', `/api/determinant-assessments/${id}/entries`, entry({ influences: ['not_a_determinant'] })],
    ];
    const fields = ['periodTo', 'determinant', 'direction', 'strength', 'typology.level', 'influences', 'influences'];
    for (const [index, [method, url, body]] of cases.entries()) {
      const response = await rapporteur.request(method as 'POST', url, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      const named = (response.json().issues as Array<{ field: string }>).map((i) => i.field);
      expect(named.some((f) => f.startsWith(fields[index] ?? '?')), `${named.join(',')} names ${fields[index]}`).toBe(true);
    }
    const view = (await ok(rapporteur, 'GET', `/api/determinant-assessments/${id}`)) as AssessmentView;
    expect(view.entries).toEqual([]);
  });

  it('the coordinator and the national administrator read; only the rapporteur writes; others are refused', async () => {
    const id = await create();
    for (const reader of [coordinator, admin, rapporteur]) {
      const list = (await ok(reader, 'GET', '/api/determinant-assessments')) as AssessmentList;
      expect(list.assessments.map((a) => a.id)).toContain(id);
      await ok(reader, 'GET', `/api/determinant-assessments/${id}`);
    }
    for (const writer of [coordinator, admin]) {
      expect((await writer.request('POST', '/api/determinant-assessments', assessment())).statusCode).toBe(403);
      expect((await writer.request('PUT', `/api/determinant-assessments/${id}/entries`, entry())).statusCode).toBe(403);
      expect((await writer.request('PUT', `/api/determinant-assessments/${id}`, assessment())).statusCode).toBe(403);
    }
    for (const [label, other] of others) {
      expect((await other.request('GET', '/api/determinant-assessments')).statusCode, label).toBe(403);
      expect((await other.request('GET', `/api/determinant-assessments/${id}`)).statusCode, label).toBe(403);
      expect((await other.request('GET', `/api/determinant-assessments/${id}/comparison?with=${id}`)).statusCode, label).toBe(403);
      expect((await other.request('POST', '/api/determinant-assessments', assessment())).statusCode, label).toBe(403);
    }
  });

  it('compares two periods: per determinant, its direction in each and whether it changed', async () => {
    const earlier = await create();
    const later = await create(assessment({ periodFrom: '2020-01-01', periodTo: '2024-12-31', title: 'Determinants 2020 to 2024' }));
    await ok(rapporteur, 'PUT', `/api/determinant-assessments/${earlier}/entries`, entry());
    await ok(rapporteur, 'PUT', `/api/determinant-assessments/${earlier}/entries`, entry({ determinant: 'civil_society', direction: 'positive', influences: [] }));
    await ok(rapporteur, 'PUT', `/api/determinant-assessments/${earlier}/entries`, entry({ determinant: 'covid19', direction: 'neutral', influences: [] }));
    await ok(rapporteur, 'PUT', `/api/determinant-assessments/${later}/entries`, entry({ direction: 'negative' }));
    await ok(rapporteur, 'PUT', `/api/determinant-assessments/${later}/entries`, entry({ determinant: 'civil_society', direction: 'positive', influences: [] }));
    // Asked from either side, the earlier period comes first.
    for (const [from, other] of [[later, earlier], [earlier, later]]) {
      const comparison = (await ok(admin, 'GET', `/api/determinant-assessments/${from}/comparison?with=${other}`)) as AssessmentComparison;
      expect(comparison.earlier.id).toBe(earlier);
      expect(comparison.later.id).toBe(later);
      expect(comparison.rows).toEqual([
        { determinant: 'political_will', earlier: 'positive', later: 'negative', changed: true },
        { determinant: 'civil_society', earlier: 'positive', later: 'positive', changed: false },
        { determinant: 'covid19', earlier: 'neutral', later: null, changed: true },
      ]);
    }
    expect((await admin.request('GET', `/api/determinant-assessments/${earlier}/comparison?with=00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
  });

  it('exports an assessment as a PDF in the reader\'s language, to those who read it', async () => {
    // The country as the web form sends it, an ISO code: the document names it in its language.
    const id = await create(assessment({ title: 'Determinants for the annual report', country: 'MD' }));
    await ok(rapporteur, 'PUT', `/api/determinant-assessments/${id}/entries`, entry({ evidence: 'Decree 12/2024 on the national coordinator' }));
    const english = await coordinator.request('GET', `/api/determinant-assessments/${id}/assessment.pdf?language=en`);
    expect(english.statusCode).toBe(200);
    expect(english.headers['content-type']).toBe('application/pdf');
    const text = (await pdfText(english.rawPayload)).replace(/\s+/g, ' ');
    for (const expected of ['Determinants for the annual report', 'Moldova', 'Political will', 'Positive', 'Specialised anti-trafficking institutions', 'Decree 12/2024 on the national coordinator', 'Institutional']) expect(text).toContain(expected);
    expect(text).not.toContain('political_will');
    const french = await admin.request('GET', `/api/determinant-assessments/${id}/assessment.pdf?language=fr`);
    const frenchText = (await pdfText(french.rawPayload)).replace(/\s+/g, ' ');
    for (const expected of ['Volonté politique', 'Moldavie']) expect(frenchText).toContain(expected);
    const arabic = await rapporteur.request('GET', `/api/determinant-assessments/${id}/assessment.pdf?language=ar`);
    expect(arabic.statusCode).toBe(200);
    expect(arabic.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    for (const [label, other] of others) expect((await other.request('GET', `/api/determinant-assessments/${id}/assessment.pdf`)).statusCode, label).toBe(403);
  });

  it('the comparison, computed alone, leaves out determinants recorded in neither', () => {
    expect(compareDirections(new Map([['case_law', 'negative']]), new Map([['case_law', 'negative'], ['data_research', 'positive']]))).toEqual([
      { determinant: 'data_research', earlier: null, later: 'positive', changed: true },
      { determinant: 'case_law', earlier: 'negative', later: 'negative', changed: false },
    ]);
  });
});
