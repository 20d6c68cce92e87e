import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { readCase } from '../case/case.service.js';
import { completeReferralRequest, referralDataSets, sendReferralRequest } from './referral.contracts.js';
import { acceptReferral, completeReferral, declineReferral, withdrawReferral } from './referral-response.js';
import { listForCase, listInbox, listOutbox, sendReferral } from './referral.service.js';
import { referralDb } from './referral.tables.js';
import { consentTo, inTx, key, openTestCase, organisation, refer, staff, type Staff } from './referral.test-support.js';

let t: TestApp;
let ngoCaseworker: Staff;
let shelterCaseworker: Staff;
let shelterSupervisor: Staff;
let otherShelterCaseworker: Staff;
let shelterId: string;
let policeId: string;

beforeAll(async () => {
  t = await createTestApp();
  const ngo = await organisation(t, 'ngo');
  const shelter = await organisation(t, 'shelter');
  const otherShelter = await organisation(t, 'shelter');
  policeId = (await organisation(t, 'law_enforcement')).id;
  shelterId = shelter.id;
  ngoCaseworker = await staff(t, ngo, ['caseworker']);
  shelterCaseworker = await staff(t, shelter, ['caseworker']);
  shelterSupervisor = await staff(t, shelter, ['supervisor']);
  otherShelterCaseworker = await staff(t, otherShelter, ['caseworker']);
});
afterAll(async () => t.close());

const readAs = (who: Staff, caseId: string) => inTx(t, (tx) => readCase(tx, t.platform.cipher, who.subject, who.actor, caseId));
const inbox = (who: Staff, status?: 'sent' | 'accepted') => inTx(t, (tx) => listInbox(tx, t.platform.cipher, who.subject, who.actor, { status, limit: 50 }));
const counts = async (caseId: string) => ({
  referrals: (await referralDb(t.platform.db).selectFrom('referrals').select('id').where('case_id', '=', caseId).execute()).length,
  shares: (await t.platform.db.selectFrom('case_shares').select('id').where('case_id', '=', caseId).execute()).length,
  actions: (await t.platform.db.selectFrom('case_actions').select('id').where('case_id', '=', caseId).execute()).length,
  audit: Number((await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(t.platform.db)).rows[0]?.n),
});

