import type { Vocabulary } from '../vocabulary.js';

/**
 * The k-anonymised CTDC Global Dataset (k = 11): codebook v6 (Nov 2017), data dictionary of 15 Aug 2018, and the file
 * "The Global Dataset 14 Apr 2020.csv" (63 columns: adds isSlaveryAndPractices). data-standard.md §2.1, §2.2.
 * Values: flags are `0`, `1` or `-99` (missing); countries are ISO 3166-1 alpha-2.
 */
const CODEBOOK = 'CTDC Data Codebook v6 (Nov 2017) and data dictionary 15 Aug 2018 (data-standard.md §2.2)';

export const ctdc2017Columns = {
  id: 'ctdc2017.columns',
  standard: 'CTDC',
  version: 'codebook v6 (2017), file of 2020-04-14',
  source: CODEBOOK,
  note: 'The 2020 CSV\'s first header cell is a Terms-of-Use notice: skip it when parsing. v6 spells MajorityEntry and CountryofExploitation.',
  codes: [
    { code: 'yearOfRegistration', label: 'Year registered, assisted, reported or entered' },
    { code: 'Datasource', label: 'Collection channel' },
    { code: 'gender', label: 'Gender' },
    { code: 'ageBroad', label: 'Age band at registration or first report' },
    { code: 'majorityStatus', label: 'Minor or adult at registration' },
    { code: 'majorityStatusAtExploit', label: 'Minor or adult when exploitation began' },
    { code: 'majorityEntry', label: 'Minor or adult on entering the trafficking process' },
    { code: 'citizenship', label: 'Citizenship (ISO alpha-2)' },
    { code: 'meansOfControlDebtBondage', label: 'Debt bondage' },
    { code: 'meansOfControlTakesEarnings', label: 'Takes/Withholds Earnings' },
    { code: 'meansOfControlRestrictsFinancialAccess', label: 'Restricts access to finances' },
    { code: 'meansOfControlThreats', label: 'Threats to individual or others' },
    { code: 'meansOfControlPsychologicalAbuse', label: 'Psychological abuse' },
    { code: 'meansOfControlPhysicalAbuse', label: 'Physical abuse' },
    { code: 'meansOfControlSexualAbuse', label: 'Sexual abuse' },
    { code: 'meansOfControlFalsePromises', label: 'False promises/deception' },
    { code: 'meansOfControlPsychoactiveSubstances', label: 'Use of psychoactive substances' },
    { code: 'meansOfControlRestrictsMovement', label: 'Denied freedom of movement/kept in isolation' },
    { code: 'meansOfControlRestrictsMedicalCare', label: 'Limits/restricts medical services' },
    { code: 'meansOfControlExcessiveWorkingHours', label: 'Excessive working hours' },
    { code: 'meansOfControlUsesChildren', label: 'Restricts access to/manipulates children' },
    { code: 'meansOfControlThreatOfLawEnforcement', label: 'Threat of action by law enforcement' },
    { code: 'meansOfControlWithholdsNecessities', label: 'Withholds /denies basic necessities' },
    { code: 'meansOfControlWithholdsDocuments', label: 'Withholds/Destroys Important Documents' },
    { code: 'meansOfControlOther', label: 'Other' },
    { code: 'meansOfControlNotSpecified', label: 'Not Specified' },
    { code: 'meansOfControlConcatenated', label: 'Means of control, ";"-joined, alphabetical' },
    { code: 'isForcedLabour', label: 'Forced labour and/or services' },
    { code: 'isSexualExploit', label: 'Sexual exploitation' },
    { code: 'isOtherExploit', label: 'Other' },
    { code: 'isSexAndLabour', label: 'Sexual exploitation and forced labour' },
    { code: 'isForcedMarriage', label: 'Forced marriage' },
    { code: 'isForcedMilitary', label: 'Forced military' },
    { code: 'isOrganRemoval', label: 'Organ removal' },
    { code: 'isSlaveryAndPractices', label: 'Slavery and similar practices (2020 file only)', status: 'variant' },
    { code: 'typeOfExploitConcatenated', label: 'Purposes of trafficking, joined' },
    { code: 'typeOfLabourAgriculture', label: 'Agriculture/Farms/Animal Husbandry' },
    { code: 'typeOfLabourAquafarming', label: 'Aquafarming/Fishing' },
    { code: 'typeOfLabourBegging', label: 'Begging' },
    { code: 'typeOfLabourConstruction', label: 'Construction' },
    { code: 'typeOfLabourDomesticWork', label: 'Domestic Work' },
    { code: 'typeOfLabourHospitality', label: 'Hospitality/Restaurant/Food Service/Hotel' },
    { code: 'typeOfLabourIllicitActivities', label: 'Illicit Activities' },
    { code: 'typeOfLabourManufacturing', label: 'Manufacturing/Factory work' },
    { code: 'typeOfLabourMiningOrDrilling', label: 'Mining, Quarrying, Oil/Gas Extraction' },
    { code: 'typeOfLabourPeddling', label: 'Peddling/informal street commerce' },
    { code: 'typeOfLabourTransportation', label: 'Transportation' },
    { code: 'typeOfLabourOther', label: 'Other' },
    { code: 'typeOfLabourNotSpecified', label: 'Not Specified' },
    { code: 'typeOfLabourConcatenated', label: 'Sectors of forced labour, joined' },
    { code: 'typeOfSexProstitution', label: 'Prostitution' },
    { code: 'typeOfSexPornography', label: 'Pornography' },
    { code: 'typeOfSexRemoteInteractiveServices', label: 'Remote interactive services' },
    { code: 'typeOfSexPrivateSexualServices', label: 'Private sexual services' },
    { code: 'typeOfSexConcatenated', label: 'Forms of sexual exploitation, joined' },
    { code: 'isAbduction', label: 'Entered exploitation through wrongful removal or retention' },
    { code: 'RecruiterRelationship', label: 'Relation of the recruiter, ";"-joined' },
    { code: 'CountryOfExploitation', label: 'Last country of exploitation (ISO alpha-2)' },
    { code: 'recruiterRelationIntimatePartner', label: 'Intimate Partner' },
    { code: 'recruiterRelationFriend', label: 'Friend/Acquaintance' },
    { code: 'recruiterRelationFamily', label: 'Family/Relative' },
    { code: 'recruiterRelationOther', label: 'Other' },
    { code: 'recruiterRelationUnknown', label: 'Not Specified' },
  ],
} as const satisfies Vocabulary;

