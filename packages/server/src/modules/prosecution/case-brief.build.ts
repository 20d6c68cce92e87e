import { sql } from 'kysely';
import type { SherlocBrief } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Subject } from '../../platform/access/rules.js';
import { alpha2Of } from '../statistical-records/country-codes.js';
import { caseBriefRules } from './case-brief.fields.js';
import * as repo from './prosecution.repo.js';
import { isDowngrade } from './prosecution.steps.js';

export const caseBriefTextBinding = (operationId: string) => `prosecution_case_briefs.text:${operationId}`;

/** The encrypted part of a brief's text. */
export interface StoredBriefText {
  caseName: string;
  caseNumber: string;
  factSummary: string;
  commentary: string;
}

export interface BriefTextRow {
  text: Uint8Array;
  country: string | null;
  status: 'draft' | 'approved_for_publication';
  approved_on: string | null;
  updated_at: Date;
  version: number;
}

export async function findBriefText(tx: Db, operationId: string, lock = false): Promise<BriefTextRow | undefined> {
  const { rows } = await sql<BriefTextRow>`
    select text, country, status, approved_on::text as approved_on, updated_at, version from prosecution_case_briefs where operation_id = ${operationId}::uuid
    ${lock ? sql`for update` : sql``}`.execute(tx);
  return rows[0];
}

export async function decryptBriefText(tx: Db, cipher: FieldCipher, operationId: string, row: BriefTextRow | undefined): Promise<StoredBriefText> {
  if (!row) return { caseName: '', caseNumber: '', factSummary: '', commentary: '' };
  return JSON.parse(await cipher.decrypt(row.text, caseBriefTextBinding(operationId), tx)) as StoredBriefText;
}

type Money = { currency: string; amount: number };
function totals(items: ReadonlyArray<{ currency: unknown; amount: unknown }>): Money[] {
  const sums = new Map<string, number>();
  for (const { currency, amount } of items) {
    if (typeof currency !== 'string' || amount === null || amount === undefined) continue;
    sums.set(currency, (sums.get(currency) ?? 0) + Number(amount));
  }
  return [...sums.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amount]) => ({ currency, amount }));
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const strOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const numOrNull = (value: unknown): number | null => (typeof value === 'number' ? value : null);
const minDate = (dates: readonly string[]) => [...dates].sort()[0] ?? null;
const maxDate = (dates: readonly string[]) => [...dates].sort().at(-1) ?? null;

/** SHERLOC's sex of a victim from the gender recorded (genders vocabulary). */
function sexOfGender(gender: string | null): 'female' | 'male' | 'other' | 'unknown' {
  if (gender === 'Feminine' || gender === 'TransgenderFeminine') return 'female';
  if (gender === 'Masculine' || gender === 'TransgenderMasculine') return 'male';
  return gender && gender !== 'NonSpecifiedUnknown' ? 'other' : 'unknown';
}

/** The victims linked to the operation's investigations while their consent to law enforcement is in force, counted by sex and age group. */
async function victimCounts(tx: Db, operationId: string, officeIds: readonly string[] | null) {
  const { rows } = await sql<{ victim_id: string; gender: string | null; is_child: boolean | null }>`
    select v.id as victim_id, p.gender, p.is_child
    from proceeding_victims v join prosecution_investigations i on i.id = v.investigation_id join cases c on c.id = v.case_id join persons p on p.id = c.person_id
    where i.operation_id = ${operationId}::uuid
      and ${officeIds === null ? sql`true` : sql`i.prosecution_office_id = any(${[...officeIds]}::uuid[])`}
      and exists (select 1 from person_consents pc where pc.person_id = c.person_id and pc.purpose = 'law_enforcement' and pc.status = 'given')`.execute(tx);
  const count = <K extends string>(keys: readonly K[], of: (row: (typeof rows)[number]) => K) =>
    keys.map((key) => ({ key, count: rows.filter((row) => of(row) === key).length })).filter((c) => c.count > 0);
  return {
    ids: rows.map((r) => r.victim_id),
    total: rows.length,
    bySex: count(['female', 'male', 'other', 'unknown'], (r) => sexOfGender(r.gender)).map(({ key, count: n }) => ({ sex: key, count: n })),
    byAgeGroup: count(['child', 'adult'] as const, (r) => (r.is_child ? 'child' : 'adult')).map(({ key, count: n }) => ({ ageGroup: key, count: n })),
  };
}

/**
 * An operation's case brief in SHERLOC's fields, from the records this user may reach (undefined: none). Built
 * from codes, dates, provisions, amounts and counts only: no name, pseudonym, identity, initials, place name,
 * investigation title or step description is read; defendants are numbered in the order they were recorded.
 */
