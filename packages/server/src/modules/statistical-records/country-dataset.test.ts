import { randomUUID } from 'node:crypto';
import type { StatisticsReport } from '@palermo/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';
import { systemActor } from '../../platform/audit/audit.js';
import { refreshCountryDataset } from './country-dataset.js';
import { recordsOf } from './statistical-records.repo.js';
import { ensureCube } from '../statistics/statistics.cube.js';
import { aggregateColumns, cubeColumns } from '../statistics/statistics.engine.js';
import { addMeasures, emptyMeasures } from '../statistics/statistics.tables.js';
import { MAX_CHANGE } from '../statistics/cell-key.js';
import { must } from '../statistics/must.js';

const thisYear = new Date().getUTCFullYear();
let t: TestApp;
let ngoWorker: Client;
let shelterWorker: Client;
let ngo: string;
let shelter: string;
let ngoUserId: string;
let authority: string;

async function openCase(client: Client, person: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const response = await client.request('POST', '/api/cases', { person: { jurisdiction: 'NORTH', ...person }, ...extra }, { 'idempotency-key': randomUUID() });
  expect(response.statusCode, response.body).toBe(200);
  const id = (response.json() as { id: string }).id;
  const row = await t.platform.db.selectFrom('cases').select('person_id').where('id', '=', id).executeTakeFirstOrThrow();
  return { caseId: id, personId: row.person_id };
}

async function consent(client: Client, caseId: string, status: 'given' | 'refused' | 'withdrawn') {
  const response = await client.request(
    'POST',
    `/api/cases/${caseId}/consents`,
    { purpose: 'statistics', status, method: 'verbal', rightsExplained: ['uses_of_data', 'right_to_refuse_or_withdraw'] },
    { 'idempotency-key': randomUUID() },
  );
  expect(response.statusCode, response.body).toBe(200);
}

async function confirmSamePerson(requestingCaseId: string, candidatePersonId: string, target: string) {
  await t.platform.db
    .insertInto('match_requests')
    .values({
      id: randomUUID(),
      requesting_organisation_id: ngo,
      requesting_case_id: requestingCaseId,
      requested_by: ngoUserId,
      target_organisation_id: target,
      candidate_person_ids: [candidatePersonId],
      status: 'confirmed_same_person',
      created_at: new Date(),
    })
    .execute();
}

beforeAll(async () => {
  t = await createTestApp();
  ngo = await insertOrganisation(t, 'ngo', ['NORTH']);
  shelter = await insertOrganisation(t, 'shelter', ['NORTH']);
  authority = await insertOrganisation(t, 'competent_authority');
  const ngoUser = await insertUser(t, ngo, ['caseworker']);
  ngoUserId = ngoUser.id;
  ngoWorker = await clientFor(t, ngoUser);
  shelterWorker = await clientFor(t, await insertUser(t, shelter, ['caseworker']));
});
afterAll(async () => t.close());