export const ctdc2017Gender = {
  id: 'ctdc2017.gender',
  standard: 'CTDC',
  version: 'codebook v6 (2017)',
  source: CODEBOOK,
  field: 'gender',
  note: 'IOM collected gender, including transgender, only from 2017. `-99` is missing (ctdcMissingValues).',
  codes: [
    { code: 'Female', label: 'Female' },
    { code: 'Male', label: 'Male' },
    { code: 'Transgender/NonConforming', label: 'Transgender/NonConforming' },
    { code: 'Unknown', label: 'Unknown' },
  ],
} as const satisfies Vocabulary;

export const ctdc2017AgeBroad = {
  id: 'ctdc2017.ageBroad',
  standard: 'CTDC',
  version: 'codebook v6 (2017) to synthetic 2021',
  source: CODEBOOK,
  field: 'ageBroad',
  note: 'Inclusive bands of age at registration or first report. `-99` is missing.',
  codes: [
    { code: '0--8', label: '0 to 8' },
    { code: '9--17', label: '9 to 17' },
    { code: '18--20', label: '18 to 20' },
    { code: '21--23', label: '21 to 23' },
    { code: '24--26', label: '24 to 26' },
    { code: '27--29', label: '27 to 29' },
    { code: '30--38', label: '30 to 38' },
    { code: '39--47', label: '39 to 47' },
    { code: '48+', label: '48 and over' },
  ],
} as const satisfies Vocabulary;

export const ctdcMajorityStatus = {
  id: 'ctdc2017.majorityStatus',
  standard: 'CTDC',
  version: 'codebook v6 (2017)',
  source: CODEBOOK,
  field: 'majorityStatus',
  note: 'Also the values of majorityStatusAtExploit and majorityEntry. `-99` is missing.',
  codes: [
    { code: 'Minor', label: 'Minor', definition: 'Under 18' },
    { code: 'Adult', label: 'Adult', definition: '18 or over' },
    { code: 'Unknown', label: 'Unknown' },
  ],
} as const satisfies Vocabulary;

export const ctdcDatasource = {
  id: 'ctdc2017.Datasource',
  standard: 'CTDC',
  version: 'codebook v6 (2017)',
  source: CODEBOOK,
  field: 'Datasource',
  codes: [
    { code: 'Case management', label: 'Case management', definition: 'In-person services' },
    { code: 'Hotline', label: 'Hotline', definition: 'Remote report, unverified' },
  ],
} as const satisfies Vocabulary;

export const ctdc2017RecruiterRelationship = {
  id: 'ctdc2017.RecruiterRelationship',
  standard: 'CTDC',
  version: 'codebook v6 (2017)',
  source: CODEBOOK,
  field: 'RecruiterRelationship',
  multiple: true,
  note: '";"-joined. The 2018 dictionary says "Polaris only".',
  codes: [
    { code: 'Intimate Partner', label: 'Intimate Partner' },
    { code: 'Friend/Acquaintance', label: 'Friend/Acquaintance' },
    { code: 'Family/Relative', label: 'Family/Relative' },
    { code: 'Other', label: 'Other' },
    { code: 'Not Specified', label: 'Not Specified' },
  ],
} as const satisfies Vocabulary;

export const ctdc2017FlagValues = {
  id: 'ctdc2017.flag',
  standard: 'CTDC',
  version: 'codebook v6 (2017)',
  source: CODEBOOK,
  note: 'v6 lists only 1 and -99 for RestrictsFinancialAccess, UsesChildren, WithholdsDocuments and Other.',
  codes: [
    { code: '0', label: 'No' },
    { code: '1', label: 'Yes' },
    { code: '-99', label: 'Missing' },
  ],
} as const satisfies Vocabulary;
