import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseApproval, caseApprovalList, homeCounts, homeView } from '@palermo/contracts';
import { clientFor, createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';
import { addRecord, caseVersion, post } from '../case-record/case-record.test-support.js';
import { openTestCase, organisation, staff, type Organisation, type Staff } from '../referral/referral.test-support.js';

/**
 * A supervisor's part of the case work through the HTTP pipeline: reassigning (who may, to whom, audited, told),
 * approvals where the country asks for them (and today's behaviour where it does not), and the supervisor's home.
 */
let t: TestApp;
let ngoA: Organisation;
let ngoB: Organisation;
let supA: Staff;
let supB: Staff;
let cwA: Staff;
let cwA2: Staff;
let cwB: Staff;
let retired: Staff;
let natAdmin: Staff;
const clients = new Map<Staff, Client>();
async function as(who: Staff): Promise<Client> {
  const known = clients.get(who);
  if (known) return known;
  const client = await clientFor(t, who.user);
  clients.set(who, client);
  return client;
}

async function notificationsOf(who: Staff) {
  return t.platform.db.selectFrom('notifications').select(['kind', 'link']).where('user_id', '=', who.user.id).execute();
}
async function auditActions(caseId: string) {
  const rows = await t.platform.db.selectFrom('audit_log').select('action').where('record_id', '=', caseId).execute();
  return rows.map((r) => r.action);
}
async function setApprovals(kinds: string[]) {
  const response = await (await as(natAdmin)).request('PUT', '/api/settings/approvals', { approvalRequiredFor: kinds });
  expect(response.statusCode, response.body).toBe(200);
}
async function caseRow(id: string) {
  return t.platform.db.selectFrom('cases').select(['status', 'case_manager_user_id', 'closure_reason', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
}

beforeAll(async () => {
  t = await createTestApp();
  ngoA = await organisation(t, 'ngo');
  ngoB = await organisation(t, 'ngo');
  supA = await staff(t, ngoA, ['supervisor']);
  supB = await staff(t, ngoB, ['supervisor']);
  cwA = await staff(t, ngoA, ['caseworker']);
  cwA2 = await staff(t, ngoA, ['caseworker']);
  cwB = await staff(t, ngoB, ['caseworker']);
  retired = await staff(t, ngoA, ['caseworker']);
  await t.platform.db.updateTable('users').set({ active: false }).where('id', '=', retired.user.id).execute();
  const coordination = await organisation(t, 'national_coordinator');
  natAdmin = await staff(t, coordination, ['national_admin']);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('reassigning a case', () => {
  it('a supervisor of the managing organisation gives the case to another caseworker: audited, both caseworkers told', async () => {
    const c = await openTestCase(t, cwA);
    const response = await post(await as(supA), `/api/cases/${c.id}/reassign`, { caseManagerUserId: cwA2.user.id, version: await caseVersion(await as(cwA), c.id) });
    expect(response.statusCode, response.body).toBe(200);
    const row = await caseRow(c.id);
    expect(row.case_manager_user_id).toBe(cwA2.user.id);
    expect(await auditActions(c.id)).toContain('case.reassign');
    expect(await notificationsOf(cwA2)).toContainEqual({ kind: 'case_reassigned', link: `/cases/${c.id}` });
    expect(await notificationsOf(cwA)).toContainEqual({ kind: 'case_reassigned', link: `/cases/${c.id}` });
    // The case record keeps the assignment like any other.
    const manager = await (await as(supA)).request('GET', `/api/cases/${c.id}/case-manager`);
    expect(manager.json().caseManager.id).toBe(cwA2.user.id);
  });

  it('refuses a caseworker, and a supervisor of another organisation', async () => {
    const c = await openTestCase(t, cwA);
    const version = await caseVersion(await as(cwA), c.id);
    const byCaseworker = await post(await as(cwA), `/api/cases/${c.id}/reassign`, { caseManagerUserId: cwA2.user.id, version });
    expect(byCaseworker.statusCode).toBe(403);
    const byOther = await post(await as(supB), `/api/cases/${c.id}/reassign`, { caseManagerUserId: cwB.user.id, version });
    expect(byOther.statusCode).toBe(404);
    expect((await caseRow(c.id)).case_manager_user_id).toBe(cwA.user.id);
    expect(await auditActions(c.id)).not.toContain('case.reassign');
  });

  it.each([
    ['a caseworker of another organisation', () => cwB],
    ['a supervisor', () => supA],
    ['an inactive caseworker', () => retired],
  ])('refuses %s as the new case manager, naming the field, writing nothing', async (_, target) => {
    const c = await openTestCase(t, cwA);
    const version = await caseVersion(await as(cwA), c.id);
    const response = await post(await as(supA), `/api/cases/${c.id}/reassign`, { caseManagerUserId: target().user.id, version });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().issues).toContainEqual({ field: 'caseManagerUserId', problem: 'must be an active caseworker of the organisation managing the case' });
    const row = await caseRow(c.id);
    expect([row.case_manager_user_id, row.version]).toEqual([cwA.user.id, version]);
    expect(await notificationsOf(target())).not.toContainEqual(expect.objectContaining({ link: `/cases/${c.id}` }));
  });
});

describe('approvals', () => {
  it('the national administrator alone chooses what waits for approval (audited)', async () => {
    expect((await (await as(cwA)).request('PUT', '/api/settings/approvals', { approvalRequiredFor: ['case_closure'] })).statusCode).toBe(403);
    await setApprovals(['case_closure', 'assistance_plan']);
    const read = await (await as(cwA)).request('GET', '/api/settings/approvals');
    expect(read.json()).toEqual({ approvalRequiredFor: ['assistance_plan', 'case_closure'] });
    const bad = await (await as(natAdmin)).request('PUT', '/api/settings/approvals', { approvalRequiredFor: ['everything'] });
    expect(bad.statusCode).toBe(400);
    const audited = await t.platform.db.selectFrom('audit_log').select('summary').where('action', '=', 'settings.approvals_set').execute();
    expect(audited.map((a) => a.summary)).toContain('approval required for: none -> assistance_plan, case_closure');
    await setApprovals([]);
  });

  it('without approval required, a caseworker closes the case at once, as before', async () => {
    await setApprovals(['assistance_plan']);
    const c = await openTestCase(t, cwA);
    const response = await post(await as(cwA), `/api/cases/${c.id}/close`, { version: await caseVersion(await as(cwA), c.id), reason: 'Person moved abroad' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().awaitingApproval).toBeUndefined();
    expect((await caseRow(c.id)).status).toBe('Closed');
    expect(await t.platform.db.selectFrom('case_approvals').select('id').where('case_id', '=', c.id).execute()).toEqual([]);
  });

  it("a caseworker's closure waits; her supervisor returns it with a reason, then approves the next one, which closes the case", async () => {
    await setApprovals(['case_closure']);
    const c = await openTestCase(t, cwA);
    const cwAClient = await as(cwA);
    const close = () => caseVersion(cwAClient, c.id).then((version) => post(cwAClient, `/api/cases/${c.id}/close`, { version, reason: 'Goals reached' }));
    const asked = await close();
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json().awaitingApproval).toBe(true);
    expect((await caseRow(c.id)).status).toBe('Active');
    expect((await close()).statusCode).toBe(409);
    expect(await notificationsOf(supA)).toContainEqual({ kind: 'approval_requested', link: `/cases/${c.id}` });
    expect(await notificationsOf(supB)).not.toContainEqual(expect.objectContaining({ link: `/cases/${c.id}` }));

    const home = homeView.parse((await (await as(supA)).request('GET', '/api/home')).json());
    const item = home.approvalsWaiting?.items.find((i) => i.caseId === c.id);
    expect(item).toMatchObject({ kind: 'case_closure', caseReference: c.reference });
    expect(homeCounts.parse((await (await as(supA)).request('GET', '/api/home/counts')).json()).approvals).toBeGreaterThanOrEqual(1);
    expect(homeView.parse((await cwAClient.request('GET', '/api/home')).json()).approvalsWaiting).toBeUndefined();
    if (!item) throw new Error('no approval listed');

    expect((await (await as(supB)).request('POST', `/api/approvals/${item.id}/decision`, { decision: 'approve' })).statusCode).toBe(404);
    expect((await cwAClient.request('POST', `/api/approvals/${item.id}/decision`, { decision: 'approve' })).statusCode).toBe(403);
    const noReason = await (await as(supA)).request('POST', `/api/approvals/${item.id}/decision`, { decision: 'return' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().issues).toContainEqual({ field: 'reason', problem: 'must give a reason for returning it' });
    const returned = await (await as(supA)).request('POST', `/api/approvals/${item.id}/decision`, { decision: 'return', reason: 'Follow-up at three months first' });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(caseApproval.parse(returned.json())).toMatchObject({ status: 'returned', returnReason: 'Follow-up at three months first' });
    expect((await caseRow(c.id)).status).toBe('Active');
    expect(await notificationsOf(cwA)).toContainEqual({ kind: 'approval_answered', link: `/cases/${c.id}` });
    const seen = caseApprovalList.parse((await cwAClient.request('GET', `/api/cases/${c.id}/approvals`)).json());
    expect(seen.approvals[0]).toMatchObject({ kind: 'case_closure', status: 'returned', returnReason: 'Follow-up at three months first', closure: { reason: 'Goals reached', referred: false } });
    expect(seen.mayDecide).toBe(false);
    const stored = await t.platform.db.selectFrom('case_approvals').select('return_reason').where('id', '=', item.id).executeTakeFirstOrThrow();
    expect(stored.return_reason?.toString('utf8')).not.toContain('Follow-up');

    expect((await close()).json().awaitingApproval).toBe(true);
    const next = caseApprovalList.parse((await (await as(supA)).request('GET', `/api/cases/${c.id}/approvals`)).json()).approvals.find((a) => a.status === 'awaiting');
    const approved = await (await as(supA)).request('POST', `/api/approvals/${next?.id}/decision`, { decision: 'approve' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(await caseRow(c.id)).toMatchObject({ status: 'Closed', closure_reason: 'Goals reached' });
    expect(await auditActions(c.id)).toEqual(expect.arrayContaining(['case.approval_request', 'case.approval_answer', 'case.close']));
    expect((await (await as(supA)).request('POST', `/api/approvals/${next?.id}/decision`, { decision: 'approve' })).statusCode).toBe(409);
    await setApprovals([]);
  });

  it("a caseworker's plan waits for her supervisor where the country asks for it, and only then", async () => {
    const goal = { kind: 'assistance_goal', data: { domain: 'legal', status: 'planned', chosenByPerson: true }, notes: 'Recover the wages owed' };
    const c = await openTestCase(t, cwA);
    await addRecord(await as(cwA), c.id, goal);
    expect(await t.platform.db.selectFrom('case_approvals').select('id').where('case_id', '=', c.id).execute()).toEqual([]);

    await setApprovals(['assistance_plan']);
    await addRecord(await as(cwA), c.id, goal);
    await addRecord(await as(cwA), c.id, { ...goal, data: { ...goal.data, domain: 'medical' } });
    const list = caseApprovalList.parse((await (await as(supA)).request('GET', `/api/cases/${c.id}/approvals`)).json());
    expect(list.approvals.map((a) => [a.kind, a.status])).toEqual([['assistance_plan', 'awaiting']]);
    expect(list.mayDecide).toBe(true);
    // A supervisor's own goal waits for nobody.
    const d = await openTestCase(t, cwA);
    await addRecord(await as(supA), d.id, goal);
    expect(await t.platform.db.selectFrom('case_approvals').select('id').where('case_id', '=', d.id).execute()).toEqual([]);

    const approved = await (await as(supA)).request('POST', `/api/approvals/${list.approvals[0]?.id}/decision`, { decision: 'approve' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(caseApproval.parse(approved.json())).toMatchObject({ status: 'approved', returnReason: null });
    expect(await notificationsOf(cwA)).toContainEqual({ kind: 'approval_answered', link: `/cases/${c.id}` });
    await setApprovals([]);
  });
});

describe("the supervisor's home", () => {
  it('lists her team with open and overdue counts and the unassigned cases; a caseworker sees neither', async () => {
    const overdue = await openTestCase(t, cwA2);
    await t.platform.db.updateTable('cases').set({ stage: 'reasonable_grounds_pending', decision_due_at: new Date(Date.now() - 86_400_000) }).where('id', '=', overdue.id).execute();
    const unassigned = await openTestCase(t, supA);
    const other = await openTestCase(t, supB);
    const home = homeView.parse((await (await as(supA)).request('GET', '/api/home')).json());
    const members = home.team?.members ?? [];
    expect(members.map((m) => m.userId).sort()).toEqual([cwA.user.id, cwA2.user.id].sort());
    const second = members.find((m) => m.userId === cwA2.user.id);
    expect(second?.overdue).toBe(1);
    expect(second?.openCases).toBeGreaterThanOrEqual(2);
    expect(members[0]?.userId).toBe(cwA2.user.id);
    const refs = home.unassignedCases?.items.map((i) => i.reference) ?? [];
    expect(refs).toContain(unassigned.reference);
    expect(refs).not.toContain(other.reference);
    const cw = homeView.parse((await (await as(cwA)).request('GET', '/api/home')).json());
    expect([cw.team, cw.unassignedCases, cw.approvalsWaiting]).toEqual([undefined, undefined, undefined]);
  });
});

describe("the navigation's approvals badge", () => {
  it('counts exactly the approvals waiting for this supervisor, apart and within the home count, and reads nothing personal', async () => {
    const org = await organisation(t, 'ngo');
    const supervisor = await staff(t, org, ['supervisor']);
    const caseworker = await staff(t, org, ['caseworker']);
    const counts = async (who: Staff) => homeCounts.parse((await (await as(who)).request('GET', '/api/home/counts')).json());
    const awaitingIn = async (organisationId: string) => (await t.platform.db.selectFrom('case_approvals').select('id').where('organisation_id', '=', organisationId).where('status', '=', 'awaiting').execute()).length;
    const goal = { kind: 'assistance_goal', data: { domain: 'legal', status: 'planned', chosenByPerson: true }, notes: 'Recover the wages owed' };
    expect((await counts(supervisor)).approvals).toBe(0);
    await setApprovals(['assistance_plan']);
    try {
      const first = await openTestCase(t, caseworker);
      const second = await openTestCase(t, caseworker);
      await addRecord(await as(caseworker), first.id, goal);
      await addRecord(await as(caseworker), second.id, goal);
      const auditBefore = await t.platform.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      const waiting = await counts(supervisor);
      expect(waiting.approvals).toBe(2);
      expect(waiting.home).toBeGreaterThanOrEqual(2);
      // Not audited: the count reads no personal data.
      expect(await t.platform.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).toEqual(auditBefore);
      // Another organisation's supervisor is not counted these; a caseworker has no approvals badge.
      expect((await counts(supB)).approvals).toBe(await awaitingIn(ngoB.id));
      expect((await counts(caseworker)).approvals).toBeUndefined();
      const list = caseApprovalList.parse((await (await as(supervisor)).request('GET', `/api/cases/${first.id}/approvals`)).json());
      expect((await (await as(supervisor)).request('POST', `/api/approvals/${list.approvals[0]?.id}/decision`, { decision: 'approve' })).statusCode).toBe(200);
      expect((await counts(supervisor)).approvals).toBe(1);
      expect((await counts(supA)).approvals).toBe(await awaitingIn(ngoA.id));
    } finally {
      await setApprovals([]);
    }
  });
});
