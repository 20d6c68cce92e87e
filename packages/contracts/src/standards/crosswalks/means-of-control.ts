import { ctdc2017Columns } from '../ctdc/k-anonymised.js';
import { ctdc2024Columns } from '../ctdc/synthetic-v2.js';
import { palermoMethodsOfControl } from '../extensions.js';
import type { CodeOf } from '../vocabulary.js';
import { defineCrosswalk, translateAll } from './crosswalk.js';

/** data-standard.md §1.3 and §4.6: vic_MethodsOfControl (with Palermo's two extension values) to CTDC flags. */
const REF = 'data-standard.md §1.3, §4.6';

const EXTENSION_DECISION =
  'Defined in HTCDS Field Definitions.md and flagged by CTDC but absent from the HTCDS picklist: Palermo adds it as an extension value ' +
  '(status "extension") so CTDC exports lose nothing; HTCDS exports leave it out.';
const CHILDREN_CONFLICT =
  'The picklist has ThreatensChildrenFamily (a threat to children or family) where the definitions have UsesChildren (access to ' +
  'one\'s own children restricted): different concepts';
const CHILDREN_DECISION =
  'ThreatensChildrenFamily is a threat, so it goes to meansOfControlThreats, never to meansOfControlUsesChildren; restricting access ' +
  'to children is recorded with the extension value UsesChildren.';

export const meansOfControlToCtdc2017 = defineCrosswalk({
  id: 'palermo.vic_MethodsOfControl->ctdc2017.columns',
  from: palermoMethodsOfControl,
  to: ctdc2017Columns,
  reference: REF,
  entries: [
    { from: 'DebtBondage', to: ['meansOfControlDebtBondage'], basis: 'doc' },
    { from: 'TakesEarnings', to: ['meansOfControlTakesEarnings'], basis: 'doc' },
    { from: 'RestrictsFinancialAccess', to: ['meansOfControlRestrictsFinancialAccess'], basis: 'doc' },
    { from: 'PhysicalThreats', to: ['meansOfControlThreats'], basis: 'doc', note: 'Named Threats in the definitions' },
    {
      from: 'ThreatensChildrenFamily',
      to: ['meansOfControlThreats'],
      basis: 'derived',
      conflict: CHILDREN_CONFLICT,
      decision: CHILDREN_DECISION,
    },
    { from: 'ThreatsLawEnforcement', to: ['meansOfControlThreatOfLawEnforcement'], basis: 'doc' },
    { from: 'PsychologicalAbuse', to: ['meansOfControlPsychologicalAbuse'], basis: 'doc' },
    { from: 'PhysicalAbuse', to: ['meansOfControlPhysicalAbuse'], basis: 'doc' },
    { from: 'SexualAbuse', to: ['meansOfControlSexualAbuse'], basis: 'doc' },
    { from: 'FalsePromises', to: ['meansOfControlFalsePromises'], basis: 'doc' },
    { from: 'PsychoactiveSubstance', to: ['meansOfControlPsychoactiveSubstances'], basis: 'doc' },
    { from: 'RestrictsMedicalCare', to: ['meansOfControlRestrictsMedicalCare'], basis: 'doc' },
    { from: 'WithholdsNecessities', to: ['meansOfControlWithholdsNecessities'], basis: 'doc' },
    { from: 'ExcessiveWorkingHours', to: ['meansOfControlExcessiveWorkingHours'], basis: 'doc' },
    { from: 'WithholdsDocuments', to: ['meansOfControlWithholdsDocuments'], basis: 'doc' },
    { from: 'Other', to: ['meansOfControlOther'], basis: 'doc' },
    {
      from: 'RestrictsMovement',
      to: ['meansOfControlRestrictsMovement'],
      basis: 'decision',
      conflict: 'Defined in HTCDS and flagged by CTDC, missing from the HTCDS picklist',
      decision: EXTENSION_DECISION,
    },
    {
      from: 'UsesChildren',
      to: ['meansOfControlUsesChildren'],
      basis: 'decision',
      conflict: 'Defined in HTCDS and flagged by CTDC, missing from the HTCDS picklist',
      decision: EXTENSION_DECISION,
    },
  ],
});

