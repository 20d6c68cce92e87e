import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentEventRequest, homeView } from '@palermo/contracts';
import { clientFor, createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { caseVersion, consentTo, inTx, key, organisation, openTestCase, refer, staff, type Staff } from '../referral/referral.test-support.js';
import { acceptReferral } from '../referral/referral-response.js';
import { recordConsentEvent } from '../case/case-consent.js';

/**
 * Law enforcement's home after the hand-over: the suspicion stays listed through the outbox (to which organisation,
 * accepted), the case itself and its status decided only once the person consents to sharing with law enforcement.
 */
let t: TestApp;
let inv: Staff;
let otherPolice: Staff;
let ngoWorker: Staff;
let caseId = '';
let reference = '';

const homeOf = async (who: Staff) => homeView.parse((await (await clientFor(t, who.user)).request('GET', '/api/home')).json());

beforeAll(async () => {
  t = await createTestApp();
  const police = await organisation(t, 'law_enforcement', ['NORTH']);
  const ngo = await organisation(t, 'ngo', ['NORTH']);
  inv = await staff(t, police, ['investigator']);
  otherPolice = await staff(t, await organisation(t, 'law_enforcement', ['NORTH']), ['investigator']);
  ngoWorker = await staff(t, ngo, ['caseworker']);
  ({ id: caseId, reference } = await openTestCase(t, inv));
  await consentTo(t, inv, caseId, ngo.id);
  const offer = await refer(t, inv, caseId, { toOrganisationId: ngo.id, kind: 'case_transfer', version: await caseVersion(t, caseId) });
  await inTx(t, (tx) => acceptReferral(tx, ngoWorker.subject, ngoWorker.actor, offer.id, {}, key()));
});
afterAll(async () => t.close());

describe("law enforcement's home after the hand-over", () => {
  it('names where the case went, without the case or its status, until the person consents', async () => {
    const view = await homeOf(inv);
    expect(view.suspicionsReported?.items).toEqual([
      expect.objectContaining({ reference, caseId: null, heldByUs: false, referral: expect.objectContaining({ kind: 'case_transfer', status: 'accepted' }) }),
    ]);
    expect(view.suspicionsReported?.items[0]?.traffickingStatus).toBeUndefined();
  });

  it('shows the status decided once the person consents to sharing with law enforcement; never to another police unit', async () => {
    const consent = consentEventRequest.parse({ purpose: 'law_enforcement', status: 'given', method: 'verbal', rightsExplained: ['who_receives_it', 'right_to_refuse_or_withdraw'] });
    await inTx(t, (tx) => recordConsentEvent(tx, ngoWorker.subject, ngoWorker.actor, caseId, consent, key()));
    const view = await homeOf(inv);
    expect(view.suspicionsReported?.items[0]).toMatchObject({ reference, caseId, traffickingStatus: 'PossibleVictimOfTrafficking' });
    expect(JSON.stringify(await homeOf(otherPolice))).not.toContain(reference);
  });
});
