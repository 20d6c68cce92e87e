import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bidiControlProblem, nulProblem, roles } from '@palermo/contracts';
import { SESSION_COOKIE, createSession } from '../../src/platform/auth/sessions.js';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../support/test-app.js';

/**
 * Text PostgreSQL cannot store (NUL) and names that could display as another (bidirectional controls) are refused with
 * 400 naming the field, on every route: the sweep reads each route's request schema from the OpenAPI document, builds a
 * request that passes it, and puts hostile text in one string field (or path or query parameter) at a time.
 */

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  minItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
};
type Parameter = { in: 'path' | 'query'; name: string; schema: JsonSchema };
type Operation = { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } };

let t: TestApp;
let everyRole: Client;
let admin: Client;
let spec: { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, JsonSchema> } };
let organisationId: string;

beforeAll(async () => {
  t = await createTestApp();
  const coordinator = await insertOrganisation(t, 'national_coordinator', ['NORTH']);
  organisationId = await insertOrganisation(t, 'ngo', ['NORTH']);
  admin = await clientFor(t, await insertUser(t, coordinator, ['national_admin']));
  // One user holding every role, so that a request passes the role checks and reaches the storage as often as it can.
  everyRole = await clientFor(t, await insertUser(t, organisationId, [...roles]));
  spec = t.app.swagger() as typeof spec;
});
afterAll(async () => t.close());

function resolve(schema: JsonSchema): JsonSchema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.split('/').at(-1) ?? '';
  return resolve(spec.components?.schemas?.[name] ?? {});
}

/** A value that passes the schema, as far as a generic builder can (ids are random, so look-ups find nothing). */
function example(raw: JsonSchema, depth = 0): unknown {
  const schema = resolve(raw);
  if (schema.allOf?.[0]) return example({ ...schema, allOf: undefined, ...resolve(schema.allOf[0]) }, depth);
  const alternative = schema.anyOf ?? schema.oneOf;
  if (alternative) return example(alternative.find((a) => resolve(a).type !== 'null') ?? alternative[0] ?? {}, depth);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.default !== undefined && depth > 0) return schema.default;
  const type = Array.isArray(schema.type) ? schema.type.find((x) => x !== 'null') : schema.type;
  switch (type) {
    case 'string':
      if (schema.format === 'uuid') return randomUUID();
      if (schema.format === 'email') return `someone-${randomUUID().slice(0, 8)}@example.org`;
      if (schema.format === 'date') return '2024-05-01';
      if (schema.format === 'date-time') return '2024-05-01T10:00:00.000Z';
      if (schema.pattern === '^[A-Z]{2}$') return 'NG';
      if (schema.pattern === '^\\d{6}$') return '123456';
      return 'Example text'.padEnd(schema.minLength ?? 0, 'x').slice(0, Math.max(schema.maxLength ?? 12, 1));
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    case 'array':
      return schema.minItems ? Array.from({ length: schema.minItems }, () => example(schema.items ?? {}, depth + 1)) : [];
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const [key, property] of Object.entries(schema.properties ?? {})) value[key] = example(property, depth + 1);
      return value;
    }
    default:
      return undefined;
  }
}

/** Paths (as key lists) of the string fields of a schema, arrays entered at index 0. */
function stringFields(raw: JsonSchema, path: string[] = [], depth = 0): string[][] {
  const schema = resolve(raw);
  if (depth > 8) return [];
  const alternative = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (alternative) return alternative.flatMap((a) => stringFields(a, path, depth + 1)).filter((p, i, all) => all.findIndex((q) => q.join('.') === p.join('.')) === i);
  const type = Array.isArray(schema.type) ? schema.type.find((x) => x !== 'null') : schema.type;
  if (type === 'string' && !schema.enum && schema.format !== 'uuid' && schema.format !== 'date' && schema.format !== 'date-time') return [path];
  if (type === 'array') return stringFields(schema.items ?? {}, [...path, '0'], depth + 1);
  if (type === 'object') return Object.entries(schema.properties ?? {}).flatMap(([key, property]) => stringFields(property, [...path, key], depth + 1));
  return [];
}

/** A URL carries UTF-8: a lone surrogate cannot be written in one, so it becomes U+FFFD as a browser would send it. */
const wellFormed = (text: string): string => text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

