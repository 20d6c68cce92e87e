import type { TFunction } from 'i18next';
import { ApiError } from '../../app/api';

/** The server's problems with an upload, in the reader's language (never the server's English). */
type Problem = 'required' | 'empty' | 'tooLarge' | 'notAccepted' | 'nameMismatch' | 'unreadable' | 'noName' | 'chooseType' | 'invalid';
const patterns: Array<[RegExp, Problem]> = [
  [/^is required$/, 'required'],
  [/^is empty$/, 'empty'],
  [/^must be at most 20 MiB$/, 'tooLarge'],
  [/^must be a PDF, JPEG or PNG file/, 'notAccepted'],
  [/^is a .* but its name says/, 'nameMismatch'],
  [/^is not a readable/, 'unreadable'],
  [/^is not a complete PDF/, 'unreadable'],
  [/^must have a file name$/, 'noName'],
  [/^must be one of/, 'chooseType'],
];

export function translateDocumentProblem(t: TFunction, problem: string): string {
  const found = patterns.find(([pattern]) => pattern.test(problem));
  const problemKey: Problem = found ? found[1] : 'invalid';
  return t(`documents.problems.${problemKey}`);
}

/** The same error with its problems translated; the form then shows them beside their fields. */
export function localiseDocumentError(t: TFunction, error: unknown): unknown {
  if (!(error instanceof ApiError) || error.issues.length === 0) return error;
  const issues = error.issues.map((issue) => ({ field: issue.field, problem: translateDocumentProblem(t, issue.problem) }));
  return new ApiError(error.status, error.code, error.message, issues);
}
