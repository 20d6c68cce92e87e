/**
 * Coordination of the national response: the bodies that coordinate it (a national coordination body, its working
 * groups, task forces), the organisations that sit in them and in which role, the follow-up actions their meetings
 * assign, and the trainings delivered (outputs of the plan). Labels are in the web app's locales under
 * `coordination.<vocabulary>.<code>`.
 */

export const coordinationBodyKinds = ['national_coordination_body', 'working_group', 'task_force', 'referral_mechanism', 'regional_body', 'other'] as const;
export type CoordinationBodyKind = (typeof coordinationBodyKinds)[number];

/** A body's theme: one of the plan's 4Ps (vocabularies/action-plan.ts planPillars), or all of them. */
export const coordinationThemes = ['prevention', 'protection', 'prosecution', 'partnership', 'all'] as const;
export type CoordinationTheme = (typeof coordinationThemes)[number];

/** How an organisation sits in a body. */
export const coordinationMemberRoles = ['chair', 'secretariat', 'member', 'observer'] as const;
export type CoordinationMemberRole = (typeof coordinationMemberRoles)[number];

/** A follow-up action's status; `done` carries the date it was done. Overdue: due date passed, neither done nor dropped. */
export const followUpStatuses = ['open', 'in_progress', 'done', 'dropped'] as const;
export type FollowUpStatus = (typeof followUpStatuses)[number];

export const trainingTopics = [
  'identification', 'victim_assistance', 'child_victims', 'investigation', 'prosecution_adjudication', 'labour_exploitation',
  'online_exploitation', 'referral_mechanism', 'non_punishment', 'data_protection', 'other',
] as const;
export type TrainingTopic = (typeof trainingTopics)[number];

export const trainingAudiences = [
  'police', 'labour_inspectors', 'prosecutors', 'judges', 'social_workers', 'health', 'education', 'consular', 'civil_society', 'other',
] as const;
export type TrainingAudience = (typeof trainingAudiences)[number];
