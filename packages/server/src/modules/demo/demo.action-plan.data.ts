import type { ComputedIndicatorCode, OrganisationType, PlanIndicatorType, PlanPillar } from '@palermo/contracts';

/**
 * The synthetic country's national action plan, as such plans are written: objectives under the four pillars,
 * activities with a responsible organisation and partners, a yearly budget and its funding, and indicators of outputs
 * and outcomes (some entered by hand from a ministry's register, some computed from the platform's own records).
 * Texts are the demo's own; the organisations are the demo organisations by type.
 */

export const demoObjectives: ReadonlyArray<readonly [PlanPillar, string, string]> = [
  ['prevention', '1.1', 'Make the risks of trafficking known to the people most exposed to them'],
  ['prevention', '1.2', 'Reduce labour exploitation and the demand for it in high-risk sectors'],
  ['prevention', '1.3', 'Protect children in care, out of school and online from recruitment'],
  ['protection', '2.1', 'Identify more victims, earlier, through the national referral mechanism'],
  ['protection', '2.2', 'Guarantee assistance and safe accommodation, whether or not the person cooperates with the police'],
  ['protection', '2.3', 'Support recovery, compensation and a safe return or stay'],
  ['prosecution', '3.1', 'Investigate trafficking and its proceeds proactively'],
  ['prosecution', '3.2', 'Prosecute and try cases with the victim protected in court'],
  ['prosecution', '3.3', 'Cooperate across borders in criminal matters'],
  ['partnership', '4.1', 'Coordinate the national response and monitor the plan'],
  ['partnership', '4.2', 'Work with civil society, employers and trade unions'],
  ['partnership', '4.3', 'Fund the response sustainably and cooperate internationally'],
];

export interface DemoActivity {
  readonly objective: string;
  readonly code: string;
  readonly title: string;
  readonly description: string;
  readonly responsible: OrganisationType;
  readonly partners: readonly OrganisationType[];
  /** Thousands of euros planned per year of the activity. */
  readonly yearly: number;
  /** Share of the budget from external donors (0 to 1), and whether that funding ends before the activity does. */
  readonly external: number;
  readonly fundingEndsEarly?: boolean;
  /** Years of the plan the activity runs, counted from the plan's first year (0 to 4). */
  readonly years: readonly [number, number];
}

const a = (objective: string, code: string, title: string, description: string, responsible: OrganisationType, partners: readonly OrganisationType[], yearly: number, external: number, years: readonly [number, number], fundingEndsEarly = false): DemoActivity =>
  ({ objective, code, title, description, responsible, partners, yearly, external, years, fundingEndsEarly });

