import { z } from 'zod';
import { bidiControlProblem, hasBidiControl, hasNul, isoDate, nulProblem, uuid } from './common.js';
import { documentLanguage } from './person-record.js';
import type { FunnelLanguage } from './prosecution-funnel.js';

/**
 * Reports from the prosecution records: the words of the funnel's downloads (labels beside the codes, en/fr/ar), and
 * the case brief in the fields of UNODC's SHERLOC case law database, for publication: no name, no identity, no
 * pseudonym; defendants are numbered.
 */

export interface FunnelLabels {
  readonly tables: Readonly<Record<'stages' | 'drop_outs' | 'intervals' | 'glotip', string>>;
  readonly values: Readonly<Record<string, string>>;
  readonly note: string;
}

export const funnelLabels: Readonly<Record<FunnelLanguage, FunnelLabels>> = {
  en: {
    tables: { stages: 'Funnel by stage and year', drop_outs: 'Drop-outs by reason', intervals: 'Days between steps', glotip: 'Beside UNODC GLOTIP' },
    values: {
      investigations: 'Investigations', suspected: 'Persons suspected', charged: 'Charged', prosecuted: 'Prosecuted', convicted: 'Convicted', sentenced: 'Sentenced', final: 'Final conviction',
      not_charged: 'Not charged', not_prosecuted: 'Charges dropped before court', awaiting_verdict: 'Awaiting verdict', dismissed: 'Charges dismissed', acquitted: 'Acquitted',
      awaiting_sentence: 'Awaiting sentence', appeal_pending: 'Appeal pending or time for appeal running', appeal_overturned: 'Conviction overturned on appeal', downgraded: 'Convicted of a lesser offence than charged',
      opened_to_charge: 'Investigation opened to charge', charge_to_prosecution: 'Charge to prosecution', prosecution_to_conviction: 'Prosecution to conviction', conviction_to_sentence: 'Conviction to sentence', conviction_to_final: 'Conviction to final',
      persons: 'Persons measured', q1: 'First quartile (days)', median: 'Median (days)', q3: 'Third quartile (days)', total: 'Total',
      country_prosecuted: 'Prosecuted (this country)', country_convicted: 'Convicted (this country)', glotip_prosecuted: 'Prosecuted (GLOTIP)', glotip_convicted: 'Convicted (GLOTIP)',
    },
    note: 'Counts perturbed by the cell-key method (changes of at most 2 per year); figures over several years are sums of years.',
  },
  fr: {
    tables: { stages: 'Entonnoir par étape et par année', drop_outs: 'Sorties par motif', intervals: 'Jours entre les étapes', glotip: 'À côté du GLOTIP de l’ONUDC' },
    values: {
      investigations: 'Enquêtes', suspected: 'Personnes soupçonnées', charged: 'Inculpées', prosecuted: 'Poursuivies', convicted: 'Condamnées', sentenced: 'Peine prononcée', final: 'Condamnation définitive',
      not_charged: 'Non inculpées', not_prosecuted: 'Charges abandonnées avant le procès', awaiting_verdict: 'En attente de jugement', dismissed: 'Charges rejetées', acquitted: 'Acquittées',
      awaiting_sentence: 'En attente de la peine', appeal_pending: 'Appel en cours ou délai d’appel non écoulé', appeal_overturned: 'Condamnation annulée en appel', downgraded: 'Condamnées pour une infraction moins grave que l’inculpation',
      opened_to_charge: 'De l’ouverture de l’enquête à l’inculpation', charge_to_prosecution: 'De l’inculpation aux poursuites', prosecution_to_conviction: 'Des poursuites à la condamnation', conviction_to_sentence: 'De la condamnation à la peine', conviction_to_final: 'De la condamnation au caractère définitif',
      persons: 'Personnes mesurées', q1: 'Premier quartile (jours)', median: 'Médiane (jours)', q3: 'Troisième quartile (jours)', total: 'Total',
      country_prosecuted: 'Poursuivies (ce pays)', country_convicted: 'Condamnées (ce pays)', glotip_prosecuted: 'Poursuivies (GLOTIP)', glotip_convicted: 'Condamnées (GLOTIP)',
    },
    note: 'Effectifs perturbés par la méthode des clés de cellule (écart d’au plus 2 par année) ; les chiffres sur plusieurs années sont des sommes d’années.',
  },
  ar: {
    tables: { stages: 'مسار الملاحقة حسب المرحلة والسنة', drop_outs: 'حالات الخروج حسب السبب', intervals: 'الأيام بين المراحل', glotip: 'مقارنة بتقرير GLOTIP لمكتب الأمم المتحدة' },
    values: {
      investigations: 'التحقيقات', suspected: 'الأشخاص المشتبه بهم', charged: 'الموجّه إليهم اتهام', prosecuted: 'الملاحقون قضائياً', convicted: 'المدانون', sentenced: 'الصادر بحقهم حكم بالعقوبة', final: 'إدانة نهائية',
      not_charged: 'لم يوجَّه إليهم اتهام', not_prosecuted: 'سُحبت التهم قبل المحكمة', awaiting_verdict: 'في انتظار الحكم', dismissed: 'رُفضت التهم', acquitted: 'تمت تبرئتهم',
      awaiting_sentence: 'في انتظار العقوبة', appeal_pending: 'استئناف قيد النظر أو مهلة الاستئناف سارية', appeal_overturned: 'أُلغيت الإدانة في الاستئناف', downgraded: 'أدينوا بجريمة أخف من التهمة',
      opened_to_charge: 'من فتح التحقيق إلى الاتهام', charge_to_prosecution: 'من الاتهام إلى الملاحقة', prosecution_to_conviction: 'من الملاحقة إلى الإدانة', conviction_to_sentence: 'من الإدانة إلى العقوبة', conviction_to_final: 'من الإدانة إلى الحكم النهائي',
      persons: 'الأشخاص المحتسبون', q1: 'الربيع الأول (أيام)', median: 'الوسيط (أيام)', q3: 'الربيع الثالث (أيام)', total: 'المجموع',
      country_prosecuted: 'الملاحقون (هذا البلد)', country_convicted: 'المدانون (هذا البلد)', glotip_prosecuted: 'الملاحقون (GLOTIP)', glotip_convicted: 'المدانون (GLOTIP)',
    },
    note: 'الأعداد معدَّلة بطريقة مفتاح الخلية (تغيير لا يتجاوز 2 لكل سنة)؛ الأرقام على عدة سنوات هي مجموع السنوات.',
  },
};