describe('the country dataset derived from case records', () => {
  it('counts a person known to two organisations once, leaves out persons without consent, and maps to CTDC codes', async () => {
    // Known to the NGO and the shelter, confirmed the same person.
    const atNgo = await openCase(ngoWorker, { pseudonym: 'A', birthDate: `${thisYear - 15}-03-01`, gender: 'Feminine', citizenships: ['NG', 'GH'], isChild: true }, { formsOfExploitation: ['SexualExploitation'], countryOfExploitation: 'IT' });
    const atShelter = await openCase(shelterWorker, { pseudonym: 'A2', gender: 'Feminine', citizenships: ['NG'] }, { formsOfExploitation: ['ForcedLabour'] });
    await confirmSamePerson(atNgo.caseId, atShelter.personId, shelter);
    await consent(ngoWorker, atNgo.caseId, 'given');
    // Refused.
    const refused = await openCase(ngoWorker, { pseudonym: 'B', gender: 'Masculine' });
    await consent(ngoWorker, refused.caseId, 'refused');
    // Never asked.
    await openCase(ngoWorker, { pseudonym: 'C' });
    // Gave, then withdrew.
    const withdrawn = await openCase(shelterWorker, { pseudonym: 'D' });
    await consent(shelterWorker, withdrawn.caseId, 'given');
    await consent(shelterWorker, withdrawn.caseId, 'withdrawn');
    // An adult man, consent given, with decisions.
    const adult = await openCase(ngoWorker, { pseudonym: 'E', birthDate: `${thisYear - 42}-01-01`, gender: 'Masculine', citizenships: ['UA'] }, { formsOfExploitation: ['ForcedBegging'] });
    await consent(ngoWorker, adult.caseId, 'given');
    const decider = await insertUser(t, authority, ['decision_maker']);
    await t.platform.db
      .insertInto('status_decisions')
      .values([
        { id: randomUUID(), case_id: adult.caseId, kind: 'reasonable_grounds', outcome: 'positive', reason: Buffer.from('x'), decided_by: decider.id, organisation_id: authority, decided_at: new Date('2025-02-03T23:30:00Z') },
        { id: randomUUID(), case_id: adult.caseId, kind: 'conclusive_grounds', outcome: 'negative', reason: Buffer.from('x'), decided_by: decider.id, organisation_id: authority, decided_at: new Date('2025-03-10T08:00:00Z') },
        { id: randomUUID(), case_id: adult.caseId, kind: 'reconsideration', outcome: 'positive', reason: Buffer.from('x'), decided_by: decider.id, organisation_id: authority, decided_at: new Date('2025-04-01T09:00:00Z') },
      ])
      .execute();
    await t.platform.db.updateTable('cases').set({ stage: 'conclusive_positive', trafficking_status: 'ActualVictimOfTrafficking' }).where('id', '=', adult.caseId).execute();

    const result = await refreshCountryDataset(t.platform.db, systemActor('test'), { cipher: t.platform.cipher });
    expect(result).toMatchObject({ records: 2, excludedWithoutConsent: 3 });

    const records = await recordsOf(t.platform.db, result.datasetId);
    expect(records).toHaveLength(2);
    const girl = records.find((r) => r.gender === 'Woman');
    const man = records.find((r) => r.gender === 'Man');
    expect(girl).toMatchObject({
      citizenship: 'NGA',
      country_of_exploitation: 'ITA',
      majority_status: 'Minor',
      age_broad: '09--17',
      datasource: 'Case management',
      referring_organisation_type: 'NGO',
      stage: 'reported',
      trafficking_status: 'PossibleVictimOfTrafficking',
      source_row: null,
    });
    expect([...(girl?.exploitation ?? [])].sort()).toEqual(['isForcedLabour', 'isSexualExploit']);
    expect(man).toMatchObject({ citizenship: 'UKR', majority_status: 'Adult', age_broad: '39--47', exploitation: ['isForcedLabour'] });
    expect(man?.stage).toBe('conclusive_positive');
    expect(man?.trafficking_status).toBe('ActualVictimOfTrafficking');
    expect(man?.reasonable_grounds_outcome).toBe('positive');
    expect(man?.conclusive_grounds_outcome).toBe('positive');
    const day = (d: Date | string | null | undefined) => (d instanceof Date ? d.toISOString().slice(0, 10) : d);
    expect(day(man?.reasonable_grounds_on)).toBe('2025-02-03');
    expect(day(man?.conclusive_grounds_on)).toBe('2025-04-01');
    // The key stands for nobody: not a person id or case id.
    const ids = new Set([atNgo.personId, atShelter.personId, adult.personId, atNgo.caseId, adult.caseId]);
    for (const r of records) expect(ids.has(r.person_key ?? '')).toBe(false);

    // A second refresh replaces the records, with fresh keys and the same content.
    const again = await refreshCountryDataset(t.platform.db, systemActor('test'), { cipher: t.platform.cipher });
    expect(again.datasetId).toBe(result.datasetId);
    const second = await recordsOf(t.platform.db, result.datasetId);
    expect(second).toHaveLength(2);
    expect(second.map((r) => r.person_key).some((k) => records.some((r) => r.person_key === k))).toBe(false);
    // The cell-key method's record keys stay: the keyed hash of the person, the same at every refresh.
    const keyOf = (rows: typeof records, gender: string) => (rows.find((r) => r.gender === gender) as { record_key?: number | null } | undefined)?.record_key;
    const keys = t.platform.cipher.recordKeys;
    expect(keyOf(records, 'Man')).toBe(keys.ofPerson(adult.personId));
    expect([keys.ofPerson(atNgo.personId), keys.ofPerson(atShelter.personId)]).toContain(keyOf(records, 'Woman'));
    expect(keyOf(second, 'Man')).toBe(keyOf(records, 'Man'));
    expect(keyOf(second, 'Woman')).toBe(keyOf(records, 'Woman'));

    const audit = await t.platform.db.selectFrom('audit_log').select(['summary']).where('action', '=', 'statistical_records.refresh').orderBy('entry_id', 'desc').executeTakeFirstOrThrow();
    expect(audit.summary).toContain('2 persons included, 3 excluded');
  });

  it('without a cipher, leaves the age band missing and reads majority from the child flag', async () => {
    const result = await refreshCountryDataset(t.platform.db, systemActor('test'));
    const records = await recordsOf(t.platform.db, result.datasetId);
    expect(records.map((r) => r.age_broad)).toEqual([null, null]);
    expect(records.map((r) => r.majority_status).sort()).toEqual(['Adult', 'Minor']);
  });
});

