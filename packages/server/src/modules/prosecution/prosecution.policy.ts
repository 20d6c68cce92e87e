import { lawEnforcementOrganisationTypes, type ProsecutionStepKind } from '@palermo/contracts';
import type { Rule } from '../../platform/access/rules.js';
import { relationshipRules } from '../../platform/access/relationships.js';

const { recordingAgency, prosecutionOffice, courtOfTrial, analyst } = relationshipRules;
const courtOutcome = [...prosecutionOffice, ...courtOfTrial] as const;

/**
 * Who may do what in the prosecution pipeline, as data (the relationships are defined in platform/access):
 * - an investigator of a law-enforcement organisation records operations; the recording agency's investigators add
 *   investigations and suspects, refer an investigation to a prosecution office, and record arrests and seizures;
 * - the prosecutors of the office an investigation was referred to read it and record charges, the prosecution (naming
 *   the court) and what follows in court;
 * - the clerks of that court record court outcomes of the defendants before it;
 * - analysts read operations and suspects' pseudonyms and roles (the field policy keeps identities from them);
 * - caseworkers, the coordinator and the rapporteur reach none of it.
 * What each of them then sees of a record is the field policy's (prosecution.fields.ts).
 */
export const prosecutionRules = {
  recordOperation: [[{ role: ['investigator'] }, { organisationType: lawEnforcementOrganisationTypes }]],
  manageOperation: recordingAgency,
  read: [...recordingAgency, ...prosecutionOffice, ...courtOfTrial, ...analyst],
  recordStep: [...recordingAgency, ...prosecutionOffice, ...courtOfTrial],
} as const satisfies Record<string, Rule>;

/** Who records each step of the funnel. */
export const stepRules: Readonly<Record<ProsecutionStepKind, Rule>> = {
  arrest: recordingAgency,
  assets_seized: [...recordingAgency, ...prosecutionOffice],
  charge: prosecutionOffice,
  prosecution: prosecutionOffice,
  plea: courtOutcome,
  trial: courtOutcome,
  verdict: courtOutcome,
  sentence: courtOutcome,
  appeal: courtOutcome,
  appeal_decision: courtOutcome,
  assets_confiscated: courtOutcome,
  compensation_paid: courtOutcome,
};

/** Who imports a prosecution history from a spreadsheet: a prosecution office's prosecutors, a law-enforcement agency's investigators. */
export const prosecutionImportRules = {
  import: [
    [{ role: ['prosecutor'] }, { organisationType: ['prosecutor'] }],
    [{ role: ['investigator'] }, { organisationType: lawEnforcementOrganisationTypes }],
  ],
} as const satisfies Record<string, Rule>;
