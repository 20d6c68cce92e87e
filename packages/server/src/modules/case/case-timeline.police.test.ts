/** What law enforcement reads of a case's timeline once it handed the case over, with the person's consent. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentEventRequest } from '@palermo/contracts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { acceptReferral } from '../referral/referral-response.js';
import { caseVersion, consentTo, inTx, key, openTestCase, organisation, refer, staff, type Staff } from '../referral/referral.test-support.js';
import { recordConsentEvent } from './case-consent.js';
import { readCase } from './case.service.js';

let t: TestApp;
let investigator: Staff;
let otherInvestigator: Staff;
let ngoCaseworker: Staff;
let shelterCaseworker: Staff;
let ngoId: string;
let shelterId: string;

beforeAll(async () => {
  t = await createTestApp();
  const police = await organisation(t, 'law_enforcement');
  const southPolice = await organisation(t, 'law_enforcement', ['SOUTH']);
  const ngo = await organisation(t, 'ngo');
  const shelter = await organisation(t, 'shelter');
  ngoId = ngo.id;
  shelterId = shelter.id;
  investigator = await staff(t, police, ['investigator']);
  otherInvestigator = await staff(t, southPolice, ['investigator']);
  ngoCaseworker = await staff(t, ngo, ['caseworker']);
  shelterCaseworker = await staff(t, shelter, ['caseworker']);
});
afterAll(async () => t.close());

const readAs = (who: Staff, caseId: string) => inTx(t, (tx) => readCase(tx, t.platform.cipher, who.subject, who.actor, caseId));
const consentToPolice = (by: Staff, caseId: string, status: 'given' | 'withdrawn') =>
  inTx(t, (tx) =>
    recordConsentEvent(tx, by.subject, by.actor, caseId, consentEventRequest.parse({ purpose: 'law_enforcement', status, method: 'written', rightsExplained: ['who_receives_it'] }), key()),
  );

describe('the timeline law enforcement reads', () => {
  it('shows the suspicion reported, the hand-over and who took the case, not the services or the shelter', async () => {
    const c = await openTestCase(t, investigator);
    await consentToPolice(investigator, c.id, 'given');
    await consentTo(t, investigator, c.id, ngoId);
    const offer = await refer(t, investigator, c.id, { toOrganisationId: ngoId, kind: 'case_transfer', version: await caseVersion(t, c.id) });
    await inTx(t, (tx) => acceptReferral(tx, ngoCaseworker.subject, ngoCaseworker.actor, offer.id, {}, key()));
    // The new managing organisation refers the person to a shelter, which takes her in.
    await consentTo(t, ngoCaseworker, c.id, shelterId);
    const shelterReferral = await refer(t, ngoCaseworker, c.id, { toOrganisationId: shelterId, service: 'shelter' });
    await inTx(t, (tx) => acceptReferral(tx, shelterCaseworker.subject, shelterCaseworker.actor, shelterReferral.id, {}, key()));

    const seen = await readAs(investigator, c.id);
    const actions = seen?.timeline.map((e) => [e.action, e.organisationName]);
    expect(actions?.map(([action]) => action)).toEqual([
      'case.opened',
      'consent.recorded',
      'consent.recorded',
      'referral.transfer_offered',
      'referral.transfer_accepted',
    ]);
    // Who took the case over is named; the shelter the person lives in is not.
    const orgNames = await t.platform.db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', [ngoId, shelterId]).execute();
    const ngoName = orgNames.find((o) => o.id === ngoId)?.name;
    const shelterName = orgNames.find((o) => o.id === shelterId)?.name ?? 'no such name';
    expect(actions?.at(-1)).toEqual(['referral.transfer_accepted', ngoName]);
    expect(JSON.stringify(seen)).not.toContain(shelterName);
    expect(seen?.recordKinds).toEqual([]);

    // Another police force, outside the person's jurisdiction, reads nothing; once consent is withdrawn, neither does
    // the force that reported.
    expect(await readAs(otherInvestigator, c.id)).toBeUndefined();
    await consentToPolice(ngoCaseworker, c.id, 'withdrawn');
    expect(await readAs(investigator, c.id)).toBeUndefined();
  });
});