/** The organisations and staff an NRM scenario needs, in one test app. */
interface World {
  app: TestApp;
  ngo: string;
  shelter: string;
  authority: string;
  ngoUser: string;
  shelterUser: string;
  decider: string;
  ngoWorker: Client;
  shelterWorker: Client;
}

async function worldIn(app: TestApp): Promise<World> {
  const ngoId = await insertOrganisation(app, 'ngo', ['NORTH']);
  const shelterId = await insertOrganisation(app, 'shelter', ['NORTH']);
  const authorityId = await insertOrganisation(app, 'competent_authority');
  const ngoUser = await insertUser(app, ngoId, ['caseworker']);
  const shelterUser = await insertUser(app, shelterId, ['caseworker']);
  const decider = await insertUser(app, authorityId, ['decision_maker']);
  return {
    app,
    ngo: ngoId,
    shelter: shelterId,
    authority: authorityId,
    ngoUser: ngoUser.id,
    shelterUser: shelterUser.id,
    decider: decider.id,
    ngoWorker: await clientFor(app, ngoUser),
    shelterWorker: await clientFor(app, shelterUser),
  };
}

async function openCaseIn(w: World, client: Client, pseudonym: string, openedAt: string) {
  const response = await client.request('POST', '/api/cases', { person: { jurisdiction: 'NORTH', pseudonym } }, { 'idempotency-key': randomUUID() });
  expect(response.statusCode, response.body).toBe(200);
  const caseId = (response.json() as { id: string }).id;
  await w.app.platform.db.updateTable('cases').set({ opened_at: new Date(openedAt) }).where('id', '=', caseId).execute();
  const row = await w.app.platform.db.selectFrom('cases').select('person_id').where('id', '=', caseId).executeTakeFirstOrThrow();
  const consentResponse = await client.request(
    'POST',
    `/api/cases/${caseId}/consents`,
    { purpose: 'statistics', status: 'given', method: 'verbal', rightsExplained: ['uses_of_data', 'right_to_refuse_or_withdraw'] },
    { 'idempotency-key': randomUUID() },
  );
  expect(consentResponse.statusCode, consentResponse.body).toBe(200);
  return { caseId, personId: row.person_id };
}

type ReferralStatus = 'sent' | 'accepted' | 'declined' | 'completed' | 'withdrawn';

