import { randomUUID } from 'node:crypto';
import {
  ageOn,
  ctdc2017ExploitationFlags,
  ctdc2024ExploitationFlags,
  ctdcAgeBand,
  ctdcGenderOf,
  organisationTypeToHtcdsOrgType,
  primaryCitizenship,
  translate,
} from '@palermo/contracts';
import { sql } from 'kysely';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Db } from '../../platform/db/database.js';
import { accountColumns, loadAccounts, type AccountsByCase } from './account-facts.js';
import { alpha3Of } from './country-codes.js';
import { loadNrmFacts, nrmColumnsOf, type CaseNrmFacts, type NrmColumns, type NrmFactsByCase } from './nrm-facts.js';
import { insertRecords, lockCountryDataset, type NewRecord } from './statistical-records.repo.js';

/**
 * The country's own statistical dataset, derived from the case records: one de-identified record per PERSON in the
 * CTDC vocabulary (migration 0012). Decisions, each documented where it is applied:
 *
 * - One person, however many organisations know them: person rows linked by a match request answered
 *   `confirmed_same_person` (the requesting case's person and the candidates the other organisation confirmed) are one
 *   person. Links are transitive.
 * - Consent: a person is included only when the newest `consent_events` row for the purpose `statistics`, across all of
 *   that person's rows, is `given` (their latest expressed will, wherever it was recorded). Everyone else is counted in
 *   `excludedWithoutConsent`, never included.
 * - Age: birth dates are encrypted. With a cipher (the HTTP and command-line callers pass platform.cipher) the birth
 *   date is decrypted in memory, the age on the referral day gives `ageBroad` and `majorityStatus`, and the date is
 *   dropped. Without a cipher, or without a birth date, `ageBroad` is missing and `majorityStatus` comes from the
 *   stored `is_child` fact (Minor when any of the person's rows says child, else Adult).
 * - Several cases: the referral day is the first case opened; stage is the furthest reached; status is Actual when any
 *   case is, else Possible when any case is, else Not a victim; forms of exploitation are the union; country of
 *   exploitation is that of the newest case that names one; the reporting organisation type is that of the first case
 *   (HTCDS org_Type through the crosswalk). Gender and citizenship come from the first person row that records them
 *   (citizenship: first listed, decision `citizenship.multiple`, as alpha-3). Purposes use the 2024 flags plus the
 *   2017 detail (isForcedMarriage...); forced begging also sets the labour sector typeOfLabourBegging.
 * - Decisions: the newest decision of each kind is the one in force; a reconsideration is a conclusive-grounds
 *   decision. Dates are days (UTC), never times.
 * - NRM performance (reasonable-grounds due day, reflection period, referral counts, latest follow-up): see
 *   nrm-facts.ts.
 * - The person's account (exploitation situations and exploiters: forms, duration, country of exploitation when the
 *   case names none, means of control, labour sector, type of sexual exploitation, recruiter relation): see
 *   account-facts.ts. A correction of the account is in the records at the next refresh.
 * - person_key is a fresh random uuid per person per refresh: nothing links a record to a person, a case or a previous
 *   refresh.
 * - record_key (the cell-key method's, docs/decisions/0005) is the keyed hash of the group's representative person id
 *   (the smallest id of everyone known to be the same person), so it is the same at every refresh: noise drawn afresh
 *   at each refresh could be averaged away. Without the platform's keys (options.cipher) it stays NULL and is assigned
 *   from the row before the statistics are built (statistics.record-keys.ts), stable until the next refresh only.
 */

export interface RefreshOptions {
  /** Decrypts birth dates for age bands (see above). */
  readonly cipher?: FieldCipher;
}

export interface RefreshResult {
  datasetId: string;
  records: number;
  excludedWithoutConsent: number;
}

const stageRank: Readonly<Record<string, number>> = {
  reported: 0,
  screened: 1,
  reasonable_grounds_pending: 2,
  reasonable_grounds_negative: 3,
  reasonable_grounds_positive: 3,
  conclusive_negative: 4,
  conclusive_positive: 4,
};

