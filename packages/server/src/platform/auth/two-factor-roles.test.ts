import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticator } from 'otplib';
import type { LightMyRequestResponse } from 'fastify';
import { organisationTypes, roleDescriptions, roleOrganisationTypes, roles, type OrganisationType, type Role } from '@palermo/contracts';
import { mayEverAllow, type Rule } from '../access/rules.js';
import { personRules } from '../../modules/person/person.policy.js';
import { caseRules } from '../../modules/case/case.policy.js';
import { userRules } from '../../modules/user/user.policy.js';
import { organisationRules } from '../../modules/organisation/organisation.policy.js';
import { statisticsRules } from '../../modules/statistics/statistics.policy.js';
import { releaseRules } from '../../modules/releases/releases.policy.js';
import { estimationRules } from '../../modules/estimation/estimation.policy.js';
import { SESSION_COOKIE, createSession } from './sessions.js';
import { createTestApp, insertOrganisation, insertUser, type TestApp } from '../../../test/support/test-app.js';

const organisationTypesOf = (role: Role): readonly OrganisationType[] => {
  const allowed = roleOrganisationTypes[role];
  return allowed === 'any' ? organisationTypes : allowed;
};

/** Could a holder of this role, in any organisation it may be held in, ever pass one of these rules? */
const anyRuleReachable = (role: Role, rules: readonly Rule[]): boolean =>
  organisationTypesOf(role).some((organisationType) =>
    rules.some((rule) => mayEverAllow(rule, { userId: 'u', organisationId: 'o', organisationType, jurisdictions: ['ANY'], roles: [role] })),
  );

describe('the role vocabulary', () => {
  it.each(roles)('%s states what it reaches, and needs two factors if it manages users, sees personal data or small counts', (role) => {
    const description = roleDescriptions[role];
    // The vocabulary must not understate what the access rules give the role.
    if (anyRuleReachable(role, [personRules.read, caseRules.read])) expect(description.seesPersonalData).toBe(true);
    if (anyRuleReachable(role, [userRules.manage, organisationRules.manage])) expect(description.managesUsers).not.toBe('none');
    if (anyRuleReachable(role, [statisticsRules.read, releaseRules.make, releaseRules.read, estimationRules.estimate])) {
      expect(description.seesSmallCounts).toBe(true);
    }
    const powerful = description.managesUsers !== 'none' || description.seesPersonalData || description.seesSmallCounts;
    if (powerful) expect(description.requiresTwoFactor).toBe(true);
  });

  it('names the roles the trust work found on a password alone', () => {
    for (const role of ['organisation_admin', 'national_admin', 'national_coordinator', 'national_rapporteur'] as const) {
      expect(roleDescriptions[role].requiresTwoFactor).toBe(true);
    }
  });
});

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const tokenOf = (response: LightMyRequestResponse) => response.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? '';

function post(url: string, body: unknown, session?: { token: string; csrf: string }) {
  return t.app.inject({
    method: 'POST',
    url,
    payload: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...(session ? { 'x-csrf-token': session.csrf } : {}) },
    ...(session ? { cookies: { [SESSION_COOKIE]: session.token } } : {}),
  });
}

const get = (url: string, token: string) => t.app.inject({ method: 'GET', url, cookies: { [SESSION_COOKIE]: token } });

/** Routes each role could reach once signed in: one of them must answer 403 naming the missing step. */
const guardedRoutes = ['/api/persons', '/api/organisations', '/api/users', '/api/statistics', '/api/audit'];

async function expectStepRequired(token: string, stage: string) {
  for (const url of guardedRoutes) {
    const response = await get(url, token);
    expect(response.statusCode, `${url}: ${response.body}`).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    if (response.statusCode === 403) expect([stage, 'forbidden']).toContain(response.json().error);
  }
  // The route the role is meant to reach says which step is missing.
  const session = await get('/api/auth/session', token);
  expect(session.json().stage).toBe(stage);
}

describe('two factors at sign-in, for every role', () => {
  it.each(roles)('%s: enrols before reaching anything, then gives a code at each sign-in', async (role) => {
    const organisationType = organisationTypesOf(role)[0] ?? 'ngo';
    const organisationId = await insertOrganisation(t, organisationType, ['NORTH']);
    const user = await insertUser(t, organisationId, [role], { enrolled: false });

    const first = await post('/api/auth/sign-in', { email: user.email, password: user.password });
    expect(first.statusCode).toBe(200);
    expect(first.json().stage).toBe('two_factor_enrolment_required');
    const firstSession = { token: tokenOf(first), csrf: first.json().csrfToken as string };
    await expectStepRequired(firstSession.token, 'two_factor_enrolment_required');

    const enrolment = await post('/api/auth/totp/enrol', {}, firstSession);
    expect(enrolment.statusCode).toBe(200);
    const secret = enrolment.json().secret as string;
    const confirmed = await post('/api/auth/totp/confirm', { code: authenticator.generate(secret) }, firstSession);
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().stage).toBe('active');

    const second = await post('/api/auth/sign-in', { email: user.email, password: user.password });
    expect(second.json().stage).toBe('two_factor_required');
    await expectStepRequired(tokenOf(second), 'two_factor_required');
    // Enrolling again from a half-signed-in session, to replace the authenticator, is refused.
    const reEnrol = await post('/api/auth/totp/enrol', {}, { token: tokenOf(second), csrf: second.json().csrfToken as string });
    expect(reEnrol.statusCode).toBe(403);
  });

  it('does not keep active a session made before its user needed two factors', async () => {
    const organisationId = await insertOrganisation(t, 'national_rapporteur');
    const user = await insertUser(t, organisationId, ['national_rapporteur'], { enrolled: false });
    // A session from before the policy: active although the user never enrolled.
    const { token } = await createSession(t.platform.db, user.id, 'active', { idleSeconds: 600, absoluteSeconds: 3600 });
    await expectStepRequired(token, 'two_factor_enrolment_required');
    const statistics = await get('/api/statistics', token);
    expect(statistics.statusCode).toBe(403);
    expect(statistics.json().error).toBe('two_factor_enrolment_required');
  });
});
