import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformFacts, type IndicatorView, type PlanProgress, type PlatformFact } from '@palermo/contracts';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';
import { measureKey, perturb } from '../statistics/cell-key.js';

let t: TestApp;
let coordinator: Client;
let rapporteur: Client;
let shelterLead: Client;
let otherLead: Client;
let shelterId: string;
let receiverId: string;
let planId: string;
let objectiveId: string;
let activityId: string;

/**
 * The persons counted by each fact in each month of 2025 (a person once per event), as the known case data below makes
 * them: every event of a person falls in the month her case was opened in.
 */
const counted = new Map<PlatformFact, Map<number, string[]>>();
let month = 0;
const count = (fact: PlatformFact, personId: string) => {
  const byMonth = counted.get(fact) ?? new Map<number, string[]>();
  byMonth.set(month, [...(byMonth.get(month) ?? []), personId]);
  counted.set(fact, byMonth);
};

const at = (iso: string) => new Date(iso);

/** A case record of a kind, as case-record.service writes it (notes sealed elsewhere; here a placeholder). */
async function insertRecord(caseId: string, kind: string, authorId: string, organisationId: string, createdAt: Date) {
  await sql`insert into case_records (id, case_id, kind, notes, author_user_id, organisation_id, visibility, created_at)
    values (${randomUUID()}, ${caseId}, ${kind}, ${Buffer.from('sealed')}, ${authorId}, ${organisationId}, 'case', ${createdAt})`.execute(t.platform.db);
}
const hoursAfter = (d: Date, h: number) => new Date(d.getTime() + h * 3_600_000);

/**
 * Known case data: twelve persons registered in 2025 (and two in 2024, outside the period), five of them with an
 * assistance plan; each of the first eight referred once (six answered within two hours, two after thirty days);
 * reasonable-grounds decisions for ten (seven by their due date); seven follow-ups in 2025 and one in 2024.
 */
async function insertCaseData(): Promise<void> {
  const db = t.platform.db;
  const author = await insertUser(t, shelterId, ['caseworker']);
  for (let n = 0; n < 14; n += 1) {
    const personId = randomUUID();
    const caseId = randomUUID();
    month = 1 + (n % 9);
    const opened = n < 12 ? at(`2025-0${month}-1${n % 10}T10:00:00Z`) : at('2024-06-01T10:00:00Z');
    await db.insertInto('persons').values({ id: personId, reference: `P-${n}`, organisation_id: shelterId, created_by: author.id }).execute();
    await db.insertInto('cases').values({ id: caseId, reference: `C-${caseId.slice(0, 13)}`, person_id: personId, managing_organisation_id: shelterId, reported_by_organisation_id: shelterId, opened_at: opened }).execute();
    if (n >= 12) {
      await insertRecord(caseId, 'follow_up', author.id, shelterId, opened);
      continue;
    }
    count('persons_identified', personId);
    if (n < 5) {
      await insertRecord(caseId, 'assistance_goal', author.id, shelterId, opened);
      count('persons_with_assistance_plan', personId);
    }
    if (n < 8) {
      const consentId = randomUUID();
      const shareId = randomUUID();
      const sent = hoursAfter(opened, 1);
      await db.insertInto('consent_events').values({ id: consentId, person_id: personId, purpose: 'referral', target_organisation_id: receiverId, status: 'given', method: 'verbal', explained_by: author.id, recorded_at: opened } as never).execute();
      await db.insertInto('case_shares').values({ id: shareId, case_id: caseId, organisation_id: receiverId, purpose: 'referral', consent_event_id: consentId, granted_by: author.id, granted_at: sent } as never).execute();
      const answered = n < 6 ? hoursAfter(sent, 2) : hoursAfter(sent, 24 * 30);
      await sql`insert into referrals (id, case_id, service, from_organisation_id, to_organisation_id, status, consent_event_id, share_id, sent_by, sent_at, accepted_by, accepted_at)
        values (${randomUUID()}, ${caseId}, 'shelter', ${shelterId}, ${receiverId}, 'accepted', ${consentId}, ${shareId}, ${author.id}, ${sent}, ${author.id}, ${answered})`.execute(db);
      count('referrals_sent', personId);
      if (n < 6) count('referrals_answered_in_time', personId);
    }
    if (n < 10) {
      const due = hoursAfter(opened, 24 * 5);
      const decided = n < 7 ? hoursAfter(opened, 24 * 3) : hoursAfter(opened, 24 * 9);
      await db.insertInto('status_decisions').values({ id: randomUUID(), case_id: caseId, kind: 'reasonable_grounds', outcome: 'positive', reason: Buffer.from('x'), decided_by: author.id, organisation_id: shelterId, decided_at: decided, due_at: due } as never).execute();
      count('rg_decisions_made', personId);
      if (n < 7) count('rg_decisions_in_time', personId);
    }
    if (n < 7) {
      await insertRecord(caseId, 'follow_up', author.id, shelterId, hoursAfter(opened, 48));
      count('follow_ups_made', personId);
    }
  }
}