const statusRank: Readonly<Record<string, number>> = {
  NotAVictimOfTrafficking: 0,
  PossibleVictimOfTrafficking: 1,
  ActualVictimOfTrafficking: 2,
};

interface PersonRow {
  id: string;
  gender: string | null;
  citizenships: string[];
  is_child: boolean;
  birth_date: Uint8Array | null;
  created_at: Date;
}

interface CaseRow extends CaseNrmFacts {
  id: string;
  person_id: string;
  stage: string;
  trafficking_status: string;
  forms_of_exploitation: string[];
  country_of_exploitation: string | null;
  opened_at: Date;
  updated_at: Date;
  reporter_type: string;
}

interface DecisionRow {
  case_id: string;
  kind: string;
  outcome: string;
  decided_at: Date;
  due_at: Date | null;
}

/** Union-find over person ids. */
class PersonGroups {
  private readonly parent = new Map<string, string>();

  find(id: string): string {
    let root = id;
    for (let next = this.parent.get(root); next !== undefined && next !== root; next = this.parent.get(root)) root = next;
    // Path compression.
    for (let node = id; node !== root; ) {
      const next = this.parent.get(node) ?? root;
      this.parent.set(node, root);
      node = next;
    }
    return root;
  }

  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
}

/** The UTC day of a timestamp, `YYYY-MM-DD`. */
export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

async function runInTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

async function loadFacts(tx: Db) {
  const cases: CaseRow[] = await tx
    .selectFrom('cases as c')
    .innerJoin('organisations as o', 'o.id', 'c.reported_by_organisation_id')
    .select([
      'c.id',
      'c.person_id',
      'c.stage',
      'c.trafficking_status',
      'c.forms_of_exploitation',
      'c.country_of_exploitation',
      'c.opened_at',
      'c.updated_at',
      'o.type as reporter_type',
      sql<string | null>`c.reflection_period_start::text`.as('reflectionStart'),
      sql<string | null>`c.reflection_period_end::text`.as('reflectionEnd'),
      'c.decision_due_at as rgPendingDueAt',
    ])
    .orderBy('c.opened_at')
    .orderBy('c.id')
    .execute();
  const persons: PersonRow[] = await tx
    .selectFrom('persons')
    .select(['id', 'gender', 'citizenships', 'is_child', 'birth_date', 'created_at'])
    .where('id', 'in', tx.selectFrom('cases').select('person_id'))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const decisions: DecisionRow[] = await tx
    .selectFrom('status_decisions')
    .select(['case_id', 'kind', 'outcome', 'decided_at', 'due_at'])
    .orderBy('decided_at')
    .execute();
  const consents = await tx
    .selectFrom('consent_events')
    .select(['person_id', 'status', 'recorded_at'])
    .where('purpose', '=', 'statistics')
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
  const links = await tx
    .selectFrom('match_requests as m')
    .innerJoin('cases as c', 'c.id', 'm.requesting_case_id')
    .select(['c.person_id', 'm.candidate_person_ids'])
    .where('m.status', '=', 'confirmed_same_person')
    .execute();
  const nrm = await loadNrmFacts(tx);
  const accounts = await loadAccounts(tx);
  return { cases, persons, decisions, consents, links, nrm, accounts };
}

function firstOf<T>(items: readonly T[], pick: (item: T) => string | null | undefined): string | null {
  for (const item of items) {
    const value = pick(item);
    if (value) return value;
  }
  return null;
}

async function ageAtReferral(persons: readonly PersonRow[], referredOn: string, tx: Db, cipher: FieldCipher | undefined): Promise<number | null> {
  if (!cipher) return null;
  for (const p of persons) {
    if (!p.birth_date) continue;
    const birthDate = await cipher.decrypt(p.birth_date, `persons.birth_date:${p.id}`, tx);
    const age = ageOn(birthDate, referredOn);
    if (age !== null) return age;
  }
  return null;
}

