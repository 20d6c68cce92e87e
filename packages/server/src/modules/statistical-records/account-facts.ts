import {
  ctdc2017MeansOfControlFlags,
  ctdc2024MeansOfControlFlags,
  ctdc2024RecruiterFlag,
  ctdc2017RecruiterFlag,
  industryToCtdc2017,
  industryToCtdc2024,
  sexExploitationToCtdc2017,
  sexExploitationToCtdc2024,
  translateAll,
  type Answer,
  type CodeOf,
  type ExploiterData,
  type htcdsRelationshipToTrafficker,
  type htcdsTypeOfExploitation,
  type htcdsTypeOfSexExploitation,
  type palermoAcquaintanceDetail,
  type palermoForcedLabourIndustry,
  type palermoMethodsOfControl,
  type SituationData,
} from '@palermo/contracts';
import { differenceInCalendarDays, differenceInCalendarMonths, parseISO } from 'date-fns';
import type { Db } from '../../platform/db/database.js';

/**
 * The person's account (modules/account, migration 0021) as CTDC columns of the country dataset. Only the structured
 * part (`data`, never the encrypted free text) is read, and only answers in the state `known`: "unknown" and
 * "declined" are missing in CTDC, like a field never recorded. Decisions, each documented where it is applied:
 *
 * - Forms of exploitation: those of every situation, added to the case's own (intake) forms.
 * - Duration (traffickMonths): from the earliest known start to the latest known end over the person's situations; a
 *   situation still ongoing ends on the referral day (the first case opened). Where dates are missing, the longest
 *   duration in months given for a situation. Whole calendar months (date-fns), banded as CTDC 2024 bands them.
 * - Country of exploitation: the case's own when recorded, else the country of the newest situation's last place of
 *   exploitation (the newest by start date; stage Exploitation).
 * - Means of control, labour sector, type of sexual exploitation: the union over situations, through the contracts'
 *   crosswalks. The 2024 flags, and the 2017 flag names beside them (as a CTDC 2017 import keeps them), so the 2017
 *   detail is not lost (meansOfControlRestrictsMovement, typeOfLabourManufacturing...). "Not specified" flags are
 *   not written: an empty list says it.
 * - Recruiter relation: each situation's relationship to the recruiter, and the relationship of every exploiter whose
 *   roles include Recruiter; Acquainted is split by the acquaintance detail (crosswalks/recruiter.ts).
 */

type Relationship = CodeOf<typeof htcdsRelationshipToTrafficker>;
type Acquaintance = CodeOf<typeof palermoAcquaintanceDetail>;
type Exploitation = CodeOf<typeof htcdsTypeOfExploitation>;
type Method = CodeOf<typeof palermoMethodsOfControl>;
type Industry = CodeOf<typeof palermoForcedLabourIndustry>;
type SexType = CodeOf<typeof htcdsTypeOfSexExploitation>;

export interface CaseAccount {
  readonly situations: readonly SituationData[];
  readonly exploiters: readonly ExploiterData[];
}

export type AccountsByCase = ReadonlyMap<string, CaseAccount>;

/** The CTDC columns the account fills. */
export interface AccountColumns {
  readonly forms: readonly Exploitation[];
  readonly traffick_months: string | null;
  readonly country_of_exploitation_alpha2: string | null;
  readonly means_of_control: string[];
  readonly labour_sectors: string[];
  readonly sex_types: string[];
  readonly recruiter_relations: string[];
}

const parse = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

/** The structured part of every situation and exploiter, by case: two queries. */
export async function loadAccounts(tx: Db): Promise<AccountsByCase> {
  const accounts = new Map<string, { situations: SituationData[]; exploiters: ExploiterData[] }>();
  const of = (caseId: string) => {
    let account = accounts.get(caseId);
    if (!account) {
      account = { situations: [], exploiters: [] };
      accounts.set(caseId, account);
    }
    return account;
  };
  const situations = await tx.selectFrom('account_situations').select(['case_id', 'data']).orderBy('created_at').orderBy('id').execute();
  for (const s of situations) of(s.case_id).situations.push(parse(s.data) as SituationData);
  const exploiters = await tx.selectFrom('account_exploiters').select(['case_id', 'data']).orderBy('created_at').orderBy('id').execute();
  for (const e of exploiters) of(e.case_id).exploiters.push(parse(e.data) as ExploiterData);
  return accounts;
}

