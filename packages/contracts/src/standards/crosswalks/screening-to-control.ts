import { defaultIndicatorChecklists, type IndicatorAnswer } from '../../vocabularies/indicators.js';
import type { ctdc2017Columns } from '../ctdc/k-anonymised.js';
import type { ctdc2024Columns } from '../ctdc/synthetic-v2.js';
import type { palermoMethodsOfControl } from '../extensions.js';
import type { CodeOf } from '../vocabulary.js';
import { translateAll, type Basis } from './crosswalk.js';
import { meansOfControlToCtdc2017, meansOfControlToCtdc2024 } from './means-of-control.js';

/**
 * Screening indicators (vocabularies/indicators.ts) to HTCDS methods of control (vic_MethodsOfControl with Palermo's
 * two extension values, extensions.ts) and, through crosswalks/means-of-control.ts, to CTDC's means flags.
 *
 * An indicator answered "present" SUGGESTS the methods listed here for the person's account; the caseworker confirms
 * each one before it is recorded (never silently). Indicators of the act or the purpose (recruitment, movement, forms
 * of exploitation) are not methods of control: they map to nothing, and the reason is written down. Every item of
 * every default checklist is listed once (a test holds the table to the checklists).
 */
export type MethodOfControl = CodeOf<typeof palermoMethodsOfControl>;

export interface ScreeningControlEntry {
  /** Indicator checklist code (stable across versions). */
  readonly checklist: string;
  /** Item code within the checklist (stable across versions). */
  readonly item: string;
  /** Methods of control a present answer suggests; empty when the indicator is not a method of control. */
  readonly methods: readonly MethodOfControl[];
  /** `doc`: the indicator's description names the method; `derived`: inferred; `decision`: the project's choice. */
  readonly basis: Basis;
  readonly note?: string;
}

const ACT_OR_PURPOSE = 'An indicator of the act or the purpose, not a means: it suggests no method of control.';
const RECRUITMENT = 'A method of recruitment, recorded with the account\'s recruitment, not a method of control.';
const VULNERABILITY =
  'Abuse of vulnerability has no HTCDS method of control of its own; the caseworker chooses the method the account describes (often Other).';

