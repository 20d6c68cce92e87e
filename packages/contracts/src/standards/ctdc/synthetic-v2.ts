import type { Vocabulary } from '../vocabulary.js';

/**
 * The CTDC Global Synthetic Dataset v2 (codebook "Version 2 – February 2024"; CSV CTDC_global_synthetic_data_v2025.csv):
 * 27 variables, differential privacy, flags `1` or NULL, countries ISO alpha-3. data-standard.md §2.3.
 */
const CODEBOOK = 'CTDC Global Synthetic Data Codebook v2 (Feb 2024) and the v2025 CSV (data-standard.md §2.3)';

export const ctdc2024Columns = {
  id: 'ctdc2024.columns',
  standard: 'CTDC',
  version: 'synthetic v2 (2024)',
  source: CODEBOOK,
  note: 'No longer exported: meansOfControlOther, typeOfLabourOther, typeOfSexOther. Denominators per group count only people with a 1 in the group.',
  codes: [
    { code: 'yearOfRegistration', label: 'Year assisted, identified, referred or reported' },
    { code: 'gender', label: 'Social gender' },
    { code: 'ageBroad', label: 'Age band when assisted, identified or reported' },
    { code: 'citizenship', label: 'Citizenship (ISO alpha-3)' },
    { code: 'CountryOfExploitation', label: 'Country first assisted, identified or referred (ISO alpha-3)' },
    { code: 'traffickMonths', label: 'Reported duration of trafficking' },
    { code: 'meansDebtBondageEarnings', label: 'Debt bondage or takes earnings' },
    { code: 'meansThreats', label: 'Threats, uses children, threat of law enforcement' },
    { code: 'meansAbusePsyPhySex', label: 'Psychological, physical or sexual abuse' },
    { code: 'meansFalsePromises', label: 'False promises' },
    { code: 'meansDrugsAlcohol', label: 'Psychoactive substances' },
    {
      code: 'meansDenyBasicNeeds',
      label: 'Restricts financial access, movement or medical care; withholds necessities',
    },
    { code: 'meansExcessiveWorkHours', label: 'Excessive working hours' },
    { code: 'meansWithholdDocs', label: 'Withholds documents' },
    { code: 'isForcedLabour', label: 'Forced labour' },
    { code: 'isSexualExploit', label: 'Sexual exploitation' },
    { code: 'isOtherExploit', label: 'Other exploitation (incl. forced marriage, forced military, organ removal)' },
    { code: 'typeOfLabourAgriculture', label: 'Agriculture' },
    { code: 'typeOfLabourConstruction', label: 'Construction' },
    { code: 'typeOfLabourDomesticWork', label: 'Domestic work' },
    { code: 'typeOfLabourHospitality', label: 'Hospitality' },
    { code: 'typeOfSexProstitution', label: 'Prostitution' },
    { code: 'typeOfSexPornography', label: 'Pornography' },
    { code: 'recruiterRelationIntimatePartner', label: 'Intimate partner' },
    { code: 'recruiterRelationFriend', label: 'Friend' },
    { code: 'recruiterRelationFamily', label: 'Family' },
    { code: 'recruiterRelationOther', label: 'Other (brokers, contractors, employers, smugglers)' },
  ],
} as const satisfies Vocabulary;

/** [decision] §2.3: a third-party ETL validates the live CSV against sectorOf… names: both spellings are accepted. */
export const ctdc2024ColumnAliases: Readonly<Record<string, (typeof ctdc2024Columns)['codes'][number]['code']>> = {
  sectorOfLabourAgriculture: 'typeOfLabourAgriculture',
  sectorOfLabourConstruction: 'typeOfLabourConstruction',
  sectorOfLabourDomesticWork: 'typeOfLabourDomesticWork',
  sectorOfLabourHospitality: 'typeOfLabourHospitality',
  sectorOfSexProstitution: 'typeOfSexProstitution',
  sectorOfSexPornography: 'typeOfSexPornography',
  meansWithholdDocuments: 'meansWithholdDocs',
};

export const ctdc2024Gender = {
  id: 'ctdc2024.gender',
  standard: 'CTDC',
  version: 'synthetic v2 (2024)',
  source: CODEBOOK,
  field: 'gender',
  note: 'NULL when unknown. Trans and non-conforming are not disaggregated, for privacy.',
  codes: [
    { code: 'Woman', label: 'Woman' },
    { code: 'Man', label: 'Man' },
    { code: 'Trans/Transgender/NonConforming', label: 'Trans/Transgender/NonConforming' },
  ],
} as const satisfies Vocabulary;

export const ctdc2024AgeBroad = {
  id: 'ctdc2024.ageBroad',
  standard: 'CTDC',
  version: 'synthetic v2 (2024), CSV v2025',
  source: CODEBOOK,
  field: 'ageBroad',
  note: 'The CSV zero-pads 09--17 (the codebook prints "9—17"). NULL when unknown.',
  codes: [
    { code: '0--8', label: '0 to 8' },
    { code: '09--17', label: '9 to 17' },
    { code: '18--20', label: '18 to 20' },
    { code: '21--23', label: '21 to 23' },
    { code: '24--26', label: '24 to 26' },
    { code: '27--29', label: '27 to 29' },
    { code: '30--38', label: '30 to 38' },
    { code: '39--47', label: '39 to 47' },
    { code: '48+', label: '48 and over' },
  ],
} as const satisfies Vocabulary;

export const ctdc2024TraffickMonths = {
  id: 'ctdc2024.traffickMonths',
  standard: 'CTDC',
  version: 'synthetic v2 (2024)',
  source: CODEBOOK,
  field: 'traffickMonths',
  codes: [
    { code: '0--12 (0-1 yr)', label: 'Up to one year' },
    { code: '13--24 (1-2 yrs)', label: 'One to two years' },
    { code: '25+ (2+ yrs)', label: 'More than two years' },
  ],
} as const satisfies Vocabulary;
