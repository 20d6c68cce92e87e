import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseView } from '@palermo/contracts';
import { clientFor, createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { consentTo, organisation, openTestCase, refer, staff } from '../referral/referral.test-support.js';
import { timelineFacts } from './case-timeline-facts.js';

describe('the timeline read as facts', () => {
  it('reads the codes out of each kind of summary', () => {
    expect(timelineFacts('case.screened', 'screened with ilo_forced_labour v1: refer_for_identification')).toEqual({ checklist: 'ilo_forced_labour', version: '1', suggestion: 'refer_for_identification' });
    expect(timelineFacts('case.opened', 'suspicion reported (anonymous intake)')).toEqual({ anonymous: 'true' });
    expect(timelineFacts('decision.reasonable_grounds', 'reasonable grounds decision: positive')).toEqual({ outcome: 'positive' });
    expect(timelineFacts('referral.sent', 'referred to Shelter North for shelter (urgent); person fields shared: givenName')).toEqual({ organisation: 'Shelter North', service: 'shelter', urgency: 'urgent' });
    expect(timelineFacts('referral.transfer_offered', 'referred to NGO for case management (routine); person fields shared: none')).toMatchObject({ service: 'case_management' });
    expect(timelineFacts('record.follow_up', 'correction: follow-up (entry): completed')).toEqual({ kind: 'follow_up', correction: 'true' });
    expect(timelineFacts('case.screened', 'something else entirely')).toBeUndefined();
  });
});

describe('the case page names organisations, never their ids', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('gives the consent to referral the organisation by name', async () => {
    const ngo = await organisation(t, 'ngo');
    const shelter = await organisation(t, 'shelter');
    const cw = await staff(t, ngo, ['caseworker']);
    const opened = await openTestCase(t, cw);
    await consentTo(t, cw, opened.id, shelter.id);
    await refer(t, cw, opened.id, { toOrganisationId: shelter.id, service: 'shelter' });
    const response = await (await clientFor(t, cw.user)).request('GET', `/api/cases/${opened.id}`);
    const view = caseView.parse(response.json());
    const consent = view.timeline.find((e) => e.action === 'consent.recorded');
    const shelterName = (await t.platform.db.selectFrom('organisations').select('name').where('id', '=', shelter.id).executeTakeFirstOrThrow()).name;
    expect(consent?.facts).toEqual({ purpose: 'referral', organisation: shelterName, status: 'given', method: 'verbal' });
    expect(JSON.stringify(view.timeline.map((e) => e.facts))).not.toContain(shelter.id);
    expect(view.timeline.find((e) => e.action === 'referral.sent')?.facts).toMatchObject({ organisation: shelterName, service: 'shelter' });
  });
});
