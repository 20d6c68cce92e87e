import type { Rule } from '../../platform/access/rules.js';
import { relationshipRules } from '../../platform/access/relationships.js';
import { defineFieldPolicy } from '../../platform/access/field-policy.js';
import { noCaseRelationshipGrants, noFields as none } from '../../platform/access/no-grants.js';

const { recordingAgency, prosecutionOffice } = relationshipRules;

/**
 * Who may produce an operation's case brief (SHERLOC's fields, identities removed) and write its text, as data:
 * - the prosecutors of the office an investigation of the operation was referred to produce it and write, change and
 *   approve its text for publication;
 * - the recording agency's investigators produce it (read only);
 * - court clerks, analysts, caseworkers, the coordinator and the rapporteur: refused.
 */
export const caseBriefRules = {
  read: [...recordingAgency, ...prosecutionOffice],
  write: prosecutionOffice,
} as const satisfies Record<string, Rule>;

const briefAll = ['operationId', 'caseName', 'caseNumber', 'country', 'factSummary', 'commentary', 'status', 'approvedOn', 'records'] as const;

/**
 * Need to know on a case brief: its text for publication (case name and number, fact summary, commentary: free text
 * that may name someone until a prosecutor approves it, encrypted at rest) and `records`, what the brief draws from
 * the operation's records (counts, codes, provisions, verdicts; never a name, pseudonym, initials or place name).
 * The recording agency and the prosecution office see it whole; nobody else anything.
 */
export const prosecutionCaseBriefFieldPolicy = defineFieldPolicy({
  recordKind: 'prosecutionCaseBrief',
  fields: briefAll,
  grants: {
    ...noCaseRelationshipGrants(),
    recordingAgency: { fields: briefAll },
    prosecutionOffice: { fields: briefAll },
    courtOfTrial: none(),
    analyst: none(),
  },
});
