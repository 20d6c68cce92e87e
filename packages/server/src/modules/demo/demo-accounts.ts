import {
  codesOf,
  htcdsMethodOfRecruitment,
  htcdsWebsitesAndApps,
  palermoCriminalExploitation,
  palermoFinancialExploitation,
  palermoMethodsOfControl,
  type Answer,
  type ExploiterFields,
  type SituationFields,
} from '@palermo/contracts';
import { formatISO, subDays } from 'date-fns';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import { appendAudit, systemActor } from '../../platform/audit/audit.js';
import { binding, encryptJson, splitExploiter, splitSituation } from '../account/account.crypto.js';
import { bulkInsert } from './bulk-insert.js';
import { SYNTHETIC } from './synthetic-label.js';
import { SyntheticRandom } from './synthetic-random.js';

/**
 * Accounts for the demo's synthetic cases (modules/account): for most cases the person's account and the first
 * responder's reasons, one exploitation situation (sometimes two) consistent with the case's forms and country, and
 * up to two exploiters, each with its first revision. Every code list the CTDC export fills is drawn from (duration,
 * means of control, sectors, type of sexual exploitation, recruiter relation), so the statistics, the releases and
 * the CTDC export of the demo show every breakdown. Free text is labelled [SYNTHETIC] and encrypted like real text.
 * Deterministic for a seed; rows go in by one multi-row INSERT per table and batch.
 */

export const DEMO_ACCOUNTS_SEED = 20_241_101;
const BATCH = 500;

interface DemoCase {
  id: string;
  forms_of_exploitation: string[];
  country_of_exploitation: string | null;
  opened_at: Date;
  citizenships: string[];
  author: string;
  organisation: string;
}

const known = <T>(value: T): Answer<T> => ({ state: 'known', value });
const day = (at: Date) => formatISO(at, { representation: 'date' });

const industries = [
  ['A_AgricultureForestryAndFishing', 30], ['F_Construction', 20], ['T_ActivitiesOfHouseholdsAsEmployers', 18], ['I_AccommodationAndFoodServiceActivities', 14],
  ['C_Manufacturing', 10], ['B_MiningAndQuarrying', 3], ['G_WholesaleAndRetailTradeRepairOfMotorVehicles', 3], ['H_TransportationAndStorage', 2], ['X_IllicitActivities', 4],
] as const;
const sexTypes = [['Prostitution', 75], ['Pornography', 12], ['RemoteInteractiveServices', 8], ['PrivateSexualServices', 5]] as const;
const transit = ['LY', 'TR', 'RS', 'HU', 'IT', 'ES', 'MA', 'NE'] as const;
const relations = [['Familial', 22], ['Acquainted', 48], ['Unaquainted', 20], ['unknown', 7], ['declined', 3]] as const;
const acquaintance = [['IntimatePartner', 30], ['FriendOrAcquaintance', 45], ['OtherKnownPerson', 25]] as const;
const roles = [['Recruiter', 40], ['Exploiter', 35], ['Transporter', 10], ['Controller', 8], ['Employer', 5], ['Financier', 2]] as const;
const ended = ['Escaped', 'IdentifiedByAuthorities', 'HelpedByOthers', 'ReleasedByExploiter', 'DebtPaid', 'Other'] as const;
const promises = ['a job in a restaurant', 'work on a farm with housing', 'a cleaning job and papers', 'a modelling contract', 'marriage and a new life', 'study abroad'] as const;
const placeTexts = ['a farm outside the town', 'a flat above a shop', 'a hotel near the station', 'a building site', 'a private house', 'a car wash'] as const;

const situationColumns = { id: 'uuid', case_id: 'uuid', version: 'integer', data: 'jsonb', personal: 'bytea', created_by: 'uuid', updated_by: 'uuid' } as const;
const exploiterColumns = { id: 'uuid', case_id: 'uuid', version: 'integer', kind: 'text', data: 'jsonb', pseudonym: 'bytea', personal: 'bytea', created_by: 'uuid', updated_by: 'uuid' } as const;
const statementColumns = { case_id: 'uuid', version: 'integer', personal: 'bytea', created_by: 'uuid', updated_by: 'uuid' } as const;
const revisionColumns = {
  id: 'uuid', case_id: 'uuid', record_type: 'text', record_id: 'uuid', version: 'integer', kind: 'text', data: 'jsonb', pseudonym: 'bytea', personal: 'bytea',
  author_user_id: 'uuid', organisation_id: 'uuid',
} as const;

function some<T>(rng: SyntheticRandom, codes: readonly T[], at: number, most: number): T[] {
  const picked = new Set<T>();
  const count = rng.int(at, most);
  while (picked.size < Math.min(count, codes.length)) picked.add(rng.pick(codes));
  return [...picked];
}