export const demoActivities: readonly DemoActivity[] = [
  a('1.1', '1.1.1', 'National awareness campaign on deceptive job offers abroad', 'Radio, social media and posters at bus stations in the three regions with the most emigration; messages tested with returnees.', 'national_coordinator', ['ngo', 'international_organisation'], 120, 0.5, [0, 4]),
  a('1.1', '1.1.2', 'Information desks for people leaving for seasonal work', 'Pre-departure information on workers\' rights, contracts and the hotline, at the employment agency\'s regional offices.', 'labour_inspectorate', ['ngo'], 45, 0, [1, 4]),
  a('1.1', '1.1.3', 'Free national hotline, in five languages', 'A 24-hour hotline run by an NGO under contract with the coordinator; calls counted and referred.', 'ngo', ['law_enforcement', 'national_coordinator'], 90, 0.3, [0, 4], true),
  a('1.1', '1.1.4', 'School programme on safe migration and online grooming', 'Lessons for the last two years of secondary school, with teachers trained to recognise signs.', 'social_services', ['ngo'], 60, 0.6, [1, 3]),
  a('1.2', '1.2.1', 'Licensing and inspection of private employment agencies', 'A register of licensed agencies, with joint inspections and the licence withdrawn after recruitment fees are charged.', 'labour_inspectorate', ['law_enforcement'], 80, 0, [0, 4]),
  a('1.2', '1.2.2', 'Joint inspections in agriculture, construction and domestic work', 'Unannounced inspections of the labour inspectorate with the police in the sectors of the risk assessment.', 'labour_inspectorate', ['law_enforcement', 'border_guard'], 150, 0, [0, 4]),
  a('1.2', '1.2.3', 'Due diligence guidance for public procurement', 'Clauses against forced labour in public contracts, with a supplier self-assessment.', 'national_coordinator', ['labour_inspectorate'], 30, 0.4, [2, 4]),
  a('1.2', '1.2.4', 'Firewall between labour complaints and immigration enforcement', 'Workers without papers can complain to the inspectorate without being reported to the immigration office.', 'labour_inspectorate', ['immigration'], 10, 0, [1, 2]),
  a('1.3', '1.3.1', 'Missing children protocol for residential care', 'A child who goes missing from care is reported within two hours and assessed for trafficking on return.', 'social_services', ['law_enforcement', 'shelter'], 40, 0, [0, 2]),
  a('1.3', '1.3.2', 'Online recruitment monitoring with platforms', 'Agreements with the main job and dating platforms to take down suspicious advertisements and report them.', 'law_enforcement', ['ngo'], 70, 0.7, [1, 4], true),
  a('1.3', '1.3.3', 'Outreach to children out of school', 'Street work and mobile teams in the capital and the northern region.', 'ngo', ['social_services'], 55, 0.8, [0, 3], true),
  a('2.1', '2.1.1', 'Standard operating procedures of the national referral mechanism', 'The five SOPs adopted by decree, with referral forms and the time for each step.', 'national_coordinator', ['competent_authority', 'ngo', 'law_enforcement'], 25, 0, [0, 1]),
  a('2.1', '2.1.2', 'Indicator training for front-line staff', 'Two-day training on the indicators for border guards, labour inspectors, health and social workers.', 'national_coordinator', ['border_guard', 'labour_inspectorate', 'health', 'social_services'], 85, 0.5, [0, 4]),
  a('2.1', '2.1.3', 'Screening of asylum seekers and migrants in detention', 'Screening with the indicator checklist within 72 hours of arrival at a reception or detention centre.', 'immigration', ['ngo', 'international_organisation'], 50, 0.5, [1, 4]),
  a('2.1', '2.1.4', 'Identification decisions within the legal time', 'The competent authority decides on reasonable grounds within five working days, with a duty officer.', 'competent_authority', ['ngo'], 65, 0, [0, 4]),
  a('2.2', '2.2.1', 'Specialised shelter places for women and girls', 'Thirty places in two shelters, with psychological support and a 24-hour staff presence.', 'shelter', ['social_services', 'health'], 240, 0.25, [0, 4]),
  a('2.2', '2.2.2', 'Accommodation for men and transgender victims', 'Rented apartments with outreach support, opened in the second year.', 'ngo', ['social_services'], 95, 0.6, [1, 4], true),
  a('2.2', '2.2.3', 'Recovery and reflection period of ninety days', 'The law amended to ninety days, granted without condition of cooperation.', 'immigration', ['competent_authority'], 5, 0, [0, 1]),
  a('2.2', '2.2.4', 'Guardianship for unaccompanied and separated children', 'A guardian appointed within 24 hours for every child presumed to be a victim.', 'social_services', ['competent_authority'], 75, 0, [0, 4]),
  a('2.2', '2.2.5', 'Health care and interpretation for victims', 'Free health care, including mental health, with interpreters paid from the state budget.', 'health', ['ngo'], 60, 0, [0, 4]),
  a('2.3', '2.3.1', 'State compensation fund for victims', 'A fund paying victims when the offender cannot, financed from confiscated assets.', 'national_coordinator', ['prosecutor', 'court'], 100, 0, [2, 4]),
  a('2.3', '2.3.2', 'Vocational training and job placement', 'Individual plans with the employment agency; a small grant on first employment.', 'ngo', ['social_services'], 70, 0.7, [0, 4], true),
  a('2.3', '2.3.3', 'Safe return and reintegration with countries of origin', 'Risk assessment before return and a contact in the country of origin for a year.', 'international_organisation', ['embassy', 'ngo'], 65, 1, [0, 4], true),
  a('2.3', '2.3.4', 'Free legal aid for victims', 'A lawyer from the first interview with the police to the end of the proceedings and the compensation claim.', 'ngo', ['court'], 55, 0.3, [0, 4]),
  a('3.1', '3.1.1', 'Specialised anti-trafficking unit in each region', 'Regional teams of the police unit, with investigators trained in financial investigation.', 'law_enforcement', ['prosecutor'], 210, 0, [0, 4]),
  a('3.1', '3.1.2', 'Financial investigations in every trafficking case', 'A parallel financial investigation opened with each case; assets seized early.', 'law_enforcement', ['prosecutor'], 90, 0.2, [1, 4]),
  a('3.1', '3.1.3', 'Investigation of labour trafficking cases', 'Joint teams of investigators and labour inspectors; guidance on forced labour indicators.', 'law_enforcement', ['labour_inspectorate'], 60, 0, [1, 4]),
  a('3.1', '3.1.4', 'Investigation of officials suspected of complicity', 'Cases of complicity referred to the internal investigation unit and reported yearly.', 'prosecutor', ['law_enforcement'], 20, 0, [0, 4]),
  a('3.2', '3.2.1', 'Specialised prosecutors for trafficking cases', 'A network of prosecutors, one in each regional office, with yearly case reviews.', 'prosecutor', ['court'], 45, 0, [0, 4]),
  a('3.2', '3.2.2', 'Protection of victims in court', 'Video-recorded testimony, separate waiting rooms and hearings without the defendant present.', 'court', ['prosecutor', 'ngo'], 80, 0.3, [1, 4]),
  a('3.2', '3.2.3', 'Non-punishment of victims for offences they were compelled to commit', 'Prosecutorial guidelines on non-punishment, applied from the first contact.', 'prosecutor', ['law_enforcement'], 10, 0, [0, 1]),
  a('3.2', '3.2.4', 'Training of judges on trafficking and sentencing', 'Sessions at the judicial academy on the elements of the offence and victim testimony.', 'court', ['international_organisation'], 35, 0.6, [1, 3]),
  a('3.3', '3.3.1', 'Joint investigation teams with neighbouring countries', 'Joint investigation teams through the regional police cooperation centre.', 'law_enforcement', ['prosecutor', 'border_guard'], 75, 0.5, [1, 4]),
  a('3.3', '3.3.2', 'Faster mutual legal assistance requests', 'A central register of requests with their deadlines; requests answered within sixty days.', 'prosecutor', [], 15, 0, [0, 4]),
  a('4.1', '4.1.1', 'Secretariat of the national coordinator', 'Staff, meetings of the inter-ministerial commission four times a year, minutes published.', 'national_coordinator', [], 130, 0, [0, 4]),
  a('4.1', '4.1.2', 'Data collection on victims, offenders and proceedings', 'One case register for all organisations; yearly statistics published without identifying anyone.', 'national_coordinator', ['national_rapporteur'], 110, 0.4, [0, 4]),
  a('4.1', '4.1.3', 'Independent evaluation of the plan', 'A mid-term and a final evaluation by an independent team.', 'national_rapporteur', [], 40, 0.5, [2, 4]),
  a('4.2', '4.2.1', 'Grants to specialised NGOs', 'Multi-year grants for assistance, outreach and the hotline, awarded by open call.', 'national_coordinator', ['ngo'], 200, 0, [0, 4]),
  a('4.2', '4.2.2', 'Agreement with employers and trade unions', 'A memorandum with the employers\' federation and the trade unions on fair recruitment.', 'labour_inspectorate', ['ngo'], 20, 0.5, [1, 4]),
  a('4.3', '4.3.1', 'State budget line for the plan', 'A budget line of its own for the plan in the law on the state budget, replacing donor funding by the fourth year.', 'national_coordinator', [], 15, 0, [0, 4]),
];

