/** One problem of a 400: the field and the problem in English; a stable code and its params when a client words it itself. */
export interface FieldProblem {
  readonly field: string;
  readonly problem: string;
  readonly code?: string;
  readonly params?: Readonly<Record<string, string>>;
}

/** An error that becomes an HTTP response with a stable machine-readable code and a clear message. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly issues?: ReadonlyArray<FieldProblem>,
    /** More of the body, for a client that words the problem itself (e.g. why an estimate cannot be made, by code). */
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}

export const badRequest = (field: string, problem: string) =>
  new HttpError(400, 'validation', `${field}: ${problem}`, [{ field, problem }]);
export const unauthenticated = (message = 'Sign in first') => new HttpError(401, 'unauthenticated', message);
export const forbidden = (message = 'You are not allowed to do this') => new HttpError(403, 'forbidden', message);
export const notFound = (what: string) => new HttpError(404, 'not_found', `${what} not found`);
export const conflict = (message: string) => new HttpError(409, 'conflict', message);
