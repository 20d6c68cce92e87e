import { assessmentEntryRequest, assessmentRequest, type DeterminantActivity, type DeterminantCode, type DeterminantDirection, type DeterminantStrength, type DeterminantTypologyValue } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import { systemActor } from '../../platform/audit/audit.js';
import { createAssessment, recordEntry } from '../determinants/determinants.service.js';
import { demoSubject } from './demo.subjects.js';
import { SYNTHETIC } from './synthetic-label.js';

type Reading = readonly [DeterminantDirection, DeterminantStrength, string];
interface DemoDeterminant {
  readonly typology: DeterminantTypologyValue;
  readonly activity: DeterminantActivity;
  readonly influences: readonly DeterminantCode[];
  /** Five years ago, and last year. */
  readonly before: Reading;
  readonly after: Reading;
  /** Codes of the plan's indicators the later reading rests on. */
  readonly indicators?: readonly string[];
}

const t = (origin: 'internal' | 'external', nature: 'structural' | 'pressure_point', specificity: 'trafficking_specific' | 'contextual' | 'tangential', reach: 'direct' | 'indirect', level: 'personal' | 'institutional' | 'cultural'): DeterminantTypologyValue => ({ origin, nature, specificity, reach, level });

/**
 * The national rapporteur's two readings of the sixteen determinants of the country's anti-trafficking efforts, five
 * years apart (the demo's own words): what moved the response, what held it back, and what changed in between.
 */
const determinants: Record<DeterminantCode, DemoDeterminant> = {
  political_will: { typology: t('internal', 'pressure_point', 'contextual', 'direct', 'personal'), activity: 'active', influences: ['specialised_institutions', 'economy_funding', 'partnerships'],
    before: ['negative', 'moderate', 'Trafficking was absent from the government programme; the inter-ministerial commission met once in the year, at deputy level.'],
    after: ['positive', 'strong', 'The Prime Minister chairs the commission, which met four times; the plan was adopted by government decision with a budget line of its own.'] },
  acknowledgment_framing: { typology: t('internal', 'structural', 'trafficking_specific', 'direct', 'cultural'), activity: 'passive', influences: ['data_research', 'culture_discrimination'],
    before: ['negative', 'moderate', 'Officials framed trafficking as a matter of prostitution and illegal migration by foreigners; labour exploitation of nationals abroad was rarely acknowledged.'],
    after: ['neutral', 'moderate', 'The plan names labour exploitation and internal trafficking; ministers still speak of it chiefly as organised crime at the border.'] },
  data_research: { typology: t('internal', 'structural', 'trafficking_specific', 'indirect', 'institutional'), activity: 'passive', influences: ['acknowledgment_framing', 'political_will', 'external_monitoring'],
    before: ['negative', 'strong', 'Each institution counted in its own way; victims were counted twice and no figure on convictions matched another.'],
    after: ['positive', 'moderate', 'One case register for all organisations since the plan\'s first year; yearly statistics published with disclosure control. Research on labour exploitation remains scarce.'], indicators: ['I-0.1', 'I-4.1.2'] },
  culture_discrimination: { typology: t('internal', 'structural', 'contextual', 'indirect', 'cultural'), activity: 'passive', influences: ['acknowledgment_framing', 'case_law'],
    before: ['negative', 'strong', 'Victims of sexual exploitation were blamed in the press; Roma and migrant victims were seldom believed by the police.'],
    after: ['negative', 'moderate', 'Media guidelines adopted and followed by the public broadcaster; stereotypes about Roma victims persist in courts and in local police.'] },
  religion_morality: { typology: t('internal', 'structural', 'tangential', 'indirect', 'cultural'), activity: 'passive', influences: ['acknowledgment_framing'],
    before: ['neutral', 'weak', 'Religious communities ran two soup kitchens where some victims were met; no stance on trafficking as such.'],
    after: ['neutral', 'weak', 'A faith-based shelter joined the referral mechanism; the debate on prostitution law divides the communities and the parties.'] },
  governance_corruption: { typology: t('internal', 'structural', 'contextual', 'direct', 'institutional'), activity: 'passive', influences: ['case_law', 'specialised_institutions', 'external_monitoring'],
    before: ['negative', 'strong', 'Two border officers were suspected of facilitating transport; neither case came to court. Frequent turnover of heads of police units.'],
    after: ['negative', 'moderate', 'One official convicted of complicity; internal investigations reported yearly. Low salaries in the inspectorate keep the risk high.'] },
  partnerships: { typology: t('internal', 'pressure_point', 'trafficking_specific', 'direct', 'institutional'), activity: 'active', influences: ['civil_society', 'specialised_institutions'],
    before: ['neutral', 'moderate', 'NGOs and the police met case by case; no written agreement on referral.'],
    after: ['positive', 'strong', 'The five SOPs of the referral mechanism adopted by decree; referrals answered within a day in most cases.'], indicators: ['I-2.1.1', 'I-2.2'] },
  specialised_institutions: { typology: t('internal', 'structural', 'trafficking_specific', 'direct', 'institutional'), activity: 'active', influences: ['case_law', 'training_expertise', 'data_research'],
    before: ['neutral', 'moderate', 'A police unit in the capital only; no specialised prosecutors; the coordinator\'s office had two staff.'],
    after: ['positive', 'strong', 'Regional police teams, specialised prosecutors in each regional office, an identification authority deciding within its time in most cases, and a national rapporteur.'], indicators: ['I-2.1.4a'] },
  international_law: { typology: t('external', 'structural', 'trafficking_specific', 'direct', 'institutional'), activity: 'passive', influences: ['acknowledgment_framing', 'political_will'],
    before: ['positive', 'moderate', 'Party to the Palermo Protocol and the Council of Europe Convention; the Criminal Code\'s definition not fully aligned.'],
    after: ['positive', 'strong', 'Criminal Code amended after the Special Rapporteur\'s visit; the ILO Forced Labour Protocol ratified.'] },
  external_monitoring: { typology: t('external', 'pressure_point', 'trafficking_specific', 'direct', 'institutional'), activity: 'active', influences: ['political_will', 'data_research', 'governance_corruption'],
    before: ['positive', 'strong', 'The downgrade to the Tier 2 Watch List and GRETA\'s second report were discussed in parliament and led to the plan\'s preparation.'],
    after: ['positive', 'moderate', 'Recommendations followed up in one register; the upgrade to Tier 2 lessened the pressure, and some accepted recommendations stalled.'] },
  case_law: { typology: t('internal', 'structural', 'trafficking_specific', 'direct', 'institutional'), activity: 'passive', influences: ['culture_discrimination', 'political_will'],
    before: ['negative', 'moderate', 'Most trafficking charges were requalified as pimping; sentences were often suspended.'],
    after: ['neutral', 'moderate', 'The Supreme Court\'s ruling on the irrelevance of consent is followed by the lower courts; convictions for labour trafficking remain rare.'] },
  civil_society: { typology: t('internal', 'pressure_point', 'trafficking_specific', 'direct', 'institutional'), activity: 'active', influences: ['partnerships', 'external_monitoring', 'acknowledgment_framing'],
    before: ['positive', 'strong', 'Two NGOs provided nearly all assistance, with foreign funding; their shadow reports shaped GRETA\'s findings.'],
    after: ['positive', 'moderate', 'The NGO platform sits on the commission; grants are multi-year, but late payments strain the smaller members.'] },
  economy_funding: { typology: t('internal', 'structural', 'contextual', 'indirect', 'institutional'), activity: 'passive', influences: ['civil_society', 'specialised_institutions'],
    before: ['negative', 'strong', 'Victim services depended on foreign donors; a shelter closed for four months when a grant ended.'],
    after: ['neutral', 'moderate', 'A state budget line covers most of the plan; several activities are still funded by donors for less time than they run.'] },
  training_expertise: { typology: t('internal', 'pressure_point', 'trafficking_specific', 'direct', 'personal'), activity: 'active', influences: ['specialised_institutions', 'case_law'],
    before: ['neutral', 'weak', 'One-off trainings funded by projects; trained staff moved on.'],
    after: ['positive', 'moderate', 'Indicator training in the curricula of the police, border guard and labour inspectorate academies; judges trained at the judicial academy.'] },
  events_crises: { typology: t('external', 'pressure_point', 'contextual', 'indirect', 'institutional'), activity: 'active', influences: ['political_will', 'economy_funding', 'acknowledgment_framing'],
    before: ['neutral', 'weak', 'No particular event in the period.'],
    after: ['negative', 'strong', 'War in a neighbouring country brought tens of thousands of refugees, mostly women and children; services were stretched and recruitment attempts reported at the border.'] },
  covid19: { typology: t('external', 'pressure_point', 'tangential', 'indirect', 'institutional'), activity: 'passive', influences: ['economy_funding', 'partnerships'],
    before: ['neutral', 'weak', 'Not applicable: before the pandemic.'],
    after: ['negative', 'moderate', 'Lockdowns moved recruitment online and halted inspections for a year; remote hearings continued without measures for victims.'] },
};

