import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';

let t: TestApp;
let ngo: Client;
let shelter: Client;

beforeAll(async () => {
  t = await createTestApp();
  const ngoId = await insertOrganisation(t, 'ngo');
  const shelterId = await insertOrganisation(t, 'shelter');
  ngo = await clientFor(t, await insertUser(t, ngoId, ['caseworker']));
  shelter = await clientFor(t, await insertUser(t, shelterId, ['caseworker']));
});
afterAll(async () => t.close());

async function open(client: Client, person: Record<string, unknown>) {
  const response = await client.request('POST', '/api/cases', { person }, { 'idempotency-key': randomUUID() });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { id: string; reference: string };
}

describe('finding people whose names are encrypted', () => {
  it('finds by name across spellings and scripts, by birth date and by case number, among visible cases only', async () => {
    const yusuf = await open(ngo, { givenName: 'Yusuf', familyName: 'Ivanov', birthDate: '1990-05-06' });
    await open(ngo, { givenName: 'Maria', familyName: 'Lopes' });
    const elsewhere = await open(shelter, { givenName: 'Yusuf', familyName: 'Ivanov' });

    for (const query of ['Youssef', 'Юсуф Иванов', 'IVANOV']) {
      const found = (await ngo.request('GET', `/api/cases/search?name=${encodeURIComponent(query)}`)).json().results;
      expect(found.map((r: { id: string }) => r.id), query).toEqual([yusuf.id]);
      expect(found[0].displayName).toBe('Yusuf Ivanov');
    }
    const byDate = (await ngo.request('GET', '/api/cases/search?birthDate=1990-05-06')).json().results;
    expect(byDate.map((r: { id: string }) => r.id)).toEqual([yusuf.id]);
    const byReference = (await ngo.request('GET', `/api/cases/search?reference=${yusuf.reference.toLowerCase()}`)).json().results;
    expect(byReference.map((r: { id: string }) => r.id)).toEqual([yusuf.id]);
    expect(byReference.map((r: { id: string }) => r.id)).not.toContain(elsewhere.id);

    const stored = await t.platform.db.selectFrom('persons').select(['name_index', 'given_name']).execute();
    expect(JSON.stringify(stored)).not.toMatch(/yusuf|ivanov/i);
    const audit = await t.platform.db.selectFrom('audit_log').select('summary').where('action', '=', 'case.search').execute();
    expect(JSON.stringify(audit)).not.toMatch(/Youssef|Ivanov|1990/);
  });

  it('names a questionable request field', async () => {
    const bad = await ngo.request('GET', '/api/cases/search?birthDate=06/05/1990');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].field).toBe('querystring.birthDate');
    expect((await ngo.request('GET', '/api/cases/search')).json().issues[0].field).toBe('name');
  });
});
