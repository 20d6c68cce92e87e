import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { translateProblem } from '../../app/errors';
import { localiseCaseError, localiseIssues } from '../cases/problems';

/** Translation by a key built at run time (a section's field, a code list's value); the key lists live in the locales. */
export type DynamicT = (key: string, options?: Record<string, unknown>) => string;

export function useDynamicT(): DynamicT {
  const { t } = useTranslation();
  return t as unknown as DynamicT;
}

const profileProblems: Record<string, string> = {
  'is not an assigned ISO 3166-1 country code': 'personProfile.problems.country',
  'is not a known language code': 'personProfile.problems.language',
  'must not be in the future': 'personProfile.problems.future',
  'must be a language code such as ti, ar or pt-BR': 'personProfile.problems.language',
  'the person must have given permission to send the decision to someone else': 'personProfile.problems.permission',
  'is required when someone else receives the decision': 'personProfile.problems.required',
  'is required': 'personProfile.problems.required',
};

/** The server's problems, in the reader's language: this area's phrases first, then the case pages' and the app's. */
export function useLocaliseProblems() {
  const { t } = useTranslation();
  const dt = t as unknown as DynamicT;
  return (issues: ReadonlyArray<{ field: string; problem: string }>) =>
    localiseIssues(t, issues).map((issue) => {
      const key = profileProblems[issue.problem];
      return { field: issue.field, problem: key ? dt(key) : translateProblem(t, issue.problem) };
    });
}

/** Runs a change and throws its refusal in the reader's language (form.run shows it at the field it names). */
export function useLocalisedChange() {
  const { t } = useTranslation();
  const localise = useLocaliseProblems();
  return async (action: () => Promise<unknown>): Promise<void> => {
    try {
      await action();
    } catch (error) {
      if (error instanceof ApiError && error.issues.length > 0) throw new ApiError(error.status, error.code, error.message, localise(error.issues));
      throw localiseCaseError(t, error);
    }
  };
}
