/** An organisation that accepts a service referral works the case; one that has not accepted, or declined, does not. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';
import type { CaseRecordView, CaseView } from './case-record.contracts.js';
import { caseRecordKinds, receiverRecordKinds } from './case-record.contracts.js';
import { addRecord, caseVersion, needs, openCase, post, withCaseRecordRoutes } from './case-record.test-support.js';

let t: TestApp;
let shelterId: string;
let otherShelterId: string;
let caseworker: Client;
let shelterCaseworker: Client;
let shelterSupervisor: Client;
let otherShelterCaseworker: Client;
let shelterCaseworkerId: string;

beforeAll(async () => {
  t = await withCaseRecordRoutes(await createTestApp());
  const ngoId = await insertOrganisation(t, 'ngo', ['NORTH']);
  shelterId = await insertOrganisation(t, 'shelter', ['NORTH']);
  otherShelterId = await insertOrganisation(t, 'shelter', ['NORTH']);
  caseworker = await clientFor(t, await insertUser(t, ngoId, ['caseworker']));
  const shelterUser = await insertUser(t, shelterId, ['caseworker']);
  shelterCaseworkerId = shelterUser.id;
  shelterCaseworker = await clientFor(t, shelterUser);
  shelterSupervisor = await clientFor(t, await insertUser(t, shelterId, ['supervisor']));
  otherShelterCaseworker = await clientFor(t, await insertUser(t, otherShelterId, ['caseworker']));
});
afterAll(async () => t.close());

/** A case referred to the organisation for shelter, with the person's consent; the referral's id. */
async function referredCase(toOrganisationId: string) {
  const c = await openCase(caseworker);
  const consent = await post(caseworker, `/api/cases/${c.id}/consents`, { purpose: 'referral', targetOrganisationId: toOrganisationId, status: 'given', method: 'verbal' });
  expect(consent.statusCode, consent.body).toBe(200);
  const referral = await post(caseworker, `/api/cases/${c.id}/referrals`, { toOrganisationId, service: 'shelter', urgency: 'routine' });
  expect(referral.statusCode, referral.body).toBe(200);
  return { caseId: c.id, referralId: referral.json<{ id: string }>().id };
}

const caseSeenBy = async (client: Client, caseId: string) => {
  const response = await client.request('GET', `/api/cases/${caseId}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<CaseView>();
};
const recordsSeenBy = async (client: Client, caseId: string) => {
  const response = await client.request('GET', `/api/cases/${caseId}/records`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ records: CaseRecordView[] }>().records;
};

describe('the receiving organisation and the case record', () => {
  it('before accepting, sees no record and may add none; once it accepts, it assesses needs, plans, records services, follow-ups and notes', async () => {
    const { caseId, referralId } = await referredCase(shelterId);
    await addRecord(caseworker, caseId, { kind: 'counselling_note', notes: 'Told at intake about the night she escaped' });

    expect((await caseSeenBy(shelterCaseworker, caseId)).recordKinds).toEqual([]);
    expect((await shelterCaseworker.request('GET', `/api/cases/${caseId}/records`)).statusCode).toBe(404);
    expect((await shelterCaseworker.request('GET', `/api/cases/${caseId}/plan`)).statusCode).toBe(404);
    expect((await post(shelterCaseworker, `/api/cases/${caseId}/records`, needs([['shelter', 'high']]))).statusCode).toBe(404);

    const accepted = await post(shelterCaseworker, `/api/referrals/${referralId}/accept`, {});
    expect(accepted.statusCode, accepted.body).toBe(200);

    expect((await caseSeenBy(shelterCaseworker, caseId)).recordKinds).toEqual([...receiverRecordKinds]);
    expect((await caseSeenBy(caseworker, caseId)).recordKinds).toEqual([...caseRecordKinds]);
    await addRecord(shelterCaseworker, caseId, needs([['shelter', 'high', true], ['medical', 'medium']]));
    const goal = await addRecord(shelterSupervisor, caseId, { kind: 'assistance_goal', data: { domain: 'shelter', status: 'planned', chosenByPerson: true }, notes: 'A safe place to live' });
    await addRecord(shelterCaseworker, caseId, {
      kind: 'service_delivered',
      data: { domain: 'shelter', serviceType: 'safe_accommodation', providerOrganisationId: shelterId, startDate: '2026-01-05', goalId: goal.id },
    });
    await addRecord(shelterCaseworker, caseId, { kind: 'follow_up', data: { milestone: 'entry', date: '2026-01-06', outcome: 'completed', wellbeing: { overall: 3, domains: { safety: 4 } } } });
    await addRecord(shelterCaseworker, caseId, { kind: 'counselling_note', notes: 'First evening at the shelter went well' });

    // The shelter reads the case's records, except the referring organisation's counselling notes; the referring
    // organisation reads what the shelter recorded, except the shelter's own notes.
    const seenByShelter = await recordsSeenBy(shelterCaseworker, caseId);
    expect(seenByShelter.map((r) => r.kind)).toEqual(['needs_assessment', 'assistance_goal', 'service_delivered', 'follow_up', 'counselling_note']);
    expect(JSON.stringify(seenByShelter)).not.toContain('escaped');
    const seenByReferrer = await recordsSeenBy(caseworker, caseId);
    expect(seenByReferrer.map((r) => r.kind)).toEqual(['counselling_note', 'needs_assessment', 'assistance_goal', 'service_delivered', 'follow_up']);
    expect(JSON.stringify(seenByReferrer)).not.toContain('First evening');
    const plan = await shelterCaseworker.request('GET', `/api/cases/${caseId}/plan`);
    expect(plan.statusCode, plan.body).toBe(200);
    expect(plan.json<{ goals: Array<{ services: unknown[] }> }>().goals[0]?.services).toHaveLength(1);

    // Assigning the case manager and the decisions that change the case stay with the managing organisation.
    const version = await caseVersion(caseworker, caseId);
    const assign = await post(shelterCaseworker, `/api/cases/${caseId}/records`, { kind: 'case_manager_assigned', version, data: { caseManagerUserId: shelterCaseworkerId } });
    expect(assign.statusCode).toBe(404);
    expect((await shelterCaseworker.request('GET', `/api/cases/${caseId}/case-manager`)).statusCode).toBe(404);
    expect((await post(shelterCaseworker, `/api/cases/${caseId}/records`, { kind: 'residence_status', data: { status: 'temporary_permit', from: '2026-01-05' } })).statusCode).toBe(404);
  });

  it('a referral declined, or sent to another organisation, gives nothing of the case record', async () => {
    const { caseId, referralId } = await referredCase(otherShelterId);
    await addRecord(caseworker, caseId, needs([['legal', 'high']]));
    const declined = await post(otherShelterCaseworker, `/api/referrals/${referralId}/decline`, { reason: 'No bed free this month' });
    expect(declined.statusCode, declined.body).toBe(200);
    expect((await otherShelterCaseworker.request('GET', `/api/cases/${caseId}/records`)).statusCode).toBe(404);
    expect((await post(otherShelterCaseworker, `/api/cases/${caseId}/records`, { kind: 'counselling_note', notes: 'x' })).statusCode).toBe(404);
    // A shelter that accepted another person's referral gets nothing of this case either.
    expect((await shelterCaseworker.request('GET', `/api/cases/${caseId}/records`)).statusCode).toBe(404);
    expect((await post(shelterCaseworker, `/api/cases/${caseId}/records`, needs([['shelter', 'low']]))).statusCode).toBe(404);
  });
});