export const meansOfControlToCtdc2024 = defineCrosswalk({
  id: 'palermo.vic_MethodsOfControl->ctdc2024.columns',
  from: palermoMethodsOfControl,
  to: ctdc2024Columns,
  reference: REF,
  entries: [
    { from: 'DebtBondage', to: ['meansDebtBondageEarnings'], basis: 'doc' },
    { from: 'TakesEarnings', to: ['meansDebtBondageEarnings'], basis: 'doc' },
    { from: 'RestrictsFinancialAccess', to: ['meansDenyBasicNeeds'], basis: 'doc' },
    { from: 'PhysicalThreats', to: ['meansThreats'], basis: 'doc' },
    { from: 'ThreatensChildrenFamily', to: ['meansThreats'], basis: 'derived', conflict: CHILDREN_CONFLICT, decision: CHILDREN_DECISION },
    { from: 'ThreatsLawEnforcement', to: ['meansThreats'], basis: 'doc' },
    { from: 'PsychologicalAbuse', to: ['meansAbusePsyPhySex'], basis: 'doc' },
    { from: 'PhysicalAbuse', to: ['meansAbusePsyPhySex'], basis: 'doc' },
    { from: 'SexualAbuse', to: ['meansAbusePsyPhySex'], basis: 'doc' },
    { from: 'FalsePromises', to: ['meansFalsePromises'], basis: 'doc' },
    { from: 'PsychoactiveSubstance', to: ['meansDrugsAlcohol'], basis: 'doc' },
    { from: 'RestrictsMedicalCare', to: ['meansDenyBasicNeeds'], basis: 'doc' },
    { from: 'WithholdsNecessities', to: ['meansDenyBasicNeeds'], basis: 'doc' },
    { from: 'ExcessiveWorkingHours', to: ['meansExcessiveWorkHours'], basis: 'doc' },
    { from: 'WithholdsDocuments', to: ['meansWithholdDocs'], basis: 'doc' },
    { from: 'Other', to: [], basis: 'doc', note: 'meansOfControlOther is not exported in 2024' },
    { from: 'RestrictsMovement', to: ['meansDenyBasicNeeds'], basis: 'decision', decision: EXTENSION_DECISION },
    { from: 'UsesChildren', to: ['meansThreats'], basis: 'decision', decision: EXTENSION_DECISION },
  ],
});

type MeansOfControl = CodeOf<typeof palermoMethodsOfControl>;

/** Spellings met in HTCDS toolkits and definitions (§1.3, §1.6), read as the canonical picklist value. */
export const methodsOfControlAliases: Readonly<Record<string, MeansOfControl>> = {
  Threats: 'PhysicalThreats',
  ThreatOfLawEnforcement: 'ThreatsLawEnforcement',
  PsychoactiveSubstances: 'PsychoactiveSubstance',
};

/** A value from an HTCDS file as a Palermo code: trimmed (the XLSForm writes "DebtBondage "), aliases resolved. */
export function readMethodOfControl(raw: string): MeansOfControl | undefined {
  const value = raw.trim();
  const alias = methodsOfControlAliases[value];
  if (alias) return alias;
  return palermoMethodsOfControl.codes.find((c) => c.code === value)?.code;
}

/** CTDC 2017 means flags set to 1; meansOfControlNotSpecified when no method is recorded. */
export function ctdc2017MeansOfControlFlags(methods: readonly MeansOfControl[]): Array<CodeOf<typeof ctdc2017Columns>> {
  const flags = translateAll(meansOfControlToCtdc2017, methods);
  return flags.length > 0 ? flags : ['meansOfControlNotSpecified'];
}

/** CTDC 2024 means flags set to 1 (none when no method is recorded: all NULL). */
export function ctdc2024MeansOfControlFlags(methods: readonly MeansOfControl[]): Array<CodeOf<typeof ctdc2024Columns>> {
  return translateAll(meansOfControlToCtdc2024, methods);
}
