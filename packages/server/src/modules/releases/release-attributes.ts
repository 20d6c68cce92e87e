import type { Selectable } from 'kysely';
import type { StatisticalRecordsTable } from '../../platform/db/schema.js';

export type StatisticalRecord = Selectable<StatisticalRecordsTable>;

type ScalarColumn =
  | 'year_of_registration'
  | 'gender'
  | 'age_broad'
  | 'majority_status'
  | 'citizenship'
  | 'country_of_exploitation'
  | 'traffick_months'
  | 'datasource'
  | 'stage'
  | 'trafficking_status'
  | 'referring_organisation_type';

type FlagColumn = 'means_of_control' | 'exploitation' | 'labour_sectors' | 'sex_types' | 'recruiter_relations';

/** One attribute of a released record: a CTDC column (synthetic v2 spelling) or a Palermo NRM column. */
export type ReleaseAttribute =
  | { readonly name: string; readonly kind: 'scalar'; readonly column: ScalarColumn }
  | { readonly name: string; readonly kind: 'flag'; readonly column: FlagColumn; readonly storedAs: readonly string[] };

const scalar = (name: string, column: ScalarColumn): ReleaseAttribute => ({ name, kind: 'scalar', column });
const flag = (name: string, column: FlagColumn, ...older: string[]): ReleaseAttribute => ({ name, kind: 'flag', column, storedAs: [name, ...older] });

/**
 * The attributes a release may contain, in the order of its CSV columns: the 27 variables of the CTDC Global Synthetic
 * Dataset v2 (data-standard.md §2.3; flags that the 2017 codebook split are merged the way CTDC merged them), then the
 * categorical NRM columns of the country dataset. Left out on purpose: the row and person keys, every date (a day is
 * close to identifying, and the year is already here) and the grounds outcomes (trafficking status carries them).
 * Every attribute is a closed code list; there is no free text.
 */
export const releaseAttributes: readonly ReleaseAttribute[] = [
  scalar('yearOfRegistration', 'year_of_registration'),
  scalar('gender', 'gender'),
  scalar('ageBroad', 'age_broad'),
  scalar('majorityStatus', 'majority_status'),
  scalar('citizenship', 'citizenship'),
  scalar('CountryOfExploitation', 'country_of_exploitation'),
  scalar('traffickMonths', 'traffick_months'),
  flag('meansDebtBondageEarnings', 'means_of_control', 'meansOfControlDebtBondage', 'meansOfControlTakesEarnings'),
  flag('meansThreats', 'means_of_control', 'meansOfControlThreats', 'meansOfControlUsesChildren', 'meansOfControlThreatOfLawEnforcement'),
  flag('meansAbusePsyPhySex', 'means_of_control', 'meansOfControlPsychologicalAbuse', 'meansOfControlPhysicalAbuse', 'meansOfControlSexualAbuse'),
  flag('meansFalsePromises', 'means_of_control', 'meansOfControlFalsePromises'),
  flag('meansDrugsAlcohol', 'means_of_control', 'meansOfControlPsychoactiveSubstances'),
  flag(
    'meansDenyBasicNeeds',
    'means_of_control',
    'meansOfControlRestrictsFinancialAccess',
    'meansOfControlRestrictsMovement',
    'meansOfControlRestrictsMedicalCare',
    'meansOfControlWithholdsNecessities',
  ),
  flag('meansExcessiveWorkHours', 'means_of_control', 'meansOfControlExcessiveWorkingHours'),
  flag('meansWithholdDocs', 'means_of_control', 'meansOfControlWithholdsDocuments', 'meansWithholdDocuments'),
  flag('isForcedLabour', 'exploitation'),
  flag('isSexualExploit', 'exploitation'),
  flag('isOtherExploit', 'exploitation'),
  flag('typeOfLabourAgriculture', 'labour_sectors', 'sectorOfLabourAgriculture'),
  flag('typeOfLabourConstruction', 'labour_sectors', 'sectorOfLabourConstruction'),
  flag('typeOfLabourDomesticWork', 'labour_sectors', 'sectorOfLabourDomesticWork'),
  flag('typeOfLabourHospitality', 'labour_sectors', 'sectorOfLabourHospitality'),
  flag('typeOfSexProstitution', 'sex_types', 'sectorOfSexProstitution'),
  flag('typeOfSexPornography', 'sex_types', 'sectorOfSexPornography'),
  flag('recruiterRelationIntimatePartner', 'recruiter_relations'),
  flag('recruiterRelationFriend', 'recruiter_relations'),
  flag('recruiterRelationFamily', 'recruiter_relations'),
  flag('recruiterRelationOther', 'recruiter_relations'),
  scalar('datasource', 'datasource'),
  scalar('stage', 'stage'),
  scalar('traffickingStatus', 'trafficking_status'),
  scalar('referringOrgType', 'referring_organisation_type'),
];

export const releaseAttributeNames: readonly string[] = releaseAttributes.map((attribute) => attribute.name);

/** The attributes named, in catalogue order; throws naming the first unknown one. Empty or undefined: all. */
export function selectAttributes(names?: readonly string[]): ReleaseAttribute[] {
  if (!names || names.length === 0) return [...releaseAttributes];
  const wanted = new Set(names);
  for (const name of wanted) {
    if (!releaseAttributeNames.includes(name)) throw new RangeError(`unknown attribute "${name}"; known: ${releaseAttributeNames.join(', ')}`);
  }
  return releaseAttributes.filter((attribute) => wanted.has(attribute.name));
}

/** A record as attribute values: one string per attribute (flags '1'), or null when missing (flags that are 0). */
export type AttributeRow = Array<string | null>;

export function recordToRow(record: Pick<StatisticalRecord, ScalarColumn | FlagColumn>, attributes: readonly ReleaseAttribute[]): AttributeRow {
  return attributes.map((attribute) => {
    if (attribute.kind === 'scalar') {
      const value = record[attribute.column];
      return value === null || value === undefined || value === '' ? null : String(value);
    }
    const stored = record[attribute.column];
    return attribute.storedAs.some((name) => stored.includes(name)) ? '1' : null;
  });
}

/** The database columns a release reads (never dates, keys or anything else). */
export const releaseColumns = [
  'year_of_registration',
  'gender',
  'age_broad',
  'majority_status',
  'citizenship',
  'country_of_exploitation',
  'traffick_months',
  'datasource',
  'stage',
  'trafficking_status',
  'referring_organisation_type',
  'means_of_control',
  'exploitation',
  'labour_sectors',
  'sex_types',
  'recruiter_relations',
] as const satisfies ReadonlyArray<ScalarColumn | FlagColumn>;
