import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';

let t: TestApp;
let caseworker: Client;

beforeAll(async () => {
  t = await createTestApp();
  caseworker = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'ngo'), ['caseworker']));
});
afterAll(async () => t.close());

const idempotency = () => ({ 'idempotency-key': randomUUID() });

describe('screening a person without a name', () => {
  it('suggests referral from the ILO indicators, moves the case to screened, and keeps notes encrypted', async () => {
    const opened = (await caseworker.request('POST', '/api/cases', { person: {} }, idempotency())).json();
    const checklists = (await caseworker.request('GET', '/api/screening/checklists')).json().checklists as Array<{ code: string; version: number }>;
    expect(checklists.map((c) => c.code).sort()).toEqual(['ilo_forced_labour', 'trafficking_general']);
    const ilo = checklists.find((c) => c.code === 'ilo_forced_labour');
    const result = await caseworker.request(
      'POST',
      `/api/cases/${opened.id}/screenings`,
      { checklistCode: 'ilo_forced_labour', checklistVersion: ilo?.version, answers: { retention_of_identity_documents: 'present', deception: 'unknown' }, notes: 'Passport held by the farm owner in Halden' },
      idempotency(),
    );
    expect(result.statusCode, result.body).toBe(200);
    expect(result.json().suggestion).toBe('refer_for_identification');
    expect(result.json().explanation[0]).toMatch(/suggestion/i);
    const view = (await caseworker.request('GET', `/api/cases/${opened.id}`)).json();
    expect(view.stage).toBe('screened');
    expect(view.traffickingStatus).toBe('PossibleVictimOfTrafficking');
    const stored = await t.platform.db.selectFrom('screenings').select('notes').where('case_id', '=', opened.id).executeTakeFirstOrThrow();
    expect(Buffer.from(stored.notes ?? new Uint8Array()).toString('latin1')).not.toContain('Halden');
  });

  it('names an answer that is not an item of the checklist', async () => {
    const opened = (await caseworker.request('POST', '/api/cases', { person: {} }, idempotency())).json();
    const bad = await caseworker.request('POST', `/api/cases/${opened.id}/screenings`, { checklistCode: 'ilo_forced_labour', checklistVersion: 1, answers: { late_wages: 'present' } }, idempotency());
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues).toEqual([{ field: 'answers.late_wages', problem: 'is not an item of checklist ilo_forced_labour version 1' }]);
    expect(await t.platform.db.selectFrom('screenings').select('id').where('case_id', '=', opened.id).execute()).toEqual([]);
  });
});
