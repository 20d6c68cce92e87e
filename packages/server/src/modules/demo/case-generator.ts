import { randomBytes } from 'node:crypto';
import { roleOrganisationTypes, type CaseStage, type OrganisationType, type Role } from '@palermo/contracts';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import { appendAudit, systemActor } from '../../platform/audit/audit.js';
import type { Subject } from '../../platform/access/rules.js';
import { createUser } from '../user/user.service.js';
import { emailTaken } from '../user/user.repo.js';
import { listActiveChecklists } from '../screening/screening.service.js';
import { currentSopDocument } from '../sop/sop.service.js';
import { planCase, type PlanContext, type PlannedCase } from './case-plan.js';
import { appendRows, emptyRows, insertRows, ReferenceMaker, rowsOf } from './case-rows.js';
import { DEMO_COUNTRY_CODE, DEMO_EMAIL_DOMAIN, SYNTHETIC } from './synthetic-label.js';
import { SyntheticRandom } from './synthetic-random.js';

export interface GeneratorOrganisation {
  readonly id: string;
  readonly type: OrganisationType;
  readonly jurisdictions: readonly string[];
  /** Relative share of the cases it manages (default by type: NGO 5, shelter 3, social services 2, other 1). */
  readonly weight?: number;
}

export interface GeneratorUser {
  readonly id: string;
  readonly organisationId: string;
  readonly roles: readonly Role[];
}

export interface GenerateCasesOptions {
  readonly count: number;
  /** The same seed (with the same organisations, users and `now`) always gives the same cases. */
  readonly seed: number;
  /**
   * Organisations that may manage cases (any type where caseworkers work, with at least one caseworker or supervisor
   * among `users`), competent authorities (with a decision maker) that decide, and police, border guards and labour
   * inspectorates, who report part of the suspicions.
   */
  readonly organisations: readonly GeneratorOrganisation[];
  readonly users: readonly GeneratorUser[];
  /** The generated history ends here: every date is before it. */
  readonly now: Date;
  /** ISO code of the reporting country (default XD, "Demoland"). */
  readonly homeCountry?: string;
  /** Cases planned, encrypted and inserted together (default 1000). */
  readonly batchSize?: number;
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Bulk loads (benchmarks): skip the per-row foreign-key triggers for this transaction (session_replication_role =
   * replica, which needs a superuser; silently ignored otherwise). The organisations and users given are checked to
   * exist first, and every other reference is made by the generator itself (its tests run with the checks on).
   */
  readonly skipForeignKeyChecks?: boolean;
}

export interface GenerateCasesSummary {
  readonly cases: number;
  readonly byStage: Record<CaseStage, number>;
  readonly consentEvents: number;
  readonly screenings: number;
  readonly decisions: number;
  readonly shares: number;
  readonly actions: number;
  readonly milliseconds: number;
}

const defaultWeight: Partial<Record<OrganisationType, number>> = { ngo: 5, shelter: 3, social_services: 2 };
const reporterTypes: readonly OrganisationType[] = ['law_enforcement', 'border_guard', 'labour_inspectorate'];
const caseworkerTypes = roleOrganisationTypes.caseworker;

/** Cases planned and encrypted between two turns of the event loop. */
const SLICE = 50;

/** session_replication_role = replica for the rest of the transaction, if this database user may set it. */
async function relaxForeignKeyChecks(tx: Db): Promise<boolean> {
  await sql`savepoint palermo_generate_cases`.execute(tx);
  try {
    await sql`set local session_replication_role = replica`.execute(tx);
    await sql`release savepoint palermo_generate_cases`.execute(tx);
    return true;
  } catch {
    await sql`rollback to savepoint palermo_generate_cases`.execute(tx);
    return false;
  }
}

/** Do the organisations and users given exist? (Checked once before the per-row checks are skipped.) */
async function knownIds(tx: Db, options: Pick<GenerateCasesOptions, 'organisations' | 'users'>): Promise<boolean> {
  const organisationIds = [...new Set(options.organisations.map((o) => o.id))];
  const userIds = [...new Set(options.users.map((u) => u.id))];
  const [organisations, users] = await Promise.all([
    organisationIds.length === 0 ? [] : tx.selectFrom('organisations').select('id').where('id', 'in', organisationIds).execute(),
    userIds.length === 0 ? [] : tx.selectFrom('users').select('id').where('id', 'in', userIds).execute(),
  ]);
  if (organisations.length !== organisationIds.length || users.length !== userIds.length) {
    throw new Error('generateCases: some of the organisations or users given are not in the database');
  }
  return true;
}

