import { ctdc2017Columns, ctdc2024ColumnAliases, ctdc2024Columns } from '@palermo/contracts';

/**
 * How each CTDC column is read into a statistical record (migration 0012). Records use the 2024 codes (gender Woman /
 * Man / Trans..., ageBroad `09--17`, alpha-3 countries, means-of-control flags meansThreats...), so datasets of either
 * edition compare. Flags of the 2017 codebook that the 2024 edition merged (data-standard.md §2.3, §4.6) set the
 * merged 2024 flag AND keep their own name, so nothing the file said is lost; the 2017-only flags (typeOfLabourBegging,
 * isForcedMarriage...) keep their names. Column names are matched without regard to case (v6 spells
 * `CountryofExploitation`, `MajorityEntry`) and through the aliases of the contracts (`sectorOf...`, `meansWithholdDocuments`).
 */

export type Edition = 'ctdc_k_anonymised_2017' | 'ctdc_synthetic_v2';
export type ArrayField = 'means_of_control' | 'exploitation' | 'labour_sectors' | 'sex_types' | 'recruiter_relations';

export type ColumnReader =
  | { readonly kind: 'year' }
  | { readonly kind: 'datasource' }
  | { readonly kind: 'gender' }
  | { readonly kind: 'ageBroad' }
  | { readonly kind: 'majority' }
  | { readonly kind: 'citizenship' }
  | { readonly kind: 'countryOfExploitation' }
  | { readonly kind: 'traffickMonths' }
  | { readonly kind: 'flag'; readonly field: ArrayField; readonly names: readonly string[] }
  /** Known, not stored: derived from other columns (…Concatenated) or not kept by the records (majorityEntry…). */
  | { readonly kind: 'notStored'; readonly why: string };

const flag = (field: ArrayField, ...names: string[]): ColumnReader => ({ kind: 'flag', field, names });

/** 2017 means-of-control flags: the merged 2024 flag (data-standard.md §4.6) and the 2017 name itself. */
const means2017: Readonly<Record<string, string>> = {
  meansOfControlDebtBondage: 'meansDebtBondageEarnings',
  meansOfControlTakesEarnings: 'meansDebtBondageEarnings',
  meansOfControlRestrictsFinancialAccess: 'meansDenyBasicNeeds',
  meansOfControlThreats: 'meansThreats',
  meansOfControlPsychologicalAbuse: 'meansAbusePsyPhySex',
  meansOfControlPhysicalAbuse: 'meansAbusePsyPhySex',
  meansOfControlSexualAbuse: 'meansAbusePsyPhySex',
  meansOfControlFalsePromises: 'meansFalsePromises',
  meansOfControlPsychoactiveSubstances: 'meansDrugsAlcohol',
  meansOfControlRestrictsMovement: 'meansDenyBasicNeeds',
  meansOfControlRestrictsMedicalCare: 'meansDenyBasicNeeds',
  meansOfControlExcessiveWorkingHours: 'meansExcessiveWorkHours',
  meansOfControlUsesChildren: 'meansThreats',
  meansOfControlThreatOfLawEnforcement: 'meansThreats',
  meansOfControlWithholdsNecessities: 'meansDenyBasicNeeds',
  meansOfControlWithholdsDocuments: 'meansWithholdDocs',
};

const NOT_STORED_DERIVED = 'derived from the flags of the same row';