function newestDecision(decisions: readonly DecisionRow[], kinds: readonly string[]): DecisionRow | undefined {
  return decisions.filter((d) => kinds.includes(d.kind)).sort((a, b) => a.decided_at.getTime() - b.decided_at.getTime()).at(-1);
}

/** The 2017 purposes that the 2024 edition folds into isOtherExploit, kept by name as CTDC 2017 imports keep them. */
const detail2017 = new Set(['isForcedMarriage', 'isForcedMilitary', 'isOrganRemoval']);

/**
 * CTDC purpose flags: the 2024 flags, plus the 2017 detail of "other" purposes. Forced begging is forced labour with
 * the labour sector typeOfLabourBegging (crosswalk htcdsExploitationToCtdc2017), which the GLOTIP export reads back.
 */
function exploitationFlags(forms: readonly string[]): string[] {
  type Types = Parameters<typeof ctdc2024ExploitationFlags>[0];
  const flags: string[] = ctdc2024ExploitationFlags(forms as Types);
  for (const f of ctdc2017ExploitationFlags(forms as Types)) if (detail2017.has(f)) flags.push(f);
  return flags;
}

async function recordOf(
  datasetId: string,
  persons: readonly PersonRow[],
  cases: readonly CaseRow[],
  decisions: readonly DecisionRow[],
  nrm: NrmFactsByCase,
  accounts: AccountsByCase,
  tx: Db,
  cipher: FieldCipher | undefined,
  representativeId: string,
): Promise<NewRecord & { person_key: string } & NrmColumns> {
  const first = cases[0];
  if (!first) throw new Error('A person without a case has no statistical record');
  const referredOn = dayOf(first.opened_at);
  const age = await ageAtReferral(persons, referredOn, tx, cipher);
  const gender = firstOf(persons, (p) => p.gender);
  const citizenship = primaryCitizenship(persons.flatMap((p) => p.citizenships));
  const account = accountColumns(
    cases.flatMap((c) => accounts.get(c.id) ?? []),
    referredOn,
  );
  const forms = [...new Set([...cases.flatMap((c) => c.forms_of_exploitation), ...account.forms])];
  const newestCountry = firstOf([...cases].reverse(), (c) => c.country_of_exploitation) ?? account.country_of_exploitation_alpha2;
  const furthest = cases.reduce((best, c) => {
    const rank = stageRank[c.stage] ?? 0;
    const bestRank = stageRank[best.stage] ?? 0;
    return rank > bestRank || (rank === bestRank && c.updated_at >= best.updated_at) ? c : best;
  }, first);
  const status = cases.reduce((best, c) => ((statusRank[c.trafficking_status] ?? 0) > (statusRank[best] ?? 0) ? c.trafficking_status : best), first.trafficking_status);
  const reasonable = newestDecision(decisions, ['reasonable_grounds']);
  const conclusive = newestDecision(decisions, ['conclusive_grounds', 'reconsideration']);
  const majority: 'Adult' | 'Minor' = age !== null ? (age < 18 ? 'Minor' : 'Adult') : persons.some((p) => p.is_child) ? 'Minor' : 'Adult';
  return {
    dataset_id: datasetId,
    source_row: null,
    person_key: randomUUID(),
    year_of_registration: first.opened_at.getUTCFullYear(),
    datasource: 'Case management',
    gender: ctdcGenderOf(gender as Parameters<typeof ctdcGenderOf>[0], '2024'),
    age_broad: ctdcAgeBand(age, '2024'),
    majority_status: majority,
    citizenship: citizenship ? alpha3Of(citizenship) : null,
    country_of_exploitation: newestCountry ? alpha3Of(newestCountry) : null,
    traffick_months: account.traffick_months,
    means_of_control: account.means_of_control,
    exploitation: exploitationFlags(forms),
    labour_sectors: [...new Set([...(forms.includes('ForcedBegging') ? ['typeOfLabourBegging'] : []), ...account.labour_sectors])],
    sex_types: account.sex_types,
    recruiter_relations: account.recruiter_relations,
    stage: furthest.stage,
    trafficking_status: status,
    referring_organisation_type: translate(organisationTypeToHtcdsOrgType, first.reporter_type)[0] ?? null,
    referred_on: referredOn,
    reasonable_grounds_on: reasonable ? dayOf(reasonable.decided_at) : null,
    reasonable_grounds_outcome: reasonable?.outcome ?? null,
    conclusive_grounds_on: conclusive ? dayOf(conclusive.decided_at) : null,
    conclusive_grounds_outcome: conclusive?.outcome ?? null,
    ...nrmColumnsOf(cases, reasonable, nrm, dayOf),
    record_key: cipher ? cipher.recordKeys.ofPerson(representativeId) : null,
  };
}

