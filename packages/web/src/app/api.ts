import { errorBody, validationErrorBody } from '@palermo/contracts';

/** One problem with one field, as the server (or the client's own validation) reports it. */
export interface FieldIssue {
  field: string;
  problem: string;
}

/**
 * Every failed request becomes an ApiError. `code` is the server's `error` value ('validation', 'forbidden',
 * 'invalid_credentials', ...), or one of the client's own: 'network' (no answer), 'bad_response' (an answer that
 * does not match the contract).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: readonly FieldIssue[];

  constructor(status: number, code: string, message: string, issues: readonly FieldIssue[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
  }

  get isValidation(): boolean {
    return this.code === 'validation';
  }
}

/** The part of a zod schema the client needs; keeps the web package free of a direct zod dependency. */
export interface Schema<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false; error: unknown };
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
type QueryValue = string | number | undefined;

let csrfToken: string | null = null;
const unauthenticatedListeners = new Set<() => void>();

/** Called with the csrfToken of every SessionView the client receives; null after sign-out. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Runs when any request answers 401 {error:'unauthenticated'}: the session has ended or expired. */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export function withQuery(path: string, query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Field issues may come with other errors too (a 409 names the field that conflicts). */
function issuesOf(body: unknown): FieldIssue[] {
  const parsed = validationErrorBody.shape.issues.safeParse(
    typeof body === 'object' && body !== null ? Reflect.get(body, 'issues') : undefined,
  );
  return parsed.success ? parsed.data : [];
}

function toApiError(status: number, body: unknown): ApiError {
  const validation = validationErrorBody.safeParse(body);
  if (validation.success) {
    return new ApiError(status, 'validation', validation.data.message, validation.data.issues);
  }
  if (status === 429) return new ApiError(status, 'too_many_requests', 'Too many requests');
  const parsed = errorBody.safeParse(body);
  if (parsed.success) return new ApiError(status, parsed.data.error, parsed.data.message, issuesOf(body));
  const fallback = status === 401 ? 'unauthenticated' : status === 403 ? 'forbidden' : `http_${status}`;
  return new ApiError(status, fallback, `Request failed with status ${status}`);
}

async function send(method: Method, path: string, body?: unknown): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const init: RequestInit = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (method !== 'GET') {
    headers['content-type'] = 'application/json';
    if (csrfToken !== null) headers['x-csrf-token'] = csrfToken;
    init.body = JSON.stringify(body ?? {});
  }

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'network', 'The server could not be reached');
  }
  const json = await readJson(response);
  if (!response.ok) {
    const error = toApiError(response.status, json);
    if (error.status === 401 && error.code === 'unauthenticated') {
      for (const listener of unauthenticatedListeners) listener();
    }
    throw error;
  }
  return json;
}

function parse<T>(schema: Schema<T>, value: unknown, path: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  console.error(`Response from ${path} does not match the contract`, result.error);
  throw new ApiError(0, 'bad_response', 'The server answered in an unexpected form');
}

export const api = {
  async get<T>(path: string, schema: Schema<T>): Promise<T> {
    return parse(schema, await send('GET', path), path);
  },
  async post<T>(path: string, body: unknown, schema: Schema<T>): Promise<T> {
    return parse(schema, await send('POST', path, body), path);
  },
  async patch<T>(path: string, body: unknown, schema: Schema<T>): Promise<T> {
    return parse(schema, await send('PATCH', path, body), path);
  },
  async put<T>(path: string, body: unknown, schema: Schema<T>): Promise<T> {
    return parse(schema, await send('PUT', path, body), path);
  },
  /** A state-changing request whose answer the client does not need. */
  async postIgnoringBody(path: string, body: unknown = {}): Promise<void> {
    await send('POST', path, body);
  },
};

/**
 * Sends a form with files (multipart/form-data, the browser writes the boundary), with the CSRF header, and checks the
 * answer against the contract.
 */
export async function sendForm<T>(path: string, form: FormData, schema: Schema<T>): Promise<T> {
  return postBody(path, { accept: 'application/json' }, form, schema);
}

/**
 * Sends a file as the request body (application/octet-stream, its name in `x-file-name`), with the CSRF header, and
 * checks the answer against the contract. For uploads too large or too binary for a JSON body.
 */
export async function uploadFile<T>(path: string, file: File, schema: Schema<T>): Promise<T> {
  return postBody(path, { accept: 'application/json', 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(file.name) }, file, schema);
}

/** A POST of a body that is not JSON (a form, a file), with the CSRF header; the answer checked against the contract. */
async function postBody<T>(path: string, headers: Record<string, string>, body: BodyInit, schema: Schema<T>): Promise<T> {
  const withCsrf = csrfToken === null ? headers : { ...headers, 'x-csrf-token': csrfToken };
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', headers: withCsrf, body, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'network', 'The server could not be reached');
  }
  const json = await readJson(response);
  if (!response.ok) {
    const error = toApiError(response.status, json);
    if (error.status === 401 && error.code === 'unauthenticated') {
      for (const listener of unauthenticatedListeners) listener();
    }
    throw error;
  }
  return parse(schema, json, path);
}

/**
 * A document the server writes on request (a PDF): a GET, or a POST of a JSON body with the CSRF header. Answers its
 * bytes and the name the server gives it (Content-Disposition), for the browser to save; errors as for every request.
 */
export async function fetchFile(path: string, body?: unknown): Promise<{ blob: Blob; fileName: string }> {
  const headers: Record<string, string> = { accept: 'application/pdf, application/json' };
  const init: RequestInit = { method: body === undefined ? 'GET' : 'POST', headers, credentials: 'same-origin', cache: 'no-store' };
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    if (csrfToken !== null) headers['x-csrf-token'] = csrfToken;
    init.body = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'network', 'The server could not be reached');
  }
  if (!response.ok) {
    const error = toApiError(response.status, await readJson(response));
    if (error.status === 401 && error.code === 'unauthenticated') {
      for (const listener of unauthenticatedListeners) listener();
    }
    throw error;
  }
  const named = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '');
  return { blob: await response.blob(), fileName: named?.[1] ?? 'document.pdf' };
}
