import type { RecommendationBody, RecommendationTheme, RecommendationUrgency } from '@palermo/contracts';

/**
 * Recommendations of monitoring bodies to the synthetic country over ten years, in the bodies' own manner (the demo's
 * own words): GRETA's graded "urges / considers / invites", the US TIP report's prioritised recommendations, UPR
 * recommendations of other states, treaty bodies' concluding observations, the UN Special Rapporteur's visit, the ILO
 * supervisory bodies, the national rapporteur and a civil society shadow report. A few say almost the same as another
 * body's (the clusters). `ago`: years before the current one; `activities`: codes of the plan's activities answering it.
 */
export interface DemoRecommendation {
  readonly body: RecommendationBody;
  readonly ago: number;
  readonly paragraph: string;
  readonly urgency: RecommendationUrgency;
  readonly themes: readonly RecommendationTheme[];
  readonly text: string;
  readonly addressedTo: string;
  readonly activities?: readonly string[];
  /** Recommendations with the same cluster mark are linked together as one cluster by the rapporteur. */
  readonly cluster?: string;
}

const r = (body: RecommendationBody, ago: number, paragraph: string, urgency: RecommendationUrgency, themes: readonly RecommendationTheme[], text: string, addressedTo = '', activities: readonly string[] = [], cluster?: string): DemoRecommendation =>
  ({ body, ago, paragraph, urgency, themes, text, addressedTo, activities, ...(cluster ? { cluster } : {}) });

export const cycleOf = (body: RecommendationBody, year: number): string => ({
  greta: year % 2 === 0 ? 'Third evaluation round' : 'Second evaluation round',
  us_tip_report: `${year} Trafficking in Persons Report`,
  upr: year % 2 === 0 ? 'Fourth cycle' : 'Third cycle',
  cedaw: 'Concluding observations on the periodic report',
  crc: 'Concluding observations on the combined periodic reports',
  cerd: 'Concluding observations',
  human_rights_committee: 'Concluding observations on the periodic report',
  un_special_rapporteur: 'Report on the country visit',
  ilo_supervisory: 'CEACR observation, Forced Labour Convention (No. 29) and its Protocol',
  national_rapporteur: `Annual report ${year}`,
  civil_society_shadow: 'Shadow report of the NGO platform',
}[body]);

/** The day of the year each body's documents come out. */
export const issuedDay: Record<RecommendationBody, string> = {
  greta: '06-15', us_tip_report: '06-25', upr: '11-10', cedaw: '03-05', crc: '10-01', cerd: '08-30', human_rights_committee: '04-12',
  un_special_rapporteur: '05-20', ilo_supervisory: '02-20', national_rapporteur: '10-10', civil_society_shadow: '09-15',
};

const ministryOfInterior = 'Ministry of the Interior';
const ministryOfLabour = 'Ministry of Labour and Social Protection';
const ministryOfJustice = 'Ministry of Justice';
const government = 'Government';

