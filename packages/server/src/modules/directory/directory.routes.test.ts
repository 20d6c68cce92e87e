import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../platform/http/app.js';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';
import type { DirectoryEntryView, DirectoryList } from './directory.contracts.js';
import { directoryRoutes } from './directory.routes.js';

// needs registration in app.ts: once `directoryRoutes` is registered in platform/http/app.ts, createTestApp() serves
// these routes itself and this helper returns it unchanged. Until then it registers the plugin on a second app built
// over the same platform, so that the routes are tested through the real pipeline (authentication, CSRF, access).
async function withDirectoryRoutes(t: TestApp): Promise<TestApp> {
  if (t.app.hasRoute({ method: 'GET', url: '/api/directory' })) return t;
  const app = await buildApp({ platform: t.platform, logger: false, webDist: join(t.dataDir, 'no-web') });
  await app.register(directoryRoutes);
  await app.ready();
  return { ...t, app, close: async () => { await app.close(); await t.close(); } };
}

let t: TestApp;
let shelterId: string;
let policeId: string;
let shelterAdmin: Client;
let coordinator: Client;
let caseworker: Client;
let investigator: Client;

beforeAll(async () => {
  t = await withDirectoryRoutes(await createTestApp());
  const national = await insertOrganisation(t, 'national_coordinator');
  shelterId = await insertOrganisation(t, 'shelter');
  policeId = await insertOrganisation(t, 'law_enforcement');
  shelterAdmin = await clientFor(t, await insertUser(t, shelterId, ['organisation_admin']));
  coordinator = await clientFor(t, await insertUser(t, national, ['national_coordinator']));
  caseworker = await clientFor(t, await insertUser(t, shelterId, ['caseworker']));
  investigator = await clientFor(t, await insertUser(t, policeId, ['investigator']));
});
afterAll(async () => t.close());

const desk = (organisationId: string, deskName: string, extra: Record<string, unknown> = {}) => ({
  organisationId,
  deskName,
  sops: [2, 3],
  services: ['shelter', 'psychosocial'],
  phone: '+40 21 555 0100',
  email: 'Intake@Shelter.example',
  hours: '24/7',
  languages: ['ro', 'en'],
  ...extra,
});

describe('the referral directory over HTTP', () => {
  it("lets an organisation administrator add their own desks only; a caseworker adds none", async () => {
    const created = await shelterAdmin.request('POST', '/api/directory', desk(shelterId, 'Intake desk'));
    expect(created.statusCode).toBe(200);
    expect(created.json<DirectoryEntryView>()).toMatchObject({ deskName: 'Intake desk', email: 'intake@shelter.example', stale: false, organisationType: 'shelter' });
    expect((await shelterAdmin.request('POST', '/api/directory', desk(policeId, 'Not mine'))).statusCode).toBe(403);
    expect((await caseworker.request('POST', '/api/directory', desk(shelterId, 'Caseworker desk'))).statusCode).toBe(403);
  });

  it('lets the national coordinator add, change and verify any desk', async () => {
    const created = (await coordinator.request('POST', '/api/directory', desk(policeId, 'Anti-trafficking unit', { sops: [1, 5], services: ['safety'], languages: ['en'] }))).json<DirectoryEntryView>();
    const patched = await coordinator.request('PATCH', `/api/directory/${created.id}`, { hours: 'Mon-Fri 09:00-17:00', email: null });
    expect(patched.statusCode).toBe(200);
    expect(patched.json<DirectoryEntryView>()).toMatchObject({ hours: 'Mon-Fri 09:00-17:00', email: null, phone: '+40 21 555 0100' });
    const verified = await coordinator.request('POST', `/api/directory/${created.id}/verify`, {});
    expect(verified.statusCode).toBe(200);
    expect(verified.json<DirectoryEntryView>().verifiedBy?.userId).toBe(coordinator.userId);
    expect((await shelterAdmin.request('PATCH', `/api/directory/${created.id}`, { hours: 'never' })).statusCode).toBe(403);
    expect((await shelterAdmin.request('POST', `/api/directory/${created.id}/verify`, {})).statusCode).toBe(403);
  });

  it('is read by every signed-in user, with filters', async () => {
    for (const client of [caseworker, investigator]) {
      const response = await client.request('GET', '/api/directory');
      expect(response.statusCode).toBe(200);
      expect(response.json<DirectoryList>()).toMatchObject({ staleAfterDays: 180 });
    }
    const names = async (query: string) => (await investigator.request('GET', `/api/directory?${query}`)).json<DirectoryList>().entries.map((e) => e.deskName).sort();
    expect(await names('service=shelter')).toEqual(['Intake desk']);
    expect(await names('sop=5')).toEqual(['Anti-trafficking unit']);
    expect(await names('organisationType=law_enforcement')).toEqual(['Anti-trafficking unit']);
    expect(await names('stale=true')).toEqual([]);
    expect(await names('stale=false')).toEqual(['Anti-trafficking unit', 'Intake desk']);
    expect((await t.app.inject({ method: 'GET', url: '/api/directory' })).statusCode).toBe(401);
  });

  it('names each invalid field', async () => {
    const bad = await coordinator.request('GET', '/api/directory?service=massage&sop=9&stale=maybe');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ issues: Array<{ field: string }> }>().issues.map((i) => i.field).sort()).toEqual(['querystring.service', 'querystring.sop', 'querystring.stale']);
    const body = await coordinator.request('POST', '/api/directory', desk(shelterId, '', { phone: 'call me', email: 'nope', sops: [7], languages: ['English'] }));
    expect(body.statusCode).toBe(400);
    expect(body.json<{ issues: Array<{ field: string }> }>().issues.map((i) => i.field).sort()).toEqual(['deskName', 'email', 'languages.0', 'phone', 'sops.0']);
    expect((await coordinator.request('PATCH', '/api/directory/00000000-0000-4000-8000-000000000000', { hours: '24/7' })).statusCode).toBe(404);
  });

  it('documents its routes in the OpenAPI description', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const paths = Object.keys(response.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/directory', '/api/directory/{id}', '/api/directory/{id}/verify']));
  });
});
