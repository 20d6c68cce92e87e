import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@palermo/contracts';
import { matchCheckLimit } from '@palermo/contracts';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp, type TestUser } from '../../../test/support/test-app.js';

/**
 * Possible duplicates across organisations, tried as an attacker would: a caseworker who wants to know which shelter
 * holds a named survivor. A check needs an open case of the caseworker's own organisation with the person's consent
 * to referral; it answers yes or no only; the holder sees the requesting organisation (never the user) and decides
 * whether to reveal itself; checks are limited per user, concurrently, and many of them raise an alert.
 */
let t: TestApp;
let ngoId: string;
let shelterId: string;
let refugeId: string;
let authorityId: string;
let policeId: string;
let ngoWorkerUser: TestUser;
let ngoWorker: Client;
let ngoSupervisor: Client;
let shelterWorker: Client;
let shelterSupervisor: Client;
let refugeWorker: Client;
let names: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  ngoId = await insertOrganisation(t, 'ngo');
  shelterId = await insertOrganisation(t, 'shelter');
  refugeId = await insertOrganisation(t, 'shelter');
  authorityId = await insertOrganisation(t, 'competent_authority');
  policeId = await insertOrganisation(t, 'law_enforcement', ['GB']);
  ngoWorkerUser = await insertUser(t, ngoId, ['caseworker']);
  ngoWorker = await clientFor(t, ngoWorkerUser);
  ngoSupervisor = await clientFor(t, await insertUser(t, ngoId, ['supervisor']));
  shelterWorker = await clientFor(t, await insertUser(t, shelterId, ['caseworker']));
  shelterSupervisor = await clientFor(t, await insertUser(t, shelterId, ['supervisor']));
  refugeWorker = await clientFor(t, await insertUser(t, refugeId, ['caseworker']));
  const organisations = await t.platform.db.selectFrom('organisations').select(['id', 'name']).execute();
  names = Object.fromEntries(organisations.map((o) => [o.id, o.name]));
});
afterAll(async () => t.close());

async function open(client: Client, person: Record<string, unknown>) {
  const response = await client.request('POST', '/api/cases', { person }, { 'idempotency-key': randomUUID() });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { id: string; reference: string; version: number };
}

async function consentToReferral(client: Client, caseId: string, status: 'given' | 'withdrawn' | 'refused', target = authorityId) {
  const response = await client.request(
    'POST',
    `/api/cases/${caseId}/consents`,
    { purpose: 'referral', targetOrganisationId: target, status, method: 'verbal', rightsExplained: ['who_receives_it', 'right_to_refuse_or_withdraw'] },
    { 'idempotency-key': randomUUID() },
  );
  expect(response.statusCode, response.body).toBe(200);
}