/**
 * The value the cell-key method publishes for a fact's persons in 2025, computed here from the known data: the sum of
 * each month's published value (a month's count perturbed at its persons' key).
 */
function published(fact: PlatformFact): number {
  let total = 0;
  for (const persons of (counted.get(fact) ?? new Map<number, string[]>()).values()) {
    const keySum = persons.reduce((sum, id) => sum + t.platform.cipher.recordKeys.ofPerson(id), 0);
    total += perturb(persons.length, measureKey(keySum, platformFacts.indexOf(fact)));
  }
  return total;
}

beforeAll(async () => {
  t = await createTestApp();
  shelterId = await insertOrganisation(t, 'shelter');
  receiverId = await insertOrganisation(t, 'ngo');
  coordinator = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'national_coordinator'), ['national_coordinator']));
  rapporteur = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'national_rapporteur'), ['national_rapporteur']));
  shelterLead = await clientFor(t, await insertUser(t, shelterId, ['supervisor']));
  otherLead = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'ngo'), ['supervisor']));
  await insertCaseData();
  planId = (await ok(coordinator, 'POST', '/api/action-plans', { title: 'Plan 2025-2026', periodStart: '2025-01-01', periodEnd: '2026-12-31', currency: 'EUR' })).id;
  objectiveId = (await ok(coordinator, 'POST', `/api/action-plans/${planId}/objectives`, { pillar: 'protection', code: '2.1', title: 'Identify and assist' })).id;
  activityId = (await ok(coordinator, 'POST', `/api/action-plans/${planId}/activities`, {
    objectiveId, code: '2.1.1', title: 'Train first responders', responsibleOrganisationId: shelterId, startsOn: '2025-01-01', endsOn: '2025-06-30',
    budgets: [{ year: 2025, plannedMinor: 1_000_000 }], funding: [{ kind: 'external', donor: 'A donor', amountMinor: 400_000, securedUntil: '2025-03-31' }],
  })).id;
}, 600_000);
afterAll(async () => t.close());

async function ok(client: Client, method: 'GET' | 'POST', url: string, body?: unknown) {
  const response = await client.request(method, url, body);
  expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(200);
  return response.json();
}

async function refused(client: Client, url: string, body: unknown, field: string) {
  const response = await client.request('POST', url, body);
  expect(response.statusCode, response.body).toBe(400);
  expect((response.json().issues as Array<{ field: string }>).map((i) => i.field)).toContain(field);
}

const indicators = async (client: Client) => ((await ok(client, 'GET', `/api/action-plans/${planId}/indicators`)) as { indicators: IndicatorView[] }).indicators;
const year2025 = (i: IndicatorView | undefined) => i?.series.find((p) => p.periodStart === '2025-01-01' && p.periodEnd === '2025-12-31');

