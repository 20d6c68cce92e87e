import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { translateProblem } from '../../app/errors';
import { ApiError, type FieldIssue } from '../../app/api';
import { useFormats } from '../cases/format';

/** The recommendations' vocabularies by their words in the reader's language, never the codes. */
export function useRecommendationLabels() {
  const { t, i18n } = useTranslation();
  const formats = useFormats();
  const label = (vocabulary: string) => (code: string | null | undefined) => (code ? t(`recommendations.${vocabulary}.${code}` as 'recommendations.bodies.greta') : '');
  return {
    body: label('bodies'),
    theme: label('themes'),
    urgency: label('urgencies'),
    /** No response yet reads as such. */
    response: (code: string | null | undefined) => (code ? t(`recommendations.responses.${code}` as 'recommendations.responses.accepted') : t('recommendations.noResponse')),
    status: label('statuses'),
    change: label('changes'),
    date: formats.date,
    themes: (codes: readonly string[] | undefined) => new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format((codes ?? []).map((c) => t(`recommendations.themes.${c}` as 'recommendations.themes.prevention'))),
    percent: (share: number) => new Intl.NumberFormat(i18n.language, { style: 'percent' }).format(share),
  };
}
export type RecommendationLabels = ReturnType<typeof useRecommendationLabels>;

/** The recommendations' own problem phrases (contracts and server), translated; others go to the shared translator. */
const problems: Record<string, string> = {
  'must say what shows this status (a law, a report, a decision)': 'evidenceRequired',
  'must not be before the recommendation was issued': 'beforeIssued',
  'must name at least one of the themes': 'oneTheme',
  'must be one of the monitoring bodies': 'choose',
  'must be one of the urgencies': 'choose',
  'must be accepted, noted or rejected': 'choose',
  'must be one of the implementation statuses': 'choose',
  'must name at least one activity': 'oneActivity',
  'must name at least two recommendations': 'twoRecommendations',
  'must not be empty': 'required',
};

export function translateRecommendationProblem(t: TFunction, problem: string): string {
  const key = problems[problem];
  if (key === 'choose') return t('problems.choose');
  if (key === 'required') return t('problems.required');
  return key ? t(`recommendations.problems.${key}` as 'recommendations.problems.evidenceRequired') : translateProblem(t, problem);
}

export function localiseRecommendationIssues(t: TFunction, issues: readonly FieldIssue[]): FieldIssue[] {
  return issues.map((issue) => ({ field: issue.field, problem: translateRecommendationProblem(t, issue.problem) }));
}

/** Runs a request and puts the server's refusals of fields into the reader's language before the form shows them. */
export async function translatingRefusals<T>(t: TFunction, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (caught) {
    if (caught instanceof ApiError && caught.issues.length > 0) throw new ApiError(caught.status, caught.code, caught.message, localiseRecommendationIssues(t, caught.issues));
    throw caught;
  }
}

/** The start of a recommendation's text, for a list. */
export function excerpt(text: string, length = 140): string {
  return text.length <= length ? text : `${text.slice(0, length).trimEnd()}…`;
}

/** Text people wrote, set in a sentence of the app as a unit of its own direction (FSI ... PDI), as <bdi> does in markup. */
export const isolate = (text: string) => `\u2068${text}\u2069`;
