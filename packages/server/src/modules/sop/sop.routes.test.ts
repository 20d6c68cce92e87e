import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../platform/http/app.js';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';
import type { SopVersionView } from './sop.contracts.js';
import { sopRoutes } from './sop.routes.js';

// needs registration in app.ts: once `sopRoutes` is registered in platform/http/app.ts, createTestApp() serves these
// routes itself and this helper returns it unchanged. Until then it registers the plugin on a second app built over the
// same platform, so that the routes are tested through the real pipeline (authentication, CSRF, access, validation).
async function withSopRoutes(t: TestApp): Promise<TestApp> {
  if (t.app.hasRoute({ method: 'GET', url: '/api/sops' })) return t;
  const app = await buildApp({ platform: t.platform, logger: false, webDist: join(t.dataDir, 'no-web') });
  await app.register(sopRoutes);
  await app.ready();
  return { ...t, app, close: async () => { await app.close(); await t.close(); } };
}

let t: TestApp;
let coordinator: Client;
let caseworker: Client;
let admin: Client;

beforeAll(async () => {
  t = await withSopRoutes(await createTestApp());
  const national = await insertOrganisation(t, 'national_coordinator');
  const ngo = await insertOrganisation(t, 'ngo');
  coordinator = await clientFor(t, await insertUser(t, national, ['national_coordinator']));
  admin = await clientFor(t, await insertUser(t, national, ['national_admin']));
  caseworker = await clientFor(t, await insertUser(t, ngo, ['caseworker']));
});
afterAll(async () => t.close());

describe('GET /api/sops', () => {
  it('gives every signed-in user the SOPs in force, and no one else', async () => {
    const response = await caseworker.request('GET', '/api/sops');
    expect(response.statusCode).toBe(200);
    const body = response.json<SopVersionView>();
    expect(body).toMatchObject({ version: 1, current: true, author: null });
    expect(body.document.sops.map((s) => s.number)).toEqual([1, 2, 3, 4, 5]);
    expect((await t.app.inject({ method: 'GET', url: '/api/sops' })).statusCode).toBe(401);
  });
});

describe('POST /api/sops/versions', () => {
  const current = async () => (await coordinator.request('GET', '/api/sops')).json<SopVersionView>();

  it('is for the national coordinator only', async () => {
    const { document } = await current();
    for (const client of [caseworker, admin]) {
      expect((await client.request('POST', '/api/sops/versions', { ...document, changeNote: 'mine now' })).statusCode).toBe(403);
    }
  });

  it('refuses an invalid document, naming the path of each problem', async () => {
    const { document } = await current();
    const third = document.sops[2]?.measures[0];
    if (!third) throw new Error('fixture');
    third.who = { organisationTypes: [], organisationIds: [] };
    const response = await coordinator.request('POST', '/api/sops/versions', { ...document, changeNote: '' });
    expect(response.statusCode).toBe(400);
    const fields = response.json<{ issues: Array<{ field: string }> }>().issues.map((i) => i.field).sort();
    expect(fields).toEqual(['changeNote', 'sops.2.measures.0.who']);
  });

  it('saves a new version that comes into force, keeping the old one readable', async () => {
    const { document, version } = await current();
    const first = document.sops[0]?.measures[0];
    if (!first) throw new Error('fixture');
    first.when.deadlineDays = 2;
    const response = await coordinator.request('POST', '/api/sops/versions', { ...document, changeNote: 'Two days for initial referral', basedOnVersion: version });
    expect(response.statusCode).toBe(200);
    expect(response.json<SopVersionView>()).toMatchObject({ version: version + 1, current: true, changeNote: 'Two days for initial referral' });
    expect((await current()).document.sops[0]?.measures[0]?.when.deadlineDays).toBe(2);

    const list = await caseworker.request('GET', '/api/sops/versions');
    expect(list.statusCode).toBe(200);
    expect(list.json<{ versions: Array<{ version: number; current: boolean }> }>().versions.map((v) => [v.version, v.current])).toEqual([
      [version + 1, true],
      [version, false],
    ]);
    const old = (await caseworker.request('GET', `/api/sops/versions/${version}`)).json<SopVersionView>();
    expect(old).toMatchObject({ version, current: false });
    expect(old.document.sops[0]?.measures[0]?.when.deadlineDays).toBe(1);

    const stale = await coordinator.request('POST', '/api/sops/versions', { ...document, changeNote: 'again', basedOnVersion: version });
    expect(stale.statusCode).toBe(409);
  });

  it('answers 404 for an unknown version and 400 for a malformed one', async () => {
    expect((await caseworker.request('GET', '/api/sops/versions/999')).statusCode).toBe(404);
    expect((await caseworker.request('GET', '/api/sops/versions/first')).statusCode).toBe(400);
  });
});

describe('the API description', () => {
  it('documents the SOP routes, with the document schema', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const spec = response.json<{ paths: Record<string, { post?: { requestBody?: unknown } }> }>();
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/sops', '/api/sops/versions', '/api/sops/versions/{version}']));
    expect(JSON.stringify(spec.paths['/api/sops/versions']?.post?.requestBody)).toContain('deadlineDays');
  });
});
