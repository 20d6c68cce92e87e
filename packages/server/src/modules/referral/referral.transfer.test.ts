import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { caseForChange, readCase } from '../case/case.service.js';
import { caseRules } from '../case/case.policy.js';
import { readPerson } from '../person/person.service.js';
import { acceptReferral, declineReferral, withdrawReferral } from './referral-response.js';
import { listInbox } from './referral.service.js';
import { caseVersion, consentTo, inTx, key, openTestCase, organisation, refer, staff, type Staff } from './referral.test-support.js';

let t: TestApp;
let ngoCaseworker: Staff;
let ngoSupervisor: Staff;
let receiverCaseworker: Staff;
let receiverSupervisor: Staff;
let shelterCaseworker: Staff;
let receiverId: string;
let shelterId: string;

beforeAll(async () => {
  t = await createTestApp();
  const ngo = await organisation(t, 'ngo');
  const receiver = await organisation(t, 'social_services');
  const shelter = await organisation(t, 'shelter');
  receiverId = receiver.id;
  shelterId = shelter.id;
  ngoCaseworker = await staff(t, ngo, ['caseworker']);
  ngoSupervisor = await staff(t, ngo, ['supervisor']);
  receiverCaseworker = await staff(t, receiver, ['caseworker']);
  receiverSupervisor = await staff(t, receiver, ['supervisor']);
  shelterCaseworker = await staff(t, shelter, ['caseworker']);
});
afterAll(async () => t.close());

const readAs = (who: Staff, caseId: string) => inTx(t, (tx) => readCase(tx, t.platform.cipher, who.subject, who.actor, caseId));
const accept = (who: Staff, id: string, version?: number, idempotencyKey = key()) =>
  inTx(t, (tx) => acceptReferral(tx, who.subject, who.actor, id, { version }, idempotencyKey));

describe('transferring case management', () => {
  it('moves the case manager role to the receiving organisation; the old organisation loses access', async () => {
    const c = await openTestCase(t, ngoCaseworker);
    await consentTo(t, ngoCaseworker, c.id, receiverId);
    const offer = await refer(t, ngoCaseworker, c.id, { toOrganisationId: receiverId, kind: 'case_transfer', message: 'Moving to the south', version: await caseVersion(t, c.id) });
    // While it decides, the receiver sees enough to recognise the person, nothing more.
    expect((await readAs(receiverCaseworker, c.id))?.person?.fields).toEqual({ givenName: 'Ana', familyName: 'Lopes', pseudonym: 'Rose', birthDate: '1999-03-04' });
    const before = await caseVersion(t, c.id);

    const idempotencyKey = key();
    const accepted = await accept(receiverCaseworker, offer.id, before, idempotencyKey);
    expect(accepted).toMatchObject({ status: 'accepted', caseVersion: before + 1 });
    expect(await accept(receiverCaseworker, offer.id, before, idempotencyKey)).toEqual(accepted);
    expect(await caseVersion(t, c.id)).toBe(before + 1);

    const now = await readAs(receiverCaseworker, c.id);
    expect(now).toMatchObject({ managingOrganisationId: receiverId, caseManagerUserId: receiverCaseworker.user.id, version: before + 1 });
    expect(now?.person?.fields).toMatchObject({ identityNumber: 'PT-123456', address: 'Rua Secreta 1, Porto' });
    expect(now?.timeline.map((e) => e.action)).toEqual(['case.opened', 'consent.recorded', 'referral.transfer_offered', 'referral.transfer_accepted']);

    // The old organisation's caseworker (the former case manager) and supervisor lose the case and the person record.
    expect(await readAs(ngoCaseworker, c.id)).toBeUndefined();
    expect(await readAs(ngoSupervisor, c.id)).toBeUndefined();
    await expect(inTx(t, (tx) => caseForChange(tx, ngoCaseworker.subject, c.id, caseRules.manage, undefined))).rejects.toMatchObject({ statusCode: 404 });
    const person = await inTx(t, (tx) => readPerson(tx, t.platform.cipher, ngoCaseworker.subject, ngoCaseworker.actor, now?.person?.id ?? ''));
    expect(person).toBeUndefined();

    const audit = await t.platform.db.selectFrom('audit_log').select('action').where('record_id', '=', c.id).execute();
    expect(audit.map((a) => a.action)).toContain('case.transfer');
    const [inboxItem] = (await inTx(t, (tx) => listInbox(tx, t.platform.cipher, receiverCaseworker.subject, receiverCaseworker.actor, { kind: 'case_transfer', limit: 5 }))).filter((r) => r.id === offer.id);
    expect(inboxItem).toMatchObject({ status: 'accepted', message: 'Moving to the south', shareActive: false });

    // A transfer accepted is done: it cannot be withdrawn, and the new manager refers on with consent of its own.
    await expect(inTx(t, (tx) => withdrawReferral(tx, receiverCaseworker.subject, receiverCaseworker.actor, offer.id, key()))).rejects.toMatchObject({ statusCode: 409 });
    await consentTo(t, receiverCaseworker, c.id, shelterId);
    await refer(t, receiverCaseworker, c.id, { toOrganisationId: shelterId, service: 'shelter' });
    expect((await readAs(shelterCaseworker, c.id))?.person?.fields?.phone).toBe('+351912345678');
  });

  it('leaves the case manager to be assigned when a supervisor accepts, and checks the version', async () => {
    const c = await openTestCase(t, ngoCaseworker);
    await consentTo(t, ngoCaseworker, c.id, receiverId);
    const stale = await caseVersion(t, c.id);
    await expect(refer(t, ngoCaseworker, c.id, { toOrganisationId: receiverId, kind: 'case_transfer' })).rejects.toThrow(/version/);
    const offer = await refer(t, ngoCaseworker, c.id, { toOrganisationId: receiverId, kind: 'case_transfer', version: stale });
    await expect(refer(t, ngoCaseworker, c.id, { toOrganisationId: shelterId, kind: 'case_transfer', version: stale })).rejects.toMatchObject({ statusCode: 409 });
    await t.platform.db.updateTable('cases').set({ version: stale + 1 }).where('id', '=', c.id).execute();
    await expect(accept(receiverSupervisor, offer.id, stale)).rejects.toMatchObject({ statusCode: 409, message: expect.stringContaining('changed by someone else') });
    expect((await readAs(ngoCaseworker, c.id))?.managingOrganisationId).toBe(ngoCaseworker.subject.organisationId);
    const accepted = await accept(receiverSupervisor, offer.id, stale + 1);
    expect(accepted.caseVersion).toBe(stale + 2);
    expect(await readAs(receiverSupervisor, c.id)).toMatchObject({ managingOrganisationId: receiverId, caseManagerUserId: null });
  });
});