const money = z.object({ currency: z.string(), amount: z.number() });

/** Whether the prosecutor's text may be published yet. */
export const caseBriefStatuses = ['draft', 'approved_for_publication'] as const;
export type CaseBriefStatus = (typeof caseBriefStatuses)[number];

const publicationText = (max: number) =>
  z.string().trim().max(max, `must be at most ${max} characters`).refine((v) => !hasBidiControl(v), bidiControlProblem).refine((v) => !hasNul(v), nulProblem);

/**
 * The prosecutor's part of a brief, written for publication: the case name and number as published (initials at
 * most), the country, a summary of the facts and a commentary. Encrypted at rest (free text can name someone).
 */
export const caseBriefTextRequest = z.object({
  caseName: publicationText(200),
  caseNumber: publicationText(100),
  country: z.string().regex(/^[A-Z]{2}$/u, 'must be an ISO 3166-1 alpha-2 code such as MD').nullable(),
  factSummary: publicationText(20_000),
  commentary: publicationText(20_000),
  status: z.enum(caseBriefStatuses),
});
export type CaseBriefTextRequest = z.infer<typeof caseBriefTextRequest>;

export const caseBriefText = caseBriefTextRequest.extend({ approvedOn: isoDate.nullable(), updatedAt: z.string(), version: z.number() });
export type CaseBriefText = z.infer<typeof caseBriefText>;

export const caseBriefQuery = z.object({ language: documentLanguage.default('en') });

/**
 * A case brief in SHERLOC's fields, identities removed: defendants are numbered (never named, no pseudonym), victims
 * are counted by sex and age group (never named, no initials), no witness, no place name, no free text but the
 * prosecutor's text for publication.
 */
export const sherlocBrief = z.object({
  operationId: uuid,
  reference: z.string(),
  caseName: z.string(),
  caseNumber: z.string(),
  country: z.string().nullable(),
  years: z.array(z.number()),
  formsOfExploitation: z.array(z.string()),
  protocol: z.object({ acts: z.array(z.string()), means: z.array(z.string()), purposes: z.array(z.string()) }),
  countries: z.array(z.object({ stage: z.string(), country: z.string() })),
  courts: z.array(z.object({ level: z.enum(['first_instance', 'appeal']), name: z.string().nullable() })),
  dates: z.object({ operationStarted: isoDate, firstCharge: isoDate.nullable(), firstProsecution: isoDate.nullable(), firstVerdict: isoDate.nullable(), lastDecision: isoDate.nullable() }),
  legalProvisions: z.array(z.object({ provision: z.string(), category: z.string() })),
  victims: z.object({
    total: z.number(),
    bySex: z.array(z.object({ sex: z.string(), count: z.number() })),
    byAgeGroup: z.array(z.object({ ageGroup: z.enum(['child', 'adult']), count: z.number() })),
  }),
  defendants: z.array(
    z.object({
      label: z.string(),
      sex: z.string(),
      ageAtOffence: z.number().nullable(),
      citizenships: z.array(z.string()),
      roles: z.array(z.string()),
      charges: z.array(z.object({ date: isoDate, provision: z.string(), category: z.string() })),
      verdicts: z.array(z.object({ date: isoDate, provisionCharged: z.string(), categoryCharged: z.string(), outcome: z.string(), provisionConvicted: z.string().nullable(), categoryConvicted: z.string().nullable(), downgraded: z.boolean() })),
      sentences: z.array(z.object({ date: isoDate, custodialMonths: z.number(), suspended: z.boolean(), probationMonths: z.number().nullable(), fineAmount: z.number().nullable(), currency: z.string().nullable() })),
      appeals: z.array(z.object({ date: isoDate, appellant: z.string(), outcome: z.string().nullable(), decidedOn: isoDate.nullable() })),
    }),
  ),
  /** Totals: compensation ordered and paid to the victims (minor units), assets confiscated and paid out as compensation (as recorded on the steps). */
  compensation: z.object({ ordered: z.array(money), paid: z.array(money), assetsConfiscated: z.array(money), assetsPaidAsCompensation: z.array(money) }),
  text: z.object({ factSummary: z.string(), commentary: z.string(), status: z.enum(caseBriefStatuses), approvedOn: isoDate.nullable() }),
});
export type SherlocBrief = z.infer<typeof sherlocBrief>;

/**
 * Whether a brief names the offence convicted apart from the charge: only when it differs from the one charged (another
 * provision or category, a downgrade among them). A conviction of the offence charged names its provision once.
 */
export function namesOffenceConvicted(v: Pick<SherlocBrief['defendants'][number]['verdicts'][number], 'provisionCharged' | 'categoryCharged' | 'provisionConvicted' | 'categoryConvicted'>): boolean {
  if (v.provisionConvicted === null) return false;
  return v.provisionConvicted !== v.provisionCharged || (v.categoryConvicted !== null && v.categoryConvicted !== v.categoryCharged);
}
