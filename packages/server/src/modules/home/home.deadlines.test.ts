import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { homeListLimit, homeView, type HomeView } from '@palermo/contracts';
import { clientFor, createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { organisation, openTestCase, staff, type Organisation, type Staff } from '../referral/referral.test-support.js';

/**
 * The order and totals of the caseworker's lists, which are read by walking each deadline in its own order: a case's
 * next deadline is the earlier of its decision due and the end of its reflection period, whichever stream it comes
 * from; a list shows its first homeListLimit cases and counts them all.
 */
let t: TestApp;
let ngo: Organisation;
let cw: Staff;
let colleague: Staff;
const ids: Record<string, string> = {};
const refs: Record<string, string> = {};
const at = (days: number) => new Date(Date.now() + days * 86_400_000);
const day = (days: number) => at(days).toISOString().slice(0, 10);

async function home(who: Staff): Promise<HomeView> {
  const response = await (await clientFor(t, who.user)).request('GET', '/api/home');
  expect(response.statusCode, response.body).toBe(200);
  return homeView.parse(response.json());
}

beforeAll(async () => {
  t = await createTestApp();
  ngo = await organisation(t, 'ngo');
  cw = await staff(t, ngo, ['caseworker']);
  colleague = await staff(t, ngo, ['caseworker']);
  for (const name of ['bothLaterDecision', 'decisionOnly', 'periodOnly', 'overdue', 'neither']) {
    const opened = await openTestCase(t, cw);
    ids[name] = opened.id;
    refs[name] = opened.reference;
  }
  const set = (name: string, values: { stage: string; decision_due_at: Date | null; reflection_period_start?: string | null; reflection_period_end: string | null }) =>
    t.platform.db.updateTable('cases').set(values).where('id', '=', ids[name] ?? '').execute();
  // Waiting for a decision due in ten days, reflection period ending in two: its next deadline is the period's end.
  await set('bothLaterDecision', { stage: 'reasonable_grounds_pending', decision_due_at: at(10), reflection_period_start: day(-20), reflection_period_end: day(2) });
  await set('decisionOnly', { stage: 'reasonable_grounds_positive', decision_due_at: at(5), reflection_period_end: null });
  // Decided: its decision due date no longer counts, its reflection period ending tomorrow does.
  await set('periodOnly', { stage: 'conclusive_positive', decision_due_at: at(-30), reflection_period_start: day(-29), reflection_period_end: day(1) });
  // Overdue decision; its reflection period ended three days ago and no longer counts.
  await set('overdue', { stage: 'reasonable_grounds_pending', decision_due_at: at(-1), reflection_period_start: day(-33), reflection_period_end: day(-3) });
  await set('neither', { stage: 'conclusive_negative', decision_due_at: null, reflection_period_end: null });
});
afterAll(async () => t.close());

describe("the caseworker's deadlines", () => {
  it('orders her cases by next deadline, the earlier of the decision due and the end of the reflection period', async () => {
    const view = await home(cw);
    expect(view.myCases?.items.map((i) => i.reference)).toEqual([refs['overdue'], refs['periodOnly'], refs['bothLaterDecision'], refs['decisionOnly']]);
    expect(view.myCases?.items.map((i) => i.overdue)).toEqual([true, false, false, false]);
    expect(view.myCases?.items[2]?.dueAt?.slice(0, 10)).toBe(day(2));
    expect(view.myCases?.total).toBe(4);
  });

  it('lists decisions pending by due date and periods ending within seven days by end, with their totals', async () => {
    const view = await home(cw);
    expect(view.decisionsPending?.items.map((i) => i.reference)).toEqual([refs['overdue'], refs['decisionOnly'], refs['bothLaterDecision']]);
    expect(view.decisionsPending?.total).toBe(3);
    expect(view.periodsEnding?.items.map((i) => i.reference)).toEqual([refs['periodOnly'], refs['bothLaterDecision']]);
    expect(view.periodsEnding?.total).toBe(2);
    expect((await home(colleague)).myCases).toEqual({ items: [], total: 0 });
  });

  it('shows the first cases of a longer list and counts every one', async () => {
    const more = homeListLimit + 2 - 4;
    for (let i = 0; i < more; i += 1) {
      const opened = await openTestCase(t, cw);
      await t.platform.db.updateTable('cases').set({ stage: 'screened', decision_due_at: at(20 + i) }).where('id', '=', opened.id).execute();
    }
    const view = await home(cw);
    expect(view.myCases?.items).toHaveLength(homeListLimit);
    expect(view.myCases?.total).toBe(homeListLimit + 2);
    expect(view.myCases?.items.slice(0, 4).map((i) => i.reference)).toEqual([refs['overdue'], refs['periodOnly'], refs['bothLaterDecision'], refs['decisionOnly']]);
    // Each of her open cases, all opened today, has its entry follow-up due, listed by due date and counted.
    const due = view.followUpsDue?.items.map((i) => i.dueAt ?? '') ?? [];
    expect(due).toEqual([...due].sort());
    expect(view.followUpsDue?.items.every((i) => i.milestone === 'entry')).toBe(true);
    expect(view.followUpsDue?.total).toBe(Object.keys(ids).length + more);
  });
});