/** A referral row as the referral module leaves it in each status (with the consent and share it rests on). */
async function insertReferral(w: World, c: { caseId: string; personId: string }, by: string, status: ReferralStatus, options: { kind?: 'service' | 'case_transfer'; service?: string } = {}) {
  const db = w.app.platform.db;
  const consentId = randomUUID();
  const shareId = randomUUID();
  const now = new Date();
  await db
    .insertInto('consent_events')
    .values({ id: consentId, person_id: c.personId, purpose: 'referral', target_organisation_id: w.shelter, status: 'given', method: 'verbal', explained_by: by, recorded_at: now })
    .execute();
  await db
    .insertInto('case_shares')
    .values({ id: shareId, case_id: c.caseId, organisation_id: w.shelter, purpose: options.kind === 'case_transfer' ? 'case_transfer' : 'referral', consent_event_id: consentId, granted_by: by, granted_at: now })
    .execute();
  const accepted = status === 'accepted' || status === 'completed';
  const kind = options.kind ?? 'service';
  await sql`
    INSERT INTO referrals (id, case_id, kind, service, from_organisation_id, to_organisation_id, status, consent_event_id, share_id,
      sent_by, sent_at, accepted_by, accepted_at, declined_by, declined_at, decline_reason, completed_by, completed_at, delivered_from,
      withdrawn_by, withdrawn_at)
    VALUES (${randomUUID()}, ${c.caseId}, ${kind}, ${kind === 'service' ? (options.service ?? 'medical') : null}, ${w.ngo}, ${w.shelter},
      ${status}, ${consentId}, ${shareId}, ${by}, ${now},
      ${accepted ? by : null}, ${accepted ? now : null},
      ${status === 'declined' ? by : null}, ${status === 'declined' ? now : null}, ${status === 'declined' ? Buffer.from('x') : null},
      ${status === 'completed' ? by : null}, ${status === 'completed' ? now : null}, ${status === 'completed' ? '2026-04-01' : null},
      ${status === 'withdrawn' ? by : null}, ${status === 'withdrawn' ? now : null})`.execute(db);
}

async function insertFollowUp(w: World, caseId: string, data: { date: string; outcome: string }, createdAt: string, supersedes: string | null = null): Promise<string> {
  const id = randomUUID();
  await sql`
    INSERT INTO case_records (id, case_id, kind, data, author_user_id, organisation_id, visibility, created_at, supersedes_id)
    VALUES (${id}, ${caseId}, 'follow_up', ${JSON.stringify({ milestone: '3_months', ...data })}::jsonb, ${w.ngoUser}, ${w.ngo}, 'case',
      ${new Date(createdAt)}, ${supersedes})`.execute(w.app.platform.db);
  return id;
}

async function insertDecision(w: World, caseId: string, outcome: 'positive' | 'negative', decidedAt: string, dueAt: string | null) {
  await w.app.platform.db
    .insertInto('status_decisions')
    .values({ id: randomUUID(), case_id: caseId, kind: 'reasonable_grounds', outcome, reason: Buffer.from('x'), decided_by: w.decider, organisation_id: w.authority, decided_at: new Date(decidedAt), due_at: dueAt === null ? null : new Date(dueAt) })
    .execute();
}

/**
 * Two persons with NRM facts. "Two cases": known to the NGO and the shelter (confirmed the same person); three service
 * referrals (one still sent, one accepted, one completed), plus a declined one and a hand-over of case management; a
 * reasonable-grounds decision taken after its due day; reflection periods on both cases; follow-ups, one corrected.
 * "Pending": one case awaiting its reasonable-grounds decision, nothing else.
 */
