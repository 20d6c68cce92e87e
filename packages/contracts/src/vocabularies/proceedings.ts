/**
 * Victims in criminal proceedings and cross-border requests: the codes the forms offer and the records keep. Labels
 * live in the web app's translations (proceedings.*), never here.
 */

/** How a victim stands in the proceedings. */
export const victimStandings = ['witness', 'injured_party', 'civil_party'] as const;
export type VictimStanding = (typeof victimStandings)[number];

/**
 * How far the person chooses to cooperate, graduated (each level includes the ones before it); `none` records that she
 * chose not to (or no longer to) cooperate. Her choice, dated; assistance never depends on it.
 */
export const cooperationLevels = ['none', 'information', 'statement', 'complaint', 'testimony'] as const;
export type CooperationLevel = (typeof cooperationLevels)[number];

/** Protection measures in court. */
export const protectionMeasures = ['screen', 'video_link', 'support_person', 'identity_protection', 'escort', 'closed_hearing'] as const;
export type ProtectionMeasure = (typeof protectionMeasures)[number];

/** Whether a requested measure was provided. */
export const protectionOutcomes = ['pending', 'provided', 'refused'] as const;
export type ProtectionOutcome = (typeof protectionOutcomes)[number];

/** What a non-punishment claim concerns: the offence the person was made to commit. */
export const nonPunishmentOffences = ['immigration', 'document_fraud', 'sex_work', 'drugs', 'theft', 'begging', 'other'] as const;
export type NonPunishmentOffence = (typeof nonPunishmentOffences)[number];
export const proceedingNonPunishmentOutcomes = ['pending', 'granted', 'refused'] as const;
export type ProceedingNonPunishmentOutcome = (typeof proceedingNonPunishmentOutcomes)[number];

/** Where compensation is claimed. */
export const proceedingCompensationRoutes = ['criminal_proceedings', 'civil_proceedings', 'state_fund'] as const;
export type ProceedingCompensationRoute = (typeof proceedingCompensationRoutes)[number];

/** ISO 4217 codes the compensation forms accept, with their minor units (amounts are kept as integers in minor units). */
export const currencyMinorUnits = { EUR: 2, USD: 2, GBP: 2, CHF: 2, MDL: 2, RON: 2, UAH: 2, NGN: 2, XOF: 0, JPY: 0, TND: 3 } as const;
export type CurrencyCode = keyof typeof currencyMinorUnits;
export const currencyCodes = Object.keys(currencyMinorUnits) as [CurrencyCode, ...CurrencyCode[]];

/** Kinds of cross-border request. */
export const crossBorderKinds = ['mutual_legal_assistance', 'extradition', 'interpol_notice', 'europol_request', 'joint_investigation_team'] as const;
export type CrossBorderKind = (typeof crossBorderKinds)[number];

/**
 * Days after which a request still unanswered is overdue, by kind: the defaults this vocabulary gives (Council of Europe
 * and EU practice: Europol and Interpol channels answer within weeks, mutual legal assistance within a quarter,
 * extradition within half a year). One value per kind, the same for the whole country.
 */
export const crossBorderOverdueDays: Readonly<Record<CrossBorderKind, number>> = {
  mutual_legal_assistance: 90,
  extradition: 180,
  interpol_notice: 30,
  europol_request: 30,
  joint_investigation_team: 60,
};

export const crossBorderStatuses = ['sent', 'acknowledged', 'answered', 'refused', 'withdrawn'] as const;
export type CrossBorderStatus = (typeof crossBorderStatuses)[number];
/** Statuses that still wait for an answer (those that can become overdue). */
export const openCrossBorderStatuses = ['sent', 'acknowledged'] as const satisfies readonly CrossBorderStatus[];

/** Who sent a request: this country asking another, or another country asking this one. */
export const crossBorderDirections = ['outgoing', 'incoming'] as const;
export type CrossBorderDirection = (typeof crossBorderDirections)[number];

/** What a request asks for. */
export const crossBorderAsks = ['evidence', 'witness_hearing', 'search_seizure', 'asset_freezing', 'arrest', 'surrender', 'locate_person', 'information', 'joint_team'] as const;
export type CrossBorderAsk = (typeof crossBorderAsks)[number];

/** Grounds on which a request was refused. */
export const crossBorderRefusalGrounds = ['dual_criminality', 'political_offence', 'own_national', 'death_penalty', 'fair_trial', 'insufficient_evidence', 'procedural_defect', 'other'] as const;
export type CrossBorderRefusalGround = (typeof crossBorderRefusalGrounds)[number];
