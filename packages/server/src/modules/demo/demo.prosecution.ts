import { sql } from 'kysely';
import { formatISO, subDays } from 'date-fns';
import type { ChargeCategory, ProsecutionStepKind, Role } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Subject } from '../../platform/access/rules.js';
import { systemActor } from '../../platform/audit/audit.js';
import { checkPlannedDefendants } from '../prosecution/prosecution-import.check.js';
import { plannedStep, vocabularies as v, type PlannedDefendant, type PlannedStep } from '../prosecution/prosecution-import.plan.js';
import { writeHistory, type HistoryWritten } from '../prosecution/prosecution-import.write.js';
import { SyntheticRandom } from './synthetic-random.js';
import { namePools } from './synthetic-names.js';

/** Operations in the synthetic history: a few hundred over eight years. */
export const DEMO_OPERATIONS = 320;
const SEED = 20260601;
const FIRST_YEAR = 2017;
const YEARS = 8;

const provisions: Record<ChargeCategory, readonly string[]> = {
  trafficking: ['Criminal Code art. 165 (trafficking in persons)', 'Criminal Code art. 165-1 (trafficking in children)'],
  smuggling: ['Criminal Code art. 362-1 (organising illegal migration)'],
  exploitation_related: ['Criminal Code art. 220 (pimping)', 'Criminal Code art. 168 (forced labour)', 'Criminal Code art. 206 (keeping a brothel)'],
  other: ['Criminal Code art. 243 (money laundering)', 'Criminal Code art. 332 (forgery of documents)', 'Criminal Code art. 284 (criminal organisation)'],
};
const codenames = ['Harvest', 'Lantern', 'Orchard', 'Compass', 'Harbour', 'Falcon', 'Meridian', 'Granite', 'Willow', 'Beacon', 'Cobalt', 'Juniper', 'Mosaic', 'Tundra', 'Sable', 'Atlas'];
const citizenshipsOf = ['MD', 'RO', 'NG', 'UA', 'VN', 'BG', 'AL', 'TH', 'ER', 'IN'];

async function holder(tx: Db, role: Role, types: readonly string[]): Promise<Subject | undefined> {
  const user = await tx
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.id', 'users.organisation_id', 'users.roles', 'organisations.type', 'organisations.jurisdictions'])
    .where(sql<boolean>`${role} = any(users.roles)`)
    .where('organisations.type', 'in', [...types])
    .where('users.active', '=', true)
    .orderBy('users.created_at')
    .executeTakeFirst();
  return user && { userId: user.id, organisationId: user.organisation_id, organisationType: user.type as Subject['organisationType'], jurisdictions: user.jurisdictions, roles: user.roles as Role[] };
}

const iso = (date: Date) => formatISO(date, { representation: 'date' });

/**
 * One synthetic defendant's path through the funnel, as such cases go: arrested (most), charged (most of those) with
 * one to three offences, prosecuted before the court, tried, and a verdict per charge (convicted, sometimes of a lesser
 * offence: a downgrade; acquitted; dismissed), a sentence after a conviction, sometimes an appeal and its decision,
 * assets seized, confiscated and compensation paid to victims. Every date follows the one before and none is in the future.
 */
function stepsOf(random: SyntheticRandom, start: Date, courtId: string, today: Date): PlannedStep[] {
  const steps: PlannedStep[] = [];
  let at = start;
  const next = (min: number, max: number) => {
    const candidate = random.after(at, min, max);
    at = candidate > today ? today : candidate;
    return iso(at);
  };
  if (!random.chance(0.85)) return steps;
  steps.push(plannedStep({ kind: 'arrest', occurredOn: next(1, 60) }, 'arrestedOn'));
  if (random.chance(0.3)) steps.push(plannedStep({ kind: 'assets_seized', occurredOn: iso(at), amount: random.int(2, 80) * 1000, currency: 'EUR' }, 'arrestedOn'));
  if (!random.chance(0.75)) return steps;
  const chargedOn = next(10, 120);
  const categories = random.sample(['trafficking', 'trafficking', 'exploitation_related', 'smuggling', 'other'] as const, random.int(1, 3));
  const charges = [...new Set(categories)].map((category) => plannedStep({ kind: 'charge', occurredOn: chargedOn, provision: random.pick(provisions[category]), category }, 'chargedOn'));
  steps.push(...charges);
  if (!random.chance(0.8)) return steps;
  steps.push(plannedStep({ kind: 'prosecution', occurredOn: next(20, 150), courtOrganisationId: courtId }, 'prosecutedOn'));
  steps.push(plannedStep({ kind: 'plea', occurredOn: next(10, 60), plea: random.chance(0.2) ? 'guilty' : 'not_guilty' }, 'prosecutedOn'));
  steps.push(plannedStep({ kind: 'trial', occurredOn: next(30, 180) }, 'prosecutedOn'));
  if (at >= today || !random.chance(0.9)) return steps;
  const verdictOn = next(10, 120);
  const verdicts = charges.map((charge) => {
    const input = charge.input as { provision: string; category: ChargeCategory };
    const outcome = random.weighted([['convicted', 6], ['acquitted', 3], ['dismissed', 1]] as const);
    const downgrade = outcome === 'convicted' && input.category === 'trafficking' && random.chance(0.3);
    const lesser: ChargeCategory = random.chance(0.5) ? 'exploitation_related' : 'smuggling';
    return plannedStep({
      kind: 'verdict', occurredOn: verdictOn, chargeId: charge.id, outcome,
      ...(downgrade ? { convictedProvision: random.pick(provisions[lesser]), convictedCategory: lesser } : {}),
    }, 'verdictOn');
  });
  steps.push(...verdicts);
  if (verdicts.some((s) => (s.input as { outcome: string }).outcome === 'convicted')) {
    steps.push(plannedStep({ kind: 'sentence', occurredOn: verdictOn, custodialMonths: random.int(6, 144), suspended: random.chance(0.15), ...(random.chance(0.3) ? { fineAmount: random.int(1, 50) * 500, currency: 'EUR' } : {}) }, 'sentencedOn'));
    if (random.chance(0.35)) steps.push(plannedStep({ kind: 'assets_confiscated', occurredOn: verdictOn, amount: random.int(1, 60) * 1000, currency: 'EUR' }, 'verdictOn'));
    if (random.chance(0.25)) steps.push(plannedStep({ kind: 'compensation_paid', occurredOn: next(30, 365), amount: random.int(1, 20) * 1000, currency: 'EUR' }, 'verdictOn'));
  }
  if (random.chance(0.3)) {
    const verdict = random.pick(verdicts);
    const appellant = (verdict.input as { outcome: string }).outcome === 'convicted' ? (random.chance(0.7) ? 'defence' : 'prosecution') : 'prosecution';
    const appeal = plannedStep({ kind: 'appeal', occurredOn: next(5, 30), verdictId: verdict.id, appellant }, 'appealedOn');
    steps.push(appeal);
    if (random.chance(0.7) && random.after(at, 60, 300) < today) {
      steps.push(plannedStep({ kind: 'appeal_decision', occurredOn: next(60, 300), appealId: appeal.id, outcome: random.weighted([['upheld', 6], ['sentence_reduced', 2], ['overturned', 1], ['sentence_increased', 1], ['retrial_ordered', 1]] as const) }, 'appealDecidedOn'));
    }
  }
  return steps;
}