async function nrmScenario(w: World) {
  const db = w.app.platform.db;
  const first = await openCaseIn(w, w.ngoWorker, 'Two cases (NGO)', '2026-02-20T10:00:00Z');
  const second = await openCaseIn(w, w.shelterWorker, 'Two cases (shelter)', '2026-03-15T10:00:00Z');
  await db
    .insertInto('match_requests')
    .values({ id: randomUUID(), requesting_organisation_id: w.ngo, requesting_case_id: first.caseId, requested_by: w.ngoUser, target_organisation_id: w.shelter, candidate_person_ids: [second.personId], status: 'confirmed_same_person', created_at: new Date() })
    .execute();

  await insertReferral(w, first, w.ngoUser, 'sent', { service: 'medical' });
  await insertReferral(w, first, w.ngoUser, 'accepted', { service: 'shelter' });
  await insertReferral(w, second, w.shelterUser, 'completed', { service: 'legal' });
  await insertReferral(w, second, w.shelterUser, 'declined', { service: 'psychosocial' });
  await insertReferral(w, first, w.ngoUser, 'sent', { kind: 'case_transfer' });

  // The NGO's case: a positive decision due on 1 March, taken on 9 March (late); the case then awaits the conclusive
  // decision, due in June. The shelter's case had an older negative decision, due on 25 January.
  await insertDecision(w, second.caseId, 'negative', '2026-02-01T09:00:00Z', '2026-01-25T09:00:00Z');
  await insertDecision(w, first.caseId, 'positive', '2026-03-09T09:00:00Z', '2026-03-01T09:00:00Z');
  await db
    .updateTable('cases')
    .set({ stage: 'reasonable_grounds_positive', trafficking_status: 'PossibleVictimOfTrafficking', decision_due_at: new Date('2026-06-07T09:00:00Z'), reflection_period_start: '2026-03-09', reflection_period_end: '2026-04-08' })
    .where('id', '=', first.caseId)
    .execute();
  await db.updateTable('cases').set({ reflection_period_start: '2026-05-01', reflection_period_end: '2026-05-31' }).where('id', '=', second.caseId).execute();

  // Follow-ups: the latest is the shelter's of 15 May, corrected from "declined" to "completed"; the NGO's was
  // written later but happened earlier.
  await insertFollowUp(w, first.caseId, { date: '2026-04-01', outcome: 'person_unreachable' }, '2026-06-01T10:00:00Z');
  const wrong = await insertFollowUp(w, second.caseId, { date: '2026-05-15', outcome: 'person_declined' }, '2026-05-15T10:00:00Z');
  await insertFollowUp(w, second.caseId, { date: '2026-05-15', outcome: 'completed' }, '2026-05-16T10:00:00Z', wrong);

  const pending = await openCaseIn(w, w.ngoWorker, 'Pending', '2026-02-05T10:00:00Z');
  await db.updateTable('cases').set({ stage: 'reasonable_grounds_pending', decision_due_at: new Date('2026-02-10T22:30:00Z') }).where('id', '=', pending.caseId).execute();
  return { first, second, pending };
}

function day(d: Date | string | null | undefined): string | null | undefined {
  return d instanceof Date ? d.toISOString().slice(0, 10) : d;
}

