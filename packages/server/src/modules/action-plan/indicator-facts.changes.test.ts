import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, insertOrganisation, insertUser, type TestApp } from '../../../test/support/test-app.js';
import { testDatabaseKind } from '../../../test/support/test-database.js';
import type { Db } from '../../platform/db/database.js';
import { howIndicatorFactsLastRead, indicatorEvents } from './indicator-facts.changes.js';
import { readPersonEvents, type PersonEvents } from './indicator-facts.js';
import { runIndicatorFactsJob } from './indicator-facts.jobs.js';

let t: TestApp;
let db: Db;
let shelterId: string;
let receiverId: string;
let authorId: string;
const persons: string[] = [];
const cases: string[] = [];

async function insertPersonWithCase(opened: string, into: Db = db): Promise<{ personId: string; caseId: string }> {
  const personId = randomUUID();
  const caseId = randomUUID();
  await into.insertInto('persons').values({ id: personId, reference: `P-${personId.slice(0, 8)}`, organisation_id: shelterId, created_by: authorId }).execute();
  await into.insertInto('cases').values({ id: caseId, reference: `C-${caseId.slice(0, 13)}`, person_id: personId, managing_organisation_id: shelterId, reported_by_organisation_id: shelterId, opened_at: new Date(opened) }).execute();
  return { personId, caseId };
}

async function insertRecord(caseId: string, kind: string, createdAt: string): Promise<string> {
  const id = randomUUID();
  await sql`insert into case_records (id, case_id, kind, notes, author_user_id, organisation_id, visibility, created_at)
    values (${id}, ${caseId}, ${kind}, ${Buffer.from('sealed')}, ${authorId}, ${shelterId}, 'case', ${new Date(createdAt)})`.execute(db);
  return id;
}

async function insertReferral(personId: string, caseId: string, sent: string): Promise<string> {
  const consentId = randomUUID();
  const shareId = randomUUID();
  const id = randomUUID();
  await db.insertInto('consent_events').values({ id: consentId, person_id: personId, purpose: 'referral', target_organisation_id: receiverId, status: 'given', method: 'verbal', explained_by: authorId, recorded_at: new Date(sent) } as never).execute();
  await db.insertInto('case_shares').values({ id: shareId, case_id: caseId, organisation_id: receiverId, purpose: 'referral', consent_event_id: consentId, granted_by: authorId, granted_at: new Date(sent) } as never).execute();
  await sql`insert into referrals (id, case_id, service, from_organisation_id, to_organisation_id, status, consent_event_id, share_id, sent_by, sent_at)
    values (${id}, ${caseId}, 'shelter', ${shelterId}, ${receiverId}, 'sent', ${consentId}, ${shareId}, ${authorId}, ${new Date(sent)})`.execute(db);
  return id;
}

async function insertDecision(caseId: string, decided: string): Promise<void> {
  await db.insertInto('status_decisions').values({ id: randomUUID(), case_id: caseId, kind: 'reasonable_grounds', outcome: 'positive', reason: Buffer.from('x'), decided_by: authorId, organisation_id: shelterId, decided_at: new Date(decided), due_at: null } as never).execute();
}

/** The events as plain data, each person's lists sorted (the order rows come back in is not a fact). */
function plain(events: ReadonlyMap<string, PersonEvents>) {
  const sorted = <T>(list: readonly T[]) => [...list].map((e) => JSON.stringify(e)).sort();
  return Object.fromEntries(
    [...events].sort(([a], [b]) => a.localeCompare(b)).map(([id, e]) => [id, { cases: sorted(e.cases), referrals: sorted(e.referrals), decisions: sorted(e.decisions), followUps: sorted(e.followUps) }]),
  );
}

const kept = () => indicatorEvents(db, t.platform.cipher.recordKeys);
const lastRead = () => howIndicatorFactsLastRead(t.platform.cipher.recordKeys);

beforeAll(async () => {
  t = await createTestApp();
  db = t.platform.db;
  shelterId = await insertOrganisation(t, 'shelter');
  receiverId = await insertOrganisation(t, 'ngo');
  authorId = (await insertUser(t, shelterId, ['caseworker'])).id;
  for (let n = 0; n < 6; n += 1) {
    const { personId, caseId } = await insertPersonWithCase(`2025-0${n + 1}-10T10:00:00Z`);
    persons.push(personId);
    cases.push(caseId);
    await insertRecord(caseId, n % 2 === 0 ? 'assistance_goal' : 'follow_up', `2025-0${n + 1}-12T10:00:00Z`);
    if (n < 3) await insertDecision(caseId, `2025-0${n + 1}-13T10:00:00Z`);
  }
}, 300_000);
afterAll(async () => t?.close());

