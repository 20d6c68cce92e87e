import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, insertOrganisation, insertUser, type TestApp } from '../../../test/support/test-app.js';
import { SESSION_COOKIE, createSession } from '../../platform/auth/sessions.js';

/**
 * The name of an uploaded file travels percent-encoded in a header (headers are ASCII), so the checks on text that the
 * JSON body, query and path get (no NUL, which PostgreSQL cannot store; no bidirectional controls, which make one name
 * display as another) must hold for the decoded name too: it becomes the dataset's name on the statistics and release
 * pages and the import report's file name.
 */
let t: TestApp;
let upload: (fileName: string) => Promise<{ statusCode: number; body: string; json: () => unknown }>;

beforeAll(async () => {
  t = await createTestApp();
  const rapporteur = await insertUser(t, await insertOrganisation(t, 'national_rapporteur'), ['national_rapporteur']);
  const { token } = await createSession(t.platform.db, rapporteur.id, 'active', { idleSeconds: 1800, absoluteSeconds: 3600 });
  const { csrf_token } = await t.platform.db.selectFrom('sessions').select('csrf_token').where('user_id', '=', rapporteur.id).executeTakeFirstOrThrow();
  const body = Buffer.from('yearOfRegistration,gender,ageBroad,citizenship,CountryOfExploitation,isForcedLabour\n2022,Woman,21--23,PHL,MYS,1\n');
  upload = (fileName) =>
    t.app.inject({
      method: 'POST',
      url: '/api/imports/ctdc',
      cookies: { [SESSION_COOKIE]: token },
      headers: { 'x-csrf-token': csrf_token, 'content-type': 'application/octet-stream', 'x-file-name': fileName },
      payload: body,
    });
});
afterAll(async () => t?.close());

describe('the name of an uploaded file', () => {
  it.each([
    ['a right-to-left override, percent-encoded', `${encodeURIComponent('\u202E')}vsc.exe.csv`],
    ['a first-strong isolate, percent-encoded', `report${encodeURIComponent('\u2068')}.csv`],
    ['a NUL, percent-encoded', 'data%00.csv'],
    ['a line break, percent-encoded', 'data%0A.csv'],
  ])('is refused with 400 naming x-file-name when it holds %s, and nothing is imported', async (_what, fileName) => {
    const before = await t.platform.db.selectFrom('statistical_datasets').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const response = await upload(fileName);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({ issues: [{ field: 'x-file-name' }] });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const after = await t.platform.db.selectFrom('statistical_datasets').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('is kept, decoded, when it is ordinary text in any script', async () => {
    const response = await upload(encodeURIComponent('تقرير 2024.csv'));
    expect(response.statusCode, response.body).toBe(202);
  });
});