/**
 * Two determinants assessments of the demo country, five years apart, by the demo's national rapporteur: all sixteen
 * determinants each time, several changing direction, with their influences, the recommendations and indicators the
 * later reading rests on. Written through the determinants' service; a second run finds them and adds nothing.
 */
export async function seedDemoDeterminants(tx: Db, country: string, recommendationIds: readonly string[], indicatorIds: ReadonlyMap<string, string>, today = new Date()): Promise<{ assessments: number; entries: number }> {
  const rapporteur = await demoSubject(tx, 'national_rapporteur', ['national_rapporteur']);
  const existing = await tx.selectFrom('determinant_assessments').select('id').where('title', 'like', `${SYNTHETIC} Determinants%`).executeTakeFirst();
  if (existing || !rapporteur) return { assessments: 0, entries: 0 };
  const actor = systemActor('demo');
  const year = today.getUTCFullYear();
  let entries = 0;
  for (const [which, assessed] of [['before', year - 6], ['after', year - 1]] as const) {
    const { id } = await createAssessment(tx, rapporteur, actor, assessmentRequest.parse({ country, periodFrom: `${assessed}-01-01`, periodTo: `${assessed}-12-31`, title: `${SYNTHETIC} Determinants of anti-trafficking efforts, ${assessed}` }));
    for (const [code, d] of Object.entries(determinants) as Array<[DeterminantCode, DemoDeterminant]>) {
      const [direction, strength, evidence] = d[which];
      const later = which === 'after';
      const indicators = later ? (d.indicators ?? []).map((c) => indicatorIds.get(c)).filter((x): x is string => x !== undefined) : [];
      // The later reading cites the recommendations of its themes (a few by position in the demo's list).
      const recommendations = later ? recommendationIds.filter((_, i) => (i * 7 + code.length) % 23 === 0) : [];
      await recordEntry(tx, rapporteur, actor, id, assessmentEntryRequest.parse({
        determinant: code, direction, activity: d.activity, strength, typology: d.typology, evidence, influences: d.influences, indicatorIds: indicators, recommendationIds: recommendations,
      }));
      entries += 1;
    }
  }
  return { assessments: 2, entries };
}