function withValue(body: unknown, path: string[], value: string): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string, ...string[]];
  if (Array.isArray(body)) {
    const copy = [...body];
    copy[Number(head)] = withValue(copy[Number(head)], rest, value);
    return copy;
  }
  const object = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  return { ...object, [head]: withValue(object[head], rest, value) };
}

interface Target {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly where: 'body' | 'path' | 'query';
  readonly field: string[];
  readonly build: (text: string) => { url: string; body?: unknown };
}

/** Routes that end the session making the requests are left out (they take no text). */
const leftOut = new Set(['POST /api/auth/sign-out', 'POST /api/auth/sign-out-everywhere']);

function targets(): Target[] {
  const found: Target[] = [];
  for (const route of t.app.declaredRoutes) {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs') || leftOut.has(`${route.method} ${route.url}`)) continue;
    if (route.method === 'HEAD' || route.method === 'OPTIONS') continue;
    const method = route.method as Target['method'];
    const openApiPath = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
    const operation = spec.paths[openApiPath]?.[method.toLowerCase()] ?? {};
    const parameters = operation.parameters ?? [];
    const pathValues = Object.fromEntries(parameters.filter((p) => p.in === 'path').map((p) => [p.name, String(example(p.schema))]));
    const query = Object.fromEntries(parameters.filter((p) => p.in === 'query' && example(p.schema) !== undefined).map((p) => [p.name, String(example(p.schema))]));
    const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
    const body = bodySchema ? example(bodySchema) : undefined;
    const urlWith = (path: Record<string, string>, q: Record<string, string>) => {
      const base = route.url.replace(/:([A-Za-z]+)/g, (_m, name: string) => encodeURIComponent(wellFormed(path[name] ?? 'x')));
      const search = new URLSearchParams(q).toString();
      return search ? `${base}?${search}` : base;
    };
    for (const parameter of parameters) {
      const where = parameter.in === 'path' ? 'path' : 'query';
      found.push({
        method,
        url: route.url,
        where,
        field: [parameter.name],
        build: (text) =>
          where === 'path'
            ? { url: urlWith({ ...pathValues, [parameter.name]: text }, query), body }
            : { url: urlWith(pathValues, { ...query, [parameter.name]: text }), body },
      });
    }
    if (bodySchema) {
      for (const field of stringFields(bodySchema)) {
        found.push({ method, url: route.url, where: 'body', field, build: (text) => ({ url: urlWith(pathValues, query), body: withValue(body, field, text) }) });
      }
    }
  }
  return found;
}

async function send(client: Client, target: Target, text: string) {
  const { url, body } = target.build(text);
  return client.request(target.method, url, target.method === 'GET' ? undefined : (body ?? {}), target.method === 'GET' ? {} : { 'idempotency-key': randomUUID() });
}

describe('text the database cannot store', () => {
  it('refuses a NUL character in any string field of any route with 400 naming the field, and stores nothing', async () => {
    const all = targets();
    expect(all.length).toBeGreaterThan(50);
    const organisationsBefore = await t.platform.db.selectFrom('organisations').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    for (const target of all) {
      for (const client of [everyRole, admin]) {
        const response = await send(client, target, `bad\u0000text`);
        const label = `${target.method} ${target.url} ${target.where} ${target.field.join('.')}: ${response.statusCode} ${response.body.slice(0, 200)}`;
        expect(response.statusCode, label).toBeLessThan(500);
        if (response.statusCode === 400 && target.where !== 'path') {
          const fields = (response.json().issues as Array<{ field: string; problem: string }>).map((i) => i.field);
          expect(fields.length, label).toBeGreaterThan(0);
        }
        if (response.statusCode < 300) throw new Error(`accepted a NUL: ${label}`);
      }
    }
    const organisationsAfter = await t.platform.db.selectFrom('organisations').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(organisationsAfter.n)).toBe(Number(organisationsBefore.n));
  });

  it('names the field: organisation name, user name, person jurisdiction, query and path parameters, object keys', async () => {
    const organisation = await admin.request('POST', '/api/organisations', { name: 'Shelter\u0000North', type: 'shelter' });
    expect(organisation.statusCode).toBe(400);
    expect(organisation.json().issues).toEqual([{ field: 'name', problem: nulProblem }]);
    const user = await admin.request('POST', '/api/users', { organisationId, displayName: 'Ann\u0000a', email: 'anna@example.org', password: 'a long enough passphrase', roles: ['caseworker'] });
    expect(user.json().issues).toEqual([{ field: 'displayName', problem: nulProblem }]);
    const person = await everyRole.request('POST', '/api/persons', { pseudonym: 'Rose', jurisdiction: 'NORTH\u0000' });
    expect(person.statusCode).toBe(400);
    expect(person.json().issues).toEqual([{ field: 'jurisdiction', problem: nulProblem }]);
    const nested = await everyRole.request('POST', '/api/cases', { person: { givenName: 'A\u0000' } }, { 'idempotency-key': randomUUID() });
    expect(nested.json().issues).toEqual([{ field: 'person.givenName', problem: nulProblem }]);
    const key = await admin.request('POST', '/api/organisations', { name: 'Shelter North', type: 'shelter', ['x\u0000']: 1 });
    expect(key.statusCode).toBe(400);
    const query = await everyRole.request('GET', '/api/cases/search?name=Ro%00se');
    expect(query.json().issues).toEqual([{ field: 'querystring.name', problem: nulProblem }]);
    const path = await everyRole.request('GET', '/api/persons/%00');
    expect(path.statusCode).toBe(400);
    expect(path.json().issues).toEqual([{ field: 'params.id', problem: nulProblem }]);
  });
});

