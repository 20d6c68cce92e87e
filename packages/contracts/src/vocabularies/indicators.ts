/**
 * Indicator checklists for screening a person at first contact (identification is staged: initial identification
 * against indicators, then enquiries to corroborate them; shared/DOMAIN.md, seed 004:2854). A checklist is versioned
 * data: national coordinators publish new versions; the defaults below are version 1 of two checklists, seeded by
 * migration 0005_indicator_checklists.sql, which must hold exactly the same documents (a test compares them).
 *
 * Labels are English and stay in the data so that the web app can translate them by `code` later. Strengths are
 * Palermo's grading for screening, not a legal test. The result of a screening is a suggestion for the practitioner;
 * the decision on victim status is the competent authority's.
 */

/** How strongly a present indicator points to trafficking or forced labour on its own. */
export const indicatorStrengths = ['strong', 'medium', 'weak'] as const;
export type IndicatorStrength = (typeof indicatorStrengths)[number];

/** The element of the definition (UN Trafficking in Persons Protocol, art. 3(a)) an indicator points to. */
export const indicatorElements = ['act', 'means', 'purpose'] as const;
export type IndicatorElement = (typeof indicatorElements)[number];

/** Elements that can make up the child rule: for a child, no means are required (art. 3(c)). */
export const childRuleElements = ['act', 'purpose'] as const;
export type ChildRuleElement = (typeof childRuleElements)[number];

/** An answer per item. `unknown` (or no answer) never counts as present. */
export const indicatorAnswers = ['present', 'absent', 'unknown'] as const;
export type IndicatorAnswer = (typeof indicatorAnswers)[number];

/** What a screening suggests to the practitioner. It never decides victim status. */
export const screeningSuggestions = ['refer_for_identification', 'consider_further_enquiries', 'no_indicators_found'] as const;
export type ScreeningSuggestion = (typeof screeningSuggestions)[number];

export interface IndicatorCategory {
  code: string;
  label: string;
}

export interface IndicatorItem {
  /** Stable within the checklist code across versions: answers and translations refer to it. */
  code: string;
  label: string;
  /** What to look for, in a sentence or two. */
  description?: string;
  element: IndicatorElement;
  /** A code of the checklist's `categories`, for grouping on screen. */
  category: string;
  strength: IndicatorStrength;
  /** Applies only when the person is recorded as a child (under 18). */
  childOnly?: boolean;
}

export interface ScoringRule {
  /** Suggest referral for identification when any threshold is reached (counts of present indicators; null = off). */
  referWhen: { strongAtLeast: number | null; mediumAtLeast: number | null; weakAtLeast: number | null };
  /**
   * For a child: one present indicator of each listed element suffices for referral, whatever the means (art. 3(c)).
   * Empty: the checklist has no child rule and children are screened with the thresholds alone.
   */
  childReferWhenPresent: ChildRuleElement[];
}

export interface IndicatorChecklistDocument {
  /** Stable identifier of the checklist across versions. */
  code: string;
  version: number;
  title: string;
  /** Where the indicators come from. */
  source: string;
  note?: string;
  categories: IndicatorCategory[];
  items: IndicatorItem[];
  scoring: ScoringRule;
}

