import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '../../app/api';
import { useFormats } from '../cases/format';

/** Coordination's vocabularies by their words in the reader's language, never the codes. */
export function useCoordinationLabels() {
  const { t, i18n } = useTranslation();
  const formats = useFormats();
  const label = (vocabulary: string) => (code: string | null | undefined) => (code ? t(`coordination.${vocabulary}.${code}` as 'coordination.kinds.working_group') : '');
  return {
    kind: label('kinds'),
    theme: label('themes'),
    memberRole: label('memberRoles'),
    status: label('statuses'),
    topic: label('topics'),
    audience: label('audiences'),
    date: (value: string | null | undefined) => (value ? formats.date(value) : ''),
    number: (value: number) => new Intl.NumberFormat(i18n.language).format(value),
  };
}
export type CoordinationLabels = ReturnType<typeof useCoordinationLabels>;

/** The server's and the contracts' phrases of this area's refusals, by the key of their words. */
const problems: Record<string, string> = {
  'must not be before the start of the period': 'periodOrder',
  'must not be before the meeting': 'beforeMeeting',
  'must not be after the due date of one of its actions': 'afterAction',
  'must keep the decisions an action follows from': 'keepFollowedDecision',
  'must name an existing organisation': 'unknownOrganisation',
  'must name an existing body': 'unknownBody',
  'must not be the body itself or one of its sub-bodies': 'parentLoop',
  'must name a decision of this meeting': 'unknownDecision',
  'must name an activity of the plan': 'unknownActivity',
  'must be given when the action is done': 'doneDateNeeded',
  'must be given only when the action is done': 'doneDateOnlyDone',
  'must not add up to more than the number trained': 'bySexTooMany',
  'must be at least 1': 'atLeastOne',
  'must be a whole number': 'wholeNumber',
  'must not be negative': 'notNegative',
  'must not repeat a value': 'repeated',
};
const choices = [
  'must be chair, secretariat, member or observer', 'must be one of the kinds of body', 'must be one of the themes', 'must be open, in progress, done or dropped',
  'must be one of the topics', 'must be one of the audiences',
];

export function translateCoordinationProblem(t: TFunction, problem: string): string {
  if (choices.includes(problem)) return t('problems.choose');
  if (problem === 'must not be empty') return t('problems.required');
  const key = problems[problem];
  return key ? t(`coordination.problems.${key}` as 'coordination.problems.periodOrder') : problem;
}

/** Puts this area's problems into the reader's words; the others are left to the app's common words. */
export const localiseCoordinationIssues = (t: TFunction) => (issues: FieldIssue[]): FieldIssue[] => issues.map((issue) => ({ field: issue.field, problem: translateCoordinationProblem(t, issue.problem) }));

/** An empty choice as no value. */
export const orNull = (value: string) => (value === '' ? null : value);
export const orUndefined = (value: string) => (value === '' ? undefined : value);