describe('computed indicators', () => {
  it('count the platform facts of each month and publish them through the cell-key method, a period as the sum of its months', async () => {
    const codes = ['persons_identified', 'referrals_answered_in_time', 'rg_decisions_in_time', 'persons_with_assistance_plan', 'follow_ups_made'] as const;
    for (const [n, computation] of codes.entries()) {
      await ok(coordinator, 'POST', `/api/action-plans/${planId}/indicators`, { code: `C${n}`, title: computation, type: 'outcome', objectiveId, computation });
    }
    // The known data is small (8 referrals, 10 decisions, 12 persons): below the default threshold of 11 a share is not
    // shown; with the threshold at 1 every share is.
    const threshold = (n: number) => t.platform.db.updateTable('country_settings').set({ small_cell_threshold: n }).where('id', '=', 1).execute();
    await threshold(50);
    const hidden = await indicators(rapporteur);
    expect(['C1', 'C2', 'C3'].map((code) => year2025(hidden.find((i) => i.code === code))?.value)).toEqual([null, null, null]);
    expect(year2025(hidden.find((i) => i.code === 'C0'))?.value).toBe(published('persons_identified'));
    await threshold(1);
    const read = await indicators(rapporteur);
    const value = (code: string) => year2025(read.find((i) => i.code === code))?.value;
    expect(value('C0')).toBe(published('persons_identified'));
    expect(value('C4')).toBe(published('follow_ups_made'));
    const percent = (num: PlatformFact, den: PlatformFact) => Math.round((Math.min(published(num), published(den)) / published(den)) * 1000) / 10;
    expect(value('C1')).toBe(percent('referrals_answered_in_time', 'referrals_sent'));
    expect(value('C2')).toBe(percent('rg_decisions_in_time', 'rg_decisions_made'));
    expect(value('C3')).toBe(percent('persons_with_assistance_plan', 'persons_identified'));
    // Close to the exact counts (12 persons in 9 months, 7 follow-ups in 7), never further than the table's largest change in each month.
    expect(Math.abs((value('C0') ?? 0) - 12)).toBeLessThanOrEqual(2 * 9);
    expect(Math.abs((value('C4') ?? 0) - 7)).toBeLessThanOrEqual(2 * 7);
    // Nothing happened in 2026: zero stays zero; a percentage of nothing is unknown.
    const in2026 = (code: string) => read.find((i) => i.code === code)?.series.find((p) => p.periodStart === '2026-01-01')?.value;
    expect([in2026('C0'), in2026('C1')]).toEqual([0, null]);
    // The same persons give the same value on every read.
    expect((await indicators(coordinator)).map((i) => year2025(i)?.value)).toEqual(read.map((i) => year2025(i)?.value));
    expect(read.find((i) => i.code === 'C1')?.measure).toBe('percent');
  });

  it('give back nothing new when periods are differenced: every period is the sum of the same published months', async () => {
    const month = (m: number) => ({ periodStart: `2025-${String(m).padStart(2, '0')}-01`, periodEnd: `2025-${String(m).padStart(2, '0')}-${m === 2 ? '28' : [4, 6, 9, 11].includes(m) ? '30' : '31'}`, value: 1 });
    // The same persons asked as the year, as each month, as the first half and as the first seven months.
    const ask = async (code: string, targets: Array<{ periodStart: string; periodEnd: string; value: number }>) => {
      await ok(coordinator, 'POST', `/api/action-plans/${planId}/indicators`, {
        code, title: 'Persons identified, asked another way', type: 'outcome', objectiveId, computation: 'persons_identified', baseline: { value: 1, on: '2024-12-31' }, targets,
      });
    };
    await ask('D1', Array.from({ length: 12 }, (_, i) => month(i + 1)));
    await ask('D2', [{ periodStart: '2025-01-01', periodEnd: '2025-06-30', value: 1 }]);
    await ask('D3', [{ periodStart: '2025-01-01', periodEnd: '2025-07-31', value: 1 }]);
    const read = await indicators(coordinator);
    const series = read.filter((i) => i.code.startsWith('D')).flatMap((i) => i.series);
    const at = (start: string, end: string) => series.find((p) => p.periodStart === start && p.periodEnd === end)?.value;
    const months = Array.from({ length: 12 }, (_, i) => at(month(i + 1).periodStart, month(i + 1).periodEnd) ?? Number.NaN);
    expect(at('2025-01-01', '2025-12-31')).toBe(months.reduce((a, b) => a + b, 0));
    expect(at('2025-01-01', '2025-12-31')).toBe(published('persons_identified'));
    // The first seven months less the first six: exactly July's published value, the same noise however often asked.
    expect((at('2025-01-01', '2025-07-31') ?? 0) - (at('2025-01-01', '2025-06-30') ?? 0)).toBe(months[6]);
    expect(at('2025-01-01', '2025-06-30')).toBe(months.slice(0, 6).reduce((a, b) => a + b, 0));
  });

  it('cannot be measured by hand', async () => {
    const [computed] = await indicators(coordinator);
    await refused(coordinator, `/api/plan-indicators/${computed?.id}/measurements`, { periodStart: '2025-01-01', periodEnd: '2025-12-31', value: 3 }, 'value');
  });
});