describe("the computed indicators' events, kept up to date by the persons that changed", () => {
  it('are read whole first, then kept while nothing changes', async () => {
    const first = await kept();
    expect(['whole', 'changes', 'kept']).toContain(lastRead());
    expect(plain(first.persons)).toEqual(plain(await readPersonEvents(db)));
    const again = await kept();
    expect(lastRead()).toBe('kept');
    expect(again.version).toBe(first.version);
    expect(again.persons.get(persons[0] ?? '')?.cases[0]?.plan).toBe(true);
  });

  it('read again only the persons that changed, and then equal the events read whole', async () => {
    const before = await kept();
    const [p0, p1, p2] = persons;
    const [c0, c1, c2, c3] = cases;
    // One change of each kind the indicators count.
    const added = await insertPersonWithCase('2025-08-01T10:00:00Z');
    const referral = await insertReferral(p0 ?? '', c0 ?? '', '2025-01-11T10:00:00Z');
    await sql`update referrals set status = 'accepted', accepted_by = ${authorId}, accepted_at = ${new Date('2025-01-11T12:00:00Z')} where id = ${referral}`.execute(db);
    await sql`update cases set opened_at = ${new Date('2024-12-30T10:00:00Z')} where id = ${c1}`.execute(db);
    await sql`delete from status_decisions where case_id = ${c0}`.execute(db);
    await insertDecision(c3 ?? '', '2025-04-20T10:00:00Z');
    await insertRecord(c2 ?? '', 'follow_up', '2025-03-30T10:00:00Z');
    // A case moved to another person: both are read again.
    await sql`update cases set person_id = ${p1} where id = ${c2}`.execute(db);

    const after = await kept();
    expect(lastRead()).toBe('changes');
    expect(after.version).toBeGreaterThan(before.version);
    expect(plain(after.persons)).toEqual(plain(await readPersonEvents(db)));
    expect(after.persons.has(added.personId)).toBe(true);
    expect(after.persons.get(p0 ?? '')?.referrals).toEqual([{ sent: Date.parse('2025-01-11T10:00:00Z') * 1000, month: 2025 * 12, answered: Date.parse('2025-01-11T12:00:00Z') * 1000 }]);
    expect(after.persons.get(p1 ?? '')?.cases).toHaveLength(2);
    // The person left without a case is no longer counted.
    expect(after.persons.has(p2 ?? '')).toBe(false);
    expect(after.persons.get(p0 ?? '')?.decisions).toEqual([]);
    expect(after.persons.get(persons[3] ?? '')?.decisions).toHaveLength(1);
  });

  it("a transaction that has written reads its own events and keeps nothing once it is rolled back", async () => {
    const before = await kept();
    let inside = '';
    await expect(
      db.transaction().execute(async (tx) => {
        inside = (await insertPersonWithCase('2025-09-01T10:00:00Z', tx)).personId;
        const seen = await indicatorEvents(tx, t.platform.cipher.recordKeys);
        expect(seen.persons.has(inside)).toBe(true);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const after = await kept();
    expect(after.persons.has(inside)).toBe(false);
    expect(after.version).toBe(before.version);
    expect(plain(after.persons)).toEqual(plain(await readPersonEvents(db)));
  });

  it('more changes at once than are worth applying one by one (an import) are read whole', async () => {
    await kept();
    await sql`insert into persons (id, reference, organisation_id, created_by)
      select gen_random_uuid(), 'BULK-' || g, ${shelterId}, ${authorId} from generate_series(1, 5001) g`.execute(db);
    await sql`insert into cases (id, reference, person_id, managing_organisation_id, reported_by_organisation_id, opened_at)
      select gen_random_uuid(), 'BULK-C-' || p.reference, p.id, ${shelterId}, ${shelterId}, timestamptz '2025-05-05 10:00Z' from persons p where p.reference like 'BULK-%'`.execute(db);
    const after = await kept();
    expect(lastRead()).toBe('whole');
    expect(after.persons.size).toBe((await readPersonEvents(db)).size);
  });

  it("the daily job deletes the log's rows older than two days and brings the events up to date", async () => {
    const someone = persons[0] ?? '';
    await sql`insert into indicator_fact_changes (person_id, changed_at) values (${someone}, now() - interval '3 days')`.execute(db);
    const { pruned, persons: counted } = await runIndicatorFactsJob(db, t.platform.cipher.recordKeys);
    expect(pruned).toBeGreaterThanOrEqual(1);
    expect(counted).toBe((await readPersonEvents(db)).size);
    const left = await sql<{ old: number; recent: number }>`select count(*) filter (where changed_at < now() - interval '2 days')::int as old,
      count(*) filter (where changed_at >= now() - interval '2 days')::int as recent from indicator_fact_changes`.execute(db);
    expect(left.rows[0]).toMatchObject({ old: 0 });
    expect(left.rows[0]?.recent).toBeGreaterThan(0);
  });

  // Two connections at once: the embedded database has one.
  it.skipIf(testDatabaseKind !== 'postgres')('a change whose transaction was still running at a read is seen at the next read after it commits', async () => {
    await kept();
    let late = '';
    await db.transaction().execute(async (tx) => {
      late = (await insertPersonWithCase('2025-10-01T10:00:00Z', tx)).personId;
      // Read on another connection while the change is written but not committed: not there yet.
      expect((await kept()).persons.has(late)).toBe(false);
    });
    const after = await kept();
    expect(after.persons.has(late)).toBe(true);
    expect(plain(after.persons)).toEqual(plain(await readPersonEvents(db)));
  });
});