describe('sending a referral', () => {
  it('refuses a referral without consent with a clear message, and leaves nothing changed', async () => {
    const c = await openTestCase(t, ngoCaseworker);
    const before = await counts(c.id);
    await expect(refer(t, ngoCaseworker, c.id, { toOrganisationId: shelterId, service: 'shelter' })).rejects.toMatchObject({
      statusCode: 409,
      code: 'consent_required',
      message: expect.stringContaining('has not consented'),
    });
    expect(await counts(c.id)).toEqual(before);
    expect(await readAs(shelterCaseworker, c.id)).toBeUndefined();
    // Consent to another organisation does not cover this one.
    await consentTo(t, ngoCaseworker, c.id, otherShelterCaseworker.subject.organisationId);
    await expect(refer(t, ngoCaseworker, c.id, { toOrganisationId: shelterId, service: 'shelter' })).rejects.toMatchObject({ code: 'consent_required' });
  });

  it('sends the shelter only the minimum data set: it sees the case only after the referral, and not after declining', async () => {
    const c = await openTestCase(t, ngoCaseworker);
    expect(await readAs(shelterCaseworker, c.id)).toBeUndefined();
    await consentTo(t, ngoCaseworker, c.id, shelterId);
    const sent = await refer(t, ngoCaseworker, c.id, { toOrganisationId: shelterId, service: 'shelter', urgency: 'urgent', message: 'Needs a ground-floor room' });
    expect(sent).toMatchObject({ caseId: c.id, status: 'sent' });

    const seen = await readAs(shelterCaseworker, c.id);
    expect(seen?.person?.fields).toEqual({ givenName: 'Ana', familyName: 'Lopes', pseudonym: 'Rose', birthDate: '1999-03-04', phone: '+351912345678' });
    expect(seen?.person?.fields?.identityNumber).toBeUndefined();
    expect(seen?.person?.fields?.address).toBeUndefined();
    expect(seen?.consents).toBeUndefined();
    // The receiver sees only its own timeline entries (none yet), not the sender's.
    expect(seen?.timeline).toEqual([]);

    const share = await t.platform.db.selectFrom('case_shares').selectAll().where('case_id', '=', c.id).executeTakeFirstOrThrow();
    expect(share).toMatchObject({ organisation_id: shelterId, purpose: 'referral', person_fields: [...referralDataSets.shelter], revoked_at: null });
    const audit = await t.platform.db.selectFrom('audit_log').select(['action', 'summary']).where('record_id', 'in', [c.id, sent.id]).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['case.share', 'referral.send']));
    // The message is stored encrypted.
    const stored = await referralDb(t.platform.db).selectFrom('referrals').select('message').where('id', '=', sent.id).executeTakeFirstOrThrow();
    expect(Buffer.from(stored.message ?? new Uint8Array()).toString('latin1')).not.toContain('ground-floor');

    await inTx(t, (tx) => declineReferral(tx, t.platform.cipher, shelterSupervisor.subject, shelterSupervisor.actor, sent.id, { reason: 'No bed free this month' }, key()));
    expect(await readAs(shelterCaseworker, c.id)).toBeUndefined();
    const [outboxItem] = await inTx(t, (tx) => listForCase(tx, t.platform.cipher, ngoCaseworker.subject, ngoCaseworker.actor, c.id, { limit: 10 }));
    expect(outboxItem).toMatchObject({ status: 'declined', declineReason: 'No bed free this month', shareActive: false });
  });

  it('lets the sender narrow the data set but never widen it', async () => {
    const c = await openTestCase(t, ngoCaseworker);
    await consentTo(t, ngoCaseworker, c.id, shelterId);
    const widened = sendReferralRequest.safeParse({ toOrganisationId: shelterId, service: 'interpretation', personFields: ['pseudonym', 'phone'] });
    expect(widened.success).toBe(false);
    expect(widened.error?.issues[0]?.path).toEqual(['personFields']);
    // The service refuses it too, whoever calls it.
    const raw = { toOrganisationId: shelterId, kind: 'service' as const, service: 'interpretation' as const, personFields: ['identityNumber' as const], urgency: 'routine' as const };
    await expect(inTx(t, (tx) => sendReferral(tx, t.platform.cipher, ngoCaseworker.subject, ngoCaseworker.actor, c.id, raw, key()))).rejects.toMatchObject({ statusCode: 400 });

    await refer(t, ngoCaseworker, c.id, { toOrganisationId: shelterId, service: 'shelter', personFields: ['pseudonym'] });
    expect((await readAs(shelterCaseworker, c.id))?.person?.fields).toEqual({ pseudonym: 'Rose' });
    await refer(t, ngoCaseworker, c.id, { toOrganisationId: shelterId, service: 'interpretation' });
    await expect(refer(t, ngoCaseworker, c.id, { toOrganisationId: shelterId, service: 'shelter' })).rejects.toMatchObject({ statusCode: 409, code: 'referral_open' });
  });

  it('refuses a referral to the own organisation, to law enforcement, or by someone who does not manage the case', async () => {
    const c = await openTestCase(t, ngoCaseworker);
    await consentTo(t, ngoCaseworker, c.id, policeId);
    await expect(refer(t, ngoCaseworker, c.id, { toOrganisationId: ngoCaseworker.subject.organisationId, service: 'food' })).rejects.toMatchObject({ statusCode: 400 });
    await expect(refer(t, ngoCaseworker, c.id, { toOrganisationId: policeId, service: 'safety' })).rejects.toMatchObject({ statusCode: 400 });
    await consentTo(t, ngoCaseworker, c.id, shelterId);
    await expect(refer(t, shelterCaseworker, c.id, { toOrganisationId: shelterId, service: 'food' })).rejects.toMatchObject({ statusCode: 404 });
  });

  it('does not act twice on a retried request', async () => {
    const c = await openTestCase(t, ngoCaseworker);
    await consentTo(t, ngoCaseworker, c.id, shelterId);
    const idempotencyKey = key();
    const first = await refer(t, ngoCaseworker, c.id, { toOrganisationId: shelterId, service: 'food' }, idempotencyKey);
    const before = await counts(c.id);
    const retry = await refer(t, ngoCaseworker, c.id, { toOrganisationId: shelterId, service: 'food' }, idempotencyKey);
    expect(retry).toEqual(first);
    expect(await counts(c.id)).toEqual(before);
    expect(before.referrals).toBe(1);

    const acceptKey = key();
    await inTx(t, (tx) => acceptReferral(tx, shelterCaseworker.subject, shelterCaseworker.actor, first.id, {}, acceptKey));
    const accepted = await counts(c.id);
    expect(await inTx(t, (tx) => acceptReferral(tx, shelterCaseworker.subject, shelterCaseworker.actor, first.id, {}, acceptKey))).toMatchObject({ status: 'accepted' });
    expect(await counts(c.id)).toEqual(accepted);
  });
});