/** Who manages, decides and reports, from the organisations and users given. */
export async function planContext(tx: Db, options: Pick<GenerateCasesOptions, 'organisations' | 'users' | 'now' | 'homeCountry'>): Promise<PlanContext> {
  const usersWith = (organisationId: string, role: Role) => options.users.filter((u) => u.organisationId === organisationId && u.roles.includes(role)).map((u) => u.id);
  const managing = options.organisations
    .filter((o) => caseworkerTypes === 'any' || caseworkerTypes.includes(o.type))
    .filter((o) => o.type !== 'competent_authority')
    .map((o) => {
      const caseworkers = usersWith(o.id, 'caseworker');
      return { id: o.id, type: o.type, jurisdictions: o.jurisdictions, caseworkers: caseworkers.length > 0 ? caseworkers : usersWith(o.id, 'supervisor'), weight: o.weight ?? defaultWeight[o.type] ?? 1 };
    })
    .filter((o) => o.caseworkers.length > 0 && o.weight > 0);
  const authorities = options.organisations
    .filter((o) => o.type === 'competent_authority')
    .map((o) => ({ id: o.id, decisionMakers: usersWith(o.id, 'decision_maker') }))
    .filter((o) => o.decisionMakers.length > 0);
  if (managing.length === 0) throw new Error('generateCases: no organisation that manages cases has a caseworker or supervisor among the users');
  if (authorities.length === 0) throw new Error('generateCases: no competent authority has a decision maker among the users');
  const settings = await tx.selectFrom('country_settings').selectAll().executeTakeFirstOrThrow();
  return {
    now: options.now,
    homeCountry: options.homeCountry ?? DEMO_COUNTRY_CODE,
    settings: {
      reflectionDays: settings.reflection_period_days,
      reasonableGroundsDays: settings.reasonable_grounds_deadline_days,
      conclusiveGroundsDays: settings.conclusive_grounds_deadline_days,
    },
    managing,
    authorities,
    reporters: options.organisations.filter((o) => reporterTypes.includes(o.type)).map((o) => o.id),
    checklists: (await listActiveChecklists(tx)).map((c) => c.document),
    sop: await currentSopDocument(tx),
  };
}

/** The random streams of a seed: one for the cases, one for references (redrawn on a clash without moving the cases). */
function streams(seed: number): { cases: SyntheticRandom; references: SyntheticRandom } {
  const cases = SyntheticRandom.fromSeed(seed);
  const references = cases.fork();
  return { cases, references };
}

/** The cases of a seed without touching the database (the generator's plan; tests compare two plans). */
export function planCases(context: PlanContext, seed: number, count: number): PlannedCase[] {
  const { cases } = streams(seed);
  return Array.from({ length: count }, () => planCase(cases, context));
}

/**
 * Generates `count` synthetic cases in the caller's transaction: persons (names encrypted with the data key and
 * blind-indexed, so search finds them; every record labelled [SYNTHETIC]), cases at every stage, consent history,
 * screenings against the active checklists, referrals to the competent authority with their shares, decisions with
 * encrypted reasons, SOP measures done, closures, and each step on the case timeline. Rows go in by multi-row INSERTs.
 * One audit entry records the run (an operator action), not one per row.
 */
