import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles } from '@palermo/contracts';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../support/test-app.js';
import { cacheableApiRoutes } from '../../src/platform/http/no-store.js';

/** No answer of the API may be kept by a browser cache, a shared computer or a proxy: it may hold personal data. */

let t: TestApp;
let client: Client;
beforeAll(async () => {
  t = await createTestApp();
  const organisationId = await insertOrganisation(t, 'ngo', ['NORTH']);
  client = await clientFor(t, await insertUser(t, organisationId, [...roles]));
});
afterAll(async () => t.close());

const endsTheSession = (url: string) => url.startsWith('/api/auth/sign-out');

describe('Cache-Control: no-store', () => {
  it('is on the answer of every API route in the registry, signed in or not, whatever the status', async () => {
    const routes = t.app.declaredRoutes
      .filter((r) => r.url.startsWith('/api') && r.method !== 'HEAD' && r.method !== 'OPTIONS')
      // The public page's read, answered when something is published, is the one exception (below).
      .filter((r) => !(r.method === 'GET' && cacheableApiRoutes.has(r.url)))
      .sort((a, b) => Number(endsTheSession(a.url)) - Number(endsTheSession(b.url)));
    expect(routes.length).toBeGreaterThan(50);
    for (const route of routes) {
      const url = route.url.replace(/:[A-Za-z]+/g, randomUUID()).replace('*', 'index.html');
      const method = route.method as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
      const signedIn = await client.request(method, url, method === 'GET' ? undefined : {}, method === 'GET' ? {} : { 'idempotency-key': randomUUID() });
      expect(signedIn.headers['cache-control'], `${route.method} ${route.url}: ${signedIn.statusCode}`).toBe('no-store');
      const anonymous = await t.app.inject({ method, url });
      expect(anonymous.headers['cache-control'], `${route.method} ${route.url} (no session): ${anonymous.statusCode}`).toBe('no-store');
    }
  });

  it('is loosened for the public page\'s read only, a public route, whose errors stay no-store', async () => {
    expect([...cacheableApiRoutes]).toEqual(['/api/public-view']);
    const declared = t.app.declaredRoutes.filter((r) => cacheableApiRoutes.has(r.url));
    expect(declared.map((r) => `${r.method} ${r.access.kind}`).sort()).toEqual(['GET public', 'HEAD public']);
    // Nothing published in this database: the 404 is not cached, signed in or not.
    expect((await t.app.inject({ method: 'GET', url: '/api/public-view' })).headers['cache-control']).toBe('no-store');
    expect((await client.request('GET', '/api/public-view')).headers['cache-control']).toBe('no-store');
    // Routes beside it are not loosened.
    expect((await client.request('POST', '/api/public-view/withdraw', {})).headers['cache-control']).toBe('no-store');
  });

  it('is on a personal record, on an unknown API path and on an error', async () => {
    const organisationId = await insertOrganisation(t, 'ngo');
    const caseworker = await clientFor(t, await insertUser(t, organisationId, ['caseworker']));
    const created = await caseworker.request('POST', '/api/persons', { givenName: 'Rose', familyName: 'Example', phone: '+442071234567' });
    expect(created.statusCode).toBe(200);
    const read = await caseworker.request('GET', `/api/persons/${created.json().id as string}`);
    expect(read.statusCode).toBe(200);
    expect(read.headers['cache-control']).toBe('no-store');
    const unknown = await t.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['cache-control']).toBe('no-store');
    const invalid = await caseworker.request('POST', '/api/persons', { phone: 'not a phone' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.headers['cache-control']).toBe('no-store');
  });
});
