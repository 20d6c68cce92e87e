import { lawEnforcementOrganisationTypes } from '@palermo/contracts';
import type { Rule } from '../../platform/access/rules.js';

/** An investigator whose organisation recorded the person at intake and still holds the record (see case.policy.ts). */
const intakeHolder = [{ role: ['investigator'] }, { organisationType: lawEnforcementOrganisationTypes }, { is: 'sameOrganisation' }] as const satisfies Rule[number];

/**
 * Need to know. The organisation holding a person's record sees it (caseworkers and supervisors); a case manager
 * sees the people assigned to them wherever the record sits; law enforcement sees a person only when the person has
 * consented to sharing with law enforcement and the record lies in its jurisdiction, or while its own organisation
 * holds the record after reporting a suspicion (until case management is handed to an assistance organisation, which
 * moves the record there). No other role sees names.
 */
export const personRules = {
  create: [[{ role: ['caseworker', 'supervisor'] }], [{ role: ['investigator'] }, { organisationType: lawEnforcementOrganisationTypes }]],
  read: [
    [{ role: ['caseworker', 'supervisor'] }, { is: 'sameOrganisation' }],
    [{ role: ['caseworker'] }, { is: 'assigned' }],
    [{ role: ['investigator'] }, { consent: 'law_enforcement' }, { is: 'inJurisdiction' }],
    intakeHolder,
  ],
  update: [
    [{ role: ['caseworker', 'supervisor'] }, { is: 'sameOrganisation' }],
    [{ role: ['caseworker'] }, { is: 'assigned' }],
    intakeHolder,
  ],
  assign: [[{ role: ['supervisor'] }, { is: 'sameOrganisation' }]],
} as const satisfies Record<string, Rule>;