const check = (client: Client, caseId: string) => client.request('POST', `/api/cases/${caseId}/match-checks`, {});
const ask = (client: Client, caseId: string) => client.request('POST', `/api/cases/${caseId}/match-requests`, {}, { 'idempotency-key': randomUUID() });
const state = async (client: Client, caseId: string) => {
  const response = await client.request('GET', `/api/cases/${caseId}/match-requests`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { lastCheck: { possibleDuplicate: boolean } | null; confirmationAskedAt: string | null; confirmedBy: Array<{ organisationId: string; organisationName: string }>; checksLeft: number };
};
const inbox = async (client: Client) => {
  const response = await client.request('GET', '/api/match-requests/inbox');
  expect(response.statusCode, response.body).toBe(200);
  return response.json().requests as Array<{ id: string; requestingOrganisationName: string; status: string; candidateCases: Array<{ id: string; reference: string }> }>;
};

/** Every route the requesting side reaches, for its case: none may carry a trace of where the person is held. */
async function requesterBodies(client: Client, caseId: string): Promise<string[]> {
  const urls = [`/api/cases/${caseId}`, `/api/cases/${caseId}/match-requests`, '/api/cases', '/api/cases/search?name=Adebayo', '/api/match-requests/inbox'];
  const bodies: string[] = [];
  for (const url of urls) {
    const response = await client.request('GET', url);
    expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
    bodies.push(response.body);
  }
  return bodies;
}

function expectNoTrace(bodies: readonly string[], traces: readonly string[]) {
  for (const body of bodies) for (const trace of traces) expect(body, `a response carries ${trace}`).not.toContain(trace);
}

/** The holder's traces: organisation ids and names, its case ids and references. */
const tracesOf = (organisationIds: string[], cases: Array<{ id: string; reference: string }>) => [
  ...organisationIds.flatMap((id) => [id, names[id] ?? id]),
  ...cases.flatMap((c) => [c.id, c.reference]),
];

describe('checking for possible duplicates without disclosure', () => {
  it('(1) without a case and consent to referral nothing is learnt by name, and no route checks a typed name', async () => {
    const atShelter = await open(shelterWorker, { givenName: 'Amara', familyName: 'Okonkwo', birthDate: '1991-03-04' });
    const traces = tracesOf([shelterId], [atShelter]);
    // The old route that named organisations is gone.
    const old = await ngoWorker.request('GET', `/api/cases/${atShelter.id}/possible-matches`);
    expect(old.statusCode).toBe(404);
    // A case opened with the chosen name, but no consent to referral: refused, and audited.
    const probe = await open(ngoWorker, { givenName: 'Amara', familyName: 'Okonkwo', birthDate: '1991-03-04' });
    const refused = await check(ngoWorker, probe.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toBe('consent_required');
    expectNoTrace([refused.body], traces);
    expect((await ask(ngoWorker, probe.id)).statusCode).toBe(409);
    // Consent refused (not given) to referral counts as none.
    await consentToReferral(ngoWorker, probe.id, 'refused');
    expect((await check(ngoWorker, probe.id)).json().error).toBe('consent_required');
    // The other organisation's case cannot be a starting point.
    expect((await check(ngoWorker, atShelter.id)).statusCode).toBe(404);
    // A typed name sent along with a check of an unrelated case changes nothing: the check reads the case's person only.
    const unrelated = await open(ngoWorker, { givenName: 'Zygmunt', familyName: 'Wrobel' });
    await consentToReferral(ngoWorker, unrelated.id, 'given');
    const typed = await ngoWorker.request('POST', `/api/cases/${unrelated.id}/match-checks`, { givenName: 'Amara', familyName: 'Okonkwo', name: 'Amara Okonkwo', birthDate: '1991-03-04' });
    expect(typed.statusCode, typed.body).toBe(200);
    expect(typed.json().possibleDuplicate).toBe(false);
    // The name search stays inside what the user may see: the shelter's case is not found.
    const search = await ngoWorker.request('GET', '/api/cases/search?name=Amara%20Okonkwo&birthDate=1991-03-04');
    expect(search.json().results.map((r: { id: string }) => r.id)).toEqual([probe.id]);
    expectNoTrace([search.body, ...(await requesterBodies(ngoWorker, probe.id))], traces);
    const audit = await t.platform.db.selectFrom('audit_log').select(['summary', 'outcome', 'record_id']).where('action', '=', 'person.match_check').where('actor_user_id', '=', ngoWorkerUser.id).execute();
    expect(audit.filter((a) => a.record_id === probe.id).map((a) => a.outcome)).toEqual(['denied', 'denied']);
    expect(JSON.stringify(audit)).not.toMatch(/Amara|Okonkwo|1991/);
    // The audit names the case the user tried (the shelter's id, typed by them), never the organisation holding a match.
    expectNoTrace([JSON.stringify(audit)], [shelterId, names[shelterId] ?? shelterId, atShelter.reference]);
  });

  it('(2)(3) with a case, only "possible duplicate elsewhere" is learnt until a holder accepts; the holder sees the organisation, not the user', async () => {
    const atShelter = await open(shelterWorker, { givenName: 'Oluwaseun', familyName: 'Adebayo', birthDate: '1993-01-02' });
    const atRefuge = await open(refugeWorker, { givenName: 'Oluwaseun', familyName: 'Adebayo' });
    const atNgo = await open(ngoWorker, { givenName: 'Oluwaseun', familyName: 'Adebayo', birthDate: '1993-01-02' });
    await consentToReferral(ngoWorker, atNgo.id, 'given');
    const traces = tracesOf([shelterId, refugeId], [atShelter, atRefuge]);

    const { checksLeft } = await state(ngoWorker, atNgo.id);
    const checked = await check(ngoWorker, atNgo.id);
    expect(checked.statusCode, checked.body).toBe(200);
    expect(Object.keys(checked.json()).sort()).toEqual(['checkedAt', 'checksLeft', 'possibleDuplicate']);
    expect(checked.json()).toMatchObject({ possibleDuplicate: true, checksLeft: checksLeft - 1 });
    expect((await ask(ngoWorker, atNgo.id)).statusCode).toBe(200);
    const before = await state(ngoWorker, atNgo.id);
    expect(before).toMatchObject({ lastCheck: { possibleDuplicate: true }, confirmedBy: [] });
    expect(before.confirmationAskedAt).not.toBeNull();
    expectNoTrace([checked.body, ...(await requesterBodies(ngoWorker, atNgo.id)), ...(await requesterBodies(ngoSupervisor, atNgo.id))], traces);

    // Each holder sees one request, from the NGO, with its own candidate case; nothing of the asking user.
    for (const [client, own, other] of [[shelterSupervisor, atShelter, atRefuge], [refugeWorker, atRefuge, atShelter]] as const) {
      const requests = await inbox(client);
      const request = requests.find((r) => r.candidateCases.some((c) => c.id === own.id));
      expect(request).toMatchObject({ requestingOrganisationName: names[ngoId], status: 'pending', candidateCases: [{ id: own.id, reference: own.reference }] });
      const body = JSON.stringify(requests);
      expectNoTrace([body], [ngoWorkerUser.id, ngoWorkerUser.email, 'Test caseworker', atNgo.id, atNgo.reference, other.id, other.reference]);
    }

    // The shelter accepts: now, and only now, the NGO learns which organisation; the refuge stays hidden.
    const shelterRequest = (await inbox(shelterSupervisor)).find((r) => r.candidateCases.some((c) => c.id === atShelter.id));
    expect((await shelterSupervisor.request('POST', `/api/match-requests/${shelterRequest?.id}/answer`, { status: 'confirmed_same_person' })).statusCode).toBe(200);
    const after = await state(ngoWorker, atNgo.id);
    expect(after.confirmedBy).toEqual([{ organisationId: shelterId, organisationName: names[shelterId], confirmedAt: expect.any(String) }]);
    expectNoTrace(await requesterBodies(ngoWorker, atNgo.id), tracesOf([refugeId], [atRefuge, atShelter]));
    // Accepting reveals the organisation, not its record: the NGO still cannot read the shelter's case.
    expect((await ngoWorker.request('GET', `/api/cases/${atShelter.id}`)).statusCode).toBe(404);
    // Answered once: a second answer is refused.
    expect((await shelterSupervisor.request('POST', `/api/match-requests/${shelterRequest?.id}/answer`, { status: 'declined' })).statusCode).toBe(404);
    // The requesting organisation cannot answer a request it sent.
    const refugeRequest = (await inbox(refugeWorker)).find((r) => r.candidateCases.some((c) => c.id === atRefuge.id));
    expect((await ngoWorker.request('POST', `/api/match-requests/${refugeRequest?.id}/answer`, { status: 'confirmed_same_person' })).statusCode).toBe(404);
  });

  it('a possible duplicate needs two names in common (by spelling or sound), or one name and the birth date', async () => {
    await open(shelterWorker, { givenName: 'Yusuf', familyName: 'Karimov', birthDate: '1987-04-05' });
    const cases: Array<[Record<string, unknown>, boolean]> = [
      // One name alone, however it matches (its spelling and its sound are two index tokens), is not enough.
      [{ givenName: 'Yusuf', familyName: 'Abdulov' }, false],
      [{ givenName: 'Youssef', familyName: 'Petrenko' }, false],
      // Two names, one of them by sound only, in another script.
      [{ givenName: 'Юсуф', familyName: 'Каримов' }, true],
      // One name and the birth date.
      [{ givenName: 'Yusuf', familyName: 'Tashkentov', birthDate: '1987-04-05' }, true],
      [{ givenName: 'Yusuf', familyName: 'Tashkentov', birthDate: '1987-04-06' }, false],
      // No name at all: nothing to compare.
      [{ pseudonym: 'K' }, false],
    ];
    for (const [person, expected] of cases) {
      const atNgo = await open(ngoWorker, person);
      await consentToReferral(ngoWorker, atNgo.id, 'given');
      const checked = await check(ngoWorker, atNgo.id);
      expect(checked.statusCode, checked.body).toBe(200);
      expect(checked.json().possibleDuplicate, JSON.stringify(person)).toBe(expected);
    }
  });

  it('(4) a declined request leaves the requester exactly where it was', async () => {
    const atShelter = await open(shelterWorker, { givenName: 'Tigist', familyName: 'Bekele', birthDate: '1988-08-08' });
    const atNgo = await open(ngoWorker, { givenName: 'Tigist', familyName: 'Bekele', birthDate: '1988-08-08' });
    await consentToReferral(ngoWorker, atNgo.id, 'given');
    expect((await check(ngoWorker, atNgo.id)).json().possibleDuplicate).toBe(true);
    expect((await ask(ngoWorker, atNgo.id)).statusCode).toBe(200);
    const before = await requesterBodies(ngoWorker, atNgo.id);
    const request = (await inbox(shelterWorker)).find((r) => r.candidateCases.some((c) => c.id === atShelter.id));
    expect((await shelterWorker.request('POST', `/api/match-requests/${request?.id}/answer`, { status: 'declined' })).statusCode).toBe(200);
    const after = await requesterBodies(ngoWorker, atNgo.id);
    // The case page, its timeline and its match state are byte for byte the same; nothing names the shelter.
    expect(after[0]).toBe(before[0]);
    expect(after[1]).toBe(before[1]);
    expectNoTrace(after, tracesOf([shelterId], [atShelter]));
    // Asking again after a decline sends a new request; the shelter sees it and may still decline.
    expect((await ask(ngoWorker, atNgo.id)).statusCode).toBe(200);
    expect((await inbox(shelterWorker)).filter((r) => r.candidateCases.some((c) => c.id === atShelter.id)).map((r) => r.status).sort()).toEqual(['declined', 'pending']);
  });

  it('(6) a closed case or withdrawn consent is refused, and withdraws the requests it made', async () => {
    const atShelter = await open(shelterWorker, { givenName: 'Nadia', familyName: 'Haddad', birthDate: '1995-05-05' });
    const atNgo = await open(ngoWorker, { givenName: 'Nadia', familyName: 'Haddad', birthDate: '1995-05-05' });
    await consentToReferral(ngoWorker, atNgo.id, 'given');
    expect((await check(ngoWorker, atNgo.id)).statusCode).toBe(200);
    expect((await ask(ngoWorker, atNgo.id)).statusCode).toBe(200);
    const pending = (await inbox(shelterWorker)).find((r) => r.candidateCases.some((c) => c.id === atShelter.id));
    expect(pending?.status).toBe('pending');

    await consentToReferral(ngoWorker, atNgo.id, 'withdrawn');
    const refused = await check(ngoWorker, atNgo.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toBe('consent_required');
    expect((await ask(ngoWorker, atNgo.id)).json().error).toBe('consent_required');
    // The holder no longer sees the request and cannot reveal itself on it.
    expect((await inbox(shelterWorker)).some((r) => r.id === pending?.id)).toBe(false);
    expect((await shelterWorker.request('POST', `/api/match-requests/${pending?.id}/answer`, { status: 'confirmed_same_person' })).statusCode).toBe(404);
    expect((await state(ngoWorker, atNgo.id)).confirmedBy).toEqual([]);

    // Consent given again, then the case closed.
    await consentToReferral(ngoWorker, atNgo.id, 'given');
    expect((await check(ngoWorker, atNgo.id)).statusCode).toBe(200);
    const version = (await ngoWorker.request('GET', `/api/cases/${atNgo.id}`)).json().version as number;
    const closed = await ngoWorker.request('POST', `/api/cases/${atNgo.id}/close`, { version, reason: 'assistance completed' }, { 'idempotency-key': randomUUID() });
    expect(closed.statusCode, closed.body).toBe(200);
    const afterClose = await check(ngoWorker, atNgo.id);
    expect(afterClose.statusCode).toBe(409);
    expect(afterClose.json().error).toBe('case_closed');
    expect((await ask(ngoWorker, atNgo.id)).json().error).toBe('case_closed');
    expect((await inbox(shelterWorker)).some((r) => r.id === pending?.id)).toBe(false);
  });

  it('(5) checks are limited per user in the database: concurrent checks beyond the limit are refused, and many raise an alert', async () => {
    const user = await insertUser(t, ngoId, ['caseworker']);
    const client = await clientFor(t, user);
    const admin = await clientFor(t, await insertUser(t, ngoId, ['national_admin']));
    const atNgo = await open(client, { givenName: 'Kwame', familyName: 'Asante' });
    await consentToReferral(client, atNgo.id, 'given');
    // Checks run earlier: 8 within the window, and one older that no longer counts.
    const hour = 3_600_000;
    const earlier = [...Array.from({ length: 8 }, (_, i) => Date.now() - (i + 1) * hour), Date.now() - (matchCheckLimit.windowHours + 1) * hour];
    await t.platform.db
      .insertInto('match_checks')
      .values(earlier.map((at) => ({ id: randomUUID(), case_id: atNgo.id, organisation_id: ngoId, checked_by: user.id, checked_at: new Date(at), outcome: 'none' })))
      .execute();
    expect((await state(client, atNgo.id)).checksLeft).toBe(matchCheckLimit.checks - 8);

    const attempts = 15;
    const responses = await Promise.all(Array.from({ length: attempts }, () => check(client, atNgo.id)));
    const codes = responses.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 200)).toHaveLength(matchCheckLimit.checks - 8);
    expect(codes.filter((c) => c === 429)).toHaveLength(attempts - (matchCheckLimit.checks - 8));
    const tooMany = responses.find((r) => r.statusCode === 429);
    expect(tooMany?.json().error).toBe('match_check_limit');
    expect(tooMany?.json().message).toMatch(new RegExp(`${matchCheckLimit.checks} possible-duplicate checks in the last ${matchCheckLimit.windowHours} hours`));
    expect((await state(client, atNgo.id)).checksLeft).toBe(0);

    const counted = await t.platform.db.selectFrom('match_checks').select(['outcome']).where('checked_by', '=', user.id).where('checked_at', '>', new Date(Date.now() - matchCheckLimit.windowHours * hour)).execute();
    expect(counted.filter((c) => c.outcome !== 'refused_over_limit')).toHaveLength(matchCheckLimit.checks);
    // Every attempt is audited, the refused ones as denied.
    const audit = await t.platform.db.selectFrom('audit_log').select(['outcome']).where('action', '=', 'person.match_check').where('actor_user_id', '=', user.id).execute();
    expect(audit).toHaveLength(attempts);
    expect(audit.filter((a) => a.outcome === 'denied')).toHaveLength(attempts - (matchCheckLimit.checks - 8));

    // Two alerts on the audit page: half the limit reached, then the limit; one each however many checks raced.
    const alerts = (await admin.request('GET', '/api/audit/alerts')).json().alerts as Array<{ kind: string; actorUserId: string; organisationId: string; summary: string }>;
    const mine = alerts.filter((a) => a.kind === 'match.check_rate' && a.actorUserId === user.id);
    expect(mine).toHaveLength(2);
    expect(mine.every((a) => a.organisationId === ngoId)).toBe(true);
    expect(mine.map((a) => a.summary).join(' ')).toMatch(/half the limit/);
    expect(mine.map((a) => a.summary).join(' ')).not.toMatch(/Kwame|Asante/);
    // Another user of the same organisation has a limit of their own.
    expect((await check(ngoSupervisor, atNgo.id)).statusCode).toBe(200);
  });

  it('every other role is refused on every route of the flow', async () => {
    const atNgo = await open(ngoWorker, { givenName: 'Rahel', familyName: 'Tesfaye', birthDate: '1990-10-10' });
    await consentToReferral(ngoWorker, atNgo.id, 'given');
    await open(shelterWorker, { givenName: 'Rahel', familyName: 'Tesfaye', birthDate: '1990-10-10' });
    expect((await check(ngoWorker, atNgo.id)).statusCode).toBe(200);
    expect((await ask(ngoWorker, atNgo.id)).statusCode).toBe(200);
    const request = (await inbox(shelterWorker)).find((r) => r.requestingOrganisationName === names[ngoId] && r.status === 'pending');
    expect(request).toBeDefined();

    const others: Array<[string, Role]> = [
      [ngoId, 'organisation_admin'],
      [policeId, 'investigator'],
      [authorityId, 'decision_maker'],
      [authorityId, 'prosecutor'],
      [ngoId, 'national_coordinator'],
      [ngoId, 'national_rapporteur'],
      [ngoId, 'national_admin'],
      [ngoId, 'investigator'],
    ];
    for (const [organisationId, role] of others) {
      const client = await clientFor(t, await insertUser(t, organisationId, [role]));
      for (const response of [
        await check(client, atNgo.id),
        await ask(client, atNgo.id),
        await client.request('GET', `/api/cases/${atNgo.id}/match-requests`),
        await client.request('GET', '/api/match-requests/inbox'),
        await client.request('POST', `/api/match-requests/${request?.id}/answer`, { status: 'confirmed_same_person' }),
      ]) {
        expect([403, 404], `${role}: ${response.body}`).toContain(response.statusCode);
        expectNoTrace([response.body], [shelterId, names[shelterId] ?? shelterId]);
      }
    }
    // A caseworker of another organisation cannot check from, ask about or read the NGO's case.
    for (const response of [await check(refugeWorker, atNgo.id), await ask(refugeWorker, atNgo.id), await refugeWorker.request('GET', `/api/cases/${atNgo.id}/match-requests`)]) {
      expect(response.statusCode).toBe(404);
    }
    // An investigator holding an intake case of their own cannot check from it either.
    const investigator = await clientFor(t, await insertUser(t, policeId, ['investigator']));
    const intake = await open(investigator, { givenName: 'Rahel', familyName: 'Tesfaye', birthDate: '1990-10-10' });
    expect((await check(investigator, intake.id)).statusCode).toBe(403);
    // Asking for confirmation needs a check that found a possible duplicate.
    const alone = await open(ngoWorker, { givenName: 'Solitary', familyName: 'Person' });
    await consentToReferral(ngoWorker, alone.id, 'given');
    expect((await ask(ngoWorker, alone.id)).json().error).toBe('check_first');
    expect((await check(ngoWorker, alone.id)).json().possibleDuplicate).toBe(false);
    expect((await ask(ngoWorker, alone.id)).json().error).toBe('check_first');
    // An old client naming an organisation is told what is wrong.
    const named = await ngoWorker.request('POST', `/api/cases/${atNgo.id}/match-requests`, { organisationId: shelterId }, { 'idempotency-key': randomUUID() });
    expect(named.statusCode).toBe(400);
    expect(named.json().issues[0].problem).toMatch(/organisationId/);
  });
});