export const demoRecommendations: readonly DemoRecommendation[] = [
  // GRETA, second round (nine years ago) and third round (four years ago, on access to justice and remedies).
  r('greta', 9, '24', 'urges', ['identification', 'labour_exploitation'], 'GRETA urges the authorities to improve the identification of victims of trafficking for the purpose of labour exploitation, by giving labour inspectors a clear role in the national referral mechanism and training them on the indicators.', ministryOfLabour, ['2.1.2', '1.2.2']),
  r('greta', 9, '31', 'urges', ['assistance', 'protection'], 'GRETA urges the authorities to guarantee that assistance to victims is not made conditional on their willingness to cooperate with the investigation and prosecution.', government, ['2.2.3']),
  r('greta', 9, '35', 'considers', ['assistance'], 'GRETA considers that the authorities should provide accommodation adapted to the needs of male victims of trafficking.', ministryOfLabour, ['2.2.2']),
  r('greta', 9, '46', 'considers', ['data_collection'], 'The authorities should develop a comprehensive and coherent statistical system on trafficking in human beings, with reliable statistics on victims and on investigations, prosecutions and convictions, respecting the protection of personal data.', government, ['4.1.2'], 'data'),
  r('greta', 9, '52', 'invites', ['training'], 'GRETA invites the authorities to include trafficking in human beings in the initial training of judges and prosecutors.', ministryOfJustice, ['3.2.4']),
  r('greta', 9, '58', 'invites', ['partnership', 'data_collection'], 'GRETA invites the authorities to set up an independent national rapporteur or other mechanism to monitor the anti-trafficking activities of state institutions.', government, ['4.1.3']),
  r('greta', 4, '18', 'urges', ['compensation'], 'The authorities should ensure that victims of trafficking have effective access to compensation, including by setting up a state compensation fund and making full use of confiscated assets.', ministryOfJustice, ['2.3.1', '3.1.2'], 'compensation'),
  r('greta', 4, '27', 'urges', ['non_punishment', 'legislation'], 'Adopt a specific provision on the non-punishment of victims of trafficking for their involvement in unlawful activities, to the extent that they were compelled to do so.', ministryOfJustice, ['3.2.3'], 'non-punishment'),
  r('greta', 4, '33', 'considers', ['children', 'protection'], 'The authorities should ensure that a qualified guardian is appointed without delay for every unaccompanied or separated child who is a presumed victim of trafficking.', ministryOfLabour, ['2.2.4']),
  r('greta', 4, '41', 'considers', ['prosecution'], 'The authorities should ensure that trafficking offences are investigated proactively and prosecuted as trafficking, not as lesser offences carrying lighter sentences.', 'Prosecutor General', ['3.1.1', '3.2.1']),
  r('greta', 4, '49', 'invites', ['assistance'], 'GRETA invites the authorities to provide free legal aid to victims of trafficking from the first contact with the authorities.', ministryOfJustice, ['2.3.4']),
  // US Trafficking in Persons reports: prioritised recommendations, year after year.
  r('us_tip_report', 10, '1', 'not_graded', ['prosecution'], 'Vigorously investigate and prosecute trafficking offenses, including those involving complicit officials, and seek adequate sentences for convicted traffickers.', ministryOfInterior, ['3.1.4']),
  r('us_tip_report', 9, '2', 'not_graded', ['funding', 'assistance'], 'Increase funding for NGO-run shelters and ensure adequate, predictable funding for victim services.', government, ['4.2.1', '4.3.1']),
  r('us_tip_report', 8, '1', 'not_graded', ['identification'], 'Train first responders, including border guards and labour inspectors, on proactive victim identification.', ministryOfInterior, ['2.1.2']),
  r('us_tip_report', 7, '3', 'not_graded', ['labour_exploitation', 'identification'], 'Strengthen the capacity of labour inspectors to identify forced labour and trafficking for labour exploitation, in particular in agriculture, construction and domestic work.', ministryOfLabour, ['1.2.2']),
  r('us_tip_report', 6, '1', 'not_graded', ['prevention', 'labour_exploitation'], 'Regulate and monitor labour recruitment agencies and hold them accountable for fraudulent recruitment and recruitment fees charged to workers.', ministryOfLabour, ['1.2.1']),
  r('us_tip_report', 5, '2', 'not_graded', ['children'], 'Screen children in residential care and children going missing from care for indicators of trafficking.', ministryOfLabour, ['1.3.1']),
  r('us_tip_report', 4, '4', 'not_graded', ['compensation'], 'Ensure victims of trafficking have effective access to compensation, including by establishing a state compensation fund using confiscated assets.', ministryOfJustice, ['2.3.1'], 'compensation'),
  r('us_tip_report', 3, '1', 'not_graded', ['prosecution', 'protection'], 'Expand the use of video testimony and other measures to protect victims during court proceedings and reduce their re-traumatization.', ministryOfJustice, ['3.2.2']),
  r('us_tip_report', 2, '2', 'not_graded', ['funding'], 'Fund the national action plan from the state budget and reduce reliance on foreign donors for victim services.', 'Ministry of Finance', ['4.3.1']),
  r('us_tip_report', 1, '1', 'not_graded', ['identification', 'return'], 'Screen asylum seekers and migrants in detention for trafficking indicators and refer potential victims to care.', 'Immigration Office', ['2.1.3']),
  r('us_tip_report', 1, '3', 'not_graded', ['prosecution'], 'Conduct financial investigations in parallel to trafficking investigations and increase asset confiscation.', ministryOfInterior, ['3.1.2']),
  // Universal Periodic Review: recommendations of other states, third and fourth cycles.
  r('upr', 7, '118.45', 'recommends', ['legislation'], 'Bring the definition of trafficking in the Criminal Code fully into line with the Palermo Protocol, so that consent is irrelevant once any of the means is used.', ministryOfJustice),
  r('upr', 7, '118.46', 'recommends', ['protection', 'assistance'], 'Strengthen the protection and assistance of victims of trafficking, in particular women and children.', government, ['2.2.1']),
  r('upr', 7, '118.47', 'recommends', ['partnership'], 'Continue cooperation with neighbouring countries to combat trafficking in persons.', ministryOfInterior, ['3.3.1']),
  r('upr', 7, '118.49', 'encourages', ['prevention'], 'Raise public awareness of the risks of trafficking, especially in rural areas.', government, ['1.1.1']),
  r('upr', 2, '121.12', 'recommends', ['non_punishment'], 'Adopt a specific provision on non-punishment of trafficking victims for unlawful activities they were compelled to commit.', ministryOfJustice, [], 'non-punishment'),
  r('upr', 2, '121.13', 'recommends', ['prosecution'], 'Investigate and prosecute all cases of trafficking, including those involving public officials.', 'Prosecutor General', ['3.1.4']),
  r('upr', 2, '121.15', 'recommends', ['data_collection'], 'Improve the collection of data disaggregated by sex, age and form of exploitation on victims of trafficking.', government, ['4.1.2']),
  r('upr', 2, '121.16', 'encourages', ['funding'], 'Allocate sufficient resources to the implementation of the national action plan against trafficking.', 'Ministry of Finance'),
  // Treaty bodies.
  r('cedaw', 8, '23(a)', 'recommends', ['prevention'], 'Address the root causes of trafficking in women and girls by improving their economic situation, in particular in rural areas.', government),
  r('cedaw', 8, '23(c)', 'recommends', ['assistance'], 'Provide adequate shelters and psychological support to women and girls who are victims of trafficking.', ministryOfLabour, ['2.2.1']),
  r('cedaw', 3, '25(b)', 'recommends', ['compensation'], 'Ensure that victims of trafficking have effective access to compensation, including by establishing a state compensation fund and making full use of confiscated assets.', ministryOfJustice, ['2.3.1'], 'compensation'),
  r('cedaw', 3, '25(d)', 'recommends', ['training', 'identification'], 'Provide systematic training on gender-sensitive identification of victims to the police, border guards and social workers.', ministryOfInterior, ['2.1.2']),
  r('crc', 6, '42(a)', 'recommends', ['children'], 'Ensure that a qualified guardian is appointed without delay for every unaccompanied or separated child presumed to be a victim of trafficking.', ministryOfLabour, ['2.2.4']),
  r('crc', 6, '42(b)', 'recommends', ['children', 'prevention'], 'Address the online recruitment and sexual exploitation of children, in cooperation with internet service providers.', ministryOfInterior, ['1.3.2']),
  r('crc', 6, '42(c)', 'recommends', ['children', 'identification'], 'Train teachers and social workers to recognise children at risk of trafficking and refer them.', 'Ministry of Education', ['1.1.4']),
  r('cerd', 5, '19(a)', 'recommends', ['labour_exploitation'], 'Strengthen the capacity of labour inspectors to identify cases of forced labour and trafficking of migrant workers in agriculture, construction and domestic work.', ministryOfLabour, ['1.2.2']),
  r('cerd', 5, '19(b)', 'recommends', ['protection', 'labour_exploitation'], 'Ensure that migrant workers in an irregular situation can file complaints against employers without fear of deportation.', ministryOfLabour, ['1.2.4']),
  r('human_rights_committee', 4, '27(a)', 'recommends', ['data_collection'], 'Develop a comprehensive statistical system on trafficking in human beings, with reliable data on victims, investigations, prosecutions and convictions, while respecting the protection of personal data.', government, ['4.1.2'], 'data'),
  r('human_rights_committee', 4, '27(b)', 'recommends', ['prosecution'], 'Ensure that perpetrators are prosecuted and, if convicted, punished with sentences commensurate with the gravity of the crime.', 'Prosecutor General'),
  // The UN Special Rapporteur's country visit.
  r('un_special_rapporteur', 6, '88(a)', 'recommends', ['non_punishment', 'legislation'], 'Adopt a specific legal provision on the non-punishment of victims of trafficking for their involvement in unlawful activities, to the extent that they have been compelled to do so.', ministryOfJustice, ['3.2.3'], 'non-punishment'),
  r('un_special_rapporteur', 6, '88(d)', 'recommends', ['identification', 'return'], 'Ensure that no victim of trafficking is returned without a risk assessment and that return is safe and preferably voluntary.', 'Immigration Office', ['2.3.3']),
  r('un_special_rapporteur', 6, '88(f)', 'recommends', ['partnership'], 'Involve civil society organisations in the design, implementation and evaluation of anti-trafficking policies.', government, ['4.2.1']),
  r('un_special_rapporteur', 6, '88(h)', 'recommends', ['labour_exploitation', 'prevention'], 'Introduce mandatory human rights due diligence for companies and in public procurement.', 'Ministry of Economy', ['1.2.3']),
  // The ILO's supervisory bodies.
  r('ilo_supervisory', 5, '3', 'recommends', ['labour_exploitation', 'identification'], 'Strengthen the capacity of labour inspectors to identify cases of forced labour and trafficking for labour exploitation, in particular in agriculture, construction and domestic work.', ministryOfLabour, ['1.2.2']),
  r('ilo_supervisory', 5, '5', 'recommends', ['labour_exploitation', 'prosecution'], 'Provide information on the number of investigations, prosecutions and convictions for forced labour, and the penalties imposed.', ministryOfJustice, ['3.1.3']),
  r('ilo_supervisory', 2, '2', 'recommends', ['prevention', 'labour_exploitation'], 'Take measures to protect workers recruited through private employment agencies from abusive and fraudulent practices.', ministryOfLabour, ['1.2.1']),
  r('ilo_supervisory', 2, '4', 'encourages', ['partnership', 'labour_exploitation'], 'Continue to involve employers\' and workers\' organisations in the prevention of forced labour.', ministryOfLabour, ['4.2.2']),
  // The national rapporteur's annual reports.
  r('national_rapporteur', 3, '1', 'recommends', ['data_collection'], 'Develop a comprehensive statistical system on trafficking in human beings with reliable data on victims, investigations, prosecutions and convictions.', 'National Coordinator', ['4.1.2'], 'data'),
  r('national_rapporteur', 3, '4', 'recommends', ['identification'], 'Take reasonable-grounds decisions within the time the law sets, and publish how many are late.', 'Victim Identification Authority', ['2.1.4']),
  r('national_rapporteur', 3, '6', 'recommends', ['funding'], 'Replace short donor grants for shelters and the hotline by multi-year state funding.', 'Ministry of Finance', ['4.3.1', '1.1.3']),
  r('national_rapporteur', 1, '2', 'recommends', ['assistance'], 'Open accommodation for male victims in every region, not only in the capital.', ministryOfLabour, ['2.2.2']),
  r('national_rapporteur', 1, '3', 'recommends', ['prosecution', 'labour_exploitation'], 'Set up joint teams of investigators and labour inspectors for labour trafficking cases.', ministryOfInterior, ['3.1.3']),
  r('national_rapporteur', 1, '5', 'recommends', ['partnership'], 'Publish the minutes of the inter-ministerial commission and the yearly report on the plan.', 'National Coordinator', ['4.1.1']),
  r('national_rapporteur', 1, '7', 'recommends', ['children'], 'Report every child missing from residential care within two hours and assess each child found for trafficking.', ministryOfLabour, ['1.3.1']),
  // The NGO platform's shadow report.
  r('civil_society_shadow', 4, '2.1', 'not_graded', ['assistance', 'protection'], 'Stop conditioning residence permits for victims on their cooperation in criminal proceedings.', 'Immigration Office', ['2.2.3']),
  r('civil_society_shadow', 4, '2.4', 'not_graded', ['funding'], 'Pay NGO service providers on time and for the full cost of the services the state asks them to provide.', 'Ministry of Finance', ['4.2.1']),
  r('civil_society_shadow', 4, '3.2', 'not_graded', ['children'], 'Ensure that a qualified guardian is appointed without delay for every unaccompanied or separated child presumed to be a victim.', ministryOfLabour),
  r('civil_society_shadow', 4, '4.1', 'not_graded', ['training'], 'Train interpreters working with the police and courts on trafficking and on working with traumatised persons.', ministryOfJustice, ['2.2.5']),
];