describe('consent at every step', () => {
  it('blocks acceptance once the person withdraws consent to the referral', async () => {
    const c = await openTestCase(t, ngoCaseworker);
    await consentTo(t, ngoCaseworker, c.id, shelterId);
    const sent = await refer(t, ngoCaseworker, c.id, { toOrganisationId: shelterId, service: 'medical' });
    expect(await readAs(shelterCaseworker, c.id)).toBeDefined();
    const withdrawn = await consentTo(t, ngoCaseworker, c.id, shelterId, 'withdrawn');
    expect(withdrawn.sharesRevoked).toBe(1);
    expect(await readAs(shelterCaseworker, c.id)).toBeUndefined();
    await expect(accept(shelterCaseworker, sent.id)).rejects.toMatchObject({ statusCode: 409, code: 'consent_withdrawn', message: expect.stringContaining('withdrawn consent') });
    const [item] = (await inTx(t, (tx) => listInbox(tx, t.platform.cipher, shelterCaseworker.subject, shelterCaseworker.actor, { limit: 200 }))).filter((r) => r.id === sent.id);
    expect(item).toMatchObject({ status: 'sent', shareActive: false });

    // Consent given again does not revive what was revoked: the sender refers again.
    await consentTo(t, ngoCaseworker, c.id, shelterId);
    await expect(accept(shelterCaseworker, sent.id)).rejects.toMatchObject({ statusCode: 409, code: 'share_revoked' });
    await inTx(t, (tx) => declineReferral(tx, t.platform.cipher, shelterCaseworker.subject, shelterCaseworker.actor, sent.id, { reason: 'Consent was withdrawn' }, key()));
    const again = await refer(t, ngoCaseworker, c.id, { toOrganisationId: shelterId, service: 'medical' });
    expect(await accept(shelterCaseworker, again.id)).toMatchObject({ status: 'accepted' });
  });

  it('blocks a transfer whose consent was withdrawn, leaving the case where it was', async () => {
    const c = await openTestCase(t, ngoCaseworker);
    await consentTo(t, ngoCaseworker, c.id, receiverId);
    const offer = await refer(t, ngoCaseworker, c.id, { toOrganisationId: receiverId, kind: 'case_transfer', version: await caseVersion(t, c.id) });
    await consentTo(t, ngoCaseworker, c.id, receiverId, 'withdrawn');
    const version = await caseVersion(t, c.id);
    await expect(accept(receiverCaseworker, offer.id)).rejects.toMatchObject({ statusCode: 409, code: 'consent_withdrawn' });
    expect(await readAs(ngoCaseworker, c.id)).toMatchObject({ managingOrganisationId: ngoCaseworker.subject.organisationId, caseManagerUserId: ngoCaseworker.user.id, version });
    expect(await readAs(receiverCaseworker, c.id)).toBeUndefined();
  });
});
