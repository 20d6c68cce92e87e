import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capabilities as capabilitiesSchema, capabilityNames, organisationTypes, roleAllowedIn, roles, sessionView, type Role } from '@palermo/contracts';
import { capabilityRoutes } from '../../src/platform/access/capabilities.js';
import { createSession } from '../../src/platform/auth/sessions.js';
import { clientFor, cookieClient, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

/**
 * Calls the capability's route as the client. A path parameter gets a value that is not an id and a body is empty, so
 * a route that admits the user answers with a validation error (or its data) and changes nothing; one that does not
 * answers 403 from the access check, before any validation.
 */
async function gateAnswer(client: Client, method: string, url: string): Promise<{ status: number; error: unknown }> {
  const path = url.replace(/:[a-zA-Z]+/g, 'not-an-id');
  const response = await client.request(method as 'GET', path, method === 'GET' ? undefined : {});
  const body: unknown = response.headers['content-type']?.toString().includes('json') ? response.json() : undefined;
  return { status: response.statusCode, error: typeof body === 'object' && body !== null ? Reflect.get(body, 'error') : undefined };
}

async function capabilitiesOfClient(client: Client) {
  const response = await client.request('GET', '/api/auth/session');
  expect(response.statusCode).toBe(200);
  return sessionView.parse(response.json()).capabilities;
}

async function expectCapabilitiesMatchRoutes(client: Client, label: string): Promise<Record<string, boolean>> {
  const capabilities = await capabilitiesOfClient(client);
  for (const name of capabilityNames) {
    const { method, url } = capabilityRoutes[name];
    const answer = await gateAnswer(client, method, url);
    const refused = answer.status === 403 && answer.error === 'forbidden';
    expect(capabilities[name], `${label}: ${name} (${method} ${url} answered ${answer.status})`).toBe(!refused);
  }
  return capabilities;
}

describe('the session carries the capabilities its routes grant', () => {
  it('names a declared route for every capability', () => {
    expect(Object.keys(capabilityRoutes).sort()).toEqual([...capabilityNames].sort());
    expect(Object.keys(capabilitiesSchema.shape).sort()).toEqual([...capabilityNames].sort());
    for (const { method, url } of Object.values(capabilityRoutes)) {
      const route = t.app.declaredRoutes.find((r) => r.method === method && r.url === url);
      expect(route?.access.kind, `${method} ${url}`).toBe('rule');
    }
  });

  it('is true exactly when the route admits the user, for every role in every organisation type it may be held in', async () => {
    const seen = new Map<Role, Set<string>>();
    for (const role of roles) {
      for (const type of organisationTypes.filter((candidate) => roleAllowedIn(role, candidate))) {
        const organisationId = await insertOrganisation(t, type, ['NORTH']);
        const user = await insertUser(t, organisationId, [role]);
        const capabilities = await expectCapabilitiesMatchRoutes(await clientFor(t, user), `${role} in ${type}`);
        const granted = seen.get(role) ?? new Set<string>();
        for (const name of capabilityNames) if (capabilities[name]) granted.add(name);
        seen.set(role, granted);
      }
    }
    // The comparison is not vacuous: each role is granted something and refused something.
    for (const role of roles) {
      const granted = seen.get(role)?.size ?? 0;
      expect(granted, role).toBeLessThan(capabilityNames.length);
    }
    expect([...(seen.get('national_rapporteur') ?? [])]).toContain('release');
    expect([...(seen.get('caseworker') ?? [])]).toContain('manageAssistance');
  });

  it('adds up the rights of several roles', async () => {
    const organisationId = await insertOrganisation(t, 'ngo');
    const user = await insertUser(t, organisationId, ['caseworker', 'organisation_admin']);
    const capabilities = await expectCapabilitiesMatchRoutes(await clientFor(t, user), 'caseworker and organisation administrator');
    expect(capabilities.manageUsers && capabilities.seeCases && !capabilities.manageOrganisations).toBe(true);
  });

  it('grants nothing before the second factor', async () => {
    const organisationId = await insertOrganisation(t, 'national_rapporteur');
    const user = await insertUser(t, organisationId, ['national_rapporteur']);
    const { token } = await createSession(t.platform.db, user.id, 'two_factor_required', { idleSeconds: 1800, absoluteSeconds: 3600 });
    const session = await t.platform.db.selectFrom('sessions').select('csrf_token').where('user_id', '=', user.id).executeTakeFirstOrThrow();
    const capabilities = await capabilitiesOfClient(cookieClient(t.app, token, session.csrf_token, user.id));
    expect(Object.values(capabilities).some(Boolean)).toBe(false);
  });
});
