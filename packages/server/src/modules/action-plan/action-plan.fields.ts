import type { ActivityView } from '@palermo/contracts';
import { allows, type RecordFacts, type Rule, type Subject } from '../../platform/access/rules.js';
import { organisationStaff } from './action-plan.policy.js';

type ActivityField = keyof ActivityView;

const structure = [
  'id', 'objectiveId', 'code', 'title', 'description', 'responsibleOrganisationId', 'responsibleOrganisationName', 'partners', 'startsOn', 'endsOn', 'status', 'progressPercent', 'version', 'mayReport',
] as const satisfies readonly ActivityField[];
const everything = [...structure, 'budgets', 'funding', 'progress'] as const satisfies readonly ActivityField[];

/**
 * Which fields of an activity each audience sees, as data: the plan's structure and where each activity stands is
 * for everyone who reads the plan (it will be public); the money (budgets, funding sources) and the progress reports
 * are for the coordinator, the rapporteur and the responsible organisation; a partner organisation sees the reports
 * and the budget, not who funds it. A reader sees the union over the audiences she belongs to.
 */
export const activityFieldPolicy: ReadonlyArray<{ readonly audience: string; readonly rule: Rule; readonly fields: readonly ActivityField[] }> = [
  { audience: 'coordinator and rapporteur', rule: [[{ role: ['national_coordinator', 'national_rapporteur'] }]], fields: everything },
  { audience: 'responsible organisation', rule: [[{ role: organisationStaff }, { is: 'sameOrganisation' }]], fields: everything },
  { audience: 'partner organisation', rule: [[{ role: organisationStaff }, { is: 'sharedWithOrganisation' }]], fields: [...structure, 'budgets', 'progress'] },
  { audience: 'every reader of the plan', rule: [[{ role: [...organisationStaff] }]], fields: structure },
];

/** The fields of an activity this user sees. */
export function visibleActivityFields(subject: Subject, facts: RecordFacts): Set<string> {
  const out = new Set<string>();
  for (const { rule, fields } of activityFieldPolicy) if (allows(rule, subject, facts)) for (const f of fields) out.add(f);
  return out;
}