describe('NRM performance facts of the country dataset', () => {
  let w: World;
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp({ logger: { level: 'error' } });
    w = await worldIn(app);
  });
  afterAll(async () => app?.close());

  it('fills the due day, reflection period, referral counts and latest follow-up per person', async () => {
    await nrmScenario(w);
    const result = await refreshCountryDataset(app.platform.db, systemActor('test'));
    expect(result).toMatchObject({ records: 2, excludedWithoutConsent: 0 });
    const records = await recordsOf(app.platform.db, result.datasetId);
    const twoCases = records.find((r) => day(r.referred_on) === '2026-02-20');
    const pending = records.find((r) => day(r.referred_on) === '2026-02-05');
    expect(twoCases).toBeDefined();
    expect(pending).toBeDefined();

    // The decision in force is the NGO's of 9 March; it was due on 1 March (not the conclusive deadline now on the case).
    expect(day(twoCases?.reasonable_grounds_on)).toBe('2026-03-09');
    expect(day(twoCases?.reasonable_grounds_due_on)).toBe('2026-03-01');
    expect(day(twoCases?.reflection_started_on)).toBe('2026-03-09');
    expect(day(twoCases?.reflection_ended_on)).toBe('2026-04-08');
    expect({ sent: twoCases?.referrals_sent, accepted: twoCases?.referrals_accepted, completed: twoCases?.referrals_completed }).toEqual({ sent: 4, accepted: 2, completed: 1 });
    expect(twoCases?.follow_up_outcome).toBe('completed');

    // Awaiting the decision: the case's own due day (UTC); nothing else recorded.
    expect(day(pending?.reasonable_grounds_on)).toBeNull();
    expect(day(pending?.reasonable_grounds_due_on)).toBe('2026-02-10');
    expect(pending).toMatchObject({ reflection_started_on: null, reflection_ended_on: null, referrals_sent: 0, referrals_accepted: 0, referrals_completed: 0, follow_up_outcome: null });
  });

  it('shows the NRM performance figures of the country dataset through the statistics API', async () => {
    // The scenario and the refresh of the previous test; few persons, so the threshold is lowered to show them.
    await app.platform.db.updateTable('country_settings').set({ small_cell_threshold: 1 }).where('id', '=', 1).execute();
    const rapporteurOrg = await insertOrganisation(app, 'national_rapporteur');
    const rapporteur = await clientFor(app, await insertUser(app, rapporteurOrg, ['national_rapporteur']));
    const response = await rapporteur.request('GET', '/api/statistics?yearFrom=2026&yearTo=2026');
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json<StatisticsReport>();
    expect(report.dataset?.kind).toBe('country_cases');
    const cells = (id: string) => {
      const found = report.tables.find((x) => x.id === id);
      if (!found) throw new Error(`no table ${id}`);
      return found.rows.find((r) => r.key === '2026')?.cells.map((c) => c.value);
    };
    // Published counts are perturbed (cell-key method): the exact ones, from the engine, and each shown within reach.
    const build = await ensureCube(app.platform.db, report.dataset.id, undefined, app.platform.cipher.recordKeys);
    const exact = emptyMeasures();
    for (const row of aggregateColumns(await cubeColumns(app.platform.db, report.dataset.id, build.builtAt), { yearFrom: 2026, yearTo: 2026 })) {
      if (row.set === 'yearStage') addMeasures(exact, row);
    }
    expect(exact).toMatchObject({ rgDecided: 1, rgLate: 1, reflectionPersons: 1, reflectionDaysSum: 30, personsReferred: 1, referralsSent: 4, referralsAccepted: 2, referralsCompleted: 1, followUpCompleted: 1, followUpUnreachable: 0, followUpDeclined: 0 });
    const near = (shown: Array<number | null> | undefined, counts: number[]) => {
      expect(shown).toHaveLength(counts.length);
      counts.forEach((n, i) => {
        const v = must(shown?.[i]);
        expect(Math.abs(v - n)).toBeLessThanOrEqual(MAX_CHANGE);
        if (n === 0) expect(v).toBe(0);
      });
    };
    near(cells('reasonable_grounds'), [1, 1]); // decided, overdue
    near(cells('reflection'), [1]);
    near(cells('persons_referred'), [1]);
    near(cells('referrals'), [4, 2, 1]);
    near(cells('follow_up'), [1, 0, 0]);
    const rate = (rates: StatisticsReport['performance']['meanReflectionDays']) => rates.find((r) => r.key === '2026')?.value;
    // A mean of days is given beside a published count of at least the threshold (1 here), from the exact sums.
    expect(rate(report.performance.meanReflectionDays)).toBe(must(cells('reflection')?.[0]) >= 1 ? 30 : null);
    const [sent, accepted, completed] = must(cells('referrals')).map((v) => must(v));
    expect(rate(report.performance.shareReferralsAccepted)).toBeCloseTo(Math.min(1, must(accepted) / must(sent)), 6);
    expect(rate(report.performance.shareReferralsCompleted)).toBeCloseTo(Math.min(1, must(completed) / must(sent)), 6);
  });
});
