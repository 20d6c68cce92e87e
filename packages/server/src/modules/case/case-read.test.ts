import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, createTestApp, insertOrganisation, insertUser, type TestApp } from '../../../test/support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

/** The newest case.read audit entry about this record (by writing order). */
const lastRead = (recordId: string) =>
  t.platform.db
    .selectFrom('audit_log')
    .select(['actor_user_id', 'summary', 'outcome'])
    .where('action', '=', 'case.read')
    .where('record_id', '=', recordId)
    .orderBy('entry_id', 'desc')
    .limit(1)
    .executeTakeFirst();

describe('the case page shows each reader the fields they may see, and its audit entry names them', () => {
  it('managing side, an organisation the case was shared with, a refused reader and an unknown case', async () => {
    const ngoId = await insertOrganisation(t, 'ngo');
    const authorityId = await insertOrganisation(t, 'competent_authority');
    const otherId = await insertOrganisation(t, 'shelter');
    const caseworker = await insertUser(t, ngoId, ['caseworker']);
    const decisionMaker = await insertUser(t, authorityId, ['decision_maker']);
    const stranger = await insertUser(t, otherId, ['caseworker']);
    const ngo = await clientFor(t, caseworker);
    const opened = await ngo.request('POST', '/api/cases', { person: { givenName: 'Nadia', familyName: 'Petrova', phone: '+442071234567' } }, { 'idempotency-key': randomUUID() });
    expect(opened.statusCode, opened.body).toBe(200);
    const { id } = opened.json() as { id: string };

    const own = await ngo.request('GET', `/api/cases/${id}`);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().person.fields).toMatchObject({ givenName: 'Nadia', familyName: 'Petrova', phone: '+442071234567' });
    expect(own.json().timeline.map((e: { action: string }) => e.action)).toEqual(['case.opened']);
    expect(await lastRead(id)).toEqual({
      actor_user_id: caseworker.id,
      summary: 'case viewed; person fields shown: givenName, familyName, pseudonym, birthDate, phone, address, identityNumber',
      outcome: 'allowed',
    });

    await t.platform.db
      .insertInto('case_shares')
      .values({ id: randomUUID(), case_id: id, organisation_id: authorityId, purpose: 'identification_decision', person_fields: ['familyName', 'givenName'], granted_by: caseworker.id, granted_at: new Date() })
      .execute();
    const shared = await (await clientFor(t, decisionMaker)).request('GET', `/api/cases/${id}`);
    expect(shared.statusCode, shared.body).toBe(200);
    expect(shared.json().person.fields).toEqual({ familyName: 'Petrova', givenName: 'Nadia' });
    expect(shared.json().timeline).toEqual([]);
    // Consents and measures are the managing side's (the field policy): absent, not empty.
    expect(shared.json().consents).toBeUndefined();
    expect(shared.json().measures).toBeUndefined();
    expect(shared.body).not.toContain('2071234567');
    expect(await lastRead(id)).toEqual({ actor_user_id: decisionMaker.id, summary: 'case viewed; person fields shown: givenName, familyName', outcome: 'allowed' });

    const refused = await (await clientFor(t, stranger)).request('GET', `/api/cases/${id}`);
    expect(refused.statusCode).toBe(404);
    expect(refused.body).not.toContain('Petrova');
    expect(await lastRead(id)).toEqual({ actor_user_id: stranger.id, summary: 'refused by access rules', outcome: 'denied' });

    const unknown = randomUUID();
    expect((await ngo.request('GET', `/api/cases/${unknown}`)).statusCode).toBe(404);
    expect(await lastRead(unknown)).toBeUndefined();
  });
});
