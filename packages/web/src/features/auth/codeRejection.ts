import { ApiError } from '../../app/api';

/**
 * Turns "wrong or expired code" into a field issue on `code`, whatever way the server says it: 400 without field
 * issues, or 401 with its own error code. 401 'unauthenticated' is different (the session is gone) and is handled
 * globally, so it passes through unchanged, as does everything else.
 */
export function asCodeIssue(error: unknown): Error {
  if (!(error instanceof ApiError)) return error instanceof Error ? error : new Error(String(error));
  if (error.isValidation && error.issues.length > 0) return error;
  if (error.status === 400 || (error.status === 401 && error.code !== 'unauthenticated')) {
    return new ApiError(error.status, 'validation', error.message, [{ field: 'code', problem: 'code rejected' }]);
  }
  return error;
}
