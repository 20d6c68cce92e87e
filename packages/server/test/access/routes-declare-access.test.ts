import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

/** Public routes are a short, reviewed list: adding one means changing this test on purpose. */
const expectedPublic = ['GET /api/health', 'GET /api/setup', 'POST /api/setup', 'POST /api/auth/sign-in', 'POST /api/auth/password-reset', 'GET /api/public-view'];

describe('every route declares its access', () => {
  it('declares access on every API route, and only the reviewed routes are public', () => {
    const api = t.app.declaredRoutes.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.method !== 'HEAD');
    expect(api.length).toBeGreaterThan(15);
    const publicRoutes = api.filter((r) => r.access.kind === 'public').map((r) => `${r.method} ${r.url}`);
    expect(publicRoutes.sort()).toEqual([...expectedPublic].sort());
    for (const route of api) {
      if (route.access.kind === 'rule') expect(route.access.rule.length, `${route.method} ${route.url}`).toBeGreaterThan(0);
    }
  });

  it('refuses to start when a route declares no access rule', async () => {
    const { buildApp } = await import('../../src/platform/http/app.js');
    const app = await buildApp({ platform: t.platform, logger: false });
    expect(() => app.get('/api/forgotten', async () => ({ leaked: true }))).toThrow(/declares no access rule/);
    await app.close();
  });

  it('answers 401 on every non-public route without a session', async () => {
    const guarded = t.app.declaredRoutes.filter((r) => r.url.startsWith('/api/') && r.access.kind !== 'public' && r.method !== 'HEAD');
    for (const route of guarded) {
      const url = route.url.replace(':id', '00000000-0000-4000-8000-000000000000');
      const response = await t.app.inject({ method: route.method as 'GET', url, ...(route.method === 'GET' ? {} : { payload: {} }) });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });
});