export const screeningToControl = {
  id: 'palermo.screening-indicators->palermo.vic_MethodsOfControl',
  reference: 'data-standard.md §1.3, §4.6; vocabularies/indicators.ts',
  entries: [
    // ILO indicators of forced labour
    { checklist: 'ilo_forced_labour', item: 'abuse_of_vulnerability', methods: [], basis: 'decision', note: VULNERABILITY },
    { checklist: 'ilo_forced_labour', item: 'deception', methods: ['FalsePromises'], basis: 'doc' },
    { checklist: 'ilo_forced_labour', item: 'restriction_of_movement', methods: ['RestrictsMovement'], basis: 'doc' },
    {
      checklist: 'ilo_forced_labour',
      item: 'isolation',
      methods: ['RestrictsMovement'],
      basis: 'derived',
      note: 'RestrictsMovement is defined as "confinement, monitoring, isolation".',
    },
    {
      checklist: 'ilo_forced_labour',
      item: 'physical_and_sexual_violence',
      methods: ['PhysicalAbuse', 'SexualAbuse', 'PsychoactiveSubstance'],
      basis: 'doc',
      note: 'The indicator covers both kinds of violence and forced drug or alcohol use: the caseworker keeps those the account names.',
    },
    {
      checklist: 'ilo_forced_labour',
      item: 'intimidation_and_threats',
      methods: ['PhysicalThreats', 'ThreatsLawEnforcement', 'PsychologicalAbuse'],
      basis: 'doc',
      note: 'Threats of violence, of denunciation to police or immigration, and insults: the caseworker keeps those the account names.',
    },
    { checklist: 'ilo_forced_labour', item: 'retention_of_identity_documents', methods: ['WithholdsDocuments'], basis: 'doc' },
    { checklist: 'ilo_forced_labour', item: 'withholding_of_wages', methods: ['TakesEarnings'], basis: 'doc' },
    { checklist: 'ilo_forced_labour', item: 'debt_bondage', methods: ['DebtBondage'], basis: 'doc' },
    {
      checklist: 'ilo_forced_labour',
      item: 'abusive_working_and_living_conditions',
      methods: ['WithholdsNecessities'],
      basis: 'derived',
      note: 'Degrading or unhealthy housing read as necessities withheld; hazardous work alone is not a method of control.',
    },
    { checklist: 'ilo_forced_labour', item: 'excessive_overtime', methods: ['ExcessiveWorkingHours'], basis: 'doc' },
    // General indicators of trafficking
    { checklist: 'trafficking_general', item: 'recruited_by_deception', methods: ['FalsePromises'], basis: 'doc' },
    { checklist: 'trafficking_general', item: 'recruited_by_force', methods: [], basis: 'decision', note: RECRUITMENT },
    {
      checklist: 'trafficking_general',
      item: 'recruitment_debt',
      methods: ['DebtBondage'],
      basis: 'derived',
      note: 'A debt created by recruitment or travel costs is the created debt of the DebtBondage definition.',
    },
    { checklist: 'trafficking_general', item: 'sold_or_handed_over', methods: [], basis: 'decision', note: RECRUITMENT },
    { checklist: 'trafficking_general', item: 'moved_by_third_party', methods: [], basis: 'doc', note: ACT_OR_PURPOSE },
    { checklist: 'trafficking_general', item: 'moved_frequently', methods: [], basis: 'doc', note: ACT_OR_PURPOSE },
    { checklist: 'trafficking_general', item: 'documents_arranged_by_others', methods: [], basis: 'doc', note: ACT_OR_PURPOSE },
    { checklist: 'trafficking_general', item: 'movement_restricted', methods: ['RestrictsMovement'], basis: 'doc' },
    { checklist: 'trafficking_general', item: 'documents_withheld', methods: ['WithholdsDocuments'], basis: 'doc' },
    {
      checklist: 'trafficking_general',
      item: 'violence',
      methods: ['PhysicalAbuse', 'SexualAbuse'],
      basis: 'doc',
      note: 'The caseworker keeps the kind of violence the account names.',
    },
    {
      checklist: 'trafficking_general',
      item: 'threats',
      methods: ['PhysicalThreats', 'ThreatensChildrenFamily', 'ThreatsLawEnforcement'],
      basis: 'doc',
      note: 'Threats against the person, against the family, or of denunciation: the caseworker keeps those the account names.',
    },
    { checklist: 'trafficking_general', item: 'debt_bondage', methods: ['DebtBondage'], basis: 'doc' },
    { checklist: 'trafficking_general', item: 'earnings_withheld', methods: ['TakesEarnings'], basis: 'doc' },
    {
      checklist: 'trafficking_general',
      item: 'isolation',
      methods: ['RestrictsMovement'],
      basis: 'derived',
      note: 'RestrictsMovement is defined as "confinement, monitoring, isolation".',
    },
    { checklist: 'trafficking_general', item: 'abuse_of_vulnerability', methods: [], basis: 'decision', note: VULNERABILITY },
    {
      checklist: 'trafficking_general',
      item: 'speaks_through_others',
      methods: [],
      basis: 'decision',
      note: 'A sign of control seen by the screener, not a method the person describes; the account says which method lies behind it.',
    },
    { checklist: 'trafficking_general', item: 'forced_work_or_services', methods: [], basis: 'doc', note: ACT_OR_PURPOSE },
    { checklist: 'trafficking_general', item: 'sexual_exploitation', methods: [], basis: 'doc', note: ACT_OR_PURPOSE },
    { checklist: 'trafficking_general', item: 'forced_criminality', methods: [], basis: 'doc', note: ACT_OR_PURPOSE },
    { checklist: 'trafficking_general', item: 'organ_removal', methods: [], basis: 'doc', note: ACT_OR_PURPOSE },
    { checklist: 'trafficking_general', item: 'domestic_servitude', methods: [], basis: 'doc', note: ACT_OR_PURPOSE },
    {
      checklist: 'trafficking_general',
      item: 'exploitative_conditions',
      methods: ['ExcessiveWorkingHours', 'WithholdsNecessities'],
      basis: 'derived',
      note: 'Very long hours without rest, and degrading housing: the caseworker keeps those the account names.',
    },
    { checklist: 'trafficking_general', item: 'child_commercial_sex', methods: [], basis: 'doc', note: ACT_OR_PURPOSE },
    { checklist: 'trafficking_general', item: 'child_unaccompanied', methods: [], basis: 'doc', note: ACT_OR_PURPOSE },
    { checklist: 'trafficking_general', item: 'child_working_for_others', methods: [], basis: 'doc', note: ACT_OR_PURPOSE },
    { checklist: 'trafficking_general', item: 'child_age_or_documents_misrepresented', methods: [], basis: 'doc', note: ACT_OR_PURPOSE },
  ],
} as const satisfies { id: string; reference: string; entries: readonly ScreeningControlEntry[] };

