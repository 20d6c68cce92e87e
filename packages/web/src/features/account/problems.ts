import type { TFunction } from 'i18next';
import { ApiError } from '../../app/api';

/** The server's words for the account's refusals, each with the locale key that says it in the reader's language. */
const problems: Array<[RegExp, string]> = [
  [/^must not be in the future$/u, 'future'],
  [/^must not be before the start date$/u, 'endBeforeStart'],
  [/^cannot be true when an end date is given$/u, 'ongoingWithEnd'],
  [/^must not be before her birth date$/u, 'beforeBirth'],
  [/^contradicts her birth date and the start date$/u, 'ageContradicts'],
  [/^is older than she is today, by her birth date$/u, 'ageOlder'],
  [/^is not an assigned ISO 3166-1 country code$|^must be an ISO 3166-1 alpha-2 code/u, 'country'],
  [/^is only given when/u, 'acquaintance'],
  [/situation/u, 'situations'],
  [/^must be (a value|values) of /u, 'codeList'],
  [/^must not repeat a value$/u, 'repeated'],
];

/** An error with its problems said in the reader's language (the form shows them by field); a stale version explained. */
export function localiseAccountError(t: TFunction, error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  const tt = t as unknown as (key: string) => string;
  if (error.status === 409) return new ApiError(409, error.code, tt('account.stale'));
  if (error.issues.length === 0) return error;
  const issues = error.issues.map((issue) => {
    const key = problems.find(([pattern]) => pattern.test(issue.problem))?.[1];
    return key ? { ...issue, problem: tt(`account.problems.${key}`) } : issue;
  });
  return new ApiError(error.status, error.code, error.message, issues);
}