describe('names that could display as another', () => {
  const controls = ['\u202E', '\u202D', '\u202A', '\u202B', '\u202C', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];

  it.each(controls.map((c) => [`U+${c.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}`, c]))('refuses %s in every kind of name', async (_label, control) => {
    const spoof = `Shelter ${control}htron`;
    const cases: Array<[Client, 'POST' | 'PATCH', string, unknown, string]> = [
      [admin, 'POST', '/api/organisations', { name: spoof, type: 'shelter' }, 'name'],
      [admin, 'PATCH', `/api/organisations/${organisationId}`, { name: spoof }, 'name'],
      [admin, 'POST', '/api/users', { organisationId, displayName: spoof, email: `x-${randomUUID().slice(0, 6)}@example.org`, password: 'a long enough passphrase', roles: ['caseworker'] }, 'displayName'],
      [everyRole, 'POST', '/api/persons', { givenName: spoof }, 'givenName'],
      [everyRole, 'POST', '/api/persons', { familyName: spoof }, 'familyName'],
      [everyRole, 'POST', '/api/persons', { pseudonym: spoof }, 'pseudonym'],
      [everyRole, 'POST', '/api/cases', { person: { pseudonym: spoof } }, 'person.pseudonym'],
    ];
    for (const [client, method, url, body, field] of cases) {
      const response = await client.request(method, url, body, { 'idempotency-key': randomUUID() });
      expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(400);
      expect(response.json().issues).toContainEqual({ field, problem: bidiControlProblem });
    }
  });

  it('keeps right-to-left names and marks in free text', async () => {
    const arabic = await admin.request('POST', '/api/organisations', { name: 'مأوى الشمال', type: 'shelter' });
    expect(arabic.statusCode).toBe(200);
    const notes = await everyRole.request('POST', '/api/persons', { pseudonym: 'نور', notes: 'قال \u200Fنعم\u200F' });
    expect(notes.statusCode).toBe(200);
  });
});

describe('any string on any route', () => {
  it('never answers 5xx, whatever the text in whichever field', async () => {
    const all = targets();
    const hostile = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.constantFrom('\u0000', '\u202Eevil', '\uD800', '\uDFFF', '%00', '../..', "' or 1=1 --", '\\', '\u0000\u0000', ' '.repeat(300), 'x'.repeat(5000)),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...all), hostile, fc.boolean(), async (target, text, asAdmin) => {
        const response = await send(asAdmin ? admin : everyRole, target, text);
        expect(response.statusCode, `${target.method} ${target.url} ${target.where} ${target.field.join('.')}: ${response.body.slice(0, 200)}`).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
  });

  it('still serves a session whose cookie is sent beside hostile text', async () => {
    const user = await insertUser(t, organisationId, ['caseworker']);
    const { token } = await createSession(t.platform.db, user.id, 'active', { idleSeconds: 600, absoluteSeconds: 3600 });
    const response = await t.app.inject({ method: 'GET', url: '/api/cases/search?name=%E2%80%AEab', cookies: { [SESSION_COOKIE]: token } });
    expect(response.statusCode).toBeLessThan(500);
  });
});
