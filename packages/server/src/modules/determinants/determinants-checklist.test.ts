import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checklistAudiences, checklistItems, checklistSummary, determinantsChecklistVersion, type AssessmentComparison, type AssessmentView } from '@palermo/contracts';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';
import { pdfText } from '../../platform/pdf/pdf-text.test-support.js';
import { wordsFor } from '../person-record/labels.js';

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
    ['analyst', await clientFor(t, await insertUser(t, await insertOrganisation(t, 'law_enforcement'), ['analyst']))],
  ];
});
afterAll(async () => t.close());

async function ok(client: Client, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) {
  const response = await client.request(method, url, body);
  expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(200);
  return response.json();
}

async function create(periodFrom = '2015-01-01', periodTo = '2019-12-31', title = 'Determinants 2015 to 2019'): Promise<string> {
  return ((await ok(rapporteur, 'POST', '/api/determinant-assessments', { country: 'Moldova', periodFrom, periodTo, title })) as { id: string }).id;
}
const score = (id: string, scores: unknown[]) => ok(rapporteur, 'PUT', `/api/determinant-assessments/${id}/checklist`, { scores });

describe("the recommendations' checklist of a determinants assessment", () => {
  it('has stable unique codes, every audience, and words for every item in en, fr and ar', () => {
    const codes = checklistItems.map((i) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(checklistItems.map((i) => i.audience))).toEqual(new Set(checklistAudiences));
    for (const language of ['en', 'fr', 'ar'] as const) {
      const w = wordsFor(language);
      for (const code of codes) expect(w.t(`determinants.checklist.items.${code}`), `${language} ${code}`).not.toContain('determinants.checklist');
      for (const audience of checklistAudiences) expect(w.t(`determinants.checklist.audiences.${audience}`)).not.toContain('determinants.checklist');
    }
    // The French and Arabic words are not the English ones.
    expect(wordsFor('fr').t('determinants.checklist.items.lp_training')).not.toBe(wordsFor('en').t('determinants.checklist.items.lp_training'));
  });

  it('the rapporteur scores items with notes, rescores one, and every write is audited with the checklist version', async () => {
    const id = await create();
    await score(id, [
      { item: 'lp_engage_monitoring', score: 'partly_met', note: 'Replies to GRETA but late' },
      { item: 'lp_training', score: 'met' },
      { item: 'fu_local_needs', score: 'not_applicable' },
    ]);
    await score(id, [{ item: 'lp_training', score: 'not_met', note: 'No training budget in 2019' }]);
    const view = (await ok(coordinator, 'GET', `/api/determinant-assessments/${id}`)) as AssessmentView;
    // In the checklist's order, whatever the order scored.
    expect(view.checklist?.map((s) => [s.item, s.score, s.note])).toEqual([
      ['lp_training', 'not_met', 'No training budget in 2019'],
      ['lp_engage_monitoring', 'partly_met', 'Replies to GRETA but late'],
      ['fu_local_needs', 'not_applicable', ''],
    ]);
    expect(view.checklist?.every((s) => s.checklistVersion === determinantsChecklistVersion)).toBe(true);
    const summary = checklistSummary(view.checklist ?? []);
    expect(summary.find((s) => s.audience === 'law_policy_makers')).toMatchObject({ items: 11, met: 0, partly_met: 1, not_met: 1, not_applicable: 0, unscored: 9 });
    expect(summary.find((s) => s.audience === 'funders')).toMatchObject({ items: 7, not_applicable: 1, unscored: 6 });
    const audited = await t.platform.db.selectFrom('audit_log').select(['action', 'summary']).where('record_id', '=', id).where('action', '=', 'determinant_assessment.checklist_score').orderBy('entry_id').execute();
    expect(audited).toHaveLength(2);
    expect(audited[1]?.summary).toContain('lp_training: not_met');
  });

  it('refuses an unknown item, an unknown score or a repeated item with a 400 naming the field, and writes nothing', async () => {
    const id = await create();
    const cases: Array<[unknown[], string]> = [
      [[{ item: 'lp_training', score: 'met' }, { item: 'astrology', score: 'met' }], 'scores.1.item'],
      [[{ item: 'lp_training', score: 'mostly' }], 'scores.0.score'],
      [[{ item: 'lp_training', score: 'met' }, { item: 'lp_training', score: 'not_met' }], 'scores'],
      [[], 'scores'],
    ];
    for (const [scores, field] of cases) {
      const response = await rapporteur.request('PUT', `/api/determinant-assessments/${id}/checklist`, { scores });
      expect(response.statusCode, JSON.stringify(scores)).toBe(400);
      expect((response.json().issues as Array<{ field: string }>).map((i) => i.field)).toContain(field);
    }
    const view = (await ok(rapporteur, 'GET', `/api/determinant-assessments/${id}`)) as AssessmentView;
    expect(view.checklist).toEqual([]);
    expect((await rapporteur.request('PUT', '/api/determinant-assessments/00000000-0000-4000-8000-000000000000/checklist', { scores: [{ item: 'lp_training', score: 'met' }] })).statusCode).toBe(404);
  });

  it('only the rapporteur scores; the assessment readers read the scores; others reach nothing', async () => {
    const id = await create();
    await score(id, [{ item: 're_confidentiality', score: 'met' }]);
    for (const reader of [coordinator, admin]) {
      expect((await reader.request('PUT', `/api/determinant-assessments/${id}/checklist`, { scores: [{ item: 'lp_training', score: 'met' }] })).statusCode).toBe(403);
      expect(((await ok(reader, 'GET', `/api/determinant-assessments/${id}`)) as AssessmentView).checklist?.map((s) => s.item)).toEqual(['re_confidentiality']);
    }
    for (const [label, other] of others) {
      expect((await other.request('PUT', `/api/determinant-assessments/${id}/checklist`, { scores: [{ item: 'lp_training', score: 'met' }] })).statusCode, label).toBe(403);
      expect((await other.request('GET', `/api/determinant-assessments/${id}`)).statusCode, label).toBe(403);
    }
  });

  it('the comparison gives each item scored in either period its score in each and whether it changed', async () => {
    const earlier = await create();
    const later = await create('2020-01-01', '2024-12-31', 'Determinants 2020 to 2024');
    await score(earlier, [{ item: 'lp_training', score: 'not_met' }, { item: 'ngo_independent_data', score: 'met' }, { item: 'mb_follow_up', score: 'partly_met' }]);
    await score(later, [{ item: 'lp_training', score: 'met' }, { item: 'ngo_independent_data', score: 'met' }, { item: 're_cross_field', score: 'not_met' }]);
    const comparison = (await ok(admin, 'GET', `/api/determinant-assessments/${later}/comparison?with=${earlier}`)) as AssessmentComparison;
    expect(comparison.earlier.id).toBe(earlier);
    expect(comparison.checklist).toEqual([
      { item: 'lp_training', earlier: 'not_met', later: 'met', changed: true },
      { item: 'ngo_independent_data', earlier: 'met', later: 'met', changed: false },
      { item: 'mb_follow_up', earlier: 'partly_met', later: null, changed: true },
      { item: 're_cross_field', earlier: null, later: 'not_met', changed: true },
    ]);
  });

  it("prints the checklist by audience in the assessment's PDF, in the reader's language", async () => {
    const id = await create();
    await score(id, [{ item: 'lp_independent_institutions', score: 'partly_met', note: 'Rapporteur office created in 2018' }]);
    const english = await coordinator.request('GET', `/api/determinant-assessments/${id}/assessment.pdf?language=en`);
    expect(english.statusCode).toBe(200);
    const text = (await pdfText(english.rawPayload)).replace(/\s+/g, ' ');
    for (const expected of ["Checklist of the research's recommendations", 'Law and policy makers', 'Donors and funders', 'Partly met: Rapporteur office created in 2018', '0 met, 1 partly met, 0 not met, 0 not applicable, 10 not scored (of 11)', 'Not scored']) expect(text).toContain(expected);
    expect(text).not.toContain('lp_independent_institutions');
    expect(text).not.toContain('partly_met');
    const french = (await pdfText((await admin.request('GET', `/api/determinant-assessments/${id}/assessment.pdf?language=fr`)).rawPayload)).replace(/\s+/g, ' ');
    expect(french).toContain('Partiellement respectée');
    expect(french).toContain('Législateurs et décideurs politiques');
  });
});
