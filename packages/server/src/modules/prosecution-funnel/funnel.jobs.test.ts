import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { funnelFacts, howLastRead } from './funnel.changes.js';
import { FUNNEL_FACTS_CRON, FUNNEL_FACTS_QUEUE, untilAfterMidnight } from './funnel.jobs.js';
import { recordFunnelWorld, type FunnelWorld } from './funnel.test-support.js';

let t: TestApp;
let world: FunnelWorld;
/** How the facts were read when the app had just become ready, before any request. */
let afterReady: string | undefined;

beforeAll(async () => {
  t = await createTestApp();
  // The warm-up is not awaited by the start: it ends on its own, with no request made.
  await vi.waitFor(() => expect(howLastRead(t.platform.db)).toBeDefined(), { timeout: 300_000, interval: 50 });
  afterReady = howLastRead(t.platform.db);
  world = await recordFunnelWorld(t);
}, 300_000);
afterAll(async () => t?.close());

const changeRows = async () =>
  (await sql<{ old: number; recent: number }>`SELECT count(*) FILTER (WHERE changed_at < now() - interval '2 days')::int AS old,
    count(*) FILTER (WHERE changed_at >= now() - interval '2 days')::int AS recent FROM prosecution_funnel_changes`.execute(t.platform.db)).rows[0];

describe("the funnel's background job", () => {
  it('a server computes the facts when it is ready, before anyone reads them', () => {
    // Computed whole, then read again to publish the page as first shown.
    expect(['whole', 'kept']).toContain(afterReady);
  });

  it("deletes the change log's old rows and computes the facts; a read computing them whole deletes nothing", async () => {
    // An old change that also asks for the facts whole (as a change of the country does).
    await sql`INSERT INTO prosecution_funnel_changes (changed_at, everything) VALUES (now() - interval '3 days', true)`.execute(t.platform.db);
    await funnelFacts(t.platform.db, t.platform.cipher.recordKeys, 'ROU');
    expect(howLastRead(t.platform.db)).toBe('whole');
    const afterRead = await changeRows();
    expect(afterRead?.old).toBe(1);

    // A recent change that asks for everything again: the job computes the facts whole.
    await sql`INSERT INTO prosecution_funnel_changes (everything) VALUES (true)`.execute(t.platform.db);
    const output = await t.app.jobs.sendAndWait<{ pruned: number; persons: number }>(FUNNEL_FACTS_QUEUE, {});
    expect(output.pruned).toBe(1);
    expect(output.persons).toBe(Object.keys(world.suspects).length);
    const afterJob = await changeRows();
    expect(afterJob?.old).toBe(0);
    expect(afterJob?.recent).toBe(afterRead?.recent === undefined ? Number.NaN : afterRead.recent + 1);

    // The page's first read finds the facts computed (the change asking for everything was applied by the job).
    const page = await world.prosecutor.request('GET', '/api/prosecution/funnel');
    expect(page.statusCode, page.body).toBe(200);
    expect(howLastRead(t.platform.db)).toBe('kept');
  });

  it("is scheduled once a day, a minute past midnight in the country's time zone", async () => {
    const { rows } = await sql<{ cron: string; timezone: string }>`SELECT cron, timezone FROM pgboss.schedule WHERE name = ${FUNNEL_FACTS_QUEUE}`.execute(t.platform.db);
    const zone = await t.platform.db.selectFrom('country_settings').select('time_zone').where('id', '=', 1).executeTakeFirst();
    expect(rows).toEqual([{ cron: FUNNEL_FACTS_CRON, timezone: zone?.time_zone ?? 'UTC' }]);
  });

  it("a process's own warm-up waits until a minute past the country's next midnight, across a change of clocks", () => {
    // 00:30 in Bucharest on 29 March 2026 (UTC+2); clocks go forward at 03:00 that night, so the next midnight is
    // 30 March 00:00 at UTC+3, 21:00 UTC.
    const now = new Date('2026-03-28T22:30:00Z');
    expect(now.getTime() + untilAfterMidnight('Europe/Bucharest', now)).toBe(Date.parse('2026-03-29T21:01:00Z'));
    expect(untilAfterMidnight('UTC', new Date('2026-12-07T23:59:00Z'))).toBe(2 * 60_000);
  });
});