function situationOf(rng: SyntheticRandom, c: DemoCase, forms: string[]): SituationFields {
  const end = subDays(c.opened_at, rng.int(0, 60));
  const start = subDays(end, rng.int(20, 1100));
  const ongoing = rng.chance(0.1);
  const datesKnown = rng.chance(0.85);
  const origin = c.citizenships[0];
  const places: SituationFields['places'] = [];
  if (origin && rng.chance(0.8)) places.push({ stage: 'Recruitment', country: known(origin), place: `${SYNTHETIC} ${rng.pick(['a market', 'a bus station', 'her village', 'a social network'])}` });
  if (rng.chance(0.35)) places.push({ stage: 'Transit', country: known(rng.pick(transit)) });
  places.push({ stage: 'Exploitation', country: c.country_of_exploitation ? known(c.country_of_exploitation) : { state: 'unknown' }, place: `${SYNTHETIC} ${rng.pick(placeTexts)}` });
  const labour = forms.some((f) => ['ForcedLabour', 'ChildLabour', 'Servitude', 'ForcedBegging'].includes(f));
  const relation = rng.weighted(relations);
  const online = rng.chance(0.3);
  return {
    forms: known(forms) as SituationFields['forms'],
    ...(labour ? { labourIndustries: known([rng.weighted(industries), ...(rng.chance(0.1) ? [rng.weighted(industries)] : [])].filter((v, i, a) => a.indexOf(v) === i)) as SituationFields['labourIndustries'] } : {}),
    ...(forms.includes('SexualExploitation') ? { sexualExploitationTypes: known([rng.weighted(sexTypes)]) as SituationFields['sexualExploitationTypes'] } : {}),
    ...(forms.includes('Other') && rng.chance(0.5) ? { criminalExploitationTypes: known([rng.pick(codesOf(palermoCriminalExploitation))]) as SituationFields['criminalExploitationTypes'] } : {}),
    ...(rng.chance(0.08) ? { financialExploitationTypes: known([rng.pick(codesOf(palermoFinancialExploitation))]) as SituationFields['financialExploitationTypes'] } : {}),
    ...(datesKnown ? { startDate: known(day(start)) } : { startDate: { state: 'unknown' as const }, durationMonths: known(rng.int(1, 40)) }),
    ...(ongoing ? { ongoing: known(true) } : datesKnown ? { endDate: known(day(end)), ongoing: known(false) } : {}),
    places,
    recruitmentMethods: known([online ? 'ThroughOnlineSocialNetworks' : rng.pick(codesOf(htcdsMethodOfRecruitment))]) as SituationFields['recruitmentMethods'],
    ...(online ? { recruitmentChannels: known(some(rng, codesOf(htcdsWebsitesAndApps), 1, 2)) as SituationFields['recruitmentChannels'] } : {}),
    promised: known(`${SYNTHETIC} She was promised ${rng.pick(promises)}.`),
    ...(relation === 'unknown' || relation === 'declined'
      ? { recruiterRelationship: { state: relation } }
      : { recruiterRelationship: known(relation), ...(relation === 'Acquainted' ? { recruiterAcquaintance: rng.weighted(acquaintance) } : {}) }),
    methodsOfControl: known(some(rng, codesOf(palermoMethodsOfControl), 1, 4)) as SituationFields['methodsOfControl'],
    ...(ongoing ? {} : { howEnded: known(rng.pick(ended)) }),
  } as SituationFields;
}

function exploiterOf(rng: SyntheticRandom, c: DemoCase, situationIds: string[], n: number): ExploiterFields {
  const relation = rng.weighted(relations);
  return {
    kind: rng.chance(0.9) ? 'person' : 'organisation',
    pseudonym: `${SYNTHETIC} Exploiter ${String.fromCharCode(65 + n)}`,
    identity: rng.chance(0.5) ? known(`${SYNTHETIC} described by the person`) : { state: 'unknown' },
    roles: known([rng.weighted(roles)]) as ExploiterFields['roles'],
    ...(relation === 'unknown' || relation === 'declined'
      ? { relationship: { state: relation } }
      : { relationship: known(relation), ...(relation === 'Acquainted' ? { acquaintance: rng.weighted(acquaintance) } : {}) }),
    ...(c.country_of_exploitation && rng.chance(0.6) ? { whereaboutsCountry: known(c.country_of_exploitation) } : {}),
    ...(rng.chance(0.3) ? { otherVictimsCount: known(rng.int(1, 12)) } : {}),
    situationIds,
  } as ExploiterFields;
}

/**
 * Adds accounts to the demo cases (cases managed by the demo organisations). Does nothing when any of them already has
 * a situation, so `palermo demo` stays safe to run twice. Returns the number of situations and exploiters written.
 */
