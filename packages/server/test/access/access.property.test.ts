import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentPurposes, consentStatuses, organisationTypes, roles, type ConsentPurpose, type OrganisationType, type Role } from '@palermo/contracts';
import { allows, type RecordFacts, type Subject } from '../../src/platform/access/rules.js';
import { personRules } from '../../src/modules/person/person.policy.js';
import { userRules } from '../../src/modules/user/user.policy.js';
import { clientFor, createTestApp, type Client, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const jurisdictions = ['NORTH', 'SOUTH'] as const;

const worldArbitrary = fc.record({
  organisations: fc.array(
    fc.record({ type: fc.constantFrom(...organisationTypes), jurisdictions: fc.subarray([...jurisdictions]) }),
    { minLength: 1, maxLength: 4 },
  ),
  users: fc.array(
    fc.record({ organisation: fc.nat(), roles: fc.subarray([...roles], { minLength: 1, maxLength: 3 }) }),
    { minLength: 1, maxLength: 6 },
  ),
  persons: fc.array(
    fc.record({
      organisation: fc.nat(),
      assignee: fc.option(fc.nat(), { nil: null }),
      jurisdiction: fc.option(fc.constantFrom(...jurisdictions), { nil: null }),
      consents: fc.array(fc.tuple(fc.constantFrom(...consentPurposes), fc.constantFrom(...consentStatuses)), { maxLength: 4 }),
    }),
    { minLength: 1, maxLength: 6 },
  ),
});
type World = typeof worldArbitrary extends fc.Arbitrary<infer W> ? W : never;

interface Seeded {
  readonly subjects: Array<{ subject: Subject; client: Client }>;
  readonly persons: Array<{ id: string; facts: RecordFacts }>;
  readonly organisationIds: string[];
}

const pick = <T>(list: readonly T[], index: number): T => {
  const item = list[index % list.length];
  if (item === undefined) throw new Error('empty list');
  return item;
};

/** Writes a generated world into the database with fresh ids, so runs never see each other's records. */
async function seed(world: World): Promise<Seeded> {
  const db = t.platform.db;
  const organisations = world.organisations.map((o) => ({ id: randomUUID(), type: o.type as OrganisationType, jurisdictions: [...o.jurisdictions] }));
  for (const o of organisations) await db.insertInto('organisations').values({ id: o.id, name: `org ${o.id}`, type: o.type, jurisdictions: o.jurisdictions }).execute();
  const users = world.users.map((u) => ({ id: randomUUID(), organisation: pick(organisations, u.organisation), roles: [...new Set(u.roles)] as Role[] }));
  for (const u of users) {
    await db.insertInto('users').values({ id: u.id, organisation_id: u.organisation.id, display_name: 'u', email: `${u.id}@example.test`, password_hash: 'x', roles: u.roles }).execute();
  }
  const persons: Seeded['persons'] = [];
  for (const p of world.persons) {
    const id = randomUUID();
    const organisation = pick(organisations, p.organisation);
    const assignee = p.assignee === null ? null : pick(users, p.assignee).id;
    await db.insertInto('persons').values({ id, reference: `R-${id}`, organisation_id: organisation.id, case_manager_user_id: assignee, jurisdiction: p.jurisdiction, created_by: pick(users, 0).id, given_name: t.platform.cipher.encrypt('Secret Name', `persons.given_name:${id}`) }).execute();
    const latest = new Map<ConsentPurpose, string>();
    for (const [purpose, status] of p.consents) latest.set(purpose, status);
    for (const [purpose, status] of latest) {
      await db.insertInto('person_consents').values({ person_id: id, purpose, status, recorded_by: pick(users, 0).id, recorded_at: new Date() }).execute();
    }
    const given = [...latest].filter(([, s]) => s === 'given').map(([purpose]) => purpose);
    persons.push({ id, facts: { organisationId: organisation.id, assigneeUserId: assignee, jurisdiction: p.jurisdiction, consentsGiven: given } });
  }
  const subjects = await Promise.all(
    users.map(async (u) => ({
      subject: { userId: u.id, organisationId: u.organisation.id, organisationType: u.organisation.type, jurisdictions: u.organisation.jurisdictions, roles: u.roles },
      client: await clientFor(t, { id: u.id }),
    })),
  );
  return { subjects, persons, organisationIds: organisations.map((o) => o.id) };
}

describe('no user reaches a record the rules deny (property-based, over every record route)', () => {
  it('direct reads, lists and writes of persons agree with the rule evaluator', async () => {
    await fc.assert(
      fc.asyncProperty(worldArbitrary, async (world) => {
        const { subjects, persons } = await seed(world);
        const ids = new Set(persons.map((p) => p.id));
        for (const { subject, client } of subjects) {
          const list = await client.request('GET', '/api/persons?limit=200');
          const listed = list.statusCode === 200 ? (list.json().persons as Array<{ id: string }>).map((p) => p.id).filter((id) => ids.has(id)) : [];
          const expectedList = persons.filter((p) => allows(personRules.read, subject, p.facts)).map((p) => p.id);
          expect(new Set(listed)).toEqual(new Set(expectedList));
          for (const person of persons) {
            const read = await client.request('GET', `/api/persons/${person.id}`);
            const mayRead = allows(personRules.read, subject, person.facts);
            expect(read.statusCode, `read ${JSON.stringify({ subject, facts: person.facts })}`).toBe(mayRead ? 200 : read.statusCode === 403 ? 403 : 404);
            if (!mayRead) expect(read.body).not.toContain('Secret Name');
            // A write that does not change access (consent for statistics) is allowed exactly when the update rule says.
            const write = await client.request('PUT', `/api/persons/${person.id}/consents`, { purpose: 'statistics', status: 'refused' });
            expect(write.statusCode === 200, `write ${JSON.stringify({ subject, facts: person.facts })}`).toBe(allows(personRules.update, subject, person.facts));
          }
        }
      }),
      { numRuns: 15 },
    );
  });

  it('user administration lists only users the rules allow', async () => {
    await fc.assert(
      fc.asyncProperty(worldArbitrary, async (world) => {
        const { subjects } = await seed(world);
        const runUsers = new Map(subjects.map((s) => [s.subject.userId, s.subject]));
        for (const { subject, client } of subjects) {
          const list = await client.request('GET', '/api/users');
          const listed = list.statusCode === 200 ? (list.json().users as Array<{ id: string }>).map((u) => u.id).filter((id) => runUsers.has(id)) : [];
          const facts = (target: Subject): RecordFacts => ({ organisationId: target.organisationId, assigneeUserId: null, jurisdiction: null, consentsGiven: [] });
          const expected = [...runUsers.values()].filter((target) => allows(userRules.manage, subject, facts(target))).map((u) => u.userId);
          expect(new Set(listed)).toEqual(new Set(expected));
        }
      }),
      { numRuns: 10 },
    );
  });
});