describe('indicators entered by hand', () => {
  it('carry their source; the responsible organisation measures them with their breakdown; the progress page flags what misses', async () => {
    const created = await ok(coordinator, 'POST', `/api/action-plans/${planId}/indicators`, {
      code: 'H1', title: 'First responders trained', type: 'output', activityId, source: 'Training attendance sheets', disaggregations: ['sex'],
      baseline: { value: 0, on: '2024-12-31' }, targets: [{ periodStart: '2025-01-01', periodEnd: '2025-12-31', value: 200 }, { periodStart: '2026-01-01', periodEnd: '2026-06-30', value: 300 }],
    });
    const url = `/api/plan-indicators/${created.id}/measurements`;
    await ok(shelterLead, 'POST', url, { periodStart: '2025-01-01', periodEnd: '2025-12-31', value: 150 });
    await ok(shelterLead, 'POST', url, { periodStart: '2025-01-01', periodEnd: '2025-12-31', value: 90, sex: 'female' });
    await ok(shelterLead, 'POST', url, { periodStart: '2025-01-01', periodEnd: '2025-12-31', value: 60, sex: 'male' });
    expect((await otherLead.request('POST', url, { periodStart: '2025-01-01', periodEnd: '2025-12-31', value: 1 })).statusCode).toBe(403);
    const h1 = (await indicators(rapporteur)).find((i) => i.code === 'H1');
    expect(h1?.source).toBe('Training attendance sheets');
    expect(h1?.measurements.map((m) => [m.sex, m.value])).toEqual([[null, 150], ['female', 90], ['male', 60]]);
    expect(year2025(h1)).toEqual({ periodStart: '2025-01-01', periodEnd: '2025-12-31', value: 150, target: 200 });

    const progress = (await ok(coordinator, 'GET', `/api/action-plans/${planId}/progress`)) as PlanProgress;
    expect([progress.periodStart, progress.periodEnd]).toEqual(['2025-01-01', '2026-12-31']);
    const row = progress.indicators.find((i) => i.code === 'H1');
    expect(row?.type).toBe('output');
    expect(row?.flags).toContain('off_target');
    // The 2026 target's period has not ended yet (or has, and nothing was measured): missing only once it ended.
    expect(row?.flags.includes('measurement_missing')).toBe(progress.asOf > '2026-06-30');
    const activity = progress.activities.find((a) => a.id === activityId);
    expect(activity?.flags).toEqual(expect.arrayContaining(['under_funded', 'funding_ends_early']));
    expect(activity?.flags.includes('late')).toBe(progress.asOf > '2025-06-30');
    expect(progress.byPillar.find((g) => g.key === 'protection')?.flags.off_target).toBeGreaterThanOrEqual(1);
    expect(progress.byOrganisation.find((g) => g.name === activity?.organisationName)?.activities).toBe(1);
    expect((await shelterLead.request('GET', `/api/action-plans/${planId}/progress`)).statusCode).toBe(403);

    const csv = await coordinator.request('GET', `/api/action-plans/${planId}/progress/download?format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body.split('\n')[0]).toContain('type');
    expect(csv.body).toMatch(/indicator,H1,First responders trained,protection,[^,]*,output,no,,,2025-01-01,2025-12-31,150,200/u);
    const xlsx = await coordinator.request('GET', `/api/action-plans/${planId}/progress/download?format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('give the progress page the very series the indicators list shows, computed or entered by hand', async () => {
    const created = await ok(coordinator, 'POST', `/api/action-plans/${planId}/indicators`, {
      code: 'H2', title: 'Hotline calls answered', type: 'outcome', activityId, source: 'Hotline log', disaggregations: ['sex'],
      baseline: { value: 10, on: '2024-12-31' }, targets: [{ periodStart: '2025-01-01', periodEnd: '2025-12-31', value: 40.5 }],
    });
    const url = `/api/plan-indicators/${created.id}/measurements`;
    // A quarter no target names (its own point), a breakdown (not a total), and a year with a target.
    await ok(shelterLead, 'POST', url, { periodStart: '2025-04-01', periodEnd: '2025-06-30', value: 12.25 });
    await ok(shelterLead, 'POST', url, { periodStart: '2025-04-01', periodEnd: '2025-06-30', value: 7, sex: 'female' });
    await ok(shelterLead, 'POST', url, { periodStart: '2025-01-01', periodEnd: '2025-12-31', value: 41 });
    const listed = await indicators(coordinator);
    const progress = (await ok(coordinator, 'GET', `/api/action-plans/${planId}/progress`)) as PlanProgress;
    expect(progress.indicators.map((i) => [i.code, i.computed, i.series])).toEqual(listed.map((i) => [i.code, i.computation !== null, i.series]));
    expect(progress.indicators.some((i) => i.computed)).toBe(true);
    expect(progress.indicators.find((i) => i.code === 'H2')?.series).toEqual([
      { periodStart: '2025-04-01', periodEnd: '2025-06-30', value: 12.25, target: null },
      { periodStart: '2025-01-01', periodEnd: '2025-12-31', value: 41, target: 40.5 },
    ]);
  });

  it('refuse bad input naming the field', async () => {
    const base = { code: 'B1', title: 'Bad', type: 'output', source: 'Register' };
    const add = `/api/action-plans/${planId}/indicators`;
    await refused(coordinator, add, { ...base, targets: [{ periodStart: '2025-01-01', periodEnd: '2025-12-31', value: 10 }] }, 'baseline');
    await refused(coordinator, add, { ...base, type: 'result' }, 'type');
    await refused(coordinator, add, { ...base, computation: 'happiness' }, 'computation');
    await refused(coordinator, add, { code: 'B1', title: 'No source', type: 'output' }, 'source');
    await refused(coordinator, add, { ...base, baseline: { value: 1, on: '2024-12-31' }, targets: [{ periodStart: '2025-01-01', periodEnd: '2027-12-31', value: 10 }] }, 'targets.0.periodEnd');
    const created = await ok(coordinator, 'POST', add, { ...base, disaggregations: ['age_group'] });
    const url = `/api/plan-indicators/${created.id}/measurements`;
    await refused(coordinator, url, { periodStart: '2024-01-01', periodEnd: '2024-12-31', value: 1 }, 'periodStart');
    await refused(coordinator, url, { periodStart: '2026-01-01', periodEnd: '2027-03-31', value: 1 }, 'periodEnd');
    await refused(coordinator, url, { periodStart: '2025-02-01', periodEnd: '2025-01-01', value: 1 }, 'periodEnd');
    await refused(coordinator, url, { periodStart: '2025-01-01', periodEnd: '2025-12-31', value: 1, sex: 'female' }, 'sex');
    await refused(coordinator, url, { periodStart: '2025-01-01', periodEnd: '2025-12-31', value: 1, formOfExploitation: 'Knitting' }, 'formOfExploitation');
    const b1 = (await indicators(coordinator)).find((i) => i.code === 'B1');
    expect(b1?.measurements).toEqual([]);
  });
});
