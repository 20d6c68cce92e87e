import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntryView } from '@palermo/contracts';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';

/** The audit page's search: by the case number people use, by action, by the acting organisation. */
let t: TestApp;
let auditor: Client;
let ngoId: string;
let shelterId: string;
let first: { id: string; reference: string };
let second: { id: string; reference: string };

beforeAll(async () => {
  t = await createTestApp();
  const coordinator = await insertOrganisation(t, 'national_coordinator');
  ngoId = await insertOrganisation(t, 'ngo');
  shelterId = await insertOrganisation(t, 'shelter');
  auditor = await clientFor(t, await insertUser(t, coordinator, ['national_admin']));
  const ngo = await clientFor(t, await insertUser(t, ngoId, ['caseworker']));
  const shelter = await clientFor(t, await insertUser(t, shelterId, ['caseworker']));
  const open = async (client: Client, givenName: string) => {
    const response = await client.request('POST', '/api/cases', { person: { givenName, familyName: 'Example' } }, { 'idempotency-key': randomUUID() });
    expect(response.statusCode, response.body).toBe(200);
    const { id } = response.json() as { id: string };
    const row = await t.platform.db.selectFrom('cases').select('reference').where('id', '=', id).executeTakeFirstOrThrow();
    return { id, reference: row.reference };
  };
  first = await open(ngo, 'Amal');
  second = await open(shelter, 'Bina');
  await ngo.request('GET', `/api/cases/${first.id}`);
  await shelter.request('GET', `/api/cases/${second.id}`);
});
afterAll(async () => t.close());

async function search(query: string): Promise<{ entries: AuditEntryView[]; caseFound?: boolean; status: number; body: string }> {
  const response = await auditor.request('GET', `/api/audit?${query}`);
  return { ...(response.json() as { entries: AuditEntryView[]; caseFound?: boolean }), status: response.statusCode, body: response.body };
}

describe('audit search', () => {
  it('finds every entry about a case by its number, in any letter case, and only those', async () => {
    const found = await search(`caseReference=${encodeURIComponent(first.reference.toLowerCase())}`);
    expect(found.status, found.body).toBe(200);
    expect(found.caseFound).toBe(true);
    expect(found.entries.length).toBeGreaterThanOrEqual(2);
    expect(new Set(found.entries.map((e) => e.caseReference))).toEqual(new Set([first.reference]));
    expect(found.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['case.open', 'case.read']));
    expect(found.entries.every((e) => e.organisationId === ngoId)).toBe(true);
  });

  it('names the staff account or organisation an entry is about', async () => {
    const found = await search('action=case.read');
    expect(found.entries.every((e) => e.recordName === null)).toBe(true);
    const signIns = await search('action=audit.read');
    expect(signIns.status).toBe(200);
    const organisations = await t.platform.db.selectFrom('organisations').select(['id', 'name']).execute();
    const coordinatorName = organisations.find((o) => o.name.startsWith('national_coordinator'))?.name;
    await auditor.request('PATCH', `/api/organisations/${shelterId}`, { jurisdictions: ['SOUTH'] });
    const updates = await search('action=organisation.update');
    expect(updates.entries[0]).toMatchObject({ recordType: 'organisation', recordName: expect.stringContaining('shelter'), organisationName: coordinatorName });
  });

  it('says when no case has that number, and finds nothing', async () => {
    const found = await search('caseReference=NO-SUCH-CASE');
    expect(found.caseFound).toBe(false);
    expect(found.entries).toEqual([]);
  });

  it('filters by action and by organisation, and names the organisation', async () => {
    const opened = await search('action=case.open');
    expect(opened.entries.map((e) => e.caseReference).sort()).toEqual([first.reference, second.reference].sort());
    const shelterOnly = await search(`organisationId=${shelterId}&action=case.open`);
    expect(shelterOnly.entries).toHaveLength(1);
    expect(shelterOnly.entries[0]).toMatchObject({ caseReference: second.reference, organisationId: shelterId, organisationName: expect.stringContaining('shelter') });
    const combined = await search(`organisationId=${shelterId}&caseReference=${first.reference}`);
    expect(combined.entries).toEqual([]);
  });

  it('refuses an action that is not in the vocabulary and a malformed organisation, naming the field', async () => {
    const action = await search('action=case.delete');
    expect(action.status).toBe(400);
    expect(JSON.parse(action.body).issues[0].field).toBe('querystring.action');
    const organisation = await search('organisationId=nope');
    expect(JSON.parse(organisation.body).issues[0].field).toBe('querystring.organisationId');
  });

  it('is audited with the filters used, and only audit readers may search', async () => {
    await search(`action=case.read&caseReference=${first.reference}`);
    const last = await t.platform.db.selectFrom('audit_log').select('summary').where('action', '=', 'audit.read').orderBy('entry_id', 'desc').executeTakeFirstOrThrow();
    expect(last.summary).toMatch(/filters: .*caseReference.*action|filters: .*action.*caseReference/);
    const caseworker = await clientFor(t, await insertUser(t, ngoId, ['caseworker']));
    expect((await caseworker.request('GET', `/api/audit?caseReference=${first.reference}`)).statusCode).toBe(403);
    const orgAdmin = await clientFor(t, await insertUser(t, ngoId, ['organisation_admin']));
    expect((await orgAdmin.request('GET', `/api/audit?caseReference=${first.reference}`)).statusCode).toBe(403);
  });
});