/**
 * The synthetic prosecution history of the demo country: a few hundred operations of the police over eight years,
 * each with one or two investigations referred to the prosecution office and one to six defendants under pseudonyms
 * (some with a synthetic identity), with roles, and their steps. Deterministic (one seed), written through the
 * import's checks and writer (the same contracts and step-sequence rules as a step recorded in the app); a second run
 * finds the operations by their references and adds nothing.
 */
export async function seedDemoProsecution(tx: Db, cipher: FieldCipher, today = new Date()): Promise<HistoryWritten> {
  const police = await holder(tx, 'investigator', ['law_enforcement']);
  const prosecutor = await holder(tx, 'prosecutor', ['prosecutor']);
  const court = await tx.selectFrom('organisations').select('id').where('type', '=', 'court').where('active', '=', true).orderBy('created_at').executeTakeFirst();
  if (!police || !prosecutor || !court) return { operations: 0, investigations: 0, suspects: 0, steps: 0, alreadyImported: 0 };
  const random = SyntheticRandom.fromSeed(SEED);
  const defendants: PlannedDefendant[] = [];
  const latestStart = subDays(today, 30);
  for (let o = 0; o < DEMO_OPERATIONS; o++) {
    const start = random.after(new Date(Date.UTC(FIRST_YEAR, 0, 1)), 0, YEARS * 365);
    const startedOn = iso(start > latestStart ? latestStart : start);
    const key = `DEMO-${String(o + 1).padStart(4, '0')}`;
    const forms = random.sample(v.formsOfExploitation.slice(0, 6), random.int(1, 2));
    const operation = { key, name: `[SYNTHETIC] ${random.pick(codenames)} ${o + 1}`, startedOn, agencyId: police.organisationId, origin: random.pick(v.operationOrigins), approach: random.pick(v.investigationApproaches), formsOfExploitation: forms };
    const investigations = random.int(1, 2);
    const suspects = random.weighted([[1, 2], [2, 3], [3, 3], [4, 2], [5, 1], [6, 1]] as const);
    for (let s = 0; s < suspects; s++) {
      const investigationKey = `${key}/${(s % investigations) + 1}`;
      const openedOn = iso(random.after(new Date(startedOn), 0, 10));
      const steps = stepsOf(random, new Date(openedOn), court.id, subDays(today, 1));
      const firstCharge = steps.find((st) => st.input.kind === 'charge')?.input.occurredOn;
      const sex = random.weighted([['male', 7], ['female', 3]] as const);
      const citizenship = random.pick(citizenshipsOf);
      const pool = namePools[citizenship] ?? namePools['national'];
      const identity = pool && random.chance(0.6)
        ? { givenName: random.pick(sex === 'male' ? pool.masculine : pool.feminine), familyName: random.pick(pool.family) }
        : undefined;
      const roles = random.sample(v.suspectRoles.slice(0, 8), random.weighted([[1, 6], [2, 3]] as const));
      defendants.push({
        row: defendants.length + 1,
        operation,
        investigation: { key: investigationKey, title: `[SYNTHETIC] ${operation.name.slice(12)} / ${(s % investigations) + 1}`, openedOn, officeId: prosecutor.organisationId, referredOn: firstCharge ?? openedOn },
        key: `${key}-S${s + 1}`,
        suspect: { investigationId: '00000000-0000-4000-8000-000000000000', pseudonym: `${random.pick(codenames)}-${o + 1}-${s + 1}`, ...(identity ? { identity } : {}), roles, sex, citizenships: [citizenship], ageAtOffence: random.int(19, 62) },
        steps,
      });
    }
  }
  const recorderFor = (kind: ProsecutionStepKind) => (kind === 'arrest' || kind === 'assets_seized' ? police : prosecutor);
  const problems = checkPlannedDefendants(defendants, recorderFor);
  if (problems.length > 0) throw new Error(`demo prosecution history: ${problems.length} problems, first: row ${problems[0]?.row} ${problems[0]?.field}: ${problems[0]?.problem}`);
  return writeHistory(tx, cipher, systemActor('demo'), police, recorderFor, defendants, 'synthetic demo history');
}