/** The methods of control one indicator suggests (empty when none or unknown). */
export function controlMethodsOfIndicator(checklist: string, item: string): readonly MethodOfControl[] {
  const entry = (screeningToControl.entries as readonly ScreeningControlEntry[]).find(
    (e) => e.checklist === checklist && e.item === item,
  );
  return entry?.methods ?? [];
}

/** One screening's answers as stored: checklist code and the answer per item code. */
export interface ScreeningAnswersInput {
  readonly checklist: string;
  readonly answers: Readonly<Record<string, IndicatorAnswer>> | ReadonlyArray<{ item: string; answer: IndicatorAnswer }>;
}

/** A suggested method of control with the indicators (checklist + item) that suggest it. */
export interface SuggestedMethodOfControl {
  readonly method: MethodOfControl;
  readonly indicators: ReadonlyArray<{ checklist: string; item: string }>;
}

/**
 * The methods of control a set of screenings suggests: only indicators answered "present" count ("unknown" and
 * "absent" never do). In the order of the methods' vocabulary. A suggestion for the caseworker to confirm.
 */
export function suggestMethodsOfControl(screenings: readonly ScreeningAnswersInput[]): SuggestedMethodOfControl[] {
  const by = new Map<MethodOfControl, Array<{ checklist: string; item: string }>>();
  for (const screening of screenings) {
    const pairs = Array.isArray(screening.answers)
      ? (screening.answers as ReadonlyArray<{ item: string; answer: IndicatorAnswer }>).map((a) => [a.item, a.answer] as const)
      : Object.entries(screening.answers as Readonly<Record<string, IndicatorAnswer>>);
    for (const [item, answer] of pairs) {
      if (answer !== 'present') continue;
      for (const method of controlMethodsOfIndicator(screening.checklist, item)) {
        const list = by.get(method) ?? [];
        if (!list.some((i) => i.checklist === screening.checklist && i.item === item)) list.push({ checklist: screening.checklist, item });
        by.set(method, list);
      }
    }
  }
  return METHOD_ORDER.filter((m) => by.has(m)).map((method) => ({ method, indicators: by.get(method) ?? [] }));
}

/** CTDC 2017 and 2024 means flags the suggested methods would set once confirmed. */
export function ctdcMeansFlagsOfSuggestion(methods: readonly MethodOfControl[]): {
  ctdc2017: Array<CodeOf<typeof ctdc2017Columns>>;
  ctdc2024: Array<CodeOf<typeof ctdc2024Columns>>;
} {
  return { ctdc2017: translateAll(meansOfControlToCtdc2017, methods), ctdc2024: translateAll(meansOfControlToCtdc2024, methods) };
}

const METHOD_ORDER: readonly MethodOfControl[] = meansOfControlToCtdc2017.from.codes.map((c) => c.code as MethodOfControl);

/** Item codes of the default checklists the table does not list (a test expects none). */
export function unmappedScreeningIndicators(): string[] {
  const listed = new Set((screeningToControl.entries as readonly ScreeningControlEntry[]).map((e) => `${e.checklist}:${e.item}`));
  return defaultIndicatorChecklists.flatMap((c) => c.items.map((i) => `${c.code}:${i.code}`)).filter((k) => !listed.has(k));
}