/** The 11 ILO indicators of forced labour, version 1. */
export const iloForcedLabourChecklist: IndicatorChecklistDocument = {
  code: 'ilo_forced_labour',
  version: 1,
  title: 'ILO indicators of forced labour',
  source:
    'ILO Special Action Programme to Combat Forced Labour, "ILO Indicators of Forced Labour" (Geneva: ILO, 2012), the 11 ' +
    'indicators, based on the Forced Labour Convention, 1930 (No. 29). Six of them are cited from ILO (2005) in seed ' +
    '004:2892 (shared/DOMAIN.md). Descriptions paraphrased; strengths assigned by Palermo for screening.',
  note:
    'The ILO notes that one indicator may in some cases imply forced labour while in others several are needed. These ' +
    'indicators describe forced labour, not the act of trafficking: for a child, use the general trafficking checklist, ' +
    'whose child rule needs no means.',
  categories: [
    { code: 'recruitment', label: 'Recruitment' },
    { code: 'coercion', label: 'Coercion and control' },
    { code: 'conditions', label: 'Working and living conditions' },
  ],
  items: [
    {
      code: 'abuse_of_vulnerability',
      label: 'Abuse of vulnerability',
      description: 'The employer takes advantage of a lack of knowledge of the language or law, few livelihood options, irregular status, or dependency on the employer.',
      element: 'means',
      category: 'coercion',
      strength: 'medium',
    },
    {
      code: 'deception',
      label: 'Deception',
      description: 'Promises about the type of work, wages, conditions, housing, legal status or location were not kept.',
      element: 'means',
      category: 'recruitment',
      strength: 'medium',
    },
    {
      code: 'restriction_of_movement',
      label: 'Restriction of movement',
      description: 'Locked in or guarded at the workplace or housing, or not free to come and go.',
      element: 'means',
      category: 'coercion',
      strength: 'strong',
    },
    {
      code: 'isolation',
      label: 'Isolation',
      description: 'Kept in a remote or hidden place, or cut off from contact with family and the outside world.',
      element: 'means',
      category: 'coercion',
      strength: 'medium',
    },
    {
      code: 'physical_and_sexual_violence',
      label: 'Physical and sexual violence',
      description: 'Beating, sexual violence, or being forced to take drugs or alcohol, against the worker or their family.',
      element: 'means',
      category: 'coercion',
      strength: 'strong',
    },
    {
      code: 'intimidation_and_threats',
      label: 'Intimidation and threats',
      description: 'Threats of violence, of denunciation to the police or immigration authorities, of losing wages or housing, or insults.',
      element: 'means',
      category: 'coercion',
      strength: 'medium',
    },
    {
      code: 'retention_of_identity_documents',
      label: 'Retention of identity documents',
      description: 'Passport or identity papers kept by the employer or another person and not available to the worker on demand.',
      element: 'means',
      category: 'coercion',
      strength: 'strong',
    },
    {
      code: 'withholding_of_wages',
      label: 'Withholding of wages',
      description: 'Wages withheld, delayed or deducted systematically, so that the worker cannot leave without losing them.',
      element: 'means',
      category: 'coercion',
      strength: 'medium',
    },
    {
      code: 'debt_bondage',
      label: 'Debt bondage',
      description: 'Working to repay a debt (recruitment, travel, housing, advances) that the employer inflates or that cannot be repaid.',
      element: 'means',
      category: 'coercion',
      strength: 'strong',
    },
    {
      code: 'abusive_working_and_living_conditions',
      label: 'Abusive working and living conditions',
      description: 'Degrading, hazardous or unhealthy work or housing that a free worker would not accept.',
      element: 'purpose',
      category: 'conditions',
      strength: 'weak',
    },
    {
      code: 'excessive_overtime',
      label: 'Excessive overtime',
      description: 'Working hours or overtime far beyond legal limits or what was agreed, under compulsion, without rest days.',
      element: 'purpose',
      category: 'conditions',
      strength: 'weak',
    },
  ],
  scoring: { referWhen: { strongAtLeast: 1, mediumAtLeast: 2, weakAtLeast: null }, childReferWhenPresent: [] },
};

const item = (
  code: string,
  label: string,
  element: IndicatorElement,
  category: string,
  strength: IndicatorStrength,
  childOnly = false,
): IndicatorItem => ({ code, label, element, category, strength, ...(childOnly ? { childOnly } : {}) });

