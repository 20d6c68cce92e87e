import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';
import { accountOf, farmSituation, known, openCase, send } from './account.test-support.js';

let t: TestApp;
let authorityId: string;
let caseworker: Client;
let colleague: Client;
let otherNgo: Client;
let decisionMaker: Client;
let investigator: Client;
let coordinator: Client;

beforeAll(async () => {
  t = await createTestApp();
  const ngo = await insertOrganisation(t, 'ngo', ['NORTH']);
  const other = await insertOrganisation(t, 'ngo', ['NORTH']);
  authorityId = await insertOrganisation(t, 'competent_authority');
  const police = await insertOrganisation(t, 'law_enforcement', ['NORTH']);
  caseworker = await clientFor(t, await insertUser(t, ngo, ['caseworker']));
  colleague = await clientFor(t, await insertUser(t, ngo, ['supervisor']));
  otherNgo = await clientFor(t, await insertUser(t, other, ['caseworker']));
  decisionMaker = await clientFor(t, await insertUser(t, authorityId, ['decision_maker']));
  investigator = await clientFor(t, await insertUser(t, police, ['investigator']));
  coordinator = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'national_coordinator'), ['national_coordinator']));
});
afterAll(async () => t.close());

const rowCounts = async () => {
  const count = async (table: 'account_situations' | 'account_exploiters' | 'account_revisions' | 'account_statements') =>
    Number((await t.platform.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return { situations: await count('account_situations'), exploiters: await count('account_exploiters'), revisions: await count('account_revisions'), statements: await count('account_statements') };
};

describe("the person's account", () => {
  it('records two situations, an exploiter and her account, corrects a date and keeps both values in the history', async () => {
    const c = await openCase(caseworker, { birthDate: '2000-01-10' });
    const statement = await send(caseworker, 'PUT', `/api/cases/${c.id}/account/statement`, { personAccount: known('He took my passport at the airport'), responderReasons: { state: 'declined' } });
    expect(statement.statusCode, statement.body).toBe(200);
    const first = await send(caseworker, 'POST', `/api/cases/${c.id}/account/situations`, farmSituation);
    expect(first.statusCode, first.body).toBe(200);
    const second = await send(caseworker, 'POST', `/api/cases/${c.id}/account/situations`, {
      forms: known(['SexualExploitation']), sexualExploitationTypes: known(['Prostitution']), startDate: known('2024-02-01'), ongoing: known(true), endDate: { state: 'unknown' },
      places: [{ stage: 'Exploitation', country: known('FR'), place: 'Paris' }],
    });
    expect(second.statusCode, second.body).toBe(200);
    const exploiter = await send(caseworker, 'POST', `/api/cases/${c.id}/account/exploiters`, {
      kind: 'person', pseudonym: 'The uncle', identity: known('Called himself Johnny, about 40'), roles: known(['Recruiter', 'Exploiter']),
      relationship: known('Acquainted'), acquaintance: 'FriendOrAcquaintance', whereaboutsCountry: known('IT'), whereabouts: known('Foggia'),
      otherVictimsCount: known(3), otherVictims: known('Three other women on the farm'), situationIds: [first.json().id],
    });
    expect(exploiter.statusCode, exploiter.body).toBe(200);

    const corrected = await send(caseworker, 'PUT', `/api/cases/${c.id}/account/situations/${first.json().id}`, { ...farmSituation, startDate: known('2023-04-01'), version: 1 });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(corrected.json().version).toBe(2);

    const account = await accountOf(colleague, c.id);
    expect(account.canEdit).toBe(true);
    expect(account.statement.personAccount).toEqual(known('He took my passport at the airport'));
    expect(account.statement.responderReasons).toEqual({ state: 'declined' });
    expect(account.situations).toHaveLength(2);
    const farm = account.situations[0];
    expect(farm.startDate).toEqual(known('2023-04-01'));
    expect(farm.places[2]).toEqual({ stage: 'Exploitation', country: known('IT'), place: 'A farm outside Foggia' });
    expect(farm.promised).toEqual(known('A job in a restaurant paying 900 euros a month'));
    expect(farm.history.map((h: { version: number; value: { startDate: unknown } }) => [h.version, h.value.startDate])).toEqual([
      [2, known('2023-04-01')],
      [1, known('2023-03-01')],
    ]);
    expect(account.situations[1].endDate).toEqual({ state: 'unknown' });
    expect(account.situations[1].durationMonths).toBeUndefined();
    expect(account.exploiters[0]).toMatchObject({ pseudonym: 'The uncle', whereabouts: known('Foggia'), situationIds: [first.json().id], suspectLinkId: null });

    // A stale version is refused, and changes nothing.
    const stale = await send(caseworker, 'PUT', `/api/cases/${c.id}/account/situations/${first.json().id}`, { ...farmSituation, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect((await accountOf(caseworker, c.id)).situations[0].version).toBe(2);

    // Personal text is ciphertext at rest, the structured part is readable for statistics.
    const row = await t.platform.db.selectFrom('account_situations').selectAll().where('id', '=', first.json().id).executeTakeFirstOrThrow();
    expect(Buffer.from(row.personal).toString('latin1')).not.toContain('restaurant');
    expect((row.data as { places: unknown[] }).places[0]).toEqual({ stage: 'Recruitment', country: known('NG') });
    const ex = await t.platform.db.selectFrom('account_exploiters').selectAll().where('case_id', '=', c.id).executeTakeFirstOrThrow();
    expect(Buffer.from(ex.pseudonym).toString('latin1')).not.toContain('uncle');

    // Every read and write audited, without values.
    const audit = await t.platform.db.selectFrom('audit_log').select(['action', 'summary']).where('action', 'like', 'account.%').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['account.add', 'account.correct', 'account.read']));
    expect(audit.map((a) => a.summary).join(' ')).not.toMatch(/Foggia|uncle|passport/u);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const c = await openCase(caseworker, { birthDate: '2000-01-10' });
    const before = await rowCounts();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ startDate: known('2023-05-01'), endDate: known('2023-04-01') }, 'endDate'],
      [{ startDate: known('2023-05-01'), ageAtStart: known(12) }, 'ageAtStart'],
      [{ ageAtStart: known(60) }, 'ageAtStart'],
      [{ startDate: known('1990-05-01') }, 'startDate'],
      [{ places: [{ stage: 'Transit', country: known('ZZ') }] }, 'places.0.country'],
      [{ places: [{ stage: 'Transit', country: known('Nigeria') }] }, 'places.0.country.value'],
      [{ forms: known(['Slavery']) }, 'forms.value.0'],
      [{ methodsOfControl: known(['DebtBondage', 'DebtBondage']) }, 'methodsOfControl.value'],
      [{ forms: { state: 'maybe' } }, 'forms.state'],
      [{ endDate: known('2023-04-01'), ongoing: known(true) }, 'ongoing'],
    ];
    for (const [body, field] of cases) {
      const response = await send(caseworker, 'POST', `/api/cases/${c.id}/account/situations`, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().issues.map((i: { field: string }) => i.field), JSON.stringify(body)).toContain(field);
    }
    const badExploiter = await send(caseworker, 'POST', `/api/cases/${c.id}/account/exploiters`, { kind: 'person', pseudonym: 'X', whereaboutsCountry: known('QQ'), situationIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(badExploiter.statusCode).toBe(400);
    expect(badExploiter.json().issues.map((i: { field: string }) => i.field)).toEqual(['whereaboutsCountry', 'situationIds']);
    expect(await rowCounts()).toEqual(before);
  });

  it("refuses to reach another case's records through a case the caller holds", async () => {
    const theirs = await openCase(otherNgo);
    const mine = await openCase(caseworker);
    const situation = (await send(caseworker, 'POST', `/api/cases/${mine.id}/account/situations`, farmSituation)).json();
    const before = await rowCounts();
    // Another organisation, through its own case, names this case's situation.
    expect((await send(otherNgo, 'PUT', `/api/cases/${theirs.id}/account/situations/${situation.id}`, { ...farmSituation, version: 1 })).statusCode).toBe(404);
    const link = await send(otherNgo, 'POST', `/api/cases/${theirs.id}/account/exploiters`, { kind: 'person', pseudonym: 'X', situationIds: [situation.id] });
    expect(link.statusCode).toBe(400);
    expect(link.json().issues).toEqual([{ field: 'situationIds', problem: 'must name situations of this case' }]);
    // The caller's own second case does not reach the first case's situation either.
    const second = await openCase(caseworker);
    expect((await send(caseworker, 'PUT', `/api/cases/${second.id}/account/situations/${situation.id}`, { ...farmSituation, version: 1 })).statusCode).toBe(404);
    expect(await rowCounts()).toEqual(before);
    expect((await accountOf(caseworker, mine.id)).situations[0].version).toBe(1);
  });

  it('shows each side what its relationship grants: exploiters to law enforcement only with her consent', async () => {
    const c = await openCase(caseworker, { birthDate: '2000-01-10' });
    await send(caseworker, 'PUT', `/api/cases/${c.id}/account/statement`, { personAccount: known('My account'), responderReasons: known('Indicators of debt bondage') });
    await send(caseworker, 'POST', `/api/cases/${c.id}/account/situations`, farmSituation);
    await send(caseworker, 'POST', `/api/cases/${c.id}/account/exploiters`, { kind: 'organisation', pseudonym: 'Farm company', identity: known('Agri Srl'), roles: known(['Employer']) });

    for (const outsider of [otherNgo, investigator, decisionMaker]) {
      expect((await outsider.request('GET', `/api/cases/${c.id}/account`)).statusCode).toBe(404);
    }
    // The coordinator's role never reads an account: refused before the case is looked up.
    expect((await coordinator.request('GET', `/api/cases/${c.id}/account`)).statusCode).toBe(403);
    expect((await send(otherNgo, 'POST', `/api/cases/${c.id}/account/situations`, {})).statusCode).toBe(404);

    // The competent authority, once asked for a decision: the account, the exploiters' role, not who they are.
    await send(caseworker, 'POST', `/api/cases/${c.id}/consents`, { purpose: 'referral', status: 'given', method: 'verbal', targetOrganisationId: authorityId });
    const version = (await caseworker.request('GET', `/api/cases/${c.id}`)).json().version;
    expect((await send(caseworker, 'POST', `/api/cases/${c.id}/decision-requests`, { competentAuthorityId: authorityId, version })).statusCode).toBe(200);
    const seenByAuthority = await accountOf(decisionMaker, c.id);
    expect(seenByAuthority.canEdit).toBe(false);
    expect(seenByAuthority.statement.responderReasons).toEqual(known('Indicators of debt bondage'));
    expect(seenByAuthority.situations[0].methodsOfControl).toEqual(farmSituation.methodsOfControl);
    expect(seenByAuthority.exploiters[0]).toMatchObject({ kind: 'organisation', roles: known(['Employer']) });
    expect(seenByAuthority.exploiters[0].pseudonym).toBeUndefined();
    expect(seenByAuthority.exploiters[0].identity).toBeUndefined();
    expect(seenByAuthority.exploiters[0].history).toBeUndefined();
    expect((await send(decisionMaker, 'PUT', `/api/cases/${c.id}/account/statement`, { version: 1 })).statusCode).toBe(403);
    const authorityRead = await t.platform.db.selectFrom('audit_log').select('purpose').where('action', '=', 'account.read').where('record_id', '=', c.id).where('outcome', '=', 'allowed').execute();
    // Only the authority has read this account so far: it read it to decide.
    expect(authorityRead.map((r) => r.purpose)).toEqual(['identification_decision']);

    // Law enforcement with her consent: exploiters and her account, not the responder's reasons.
    await send(caseworker, 'POST', `/api/cases/${c.id}/consents`, { purpose: 'law_enforcement', status: 'given', method: 'verbal' });
    const seenByPolice = await accountOf(investigator, c.id);
    expect(seenByPolice.exploiters[0]).toMatchObject({ pseudonym: 'Farm company', identity: known('Agri Srl') });
    expect(seenByPolice.statement.personAccount).toEqual(known('My account'));
    expect(seenByPolice.statement.responderReasons).toBeUndefined();
    expect(JSON.stringify(seenByPolice.statement.history)).not.toContain('debt bondage');

    // Consent withdrawn: nothing again.
    await send(caseworker, 'POST', `/api/cases/${c.id}/consents`, { purpose: 'law_enforcement', status: 'withdrawn', method: 'verbal' });
    expect((await investigator.request('GET', `/api/cases/${c.id}/account`)).statusCode).toBe(404);
    const denied = await t.platform.db.selectFrom('audit_log').select('outcome').where('action', '=', 'account.read').where('record_id', '=', c.id).where('outcome', '=', 'denied').execute();
    expect(denied.length).toBeGreaterThan(0);
  });
});