export async function buildBrief(tx: Db, cipher: FieldCipher, subject: Subject, operationId: string): Promise<SherlocBrief | undefined> {
  const [operation] = await repo.findOperations(tx, subject, caseBriefRules.read, operationId);
  if (!operation) return undefined;
  const suspects = await repo.findSuspects(tx, subject, caseBriefRules.read, { operationId });
  const steps = await repo.stepsOf(tx, suspects.map((s) => s.id));
  // A prosecutor sees the investigations referred to her office; the recording agency all of them.
  const ownAgency = operation.organisation_id === subject.organisationId;
  const victims = await victimCounts(tx, operationId, ownAgency ? null : [subject.organisationId]);
  const compensation = victims.ids.length === 0 ? [] : await tx.selectFrom('proceeding_victim_compensation').select(['currency', 'amount_ordered', 'amount_paid']).where('victim_id', 'in', victims.ids).execute();
  const textRow = await findBriefText(tx, operationId);
  const text = await decryptBriefText(tx, cipher, operationId, textRow);
  // The country whose courts tried it: as the prosecutor chose, else the installation's own (country_settings).
  const own = (await tx.selectFrom('country_settings').select('country_iso3').where('id', '=', 1).executeTakeFirst())?.country_iso3;
  const country = textRow?.country ?? (own ? (alpha2Of(own) ?? null) : null);

  const defendants = suspects.map((suspect, index) => {
    const own = steps.filter((s) => s.suspect_id === suspect.id);
    const byId = new Map(own.map((s) => [s.id, s]));
    const of = (kind: string) => own.filter((s) => s.kind === kind);
    return {
      label: `D${index + 1}`,
      sex: suspect.sex,
      ageAtOffence: suspect.age_at_offence,
      citizenships: suspect.citizenships,
      roles: suspect.roles,
      charges: of('charge').map((c) => ({ date: c.occurred_on, provision: str(c.data.provision), category: str(c.data.category) })),
      verdicts: of('verdict').map((v) => {
        const charge = v.ref_step_id ? byId.get(v.ref_step_id) : undefined;
        const categoryCharged = str(charge?.data.category);
        const convicted = v.data.outcome === 'convicted';
        const categoryConvicted = convicted ? (strOrNull(v.data.convictedCategory) ?? categoryCharged) : null;
        return {
          date: v.occurred_on,
          provisionCharged: str(charge?.data.provision),
          categoryCharged,
          outcome: str(v.data.outcome),
          provisionConvicted: convicted ? (strOrNull(v.data.convictedProvision) ?? str(charge?.data.provision)) : null,
          categoryConvicted,
          downgraded: convicted && isDowngrade(categoryCharged, categoryConvicted ?? undefined),
        };
      }),
      sentences: of('sentence').map((s) => ({
        date: s.occurred_on,
        custodialMonths: numOrNull(s.data.custodialMonths) ?? 0,
        suspended: s.data.suspended === true,
        probationMonths: numOrNull(s.data.probationMonths),
        fineAmount: numOrNull(s.data.fineAmount),
        currency: strOrNull(s.data.currency),
      })),
      appeals: of('appeal').map((a) => {
        const decision = own.find((d) => d.kind === 'appeal_decision' && d.ref_step_id === a.id);
        return { date: a.occurred_on, appellant: str(a.data.appellant), outcome: decision ? str(decision.data.outcome) : null, decidedOn: decision?.occurred_on ?? null };
      }),
    };
  });

  const dated = (...kinds: string[]) => steps.filter((s) => kinds.includes(s.kind)).map((s) => s.occurred_on);
  const provisions = new Map<string, { provision: string; category: string }>();
  for (const c of steps.filter((s) => s.kind === 'charge')) provisions.set(`${str(c.data.provision)}\u001f${str(c.data.category)}`, { provision: str(c.data.provision), category: str(c.data.category) });
  const courtNames = [...new Set(steps.filter((s) => s.kind === 'prosecution').map((s) => s.court_name ?? ''))].filter((n) => n !== '').sort();
  const years = [...new Set([operation.started_on, ...steps.map((s) => s.occurred_on)].map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);

  return {
    operationId,
    reference: operation.reference,
    caseName: text.caseName,
    caseNumber: text.caseNumber,
    country,
    years,
    formsOfExploitation: operation.forms_of_exploitation,
    protocol: { acts: operation.protocol_acts, means: operation.protocol_means, purposes: operation.protocol_purposes },
    countries: operation.places.map((p) => ({ stage: p.stage, country: p.country })),
    courts: [
      ...(courtNames.length > 0 ? courtNames.map((name) => ({ level: 'first_instance' as const, name })) : dated('prosecution').length > 0 ? [{ level: 'first_instance' as const, name: null }] : []),
      ...(dated('appeal').length > 0 ? [{ level: 'appeal' as const, name: null }] : []),
    ],
    dates: {
      operationStarted: operation.started_on,
      firstCharge: minDate(dated('charge')),
      firstProsecution: minDate(dated('prosecution')),
      firstVerdict: minDate(dated('verdict')),
      lastDecision: maxDate(dated('verdict', 'sentence', 'appeal_decision')),
    },
    legalProvisions: [...provisions.values()],
    victims: { total: victims.total, bySex: victims.bySex, byAgeGroup: victims.byAgeGroup },
    defendants,
    compensation: {
      ordered: totals(compensation.map((c) => ({ currency: c.currency, amount: c.amount_ordered }))),
      paid: totals(compensation.map((c) => ({ currency: c.currency, amount: c.amount_paid }))),
      assetsConfiscated: totals(steps.filter((s) => s.kind === 'assets_confiscated').map((s) => ({ currency: s.data.currency, amount: s.data.amount }))),
      assetsPaidAsCompensation: totals(steps.filter((s) => s.kind === 'compensation_paid').map((s) => ({ currency: s.data.currency, amount: s.data.amount }))),
    },
    text: { factSummary: text.factSummary, commentary: text.commentary, status: textRow?.status ?? 'draft', approvedOn: textRow?.approved_on ?? null },
  };
}
