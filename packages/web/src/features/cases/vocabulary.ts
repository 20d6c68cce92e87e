import { caseStages, caseStatuses, type CaseStage, type CaseStatus } from '@palermo/contracts';

export const isCaseStage = (value: string | null): value is CaseStage => (caseStages as readonly string[]).includes(value ?? '');
export const isCaseStatus = (value: string | null): value is CaseStatus => (caseStatuses as readonly string[]).includes(value ?? '');

/** Stages at which a case still waits for a decision (a deadline can be overdue). */
export const openStatuses: readonly CaseStatus[] = ['Active', 'FollowUp'];