export interface DemoIndicator {
  readonly code: string;
  readonly title: string;
  readonly type: PlanIndicatorType;
  /** Under an activity (its code) or an objective (its code), or the plan itself. */
  readonly activity?: string;
  readonly objective?: string;
  readonly computation?: ComputedIndicatorCode;
  readonly source?: string;
  readonly measure?: 'count' | 'percent';
  readonly direction?: 'increase' | 'decrease';
  readonly disaggregations?: ReadonlyArray<'sex' | 'age_group' | 'form_of_exploitation'>;
  /** The baseline, and the yearly target as a change from it (added each year). */
  readonly baseline: number;
  readonly step: number;
}

const hand = (code: string, title: string, type: PlanIndicatorType, activity: string, source: string, baseline: number, step: number, extra: Partial<DemoIndicator> = {}): DemoIndicator =>
  ({ code, title, type, activity, source, baseline, step, ...extra });
const computed = (code: string, title: string, computation: ComputedIndicatorCode, where: { objective?: string; activity?: string }, baseline: number, step: number): DemoIndicator =>
  ({ code, title, type: computation === 'follow_ups_made' ? 'output' : computation === 'glotip_detected_victims' ? 'impact' : 'outcome', computation, ...where, baseline, step });

const ministryRegister = 'Register of the responsible organisation, reported to the coordinator each January';
export const demoIndicators: readonly DemoIndicator[] = [
  computed('I-0.1', 'Persons identified as presumed victims (platform records)', 'persons_identified', {}, 420, 40),
  computed('I-0.2', 'Detected victims in the UNODC Global Report figures', 'glotip_detected_victims', {}, 380, 30),
  computed('I-2.1', 'Persons identified through the referral mechanism', 'persons_identified', { objective: '2.1' }, 420, 40),
  computed('I-2.1.4a', 'Reasonable-grounds decisions taken within the legal time', 'rg_decisions_in_time', { activity: '2.1.4' }, 55, 8),
  computed('I-2.1.4b', 'Reasonable-grounds decisions within the time, of those taken (second reading)', 'rg_decisions_in_time', { objective: '2.1' }, 55, 8),
  computed('I-2.1.1', 'Referrals answered within the SOP\'s time', 'referrals_answered_in_time', { activity: '2.1.1' }, 60, 8),
  computed('I-2.2', 'Referrals between organisations answered in time', 'referrals_answered_in_time', { objective: '2.2' }, 60, 8),
  computed('I-2.2.1', 'Persons identified with an assistance plan', 'persons_with_assistance_plan', { activity: '2.2.1' }, 50, 10),
  computed('I-2.3', 'Persons with an individual assistance plan', 'persons_with_assistance_plan', { objective: '2.3' }, 50, 10),
  computed('I-2.3.2', 'Follow-ups of assisted persons recorded', 'follow_ups_made', { activity: '2.3.2' }, 300, 60),
  computed('I-4.1.2', 'Cases recorded in the national case register', 'persons_identified', { activity: '4.1.2' }, 420, 40),
  computed('I-4.1', 'Follow-up contacts recorded by all organisations', 'follow_ups_made', { objective: '4.1' }, 300, 60),
  hand('I-1.1.1', 'People reached by the awareness campaign', 'output', '1.1.1', 'Campaign agency\'s reach report (radio, social media, posters)', 150_000, 50_000),
  hand('I-1.1.3', 'Calls to the hotline referred for assistance', 'output', '1.1.3', 'Hotline call log, monthly summary', 85, 15, { disaggregations: ['sex', 'age_group'] }),
  hand('I-1.1.4', 'Schools that teach the safe migration lessons', 'output', '1.1.4', 'Ministry of Education register', 40, 25),
  hand('I-1.2.1', 'Employment agencies inspected', 'output', '1.2.1', ministryRegister, 60, 20),
  hand('I-1.2.2', 'Joint inspections in high-risk sectors', 'output', '1.2.2', 'Labour inspectorate\'s inspection register', 120, 40),
  hand('I-1.2.2b', 'Workers found in forced labour situations in inspections', 'outcome', '1.2.2', 'Labour inspectorate\'s inspection register', 35, 10, { disaggregations: ['sex', 'form_of_exploitation'] }),
  hand('I-1.3.1', 'Children missing from care found within 72 hours', 'outcome', '1.3.1', 'Social services\' missing children log', 70, 5, { measure: 'percent' }),
  hand('I-1.3.2', 'Suspicious online advertisements taken down', 'output', '1.3.2', 'Police cybercrime unit\'s log', 200, 100),
  hand('I-2.1.2', 'Front-line staff trained on the indicators', 'output', '2.1.2', 'Training attendance lists', 250, 150, { disaggregations: ['sex'] }),
  hand('I-2.1.3', 'Migrants screened within 72 hours of arrival', 'outcome', '2.1.3', 'Immigration office\'s reception register', 40, 12, { measure: 'percent' }),
  hand('I-2.2.1b', 'Shelter places occupied on average', 'output', '2.2.1', 'Shelter occupancy records', 18, 3),
  hand('I-2.2.4', 'Children presumed victims with a guardian within 24 hours', 'outcome', '2.2.4', 'Guardianship authority\'s register', 55, 10, { measure: 'percent' }),
  hand('I-2.3.1', 'Victims paid compensation', 'outcome', '2.3.1', 'Compensation fund\'s payment register', 4, 6),
  hand('I-3.1.1', 'Trafficking investigations opened', 'output', '3.1.1', 'Police crime statistics', 45, 8, { disaggregations: ['form_of_exploitation'] }),
  hand('I-3.1.2', 'Investigations with a parallel financial investigation', 'outcome', '3.1.2', 'Police financial investigation unit', 20, 15, { measure: 'percent' }),
  hand('I-3.2.1', 'Days from charge to first-instance verdict (median)', 'outcome', '3.2.1', 'Prosecution office\'s case management system', 540, -60, { direction: 'decrease' }),
  hand('I-3.2.2', 'Victims who testified by video link', 'output', '3.2.2', 'Court registry', 6, 6),
  hand('I-3.3.2', 'Mutual legal assistance requests answered within sixty days', 'outcome', '3.3.2', 'Prosecution office\'s register of requests', 35, 10, { measure: 'percent' }),
];
