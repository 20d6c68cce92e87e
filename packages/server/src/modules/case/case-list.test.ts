import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseList, caseStages } from '@palermo/contracts';
import { clientFor, createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { consentTo, organisation, openTestCase, refer, staff, type Staff } from '../referral/referral.test-support.js';

/** The worklist: paging with a total, every sort, every filter, and no filter or sort that reveals a hidden field. */
let t: TestApp;
let cw: Staff;
let colleague: Staff;
let shelterWorker: Staff;
let other: Staff;
const mine: Array<{ id: string; reference: string }> = [];
let foreign = '';

async function list(who: Staff, query: string) {
  const response = await (await clientFor(t, who.user)).request('GET', `/api/cases?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return caseList.parse(response.json());
}

beforeAll(async () => {
  t = await createTestApp();
  const ngo = await organisation(t, 'ngo');
  const shelter = await organisation(t, 'shelter');
  const otherNgo = await organisation(t, 'ngo');
  cw = await staff(t, ngo, ['caseworker']);
  colleague = await staff(t, ngo, ['caseworker']);
  shelterWorker = await staff(t, shelter, ['caseworker']);
  other = await staff(t, otherNgo, ['caseworker']);
  const stages = ['reported', 'screened', 'reasonable_grounds_pending', 'reasonable_grounds_pending', 'reasonable_grounds_positive', 'conclusive_positive', 'reported'];
  for (const [i, stage] of stages.entries()) {
    const opened = await openTestCase(t, i === 6 ? colleague : cw);
    mine.push(opened);
    // Opened one day apart, oldest first; decisions due two days ago, in three days and in twenty.
    const due = stage === 'reasonable_grounds_pending' ? (i === 2 ? '-2 days' : '3 days') : stage === 'reasonable_grounds_positive' ? '20 days' : null;
    await sql`update cases set stage = ${stage}, opened_at = now() - make_interval(days => ${10 - i}),
      decision_due_at = ${due === null ? null : sql`now() + ${due}::interval`},
      forms_of_exploitation = ${i % 2 === 0 ? ['SexualExploitation'] : ['ForcedLabour']}::text[] where id = ${opened.id}::uuid`.execute(t.platform.db);
  }
  foreign = (await openTestCase(t, other)).reference;
  // The first case is referred to the shelter, which has not accepted: it sees the case's envelope only.
  await consentTo(t, cw, mine[0]?.id ?? '', shelter.id);
  await refer(t, cw, mine[0]?.id ?? '', { toOrganisationId: shelter.id, service: 'shelter' });
});
afterAll(async () => t.close());

describe('paging', () => {
  it('gives every case once across pages, with the total on each', async () => {
    const seen: string[] = [];
    for (const offset of [0, 3, 6]) {
      const page = await list(cw, `limit=3&offset=${offset}`);
      expect(page.total).toBe(7);
      expect(page.offset).toBe(offset);
      seen.push(...page.cases.map((c) => c.reference));
    }
    expect(seen).toEqual(mine.map((c) => c.reference).reverse());
    expect(seen).not.toContain(foreign);
    const past = await list(cw, 'limit=3&offset=30');
    expect(past).toMatchObject({ cases: [], total: 7 });
  });
});

describe('sorting', () => {
  it('sorts oldest first, by case number, by next decision due and by stage', async () => {
    expect((await list(cw, 'sort=opened_asc')).cases.map((c) => c.reference)).toEqual(mine.map((c) => c.reference));
    const byReference = (await list(cw, 'sort=reference_asc')).cases.map((c) => c.reference);
    expect(byReference).toEqual([...byReference].sort());
    const byDue = (await list(cw, 'sort=due_asc')).cases.slice(0, 3).map((c) => c.reference);
    expect(byDue).toEqual([mine[2]?.reference, mine[3]?.reference, mine[4]?.reference]);
    const byStage = (await list(cw, 'sort=stage_asc')).cases.map((c) => caseStages.indexOf(c.stage ?? 'reported'));
    expect(byStage).toEqual([...byStage].sort((a, b) => a - b));
  });

  it('refuses an unknown sort, naming the field', async () => {
    const response = await (await clientFor(t, cw.user)).request('GET', '/api/cases?sort=person_name');
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toEqual([expect.objectContaining({ field: 'querystring.sort' })]);
  });
});

describe('filters', () => {
  it('filters by stage, status, form of exploitation, deadline and assignment', async () => {
    const refs = async (query: string) => (await list(cw, query)).cases.map((c) => c.reference).sort();
    const r = (...i: number[]) => i.map((n) => mine[n]?.reference ?? '').sort();
    expect(await refs('stage=reasonable_grounds_pending')).toEqual(r(2, 3));
    expect(await refs('form=ForcedLabour')).toEqual(r(1, 3, 5));
    expect(await refs('deadline=overdue')).toEqual(r(2));
    expect(await refs('deadline=week')).toEqual(r(3));
    expect(await refs('assignedToMe=true')).toEqual(r(0, 1, 2, 3, 4, 5));
    expect((await list(colleague, 'assignedToMe=true')).cases.map((c) => c.reference)).toEqual(r(6));
    expect(await refs('status=Closed')).toEqual([]);
    expect((await list(cw, 'form=ForcedLabour&stage=reasonable_grounds_pending')).total).toBe(1);
  });

  it("never lets a receiver learn a field it does not see by filtering or sorting on it", async () => {
    expect((await list(shelterWorker, '')).cases.map((c) => c.reference)).toEqual([mine[0]?.reference]);
    expect((await list(shelterWorker, '')).cases[0]?.stage).toBeUndefined();
    expect((await list(shelterWorker, 'stage=reported')).total).toBe(0);
    expect((await list(shelterWorker, 'form=SexualExploitation')).total).toBe(0);
    expect((await list(other, 'stage=reported')).cases.map((c) => c.reference)).toEqual([foreign]);
  });
});

describe('sorting by a field some cases do not show', () => {
  it('pages through every case once, in the order of the whole list, the cases showing the field first', async () => {
    for (const sort of ['due_asc', 'stage_asc']) {
      const whole = (await list(cw, `sort=${sort}&limit=50`)).cases.map((c) => c.reference);
      expect(whole).toHaveLength(7);
      const paged: string[] = [];
      for (const offset of [0, 2, 4, 6]) paged.push(...(await list(cw, `sort=${sort}&limit=2&offset=${offset}`)).cases.map((c) => c.reference));
      expect(paged).toEqual(whole);
    }
    // Due: the three cases waiting with a due date first, by due date; then the others, newest first.
    expect((await list(cw, 'sort=due_asc&limit=50')).cases.slice(3).map((c) => c.reference)).toEqual([mine[6], mine[5], mine[1], mine[0]].map((c) => c?.reference));
  });

  it("puts the cases whose stage the user may not see after those she may, without revealing their order by stage", async () => {
    const own = await openTestCase(t, shelterWorker);
    await sql`update cases set stage = 'conclusive_positive' where id = ${own.id}::uuid`.execute(t.platform.db);
    const page = await list(shelterWorker, 'sort=stage_asc');
    expect(page.cases.map((c) => [c.reference, c.stage])).toEqual([[own.reference, 'conclusive_positive'], [mine[0]?.reference, undefined]]);
    expect((await list(shelterWorker, 'sort=stage_asc&limit=1&offset=1')).cases.map((c) => c.reference)).toEqual([mine[0]?.reference]);
    expect((await list(shelterWorker, 'sort=due_asc')).cases.map((c) => c.reference)).toEqual([own.reference, mine[0]?.reference]);
  });
});
