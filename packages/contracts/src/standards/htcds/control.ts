import type { Vocabulary } from '../vocabulary.js';

/**
 * vic_MethodsOfControl: the 16 picklist values (ODS, XLSForm, Excel validation sheet). `Field Definitions.md` defines
 * 17 concepts named like CTDC's flags instead; the differences are listed in data-standard.md §1.3 and resolved in
 * extensions.ts and crosswalks/means-of-control.ts.
 */
export const htcdsMethodsOfControl = {
  id: 'htcds.vic_MethodsOfControl',
  standard: 'HTCDS',
  version: '2.0',
  source: 'IOM HTCDS v2.0, HTCDS Field Standards 2.0.ods; definitions from Field Definitions.md (data-standard.md §1.3)',
  field: 'vic_MethodsOfControl',
  multiple: true,
  note: 'The XLSForm writes DebtBondage with a trailing space ("DebtBondage "): trim on import.',
  codes: [
    {
      code: 'PhysicalThreats',
      label: 'Physical threats',
      definition: 'Threatened harm to the person or others, law enforcement excluded (defined as "Threats")',
    },
    {
      code: 'ThreatsLawEnforcement',
      label: 'Threats of law enforcement',
      definition: 'Threat to involve police or immigration (defined as "ThreatOfLawEnforcement")',
    },
    {
      code: 'ThreatensChildrenFamily',
      label: 'Threatens children/family',
      definition: 'No definition in Field Definitions.md; not the defined concept UsesChildren',
    },
    {
      code: 'DebtBondage',
      label: 'Debt bondage',
      definition: 'Work to repay a created or perceived debt (1956 Supplementary Convention)',
    },
    { code: 'FalsePromises', label: 'False promises', definition: 'Deception into the situation' },
    { code: 'PhysicalAbuse', label: 'Physical abuse', definition: 'Injury or pain, sexual acts excluded' },
    {
      code: 'SexualAbuse',
      label: 'Sexual abuse',
      definition: 'Unwanted sexual contact as a control tactic, including reproductive coercion',
    },
    { code: 'TakesEarnings', label: 'Takes earnings', definition: 'Pay taken' },
    {
      code: 'RestrictsFinancialAccess',
      label: 'Restricts financial access',
      definition: 'Accounts or cards controlled, or funds stolen',
    },
    { code: 'RestrictsMedicalCare', label: 'Restricts medical care', definition: 'Care withheld or controlled' },
    {
      code: 'WithholdsNecessities',
      label: 'Withholds necessities',
      definition: 'Food, shelter, hygiene or clothing denied',
    },
    {
      code: 'PsychologicalAbuse',
      label: 'Psychological abuse',
      definition: 'Verbal abuse, humiliation, exploiting bonds',
    },
    {
      code: 'PsychoactiveSubstance',
      label: 'Psychoactive substance',
      definition: 'Inducing or exploiting substance use (defined as "PsychoactiveSubstances")',
    },
    {
      code: 'ExcessiveWorkingHours',
      label: 'Excessive working hours',
      definition: 'Hours far beyond contract or promise',
    },
    { code: 'WithholdsDocuments', label: 'Withholds documents', definition: 'Passport, ID or permits controlled' },
    { code: 'Other', label: 'Other', definition: 'Any other tactic' },
  ],
} as const satisfies Vocabulary;
