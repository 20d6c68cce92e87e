import type { Vocabulary } from './vocabulary.js';
import { htcdsMethodsOfControl } from './htcds/control.js';
import { htcdsForcedLabourIndustry } from './htcds/exploitation.js';

/**
 * Palermo's extensions of the HTCDS code lists, each a decision the reference leaves to the project
 * (data-standard.md, tags [decision]). Extension values carry `status: 'extension'`; exports to HTCDS leave them out
 * and exports to CTDC use them for lossless round trips.
 */

/** §4.6 [decision]: RestrictsMovement and UsesChildren are defined by HTCDS and flagged by CTDC, but absent from the
 * picklist: added as extension values so CTDC's meansOfControlRestrictsMovement and …UsesChildren can be filled. */
export const palermoMethodsOfControl = {
  id: 'palermo.vic_MethodsOfControl',
  standard: 'Palermo',
  version: '1',
  source: 'HTCDS v2.0 vic_MethodsOfControl plus two concepts of Field Definitions.md (data-standard.md §1.3, §4.6)',
  field: 'vic_MethodsOfControl',
  multiple: true,
  codes: [
    ...htcdsMethodsOfControl.codes,
    {
      code: 'RestrictsMovement',
      label: 'Restricts movement',
      definition: 'Confinement, monitoring, isolation',
      status: 'extension',
    },
    {
      code: 'UsesChildren',
      label: 'Uses children',
      definition: "Access to the person's own children restricted, custody manipulated",
      status: 'extension',
    },
  ],
} as const satisfies Vocabulary;

/** §4.4 [decision]: CTDC's typeOfLabourIllicitActivities has no ISIC section; kept as an extension value. */
export const palermoForcedLabourIndustry = {
  id: 'palermo.vic_ForcedLabourIndustry',
  standard: 'Palermo',
  version: '1',
  source: 'HTCDS v2.0 vic_ForcedLabourIndustry (ISIC Rev.4 sections) plus one extension (data-standard.md §1.4, §4.4)',
  field: 'vic_ForcedLabourIndustry',
  multiple: true,
  codes: [
    ...htcdsForcedLabourIndustry.codes,
    {
      code: 'X_IllicitActivities',
      label: 'Illicit activities (forced criminality)',
      definition: 'Labour in activities that are themselves crimes; no ISIC section applies',
      status: 'extension',
    },
  ],
} as const satisfies Vocabulary;

/** §4.7 [decision]: HTCDS `Acquainted` covers three CTDC relations; this detail (recorded beside the HTCDS value)
 * says which, so CTDC recruiter flags can be filled without guessing. */
export const palermoAcquaintanceDetail = {
  id: 'palermo.acquaintanceDetail',
  standard: 'Palermo',
  version: '1',
  source: 'Palermo extension for CTDC recruiterRelation* flags (data-standard.md §4.7)',
  codes: [
    { code: 'IntimatePartner', label: 'Intimate partner' },
    { code: 'FriendOrAcquaintance', label: 'Friend or acquaintance' },
    { code: 'OtherKnownPerson', label: 'Other known person (employer, broker, contractor)' },
  ],
} as const satisfies Vocabulary;

/** §4.9: whether a person with a given trafficking status enters a published count. */
export const palermoCountingInclusion = {
  id: 'palermo.countingInclusion',
  standard: 'Palermo',
  version: '1',
  source: 'Palermo rule for who is counted (data-standard.md §4.9)',
  codes: [
    { code: 'counted', label: 'Counted' },
    { code: 'counted_as_reported', label: 'Counted as reported (unverified), tagged by channel' },
    { code: 'excluded', label: 'Excluded' },
  ],
} as const satisfies Vocabulary;