/**
 * Replaces, in one transaction, the records of the single `country_cases` dataset with one record per person whose
 * consent to statistics is in force (see the decisions above), and audits the refresh with counts only.
 */
export async function refreshCountryDataset(db: Db, actor: Actor, options: RefreshOptions = {}): Promise<RefreshResult> {
  return runInTransaction(db, async (tx) => {
    const datasetId = await lockCountryDataset(tx, actor);
    const { cases, persons, decisions, consents, links, nrm, accounts } = await loadFacts(tx);

    const groups = new PersonGroups();
    for (const link of links) for (const candidate of link.candidate_person_ids) groups.union(link.person_id, candidate);

    const personsByGroup = new Map<string, PersonRow[]>();
    for (const p of persons) {
      const root = groups.find(p.id);
      const list = personsByGroup.get(root);
      if (list) list.push(p);
      else personsByGroup.set(root, [p]);
    }
    const casesByGroup = new Map<string, CaseRow[]>();
    const groupOfCase = new Map<string, string>();
    for (const c of cases) {
      const root = groups.find(c.person_id);
      groupOfCase.set(c.id, root);
      const list = casesByGroup.get(root);
      if (list) list.push(c);
      else casesByGroup.set(root, [c]);
    }
    const decisionsByGroup = new Map<string, DecisionRow[]>();
    for (const d of decisions) {
      const root = groupOfCase.get(d.case_id);
      if (root === undefined) continue;
      const list = decisionsByGroup.get(root);
      if (list) list.push(d);
      else decisionsByGroup.set(root, [d]);
    }
    // Consents are read oldest first: the last one seen per group is the newest, the one in force.
    const consentInForce = new Map<string, string>();
    for (const c of consents) consentInForce.set(groups.find(c.person_id), c.status);

    await tx.deleteFrom('statistical_records').where('dataset_id', '=', datasetId).execute();
    let excludedWithoutConsent = 0;
    const records: Array<NewRecord & { person_key: string } & NrmColumns> = [];
    for (const [root, groupCases] of casesByGroup) {
      if (consentInForce.get(root) !== 'given') {
        excludedWithoutConsent += 1;
        continue;
      }
      records.push(await recordOf(datasetId, personsByGroup.get(root) ?? [], groupCases, decisionsByGroup.get(root) ?? [], nrm, accounts, tx, options.cipher, root));
    }
    await insertRecords(tx, records);
    await tx
      .updateTable('statistical_datasets')
      .set({ refreshed_at: new Date(), rows_read: casesByGroup.size, rows_imported: records.length })
      .where('id', '=', datasetId)
      .execute();
    await appendAudit(tx, actor, {
      action: 'statistical_records.refresh',
      recordType: 'statistical_dataset',
      recordId: datasetId,
      purpose: 'statistics',
      summary: `country dataset derived from case records: ${records.length} persons included, ${excludedWithoutConsent} excluded without consent to statistics`,
    });
    return { datasetId, records: records.length, excludedWithoutConsent };
  });
}