describe('the receiving organisation', () => {
  it('finds the referral in its inbox, accepts it and records the service delivered', async () => {
    const c = await openTestCase(t, ngoCaseworker);
    await consentTo(t, ngoCaseworker, c.id, shelterId);
    const sent = await refer(t, ngoCaseworker, c.id, { toOrganisationId: shelterId, service: 'shelter', message: 'Arrives by train at 18:00' });

    const mine = (await inbox(shelterCaseworker, 'sent')).find((r) => r.id === sent.id);
    expect(mine).toMatchObject({ status: 'sent', service: 'shelter', caseReference: c.reference, message: 'Arrives by train at 18:00', shareActive: true });
    expect((await inbox(otherShelterCaseworker)).some((r) => r.id === sent.id)).toBe(false);
    const outbox = await inTx(t, (tx) => listOutbox(tx, t.platform.cipher, ngoCaseworker.subject, ngoCaseworker.actor, { limit: 200 }));
    expect(outbox.map((r) => r.id)).toContain(sent.id);
    expect((await inTx(t, (tx) => listOutbox(tx, t.platform.cipher, shelterCaseworker.subject, shelterCaseworker.actor, { limit: 200 }))).map((r) => r.id)).not.toContain(sent.id);

    // Another organisation, and the sender, cannot answer it.
    await expect(inTx(t, (tx) => acceptReferral(tx, otherShelterCaseworker.subject, otherShelterCaseworker.actor, sent.id, {}, key()))).rejects.toMatchObject({ statusCode: 404 });
    await expect(inTx(t, (tx) => acceptReferral(tx, ngoCaseworker.subject, ngoCaseworker.actor, sent.id, {}, key()))).rejects.toMatchObject({ statusCode: 404 });
    // Nothing to complete before acceptance.
    const delivery = completeReferralRequest.parse({ deliveredFrom: '2024-05-01', deliveredTo: '2024-05-20', note: 'Stayed three weeks; moved to own flat' });
    await expect(inTx(t, (tx) => completeReferral(tx, t.platform.cipher, shelterCaseworker.subject, shelterCaseworker.actor, sent.id, delivery, key()))).rejects.toMatchObject({ statusCode: 409 });

    await inTx(t, (tx) => acceptReferral(tx, shelterCaseworker.subject, shelterCaseworker.actor, sent.id, {}, key()));
    expect((await inbox(shelterCaseworker, 'accepted')).map((r) => r.id)).toContain(sent.id);
    const done = await inTx(t, (tx) => completeReferral(tx, t.platform.cipher, shelterCaseworker.subject, shelterCaseworker.actor, sent.id, delivery, key()));
    expect(done.status).toBe('completed');

    const [view] = await inTx(t, (tx) => listForCase(tx, t.platform.cipher, ngoCaseworker.subject, ngoCaseworker.actor, c.id, { limit: 10 }));
    expect(view).toMatchObject({ status: 'completed', deliveredFrom: '2024-05-01', deliveredTo: '2024-05-20', completionNote: 'Stayed three weeks; moved to own flat', shareActive: false });
    expect(view?.acceptedAt).not.toBeNull();
    // The purpose is fulfilled: the share ended; the shelter keeps its record of the referral, not the case.
    expect(await readAs(shelterCaseworker, c.id)).toBeUndefined();
    const kept = (await inbox(shelterCaseworker)).find((r) => r.id === sent.id);
    expect(kept).toMatchObject({ status: 'completed' });
    // The share has ended: the receiver keeps its inbox entry, not the sender's free text about the person.
    expect(kept?.message).toBeUndefined();
    const full = await readAs(ngoCaseworker, c.id);
    expect(full?.timeline.map((e) => e.action)).toEqual(['case.opened', 'consent.recorded', 'referral.sent', 'referral.accepted', 'referral.completed']);
  });

  it('rejects a delivery in the future and a withdrawn referral', async () => {
    const c = await openTestCase(t, ngoCaseworker);
    await consentTo(t, ngoCaseworker, c.id, shelterId);
    const sent = await refer(t, ngoCaseworker, c.id, { toOrganisationId: shelterId, service: 'psychosocial' });
    await inTx(t, (tx) => acceptReferral(tx, shelterCaseworker.subject, shelterCaseworker.actor, sent.id, {}, key()));
    const future = completeReferralRequest.parse({ deliveredFrom: '2999-01-01' });
    await expect(inTx(t, (tx) => completeReferral(tx, t.platform.cipher, shelterCaseworker.subject, shelterCaseworker.actor, sent.id, future, key()))).rejects.toMatchObject({ statusCode: 400 });
    expect(completeReferralRequest.safeParse({ deliveredFrom: '2024-05-02', deliveredTo: '2024-05-01' }).success).toBe(false);

    await inTx(t, (tx) => withdrawReferral(tx, ngoCaseworker.subject, ngoCaseworker.actor, sent.id, key()));
    expect(await readAs(shelterCaseworker, c.id)).toBeUndefined();
    await expect(inTx(t, (tx) => completeReferral(tx, t.platform.cipher, shelterCaseworker.subject, shelterCaseworker.actor, sent.id, completeReferralRequest.parse({ deliveredFrom: '2024-01-01' }), key()))).rejects.toMatchObject({
      statusCode: 409,
      code: 'impossible_transition',
    });
    // The receiver cannot withdraw: that is the managing side's decision.
    await expect(inTx(t, (tx) => withdrawReferral(tx, shelterCaseworker.subject, shelterCaseworker.actor, sent.id, key()))).rejects.toMatchObject({ statusCode: 404 });
  });
});
