import type { Rule } from '../../platform/access/rules.js';

/**
 * Need to know. The organisation holding a person's record sees it (caseworkers and supervisors); a case manager
 * sees the people assigned to them wherever the record sits; law enforcement sees a person only when the person has
 * consented to sharing with law enforcement and the record lies in its jurisdiction. No other role sees names.
 */
export const personRules = {
  create: [[{ role: ['caseworker', 'supervisor'] }]],
  read: [
    [{ role: ['caseworker', 'supervisor'] }, { is: 'sameOrganisation' }],
    [{ role: ['caseworker'] }, { is: 'assigned' }],
    [{ role: ['investigator'] }, { consent: 'law_enforcement' }, { is: 'inJurisdiction' }],
  ],
  update: [
    [{ role: ['caseworker', 'supervisor'] }, { is: 'sameOrganisation' }],
    [{ role: ['caseworker'] }, { is: 'assigned' }],
  ],
  assign: [[{ role: ['supervisor'] }, { is: 'sameOrganisation' }]],
} as const satisfies Record<string, Rule>;