/** Every known column, by its canonical name. */
export const columnReaders: Readonly<Record<string, ColumnReader>> = {
  yearOfRegistration: { kind: 'year' },
  Datasource: { kind: 'datasource' },
  gender: { kind: 'gender' },
  ageBroad: { kind: 'ageBroad' },
  majorityStatus: { kind: 'majority' },
  majorityStatusAtExploit: { kind: 'notStored', why: 'the records keep majority status at registration only' },
  majorityEntry: { kind: 'notStored', why: 'the records keep majority status at registration only' },
  citizenship: { kind: 'citizenship' },
  CountryOfExploitation: { kind: 'countryOfExploitation' },
  traffickMonths: { kind: 'traffickMonths' },
  ...Object.fromEntries(Object.entries(means2017).map(([name, merged]) => [name, flag('means_of_control', merged, name)])),
  meansOfControlOther: flag('means_of_control', 'meansOfControlOther'),
  meansOfControlNotSpecified: { kind: 'notStored', why: 'an empty list of means already says none was specified' },
  meansOfControlConcatenated: { kind: 'notStored', why: NOT_STORED_DERIVED },
  meansDebtBondageEarnings: flag('means_of_control', 'meansDebtBondageEarnings'),
  meansThreats: flag('means_of_control', 'meansThreats'),
  meansAbusePsyPhySex: flag('means_of_control', 'meansAbusePsyPhySex'),
  meansFalsePromises: flag('means_of_control', 'meansFalsePromises'),
  meansDrugsAlcohol: flag('means_of_control', 'meansDrugsAlcohol'),
  meansDenyBasicNeeds: flag('means_of_control', 'meansDenyBasicNeeds'),
  meansExcessiveWorkHours: flag('means_of_control', 'meansExcessiveWorkHours'),
  meansWithholdDocs: flag('means_of_control', 'meansWithholdDocs'),
  isForcedLabour: flag('exploitation', 'isForcedLabour'),
  isSexualExploit: flag('exploitation', 'isSexualExploit'),
  isOtherExploit: flag('exploitation', 'isOtherExploit'),
  isSexAndLabour: flag('exploitation', 'isForcedLabour', 'isSexualExploit'),
  isForcedMarriage: flag('exploitation', 'isOtherExploit', 'isForcedMarriage'),
  isForcedMilitary: flag('exploitation', 'isOtherExploit', 'isForcedMilitary'),
  isOrganRemoval: flag('exploitation', 'isOtherExploit', 'isOrganRemoval'),
  isSlaveryAndPractices: flag('exploitation', 'isSlaveryAndPractices'),
  typeOfExploitConcatenated: { kind: 'notStored', why: NOT_STORED_DERIVED },
  ...Object.fromEntries(
    ctdc2017Columns.codes
      .map((c) => c.code as string)
      .filter((c) => c.startsWith('typeOfLabour') && c !== 'typeOfLabourNotSpecified' && c !== 'typeOfLabourConcatenated')
      .map((c) => [c, flag('labour_sectors', c)]),
  ),
  typeOfLabourNotSpecified: { kind: 'notStored', why: 'an empty list of sectors already says none was specified' },
  typeOfLabourConcatenated: { kind: 'notStored', why: NOT_STORED_DERIVED },
  typeOfSexProstitution: flag('sex_types', 'typeOfSexProstitution'),
  typeOfSexPornography: flag('sex_types', 'typeOfSexPornography'),
  typeOfSexRemoteInteractiveServices: flag('sex_types', 'typeOfSexRemoteInteractiveServices'),
  typeOfSexPrivateSexualServices: flag('sex_types', 'typeOfSexPrivateSexualServices'),
  typeOfSexOther: flag('sex_types', 'typeOfSexOther'),
  typeOfSexConcatenated: { kind: 'notStored', why: NOT_STORED_DERIVED },
  isAbduction: { kind: 'notStored', why: 'the records do not keep how the person entered exploitation' },
  RecruiterRelationship: { kind: 'notStored', why: NOT_STORED_DERIVED },
  recruiterRelationIntimatePartner: flag('recruiter_relations', 'recruiterRelationIntimatePartner'),
  recruiterRelationFriend: flag('recruiter_relations', 'recruiterRelationFriend'),
  recruiterRelationFamily: flag('recruiter_relations', 'recruiterRelationFamily'),
  recruiterRelationOther: flag('recruiter_relations', 'recruiterRelationOther'),
  recruiterRelationUnknown: { kind: 'notStored', why: 'an empty list of relations already says it was not specified' },
};

/** Alternative spellings seen in files, to canonical names (contracts aliases plus the truncated 2021 header). */
const aliases: Readonly<Record<string, string>> = {
  ...ctdc2024ColumnAliases,
  meansOfControlThreatOfLawEnforce: 'meansOfControlThreatOfLawEnforcement',
  sectorOfSexOther: 'typeOfSexOther',
  sectorOfLabourOther: 'typeOfLabourOther',
};

const byLowerCase = new Map<string, string>();
for (const name of Object.keys(columnReaders)) byLowerCase.set(name.toLowerCase(), name);
for (const [alias, name] of Object.entries(aliases)) byLowerCase.set(alias.toLowerCase(), name);

/** The canonical name of a header cell, or undefined for a column CTDC does not define. */
export function canonicalColumn(header: string): string | undefined {
  return byLowerCase.get(header.trim().toLowerCase());
}

const only2024 = new Set(ctdc2024Columns.codes.map((c) => c.code as string).filter((c) => c.startsWith('means')));
const only2017 = new Set(
  ctdc2017Columns.codes.map((c) => c.code as string).filter((c) => !ctdc2024Columns.codes.some((n) => n.code === c)),
);

/**
 * The edition whose columns a header holds: the synthetic v2 layout when it has any of the merged 2024 means
 * columns or no 2017-only column, the k-anonymised 2017 layout when it has a 2017-only column. Null when it has both.
 */
export function editionOf(canonicalNames: readonly string[]): Edition | null {
  const has2024 = canonicalNames.some((n) => only2024.has(n));
  const has2017 = canonicalNames.some((n) => only2017.has(n) && n !== 'traffickMonths');
  if (has2024 && has2017) return null;
  return has2017 ? 'ctdc_k_anonymised_2017' : 'ctdc_synthetic_v2';
}
