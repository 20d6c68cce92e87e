import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { RecordStepRequest } from '@palermo/contracts';
import { clientFor, createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { seedDemo, type DemoCredential } from './demo.seed.js';
import { seedDemoCases } from './case-generator.js';
import { DEMO_OPERATIONS, seedDemoProsecution } from './demo.prosecution.js';
import { DEMO_NETWORK_OPERATIONS, seedDemoNetwork } from './demo.network.js';
import { DEMO_OVERDUE_REQUESTS, DEMO_REQUESTS, DEMO_VICTIMS, seedDemoProceedings } from './demo.proceedings.js';
import { checkStep, isDowngrade, type RecordedStep } from '../prosecution/prosecution.steps.js';

let t: TestApp;
let credentials: DemoCredential[] = [];
beforeAll(async () => {
  t = await createTestApp();
  // A small caseload (the demo's own is 2,000 cases): enough cases whose person consented to share with law enforcement.
  credentials = await t.platform.db.transaction().execute(async (tx) => {
    const demo = await seedDemo(tx, t.platform.cipher);
    const cases = await seedDemoCases(tx, t.platform.cipher, 150, { seed: 11 });
    return [...demo.credentials, ...cases.credentials];
  });
}, 600_000);
afterAll(async () => t.close());

/** Steps as recorded, in the order they were taken (a verdict after its charge on the same day). */
const order = ['arrest', 'assets_seized', 'charge', 'prosecution', 'plea', 'trial', 'verdict', 'sentence', 'assets_confiscated', 'appeal', 'appeal_decision', 'compensation_paid'];

describe('palermo demo: the prosecution history', () => {
  it('adds a few hundred operations whose every step passes the sequence rules, with downgrades, acquittals, appeals and compensation', async () => {
    const started = Date.now();
    const written = await t.platform.db.transaction().execute((tx) => seedDemoProsecution(tx, t.platform.cipher));
    const seconds = (Date.now() - started) / 1000;
    expect(written.operations).toBe(DEMO_OPERATIONS);
    expect(written.suspects).toBeGreaterThan(DEMO_OPERATIONS);
    console.info(`demo prosecution history: ${written.operations} operations, ${written.suspects} suspects, ${written.steps} steps in ${seconds.toFixed(1)} s`);
    const steps = await t.platform.db
      .selectFrom('prosecution_steps')
      .select(['id', 'suspect_id', 'kind', 'ref_step_id', 'data'])
      .select((e) => e.cast<string>('occurred_on', 'text').as('on'))
      .execute();
    expect(steps).toHaveLength(written.steps);
    const bySuspect = new Map<string, typeof steps>();
    for (const s of steps) bySuspect.set(s.suspect_id, [...(bySuspect.get(s.suspect_id) ?? []), s]);
    const byId = new Map(steps.map((s) => [s.id, s] as const));
    let downgrades = 0;
    for (const list of bySuspect.values()) {
      list.sort((a, b) => a.on.localeCompare(b.on) || order.indexOf(a.kind) - order.indexOf(b.kind));
      const recorded: RecordedStep[] = [];
      for (const s of list) {
        const data = s.data as Record<string, unknown>;
        const ref = s.kind === 'verdict' ? { chargeId: s.ref_step_id } : s.kind === 'appeal' ? { verdictId: s.ref_step_id } : s.kind === 'appeal_decision' ? { appealId: s.ref_step_id } : {};
        expect(() => checkStep(recorded, { kind: s.kind, occurredOn: s.on, ...data, ...ref } as RecordStepRequest & { occurredOn: string })).not.toThrow();
        recorded.push({ id: s.id, kind: s.kind, occurredOn: s.on, refId: s.ref_step_id, data });
        if (s.kind === 'verdict' && s.ref_step_id) {
          const charged = (byId.get(s.ref_step_id)?.data as { category?: string }).category;
          if (isDowngrade(charged, data.convictedCategory as string | undefined)) downgrades += 1;
        }
      }
    }
    const outcomes = steps.filter((s) => s.kind === 'verdict').map((s) => (s.data as { outcome: string }).outcome);
    expect(outcomes.filter((o) => o === 'convicted').length).toBeGreaterThan(50);
    expect(outcomes.filter((o) => o === 'acquitted').length).toBeGreaterThan(20);
    expect(downgrades).toBeGreaterThan(5);
    for (const kind of ['appeal', 'appeal_decision', 'sentence', 'assets_seized', 'assets_confiscated', 'compensation_paid']) expect(steps.some((s) => s.kind === kind), kind).toBe(true);
    const years = await t.platform.db.selectFrom('prosecution_operations').select((e) => e.fn.count<number>(e.fn('date_part', [e.val('year'), 'started_on'])).distinct().as('n')).executeTakeFirstOrThrow();
    expect(Number(years.n)).toBeGreaterThanOrEqual(6);
  }, 600_000);

  it('a second run adds nothing', async () => {
    const again = await t.platform.db.transaction().execute((tx) => seedDemoProsecution(tx, t.platform.cipher));
    expect(again).toMatchObject({ operations: 0, suspects: 0, steps: 0 });
    expect(again.alreadyImported).toBeGreaterThan(DEMO_OPERATIONS);
  }, 600_000);

  it('adds networks: suspects linked to one another and to companies, phones, vehicles, addresses and accounts, the same entity and suspect across operations', async () => {
    const written = await t.platform.db.transaction().execute((tx) => seedDemoNetwork(tx, t.platform.cipher));
    expect(written.links).toBeGreaterThan(DEMO_NETWORK_OPERATIONS * 3);
    const db = t.platform.db;
    type Link = { operation_id: string; kind: string; from_suspect_id: string | null; to_suspect_id: string | null };
    const { rows: links } = await sql<Link>`select operation_id, kind, from_suspect_id, to_suspect_id from prosecution_links`.execute(db);
    expect(links).toHaveLength(written.links);
    expect(new Set(links.map((l) => l.operation_id)).size).toBe(DEMO_NETWORK_OPERATIONS);
    expect(links.some((l) => l.from_suspect_id && l.to_suspect_id)).toBe(true);
    const { rows: entities } = await sql<{ id: string; kind: string; value: Uint8Array }>`select id, kind, value from prosecution_entities`.execute(db);
    expect(new Set(entities.map((e) => e.kind))).toEqual(new Set(['company', 'vehicle', 'phone_number', 'address', 'bank_account']));
    // Values encrypted, never stored as written.
    for (const e of entities) expect(Buffer.from(e.value).toString('latin1')).not.toContain('SYNTHETIC');
    const { rows: placed } = await sql<{ entity_id: string }>`select entity_id from prosecution_operation_entities`.execute(db);
    const operationsOf = new Map<string, number>();
    for (const p of placed) operationsOf.set(p.entity_id, (operationsOf.get(p.entity_id) ?? 0) + 1);
    expect([...operationsOf.values()].filter((n) => n >= 2).length).toBeGreaterThanOrEqual(DEMO_NETWORK_OPERATIONS / 5 - 1);
    // A suspect linked to a suspect of another operation.
    const suspects = new Map((await db.selectFrom('prosecution_suspects').select(['id', 'operation_id']).execute()).map((s) => [s.id, s.operation_id] as const));
    expect(links.some((l) => l.to_suspect_id && suspects.get(l.to_suspect_id) !== l.operation_id)).toBe(true);
    // The network page ranks them, for the demo's analyst, and shows the other operation the shared entity is in.
    const analyst = await db.selectFrom('users').select('id').where('email', '=', 'analyst@demo.palermo.invalid').executeTakeFirstOrThrow();
    const shared = links.find((l) => l.to_suspect_id && suspects.get(l.to_suspect_id) !== l.operation_id);
    const response = await (await clientFor(t, analyst)).request('GET', `/api/prosecution/operations/${shared?.operation_id}/network`);
    expect(response.statusCode, response.body).toBe(200);
    const network = response.json() as { nodes: Array<{ rank: number; kind: string; otherOperations: unknown[] }>; links: unknown[] };
    expect(network.nodes[0]?.rank).toBe(1);
    expect(network.nodes.some((n) => n.kind !== 'suspect' && n.otherOperations.length > 0)).toBe(true);
  }, 600_000);

  it('adds victims in proceedings (only with consent to law enforcement) and cross-border requests, some overdue on the prosecutor\'s home', async () => {
    const written = await t.platform.db.transaction().execute((tx) => seedDemoProceedings(tx, t.platform.cipher));
    expect(written.victims).toBeGreaterThan(10);
    expect(written.victims).toBeLessThanOrEqual(DEMO_VICTIMS);
    expect(written.requests).toBe(DEMO_REQUESTS);
    const db = t.platform.db;
    const victims = await db.selectFrom('proceeding_victims as v').innerJoin('cases as c', 'c.id', 'v.case_id')
      .leftJoin('person_consents as pc', (j) => j.onRef('pc.person_id', '=', 'c.person_id').on('pc.purpose', '=', 'law_enforcement'))
      .select(['v.id', 'pc.status']).execute();
    expect(victims).toHaveLength(written.victims);
    for (const v of victims) expect(v.status).toBe('given');
    const levels = (await db.selectFrom('proceeding_victim_cooperation').select('level').execute()).map((r) => r.level);
    for (const level of ['information', 'statement', 'complaint', 'testimony']) expect(levels, level).toContain(level);
    const protection = await db.selectFrom('proceeding_victim_protection').select(['outcome']).execute();
    expect(protection.some((p) => p.outcome === 'provided')).toBe(true);
    expect(protection.some((p) => p.outcome !== 'provided')).toBe(true);
    expect((await db.selectFrom('proceeding_victim_non_punishment').select('id').execute()).length).toBeGreaterThan(0);
    const compensation = await db.selectFrom('proceeding_victim_compensation').select(['amount_ordered', 'amount_paid']).execute();
    expect(compensation.some((c) => c.amount_ordered !== null && c.amount_paid !== null)).toBe(true);
    const requests = await db.selectFrom('cross_border_requests').select(['kind', 'status']).execute();
    expect(new Set(requests.map((r) => r.kind)).size).toBe(5);
    for (const status of ['sent', 'acknowledged', 'answered', 'refused']) expect(requests.map((r) => r.status), status).toContain(status);
    const prosecutor = await db.selectFrom('users').select('id').where('email', '=', 'prosecutor@demo.palermo.invalid').executeTakeFirstOrThrow();
    const home = await (await clientFor(t, prosecutor)).request('GET', '/api/home');
    expect(home.statusCode, home.body).toBe(200);
    expect(home.json().crossBorderOverdue.total).toBe(DEMO_OVERDUE_REQUESTS);
  }, 600_000);

  it('a second run adds no network, victim or request', async () => {
    const again = await t.platform.db.transaction().execute(async (tx) => ({ ...(await seedDemoNetwork(tx, t.platform.cipher)), ...(await seedDemoProceedings(tx, t.platform.cipher)) }));
    expect(again).toEqual({ entities: 0, links: 0, victims: 0, requests: 0 });
  }, 600_000);

  it('the demo\'s credentials still sign in (to the second factor\'s enrolment)', async () => {
    const used = new Set(['analyst', 'prosecutor']);
    const fresh = credentials.filter((c) => !used.has(c.role));
    expect(fresh.length).toBeGreaterThan(5);
    for (const c of fresh) {
      const response = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: c.email, password: c.password } });
      expect(response.statusCode, `${c.email}: ${response.body}`).toBe(200);
      expect(response.json().stage, c.email).toBe('two_factor_enrolment_required');
    }
  }, 600_000);
});
