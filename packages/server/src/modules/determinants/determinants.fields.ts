import { defineFieldPolicy } from '../../platform/access/field-policy.js';
import { noCaseRelationshipGrants } from '../../platform/access/no-grants.js';

const all = ['id', 'country', 'periodFrom', 'periodTo', 'title', 'entryCount', 'updatedAt', 'entries', 'checklist'] as const;

/**
 * Need to know on a determinants assessment (it names no one): the rapporteur who records it, the coordinator and the
 * national administrator see it whole; the case and prosecution relationships and civil society grant nothing.
 */
export const determinantAssessmentFieldPolicy = defineFieldPolicy({
  recordKind: 'determinantAssessment',
  fields: all,
  grants: {
    ...noCaseRelationshipGrants(),
    coordinator: { fields: all },
    rapporteur: { fields: all },
    nationalAdministrator: { fields: all },
  },
});