export async function generateCases(tx: Db, cipher: FieldCipher, options: GenerateCasesOptions): Promise<GenerateCasesSummary> {
  const started = performance.now();
  if (!Number.isInteger(options.count) || options.count < 0) throw new Error('generateCases: count must be a non-negative integer');
  const context = await planContext(tx, options);
  const { cases: rng, references } = streams(options.seed);
  const refs = new ReferenceMaker(references);
  const batchSize = options.batchSize ?? 1000;
  const byStage: Record<CaseStage, number> = {
    reported: 0, screened: 0, reasonable_grounds_pending: 0, reasonable_grounds_positive: 0, reasonable_grounds_negative: 0, conclusive_positive: 0, conclusive_negative: 0,
  };
  const totals = { consentEvents: 0, screenings: 0, decisions: 0, shares: 0, actions: 0 };
  const relaxed = options.skipForeignKeyChecks === true && (await knownIds(tx, options)) && (await relaxForeignKeyChecks(tx));
  // Pipeline: while one batch is being inserted, the next is planned and encrypted (in slices, so that the
  // database driver gets the event loop between them).
  let inserting: Promise<void> = Promise.resolve();
  for (let done = 0; done < options.count; ) {
    const size = Math.min(batchSize, options.count - done);
    const plans: PlannedCase[] = [];
    const rows = emptyRows();
    while (plans.length < size) {
      const slice = Array.from({ length: Math.min(SLICE, size - plans.length) }, () => planCase(rng, context));
      appendRows(rows, rowsOf(slice, cipher, refs));
      plans.push(...slice);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    await inserting;
    if (done === 0 && plans[0]) {
      const clash = await tx.selectFrom('cases').select('id').where('id', '=', plans[0].caseId).executeTakeFirst();
      if (clash) throw new Error(`generateCases: the cases of seed ${options.seed} are already in this database; use another seed`);
    }
    await refs.avoidExisting(tx, rows);
    inserting = insertRows(tx, rows);
    inserting.catch(() => undefined); // awaited below; this only keeps a failure from being reported as unhandled meanwhile
    for (const plan of plans) byStage[plan.stage] += 1;
    totals.consentEvents += rows.consent_events.length;
    totals.screenings += rows.screenings.length;
    totals.decisions += rows.status_decisions.length;
    totals.shares += rows.case_shares.length;
    totals.actions += rows.case_actions.length;
    done += plans.length;
    const reported = done;
    void inserting.then(() => options.onProgress?.(reported, options.count), () => undefined);
  }
  await inserting;
  if (relaxed) await sql`set local session_replication_role = origin`.execute(tx);
  const stages = Object.entries(byStage).map(([stage, n]) => `${stage} ${n}`).join(', ');
  await appendAudit(tx, systemActor('demo'), {
    action: 'demo.generate_cases',
    recordType: 'case',
    purpose: 'administration',
    summary:
      `${options.count} synthetic cases generated (seed ${options.seed}) for ${context.managing.length} organisations: ${stages}; ` +
      `${totals.consentEvents} consent events, ${totals.screenings} screenings, ${totals.shares} shares, ${totals.decisions} decisions, ${totals.actions} timeline actions`,
  });
  return { cases: options.count, byStage, ...totals, milliseconds: Math.round(performance.now() - started) };
}

export interface DemoCasesSummary extends Partial<GenerateCasesSummary> {
  readonly casesCreated: number;
  /** Caseworkers created for the demo shelter and social services (shown once, like the other demo credentials). */
  readonly credentials: Array<{ readonly role: Role; readonly organisation: string; readonly email: string; readonly password: string }>;
}

/** The demo seed's fixed seed: every `palermo demo` gives the same caseload (dates move with the day it runs). */
export const DEMO_CASES_SEED = 20_240_601;

/**
 * Adds synthetic cases to the demo country made by seedDemo: managed by its NGO, shelter and social services (a
 * caseworker is created in the shelter and in social services, which seedDemo leaves without one), decided by the
 * competent authority's decision maker, some reported by its police, border guard and labour inspectorate. Does
 * nothing when the demo organisations already manage cases, so `palermo demo` stays safe to run twice.
 */
export async function seedDemoCases(tx: Db, cipher: FieldCipher, count = 2000, options: { seed?: number; now?: Date; skipForeignKeyChecks?: boolean; onProgress?: (done: number, total: number) => void } = {}): Promise<DemoCasesSummary> {
  const organisations = await tx
    .selectFrom('organisations')
    .select(['id', 'name', 'type', 'jurisdictions'])
    .where('name', 'like', `${SYNTHETIC} %`)
    .where('type', 'in', ['ngo', 'shelter', 'social_services', 'competent_authority', ...reporterTypes])
    .orderBy('name')
    .execute();
  const managingIds = organisations.filter((o) => ['ngo', 'shelter', 'social_services'].includes(o.type)).map((o) => o.id);
  if (managingIds.length === 0) throw new Error('seedDemoCases: run seedDemo first (no demo organisations found)');
  const existing = await tx.selectFrom('cases').select('id').where('managing_organisation_id', 'in', managingIds).limit(1).executeTakeFirst();
  if (existing) return { casesCreated: 0, credentials: [] };

  const credentials: DemoCasesSummary['credentials'][number][] = [];
  const adminSubject: Subject = { userId: '00000000-0000-0000-0000-000000000000', organisationId: '', organisationType: 'national_coordinator', jurisdictions: [], roles: ['national_admin'] };
  for (const organisation of organisations.filter((o) => o.type === 'shelter' || o.type === 'social_services')) {
    const email = `caseworker.${organisation.type.replace('_', '-')}@${DEMO_EMAIL_DOMAIN}`;
    if (await emailTaken(tx, email)) continue;
    const password = `demo-${randomBytes(9).toString('base64url')}`;
    await createUser(tx, adminSubject, systemActor('demo'), { organisationId: organisation.id, displayName: `${SYNTHETIC} caseworker (${organisation.type.replace('_', ' ')})`, email, password, roles: ['caseworker'] });
    credentials.push({ role: 'caseworker', organisation: organisation.name.replace(`${SYNTHETIC} `, ''), email, password });
  }
  const users = await tx
    .selectFrom('users')
    .select(['id', 'organisation_id', 'roles'])
    .where('email', 'like', `%@${DEMO_EMAIL_DOMAIN}`)
    .where('organisation_id', 'in', organisations.map((o) => o.id))
    .orderBy('email')
    .execute();
  const summary = await generateCases(tx, cipher, {
    count,
    seed: options.seed ?? DEMO_CASES_SEED,
    now: options.now ?? new Date(),
    organisations: organisations.map((o) => ({ id: o.id, type: o.type as OrganisationType, jurisdictions: o.jurisdictions })),
    users: users.map((u) => ({ id: u.id, organisationId: u.organisation_id, roles: u.roles as Role[] })),
    ...(options.skipForeignKeyChecks ? { skipForeignKeyChecks: true } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return { ...summary, casesCreated: summary.cases, credentials };
}
