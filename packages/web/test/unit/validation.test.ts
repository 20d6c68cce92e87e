import { beforeAll, describe, expect, it } from 'vitest';
import i18next, { type TFunction } from 'i18next';
import { createUserRequest, firstRunRequest, openCaseRequest, signInRequest } from '@palermo/contracts';
import { ApiError } from '../../src/app/api';
import { describeError, translateProblem } from '../../src/app/errors';
import { matchField, validate } from '../../src/app/validation';
import en from '../../src/i18n/locales/en.json';
import fr from '../../src/i18n/locales/fr.json';

let t: TFunction;
let tFr: TFunction;
beforeAll(async () => {
  const instance = i18next.createInstance();
  await instance.init({ lng: 'en', resources: { en: { translation: en }, fr: { translation: fr } }, interpolation: { escapeValue: false }, showSupportNotice: false });
  t = instance.getFixedT('en');
  tFr = instance.getFixedT('fr');
});

describe('validation with the contracts', () => {
  it('names each field once, with the problem phrased as the server phrases it', () => {
    const result = validate(signInRequest, { email: 'not an address', password: '' });
    expect(result).toEqual({
      ok: false,
      issues: [
        { field: 'email', problem: 'must be an e-mail address' },
        { field: 'password', problem: 'is required' },
      ],
    });
  });

  it('gives nested fields their full path and an empty role list its own words', () => {
    const nested = validate(firstRunRequest, { organisation: { name: 'A' }, admin: { displayName: 'Ana', email: 'ana@example.test', password: 'short' } });
    expect(nested.ok).toBe(false);
    if (!nested.ok) expect(nested.issues.map((issue) => issue.field)).toEqual(['organisation.name', 'admin.password']);
    const roles = validate(createUserRequest, { organisationId: '7c1f2a4e-9b1d-4c3e-8f00-0a1b2c3d4e5f', displayName: 'Ana', email: 'ana@example.test', password: 'a long enough password', roles: [] });
    expect(roles.ok ? [] : roles.issues).toEqual([{ field: 'roles', problem: 'must name at least one role' }]);
  });

  it("keeps the contract's own explanation of a format (a country code), never zod's default", () => {
    const result = validate(openCaseRequest, { person: { givenName: 'A', citizenships: ['Nigeria'] } });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      const citizenship = result.issues.find((issue) => issue.field === 'person.citizenships');
      expect(citizenship?.problem).not.toMatch(/^Invalid/);
      expect(translateProblem(t, citizenship?.problem ?? '')).not.toBe(citizenship?.problem);
    }
    expect(validate(signInRequest, { email: 'ana@example.test', password: 'x' })).toEqual({ ok: true, data: { email: 'ana@example.test', password: 'x' } });
  });

  it('finds the form field a server issue names, by path, last segment or with an index', () => {
    const fields = ['admin.email', 'roles', 'person.birthDate'];
    expect(matchField(fields, 'admin.email')).toBe('admin.email');
    expect(matchField(fields, 'email')).toBe('admin.email');
    expect(matchField(fields, 'roles.0')).toBe('roles');
    expect(matchField(fields, 'request.person.birthDate')).toBe('person.birthDate');
    expect(matchField(fields, 'unknown')).toBeUndefined();
  });
});

describe("errors in the reader's language", () => {
  it('translates the problems the contracts and the server phrase', () => {
    expect(translateProblem(t, 'is required')).toBe(en.problems.required);
    expect(translateProblem(tFr, 'is required')).toBe(fr.problems.required);
    expect(translateProblem(t, 'must be at least 12 characters')).toBe('Use at least 12 characters.');
    expect(translateProblem(t, 'caseworker cannot be held in an organisation of type law_enforcement')).not.toMatch(/caseworker|law_enforcement/);
    // Words the contracts do not list are shown as the server wrote them rather than lost.
    expect(translateProblem(t, 'something new')).toBe('something new');
  });

  it('describes each kind of failure', () => {
    expect(describeError(t, new ApiError(0, 'network', 'x'))).toBe(en.errors.network);
    expect(describeError(t, new ApiError(0, 'bad_response', 'x'))).toBe(en.errors.badResponse);
    expect(describeError(t, new ApiError(401, 'unauthenticated', 'x'))).toBe(en.errors.unauthenticated);
    expect(describeError(t, new ApiError(403, 'forbidden', 'x'))).toBe(en.errors.forbidden);
    expect(describeError(t, new ApiError(404, 'not_found', 'x'))).toBe(en.errors.notFound);
    expect(describeError(t, new ApiError(503, 'unavailable', 'x'))).toBe(en.errors.server);
    expect(describeError(t, new Error('thrown'))).toBe(en.errors.unexpected);
    const validation = describeError(tFr, new ApiError(400, 'validation', 'x', [{ field: 'email', problem: 'must be an e-mail address' }]));
    expect(validation).toBe(`${fr.errors.validation} ${fr.problems.email}`);
  });
});
