import type { Vocabulary } from '../vocabulary.js';

/**
 * UNODC GLOTIP data export (`data_glotip.xlsx`, 2003–2021, exported 2023-05-30): one row per value, texts exactly as
 * the export writes them. data-standard.md §3.2.
 */
const EXPORT = 'UNODC GLOTIP data export data_glotip.xlsx, 2003–2021, exported 2023-05-30 (data-standard.md §3.2)';
const VERSION = 'export 2023-05-30';

/** The columns of the export, in order. The XLSX has two preamble lines (publisher, export date) before them. */
export const glotipColumns = {
  id: 'glotip.columns',
  standard: 'GLOTIP',
  version: VERSION,
  source: EXPORT,
  codes: [
    { code: 'Iso3_code', label: 'Reporting country (ISO 3166-1 alpha-3), or a regional code' },
    { code: 'Country', label: 'Reporting country name' },
    { code: 'Region', label: 'Region' },
    { code: 'Subregion', label: 'Subregion' },
    { code: 'Indicator', label: 'Indicator' },
    { code: 'Dimension', label: 'Dimension (breakdown)' },
    { code: 'Category', label: 'Category within the dimension' },
    { code: 'Sex', label: 'Sex' },
    { code: 'Age', label: 'Age group' },
    { code: 'Year', label: 'Year' },
    { code: 'Unit of measurement', label: 'Unit of measurement' },
    { code: 'txtVALUE', label: 'Value, as text (`<5` for counts below 5, thousands with a comma)' },
    { code: 'Source', label: 'Source (GLOTIP)' },
  ],
} as const satisfies Vocabulary;

export const glotipIndicator = {
  id: 'glotip.Indicator',
  standard: 'GLOTIP',
  version: VERSION,
  source: EXPORT,
  field: 'Indicator',
  codes: [
    { code: 'Detected trafficking victims', label: 'Detected trafficking victims' },
    { code: 'Persons convicted', label: 'Persons convicted' },
    { code: 'Persons prosecuted', label: 'Persons prosecuted' },
    {
      code: 'Persons brought into formal contact',
      label: 'Persons brought into formal contact',
      definition: 'Suspected, arrested or cautioned',
    },
    { code: 'Offences of trafficking in persons', label: 'Offences of trafficking in persons' },
  ],
} as const satisfies Vocabulary;

export const glotipDimension = {
  id: 'glotip.Dimension',
  standard: 'GLOTIP',
  version: VERSION,
  source: EXPORT,
  field: 'Dimension',
  codes: [
    { code: 'Total', label: 'Total' },
    { code: 'by form of exploitation', label: 'By form of exploitation' },
    { code: 'by citizenship', label: 'By citizenship' },
    { code: 'by country of repatriation', label: 'By country of repatriation' },
  ],
} as const satisfies Vocabulary;

/** Categories of the `Total` and `by form of exploitation` dimensions. The other dimensions hold country names. */
export const glotipFormCategory = {
  id: 'glotip.Category.form',
  standard: 'GLOTIP',
  version: VERSION,
  source: EXPORT,
  field: 'Category',
  note: '"Other forms" in GLOTIP reports: begging, petty crime, illegal adoption and baby selling, forced marriage, child soldiers, benefit fraud, mixed forms. Organ removal has no category here (SDG series VC_HTF_DETVOG).',
  codes: [
    { code: 'Total', label: 'Total' },
    { code: 'Sexual exploitation', label: 'Sexual exploitation' },
    { code: 'Forced labour', label: 'Forced labour' },
    { code: 'Other forms of exploitation', label: 'Other forms of exploitation' },
  ],
} as const satisfies Vocabulary;

/** Fixed categories of the `by citizenship` and `by country of repatriation` dimensions, beside country names. */
export const glotipSpecialCategory = {
  id: 'glotip.Category.special',
  standard: 'GLOTIP',
  version: VERSION,
  source: EXPORT,
  field: 'Category',
  note: 'The rest are free-text country names, messy in the export (Spanish and French names, demonyms, broken characters).',
  codes: [
    { code: 'Nationals', label: 'Nationals', definition: 'Detected in their own country' },
    { code: 'Unknown', label: 'Unknown' },
    { code: 'Abroad', label: 'Abroad', definition: 'By country of repatriation: nationals detected abroad' },
  ],
} as const satisfies Vocabulary;

export const glotipSex = {
  id: 'glotip.Sex',
  standard: 'GLOTIP',
  version: VERSION,
  source: EXPORT,
  field: 'Sex',
  note: 'No definition of `Other` was found in the sources.',
  codes: [
    { code: 'Total', label: 'Total' },
    { code: 'Female', label: 'Female' },
    { code: 'Male', label: 'Male' },
    { code: 'Other', label: 'Other' },
    { code: 'Unknown', label: 'Unknown' },
  ],
} as const satisfies Vocabulary;

export const glotipAge = {
  id: 'glotip.Age',
  standard: 'GLOTIP',
  version: VERSION,
  source: EXPORT,
  field: 'Age',
  note: 'Age at detection.',
  codes: [
    { code: 'Total', label: 'Total' },
    { code: '0 to 17 years', label: '0 to 17 years' },
    { code: '18 years or over', label: '18 years or over' },
    { code: 'Unknown', label: 'Unknown' },
  ],
} as const satisfies Vocabulary;

export const glotipUnit = {
  id: 'glotip.Unit',
  standard: 'GLOTIP',
  version: VERSION,
  source: EXPORT,
  field: 'Unit of measurement',
  codes: [{ code: 'Counts', label: 'Counts' }],
} as const satisfies Vocabulary;

export const glotipSource = {
  id: 'glotip.Source',
  standard: 'GLOTIP',
  version: VERSION,
  source: EXPORT,
  field: 'Source',
  codes: [{ code: 'GLOTIP', label: 'UNODC Global Report on Trafficking in Persons data collection' }],
} as const satisfies Vocabulary;

/** Disclosure control of the export: counts below this are written `<5`. */
export const glotipSuppressionThreshold = 5;
