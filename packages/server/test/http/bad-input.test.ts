import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../support/test-app.js';

/**
 * Input a careless or hurried person sends: a birth date in the future, a goal whose target date has passed, a
 * screening with no answer, a phone number, citizenship or country that is not one. Each is refused with a 400 naming
 * the field and saying what is wrong, and nothing is stored.
 */
let t: TestApp;
let caseworker: Client;
const idempotency = () => ({ 'idempotency-key': randomUUID() });

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp();
  caseworker = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'ngo'), ['caseworker']));
});
afterAll(async () => t.close());

const count = async (table: 'cases' | 'persons') => Number((await t.platform.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

async function refusedOpening(body: unknown): Promise<{ field: string; problem: string }[]> {
  const before = [await count('cases'), await count('persons')];
  const response = await caseworker.request('POST', '/api/cases', body, idempotency());
  expect(response.statusCode, response.body).toBe(400);
  expect([await count('cases'), await count('persons')]).toEqual(before);
  return response.json().issues;
}

describe('opening a case', () => {
  it('refuses a birth date in the future (two days ahead: the future everywhere on earth)', async () => {
    expect(await refusedOpening({ person: { givenName: 'Lina', birthDate: isoDay(2) } })).toEqual([{ field: 'person.birthDate', problem: 'must not be in the future' }]);
  });

  it('accepts a birth date of today and of the past', async () => {
    for (const birthDate of [isoDay(0), '1990-02-28']) {
      expect((await caseworker.request('POST', '/api/cases', { person: { birthDate } }, idempotency())).statusCode).toBe(200);
    }
  });

  it('refuses an impossible date, saying it must be a date', async () => {
    expect(await refusedOpening({ person: { birthDate: '2001-02-30' } })).toEqual([{ field: 'person.birthDate', problem: 'must be a date (year, month and day)' }]);
  });

  it('says what a phone number must look like, and takes one written with spaces', async () => {
    expect(await refusedOpening({ person: { phone: '0712 345' } })).toEqual([
      { field: 'person.phone', problem: 'must be an E.164 phone number such as +442071234567' },
    ]);
    const spaced = await caseworker.request('POST', '/api/cases', { person: { phone: '+44 (20) 7123-4567' } }, idempotency());
    expect(spaced.statusCode, spaced.body).toBe(200);
    const read = await caseworker.request('GET', `/api/cases/${spaced.json().id}`);
    expect(read.json().person.fields.phone).toBe('+442071234567');
  });

  it('names the citizenship and the country that are not country codes', async () => {
    expect(await refusedOpening({ person: { citizenships: ['NG', 'Nigeria'] } })).toEqual([
      { field: 'person.citizenships.1', problem: 'must be an ISO 3166-1 alpha-2 code such as NG' },
    ]);
    expect(await refusedOpening({ person: { citizenships: ['XX'] } })).toEqual([{ field: 'person.citizenships.0', problem: 'is not a country code in ISO 3166-1' }]);
    expect(await refusedOpening({ person: {}, countryOfExploitation: 'ZZ' })).toEqual([{ field: 'countryOfExploitation', problem: 'is not a country code in ISO 3166-1' }]);
  });
});

describe('recording on a case', () => {
  let caseId = '';
  beforeAll(async () => {
    caseId = (await caseworker.request('POST', '/api/cases', { person: {} }, idempotency())).json().id;
  });
  const goal = (status: string, targetDate: string) => ({
    kind: 'assistance_goal',
    data: { domain: 'legal', status, chosenByPerson: true, targetDate },
    notes: 'Recover the wages the farm owes me',
  });
  const records = async () => (await t.platform.db.selectFrom('case_records' as never).select('id' as never).where('case_id' as never, '=', caseId as never).execute()).length;

  it('refuses a goal still to reach whose target date has passed; takes an achieved one with a past date', async () => {
    const response = await caseworker.request('POST', `/api/cases/${caseId}/records`, goal('planned', isoDay(-2)), idempotency());
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toEqual([{ field: 'data.targetDate', problem: 'must not be in the past' }]);
    expect(await records()).toBe(0);
    expect((await caseworker.request('POST', `/api/cases/${caseId}/records`, goal('achieved', isoDay(-2)), idempotency())).statusCode).toBe(200);
    expect((await caseworker.request('POST', `/api/cases/${caseId}/records`, goal('planned', isoDay(30)), idempotency())).statusCode).toBe(200);
  });

  it('refuses a screening with no answer at all (nothing, or everything unknown)', async () => {
    for (const answers of [{}, { deception: 'unknown', retention_of_identity_documents: 'unknown' }]) {
      const response = await caseworker.request('POST', `/api/cases/${caseId}/screenings`, { checklistCode: 'ilo_forced_labour', checklistVersion: 1, answers }, idempotency());
      expect(response.statusCode).toBe(400);
      expect(response.json().issues).toEqual([{ field: 'answers', problem: 'must answer at least one indicator' }]);
    }
    expect(await t.platform.db.selectFrom('screenings').select('id').where('case_id', '=', caseId).execute()).toEqual([]);
  });
});