/** A general list of trafficking indicators by element of the definition, with child-specific indicators; version 1. */
export const generalTraffickingChecklist: IndicatorChecklistDocument = {
  code: 'trafficking_general',
  version: 1,
  title: 'General indicators of trafficking in persons',
  source:
    'Palermo default list, organised by the elements of the definition in the UN Trafficking in Persons Protocol, art. 3 ' +
    '(seed 004:336-347): act, means, purpose; art. 3(c) for children. Informed by the ILO and European Commission ' +
    '"Operational indicators of trafficking in human beings" (2009) and the UNODC list of possible indicators. ' +
    'Strengths assigned by Palermo for screening; review nationally before use.',
  note: 'For a child, an indicator of the act and one of the purpose suffice: no means are required (art. 3(c)).',
  categories: [
    { code: 'recruitment', label: 'Recruitment' },
    { code: 'movement', label: 'Movement and control by a third party' },
    { code: 'control', label: 'Means of control' },
    { code: 'exploitation', label: 'Signs of exploitation' },
    { code: 'child', label: 'Children' },
  ],
  items: [
    item('recruited_by_deception', 'Recruited with false promises about the work, pay, conditions or destination', 'means', 'recruitment', 'medium'),
    item('recruited_by_force', 'Recruited or taken by force, abduction or threats', 'means', 'recruitment', 'strong'),
    item('recruitment_debt', 'Recruitment or travel costs created a debt to the recruiter, transporter or employer', 'means', 'recruitment', 'medium'),
    item('sold_or_handed_over', 'Sold, bought or handed over, or someone was paid to give up control of the person', 'means', 'recruitment', 'strong'),
    item('moved_by_third_party', 'Travel, transport, housing or work arranged by others who kept control afterwards', 'act', 'movement', 'medium'),
    item('moved_frequently', 'Moved by others between workplaces, towns or countries', 'act', 'movement', 'weak'),
    item('documents_arranged_by_others', 'Travel or identity documents were false, or obtained by others for the person', 'act', 'movement', 'weak'),
    item('movement_restricted', 'Cannot come and go freely: confined, accompanied or watched', 'means', 'control', 'strong'),
    item('documents_withheld', 'Identity or travel documents held by someone else', 'means', 'control', 'strong'),
    item('violence', 'Physical or sexual violence, or injuries the person cannot or will not explain', 'means', 'control', 'strong'),
    item('threats', 'Threats against the person or their family, including of denunciation to police or immigration', 'means', 'control', 'medium'),
    item('debt_bondage', 'Must work to repay a debt that grows or cannot be repaid', 'means', 'control', 'strong'),
    item('earnings_withheld', 'Earnings withheld, taken, or paid to someone else', 'means', 'control', 'medium'),
    item('isolation', 'Isolated from family and others, or does not know the address where they live or work', 'means', 'control', 'medium'),
    item('abuse_of_vulnerability', 'Dependency exploited: irregular status, language, addiction, disability, poverty or emotional ties', 'means', 'control', 'medium'),
    item('speaks_through_others', 'Someone else speaks for the person, or their account seems rehearsed', 'means', 'control', 'weak'),
    item('forced_work_or_services', 'Made to work, provide services or beg against their will', 'purpose', 'exploitation', 'strong'),
    item('sexual_exploitation', 'Made to provide sexual services, or others take the earnings of their prostitution', 'purpose', 'exploitation', 'strong'),
    item('forced_criminality', 'Made to commit offences, such as theft or growing or selling drugs', 'purpose', 'exploitation', 'strong'),
    item('organ_removal', 'Pressured or deceived into giving an organ', 'purpose', 'exploitation', 'strong'),
    item('domestic_servitude', 'Lives where they work, without private space or time off, on call day and night', 'purpose', 'exploitation', 'medium'),
    item('exploitative_conditions', 'Working or living conditions far below the norm: very long hours, no rest, degrading housing, little or no pay', 'purpose', 'exploitation', 'weak'),
    item('child_commercial_sex', 'A child in commercial sexual activity, in person or online (whatever the means)', 'purpose', 'child', 'strong', true),
    item('child_unaccompanied', 'A child unaccompanied, separated, or with an adult who is not a parent or legal guardian', 'act', 'child', 'medium', true),
    item('child_working_for_others', 'A child working, begging or selling for the profit of others', 'purpose', 'child', 'medium', true),
    item('child_age_or_documents_misrepresented', "A child whose age is misrepresented, or who travels on false or another person's documents", 'act', 'child', 'weak', true),
  ],
  scoring: { referWhen: { strongAtLeast: 1, mediumAtLeast: 2, weakAtLeast: null }, childReferWhenPresent: ['act', 'purpose'] },
};

/** The checklists seeded by migration 0005, version 1 each. */
export const defaultIndicatorChecklists: readonly IndicatorChecklistDocument[] = [iloForcedLabourChecklist, generalTraffickingChecklist];
