import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp, type TestUser } from '../../../test/support/test-app.js';
import type { CaseRecordView } from './case-record.contracts.js';
import { addRecord, caseVersion, handOver, needs, newKey, openCase, post, shareForReferral, withCaseRecordRoutes } from './case-record.test-support.js';

let t: TestApp;
let authorityId: string;
let shelterId: string;
let caseworker: Client;
let colleagueUser: TestUser;
let colleague: Client;
let shelterCaseworker: Client;
let otherNgoCaseworker: Client;
let decisionMaker: Client;
let investigator: Client;

beforeAll(async () => {
  t = await withCaseRecordRoutes(await createTestApp());
  const ngoId = await insertOrganisation(t, 'ngo', ['NORTH']);
  shelterId = await insertOrganisation(t, 'shelter', ['NORTH']);
  const otherNgo = await insertOrganisation(t, 'ngo', ['NORTH']);
  authorityId = await insertOrganisation(t, 'competent_authority');
  const police = await insertOrganisation(t, 'law_enforcement', ['NORTH']);
  caseworker = await clientFor(t, await insertUser(t, ngoId, ['caseworker']));
  colleagueUser = await insertUser(t, ngoId, ['caseworker']);
  colleague = await clientFor(t, colleagueUser);
  shelterCaseworker = await clientFor(t, await insertUser(t, shelterId, ['caseworker']));
  otherNgoCaseworker = await clientFor(t, await insertUser(t, otherNgo, ['caseworker']));
  decisionMaker = await clientFor(t, await insertUser(t, authorityId, ['decision_maker']));
  investigator = await clientFor(t, await insertUser(t, police, ['investigator']));
});
afterAll(async () => t.close());