export async function seedDemoAccounts(tx: Db, cipher: FieldCipher, options: { seed?: number; share?: number } = {}): Promise<{ situations: number; exploiters: number }> {
  const rng = SyntheticRandom.fromSeed(options.seed ?? DEMO_ACCOUNTS_SEED);
  const share = options.share ?? 0.85;
  const cases: DemoCase[] = await tx
    .selectFrom('cases as c')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .innerJoin('organisations as o', 'o.id', 'c.managing_organisation_id')
    .select(['c.id', 'c.forms_of_exploitation', 'c.country_of_exploitation', 'c.opened_at', 'p.citizenships', 'c.case_manager_user_id as author', 'c.managing_organisation_id as organisation'])
    .where('o.name', 'like', `${SYNTHETIC} %`)
    .where('c.case_manager_user_id', 'is not', null)
    .orderBy('c.opened_at')
    .orderBy('c.id')
    .execute() as DemoCase[];
  const done = cases.length === 0 ? undefined : await tx.selectFrom('account_situations').select('id').where('case_id', 'in', cases.map((c) => c.id)).limit(1).executeTakeFirst();
  if (done) return { situations: 0, exploiters: 0 };
  let situations = 0;
  let exploiters = 0;
  for (let from = 0; from < cases.length; from += BATCH) {
    const rows = { situations: [] as Array<Record<string, unknown>>, exploiters: [] as Array<Record<string, unknown>>, statements: [] as Array<Record<string, unknown>>, revisions: [] as Array<Record<string, unknown>> };
    for (const c of cases.slice(from, from + BATCH)) {
      if (!rng.chance(share)) continue;
      const who = { created_by: c.author, updated_by: c.author };
      const revision = (type: string, recordId: string, data: unknown, personal: unknown, extra: { kind?: string; pseudonym?: string } = {}) => {
        const id = rng.uuid();
        rows.revisions.push({
          id, case_id: c.id, record_type: type, record_id: recordId, version: 1, kind: extra.kind ?? null, data: JSON.stringify(data),
          personal: encryptJson(cipher, personal, binding('account_revisions', 'personal', id)),
          pseudonym: extra.pseudonym === undefined ? null : cipher.encrypt(extra.pseudonym, binding('account_revisions', 'pseudonym', id)),
          author_user_id: c.author, organisation_id: c.organisation,
        });
      };
      const statement = { personAccount: known(`${SYNTHETIC} Her account of what happened, in her words.`), responderReasons: known(`${SYNTHETIC} Why the first responder believes she was trafficked.`) };
      rows.statements.push({ case_id: c.id, version: 1, personal: encryptJson(cipher, statement, binding('account_statements', 'personal', c.id)), ...who });
      revision('statement', c.id, {}, statement);
      const forms = c.forms_of_exploitation.length > 0 ? c.forms_of_exploitation : ['Other'];
      const two = forms.length > 1 && rng.chance(0.7) ? [[forms[0] as string], forms.slice(1)] : rng.chance(0.12) ? [forms, forms] : [forms];
      const ids: string[] = [];
      for (const situationForms of two) {
        const id = rng.uuid();
        const { data, personal } = splitSituation(situationOf(rng, c, situationForms));
        rows.situations.push({ id, case_id: c.id, version: 1, data: JSON.stringify(data), personal: encryptJson(cipher, personal, binding('account_situations', 'personal', id)), ...who });
        revision('situation', id, data, personal);
        ids.push(id);
        situations += 1;
      }
      const count = rng.weighted([[0, 25], [1, 55], [2, 20]] as const);
      for (let n = 0; n < count; n += 1) {
        const id = rng.uuid();
        const e = splitExploiter(exploiterOf(rng, c, ids, n));
        rows.exploiters.push({
          id, case_id: c.id, version: 1, kind: e.kind, data: JSON.stringify(e.data),
          pseudonym: cipher.encrypt(e.pseudonym, binding('account_exploiters', 'pseudonym', id)),
          personal: encryptJson(cipher, e.personal, binding('account_exploiters', 'personal', id)), ...who,
        });
        revision('exploiter', id, e.data, e.personal, { kind: e.kind, pseudonym: e.pseudonym });
        exploiters += 1;
      }
    }
    await bulkInsert(tx, 'account_statements', statementColumns, rows.statements);
    await bulkInsert(tx, 'account_situations', situationColumns, rows.situations);
    await bulkInsert(tx, 'account_exploiters', exploiterColumns, rows.exploiters);
    await bulkInsert(tx, 'account_revisions', revisionColumns, rows.revisions);
  }
  if (situations > 0) {
    await appendAudit(tx, systemActor('demo'), {
      action: 'demo.generate_cases',
      recordType: 'case',
      purpose: 'administration',
      summary: `synthetic accounts added to the demo cases: ${situations} exploitation situations, ${exploiters} exploiters`,
    });
  }
  return { situations, exploiters };
}