function known<T>(answer: Answer<T> | undefined): T | undefined {
  return answer?.state === 'known' ? answer.value : undefined;
}

/** A duration in whole months as a CTDC 2024 band. */
export function traffickMonthsBand(months: number): string {
  if (months <= 12) return '0--12 (0-1 yr)';
  if (months <= 24) return '13--24 (1-2 yrs)';
  return '25+ (2+ yrs)';
}

function durationMonths(situations: readonly SituationData[], referredOn: string): number | null {
  let start: string | undefined;
  let end: string | undefined;
  let longest: number | null = null;
  for (const s of situations) {
    const from = known(s.startDate);
    const ongoing = known(s.ongoing) === true;
    const to = ongoing ? referredOn : known(s.endDate);
    if (from !== undefined && to !== undefined) {
      if (start === undefined || from < start) start = from;
      if (end === undefined || to > end) end = to;
    }
    const months = known(s.durationMonths);
    if (months !== undefined && (longest === null || months > longest)) longest = months;
  }
  if (start !== undefined && end !== undefined) {
    const from = parseISO(start);
    const to = parseISO(end);
    if (differenceInCalendarDays(to, from) >= 0) {
      const months = differenceInCalendarMonths(to, from);
      return Math.max(months, longest ?? 0);
    }
  }
  return longest;
}

function exploitationCountry(situations: readonly SituationData[]): string | null {
  const dated = situations.map((s, order) => ({ s, order, start: known(s.startDate) ?? '' }));
  // Newest first: by start date, then by when it was recorded.
  dated.sort((a, b) => (a.start === b.start ? b.order - a.order : a.start < b.start ? 1 : -1));
  for (const { s } of dated) {
    const places = s.places.filter((p) => p.stage === 'Exploitation');
    for (let i = places.length - 1; i >= 0; i -= 1) {
      const country = known(places[i]?.country);
      if (country) return country;
    }
  }
  return null;
}

const unique = (values: Iterable<string>): string[] => [...new Set(values)];

/** The CTDC columns of a person's account, over all of the person's cases. */
export function accountColumns(accounts: readonly CaseAccount[], referredOn: string): AccountColumns {
  const situations = accounts.flatMap((a) => a.situations);
  const exploiters = accounts.flatMap((a) => a.exploiters);
  const forms = unique(situations.flatMap((s) => known(s.forms) ?? [])) as Exploitation[];
  const methods = unique(situations.flatMap((s) => known(s.methodsOfControl) ?? [])) as Method[];
  const industries = unique(situations.flatMap((s) => known(s.labourIndustries) ?? [])) as Industry[];
  const sexTypes = unique(situations.flatMap((s) => known(s.sexualExploitationTypes) ?? [])) as SexType[];
  const relations: Array<[Relationship, Acquaintance | undefined]> = [];
  for (const s of situations) {
    const relationship = known(s.recruiterRelationship) as Relationship | undefined;
    if (relationship) relations.push([relationship, s.recruiterAcquaintance as Acquaintance | undefined]);
  }
  for (const e of exploiters) {
    const relationship = known(e.relationship) as Relationship | undefined;
    if (relationship && (known(e.roles) ?? []).includes('Recruiter')) relations.push([relationship, e.acquaintance as Acquaintance | undefined]);
  }
  const months = durationMonths(situations, referredOn);
  const means2017 = methods.length > 0 ? ctdc2017MeansOfControlFlags(methods) : [];
  return {
    forms,
    traffick_months: months === null ? null : traffickMonthsBand(months),
    country_of_exploitation_alpha2: exploitationCountry(situations),
    means_of_control: unique([...ctdc2024MeansOfControlFlags(methods), ...means2017]),
    labour_sectors: unique([...translateAll(industryToCtdc2024, industries), ...translateAll(industryToCtdc2017, industries)]),
    sex_types: unique([...translateAll(sexExploitationToCtdc2024, sexTypes), ...translateAll(sexExploitationToCtdc2017, sexTypes)]),
    recruiter_relations: unique(
      relations.flatMap(([relationship, detail]) => {
        const flag2024 = ctdc2024RecruiterFlag(relationship, detail ?? null);
        const flag2017 = ctdc2017RecruiterFlag(relationship, detail ?? null);
        return [...(flag2024 ? [flag2024] : []), ...(flag2017 !== 'recruiterRelationUnknown' ? [flag2017] : [])];
      }),
    ),
  };
}