const recordsSeenBy = async (client: Client, caseId: string, query = '') => {
  const response = await client.request('GET', `/api/cases/${caseId}/records${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ records: CaseRecordView[] }>().records;
};
const consent = (caseId: string, purpose: string, status: string, targetOrganisationId?: string) =>
  post(caseworker, `/api/cases/${caseId}/consents`, { purpose, status, method: 'verbal', ...(targetOrganisationId ? { targetOrganisationId } : {}) });
const timelineActions = async (caseId: string) =>
  ((await caseworker.request('GET', `/api/cases/${caseId}`)).json().timeline as Array<{ action: string }>).map((e) => e.action);

describe('who reads the case record', () => {
  it("keeps counselling and health notes within the author's organisation, even from the organisation that takes the case over", async () => {
    const c = await openCase(caseworker);
    await addRecord(caseworker, c.id, needs([['psychosocial', 'high', true]]));
    await addRecord(caseworker, c.id, { kind: 'counselling_note', notes: 'She spoke about the night she escaped' });
    await addRecord(caseworker, c.id, { kind: 'health_note', notes: 'Untreated fracture of the left wrist' });
    const seenByColleague = await recordsSeenBy(colleague, c.id);
    expect(seenByColleague.map((r) => [r.kind, r.visibility, r.notes])).toEqual([
      ['needs_assessment', 'case', null],
      ['counselling_note', 'author_organisation', 'She spoke about the night she escaped'],
      ['health_note', 'author_organisation', 'Untreated fracture of the left wrist'],
    ]);

    // A shelter the person was referred to reads the case's shared fields, not the assistance file.
    await shareForReferral(t, c.id, shelterId, colleagueUser.id);
    expect((await shelterCaseworker.request('GET', `/api/cases/${c.id}`)).statusCode).toBe(200);
    expect((await shelterCaseworker.request('GET', `/api/cases/${c.id}/records`)).statusCode).toBe(404);
    expect((await post(shelterCaseworker, `/api/cases/${c.id}/records`, { kind: 'counselling_note', notes: 'x' })).statusCode).toBe(404);

    // The shelter takes the case over: it reads the record, except the first organisation's counselling and health notes.
    await handOver(t, c.id, shelterId, shelterCaseworker.userId);
    await addRecord(shelterCaseworker, c.id, { kind: 'counselling_note', notes: 'First session at the shelter' });
    const seenByShelter = await recordsSeenBy(shelterCaseworker, c.id);
    expect(seenByShelter.map((r) => [r.kind, r.notes])).toEqual([['needs_assessment', null], ['counselling_note', 'First session at the shelter']]);
    expect(await recordsSeenBy(shelterCaseworker, c.id, '?kind=health_note')).toEqual([]);
    const everything = await shelterCaseworker.request('GET', `/api/cases/${c.id}/records?includeSuperseded=true`);
    expect(everything.body).not.toContain('escaped');
    expect(everything.body).not.toContain('fracture');
    expect((await caseworker.request('GET', `/api/cases/${c.id}/records`)).statusCode).toBe(404);
  });

  it('shows no record to law enforcement (even with consent), to the competent authority, or to another organisation', async () => {
    const c = await openCase(caseworker, { givenName: 'Mira' });
    await addRecord(caseworker, c.id, needs([['legal', 'high']]));
    expect((await consent(c.id, 'law_enforcement', 'given')).statusCode).toBe(200);
    expect((await investigator.request('GET', `/api/cases/${c.id}`)).statusCode).toBe(200);
    expect((await investigator.request('GET', `/api/cases/${c.id}/records`)).statusCode).toBe(403);

    expect((await consent(c.id, 'referral', 'given', authorityId)).statusCode).toBe(200);
    const requested = await post(caseworker, `/api/cases/${c.id}/decision-requests`, { competentAuthorityId: authorityId, version: await caseVersion(caseworker, c.id) });
    expect(requested.statusCode, requested.body).toBe(200);
    expect((await decisionMaker.request('GET', `/api/cases/${c.id}`)).statusCode).toBe(200);
    expect((await decisionMaker.request('GET', `/api/cases/${c.id}/records`)).statusCode).toBe(403);

    expect((await otherNgoCaseworker.request('GET', `/api/cases/${c.id}/records`)).statusCode).toBe(404);
    expect((await otherNgoCaseworker.request('GET', `/api/cases/${c.id}/plan`)).statusCode).toBe(404);
    const denied = await t.platform.db.selectFrom('audit_log').select('action').where('record_id', '=', c.id).where('outcome', '=', 'denied').execute();
    expect(denied.map((d) => d.action)).toEqual(['case_record.read', 'case_record.read']);
  });
});

describe('decisions on return', () => {
  it("refuses a return decision for a child before a best-interests assessment, and before a risk assessment for return", async () => {
    const c = await openCase(caseworker, { isChild: true });
    const version = c.version;
    const decision = { kind: 'return_decision', data: { decision: 'voluntary_return', personAgrees: true, decidedOn: '2024-05-01' }, version };
    const early = await post(caseworker, `/api/cases/${c.id}/records`, decision);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ error: 'best_interests_assessment_required', message: expect.stringContaining('best-interests assessment') });
    expect(await recordsSeenBy(caseworker, c.id)).toEqual([]);
    expect(await caseVersion(caseworker, c.id)).toBe(version);
    expect(await timelineActions(c.id)).toEqual(['case.opened']);

    const against = await addRecord(caseworker, c.id, { kind: 'best_interests_assessment', data: { outcome: 'return_not_in_best_interests', childHeard: true, assessedOn: '2024-04-01' } });
    expect((await post(caseworker, `/api/cases/${c.id}/records`, decision)).json().error).toBe('return_not_in_best_interests');
    await addRecord(caseworker, c.id, { kind: 'best_interests_assessment', data: { outcome: 'return_in_best_interests', childHeard: true, assessedOn: '2024-04-20' }, supersedesId: against.id });
    expect((await post(caseworker, `/api/cases/${c.id}/records`, decision)).json().error).toBe('risk_assessment_required');
    await addRecord(caseworker, c.id, { kind: 'risk_assessment', data: { level: 'medium', forReturn: true, areas: ['retaliation'] } });
    await addRecord(caseworker, c.id, { kind: 'guardian_appointed', data: { guardianType: 'legal_guardian', appointedOn: '2024-03-01' }, notes: 'Guardian: J. Doe, +3212345678' });
    const decided = await addRecord(caseworker, c.id, decision);
    expect(decided.caseVersion).toBe(version + 1);
  });

  it('keeps child-protection records to children', async () => {
    const adult = await openCase(caseworker);
    const response = await post(caseworker, `/api/cases/${adult.id}/records`, { kind: 'best_interests_assessment', data: { outcome: 'return_in_best_interests', childHeard: true, assessedOn: '2024-04-20' } });
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toBe('not_a_child');
  });
});

describe('changes to the case itself', () => {
  it('assigns a case manager from the managing organisation, once per retry, and refuses a stale version', async () => {
    const c = await openCase(caseworker);
    const read = await caseVersion(caseworker, c.id);
    const key = newKey();
    const assign = { kind: 'case_manager_assigned', data: { caseManagerUserId: colleagueUser.id }, version: read };
    const first = await addRecord(caseworker, c.id, assign, key);
    const retry = await addRecord(caseworker, c.id, assign, key);
    expect(retry).toEqual(first);
    expect(first.caseVersion).toBe(read + 1);
    expect((await caseworker.request('GET', `/api/cases/${c.id}`)).json()).toMatchObject({ caseManagerUserId: colleagueUser.id, version: read + 1 });

    // A second caseworker who read the same version cannot silently overwrite the first.
    const stale = await post(colleague, `/api/cases/${c.id}/records`, { kind: 'case_manager_assigned', data: { caseManagerUserId: caseworker.userId }, version: read });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toContain('changed by someone else');
    expect(await caseVersion(caseworker, c.id)).toBe(read + 1);

    const outsider = await post(caseworker, `/api/cases/${c.id}/records`, { kind: 'case_manager_assigned', data: { caseManagerUserId: shelterCaseworker.userId }, version: read + 1 });
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json().issues).toEqual([{ field: 'data.caseManagerUserId', problem: 'must be an active caseworker of the organisation managing the case' }]);
    const same = await post(caseworker, `/api/cases/${c.id}/records`, { kind: 'case_manager_assigned', data: { caseManagerUserId: colleagueUser.id }, version: read + 1 });
    expect(same.json().error).toBe('no_change');
    expect((await recordsSeenBy(caseworker, c.id, '?kind=case_manager_assigned')).length).toBe(1);
  });

  it('adds nothing to a closed case', async () => {
    const c = await openCase(caseworker);
    expect((await post(caseworker, `/api/cases/${c.id}/close`, { reason: 'Moved abroad', version: c.version })).statusCode).toBe(200);
    const response = await post(caseworker, `/api/cases/${c.id}/records`, needs([['food', 'low']]));
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toBe('case_closed');
  });
});

describe('corrections', () => {
  it('supersedes, never overwrites, once, and only with the same kind', async () => {
    const c = await openCase(caseworker);
    const claim = await addRecord(caseworker, c.id, { kind: 'compensation_claim', data: { route: 'state_fund', status: 'filed', currency: 'EUR', amountClaimed: '12000.00', filedOn: '2024-02-01' } });
    const wrongKind = await post(caseworker, `/api/cases/${c.id}/records`, { kind: 'residence_status', data: { status: 'temporary_permit', from: '2024-02-01' }, supersedesId: claim.id });
    expect(wrongKind.json().issues).toEqual([{ field: 'supersedesId', problem: 'is a compensation claim record; a correction must be of the same kind' }]);
    const awarded = { kind: 'compensation_claim', data: { route: 'state_fund', status: 'awarded', currency: 'EUR', amountClaimed: '12000.00', amountAwarded: '8000.00', filedOn: '2024-02-01' }, supersedesId: claim.id };
    const correction = await addRecord(caseworker, c.id, awarded);
    const twice = await post(caseworker, `/api/cases/${c.id}/records`, awarded);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toBe('already_corrected');

    expect((await recordsSeenBy(caseworker, c.id)).map((r) => r.id)).toEqual([correction.id]);
    const history = await recordsSeenBy(caseworker, c.id, '?includeSuperseded=true');
    expect(history.map((r) => [r.id, r.supersedesId, r.supersededById])).toEqual([
      [claim.id, null, correction.id],
      [correction.id, claim.id, null],
    ]);
    await expect(sql`update case_records set data = '{}'::jsonb where id = ${claim.id}::uuid`.execute(t.platform.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from case_records where id = ${claim.id}::uuid`.execute(t.platform.db)).rejects.toThrow(/append-only/);
  });
});
