import { errorBody, validationErrorBody } from '@palermo/contracts';

/** One problem with one field, as the server (or the client's own validation) reports it. */
export interface FieldIssue {
  field: string;
  problem: string;
  /** A stable code for the problem, when the server (or the contract) names one, and the words that go with it. */
  code?: string;
  params?: Readonly<Record<string, string>>;
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
  /** The body's `details`, when the server sends more for the client to word the problem itself; unchecked. */
  readonly details: unknown;

  constructor(status: number, code: string, message: string, issues: readonly FieldIssue[] = [], details: unknown = undefined) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
    this.details = details;
  }

  get isValidation(): boolean {
    return this.code === 'validation';
  }
}

/** The part of a zod schema the client needs, by its shape: the client does not tie itself to zod's own types. */
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
  if (parsed.success) {
    const details = typeof body === 'object' && body !== null ? (Reflect.get(body, 'details') as unknown) : undefined;
    return new ApiError(status, parsed.data.error, parsed.data.message, issuesOf(body), details);
  }
  const fallback = status === 401 ? 'unauthenticated' : status === 403 ? 'forbidden' : `http_${status}`;
  return new ApiError(status, fallback, `Request failed with status ${status}`);
}

/** What one request sends: a JSON body, or a body the browser encodes itself (a form, a file). */
interface RequestOptions {
  readonly method: Method;
  readonly body?: { readonly json: unknown } | { readonly raw: BodyInit; readonly contentType?: string };
  /** Extra headers (an idempotency key, a file name). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly accept?: string;
}

/**
 * The one place the web app talks to the server: same-origin credentials, never cached, the CSRF header on every
 * state-changing request; no answer becomes ApiError 'network', an error answer an ApiError from its body, and a 401
 * 'unauthenticated' tells the listeners (the session) that the session has ended.
 */
async function request(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: options.accept ?? 'application/json', ...options.headers };
  const init: RequestInit = { method: options.method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (options.method !== 'GET' && csrfToken !== null) headers['x-csrf-token'] = csrfToken;
  if (options.body && 'json' in options.body) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(options.body.json ?? {});
  } else if (options.body) {
    if (options.body.contentType) headers['content-type'] = options.body.contentType;
    init.body = options.body.raw;
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
  return response;
}

async function send(method: Method, path: string, body?: unknown, headers?: Record<string, string>): Promise<unknown> {
  const response = await request(path, { method, ...(method === 'GET' ? {} : { body: { json: body } }), ...(headers ? { headers } : {}) });
  return readJson(response);
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
  /** `headers` carries what a request needs beyond the usual (an idempotency key). */
  async post<T>(path: string, body: unknown, schema: Schema<T>, headers?: Record<string, string>): Promise<T> {
    return parse(schema, await send('POST', path, body, headers), path);
  },
  async patch<T>(path: string, body: unknown, schema: Schema<T>): Promise<T> {
    return parse(schema, await send('PATCH', path, body), path);
  },
  async put<T>(path: string, body: unknown, schema: Schema<T>): Promise<T> {
    return parse(schema, await send('PUT', path, body), path);
  },
  async delete<T>(path: string, schema: Schema<T>): Promise<T> {
    return parse(schema, await send('DELETE', path), path);
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
  return parse(schema, await readJson(await request(path, { method: 'POST', body: { raw: form } })), path);
}

/**
 * Sends a file as the request body (application/octet-stream, its name in `x-file-name`), with the CSRF header, and
 * checks the answer against the contract. For uploads too large or too binary for a JSON body.
 */
export async function uploadFile<T>(path: string, file: File, schema: Schema<T>, headers: Record<string, string> = {}): Promise<T> {
  const response = await request(path, {
    method: 'POST',
    body: { raw: file, contentType: 'application/octet-stream' },
    headers: { ...headers, 'x-file-name': encodeURIComponent(file.name) },
  });
  return parse(schema, await readJson(response), path);
}

/** A file the server wrote, with the name it gives it. */
export interface DownloadedFile {
  readonly blob: Blob;
  readonly fileName: string;
}

/** The file name of a Content-Disposition header (the RFC 6266 `filename*` form first), if it names one. */
export function fileNameOf(contentDisposition: string | null): string | undefined {
  const header = contentDisposition ?? '';
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1]);
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? /filename=([^;\s]+)/i.exec(header)?.[1];
}

/**
 * A file the server writes on request (a PDF, a CSV, a spreadsheet, a document): a GET, or a POST of a JSON body with
 * the CSRF header. Answers its bytes and the name the server gives it (Content-Disposition), for the browser to save;
 * errors as for every request.
 */
export async function fetchFile(path: string, body?: unknown, fallbackName = 'document.pdf'): Promise<DownloadedFile> {
  const response = await request(path, {
    method: body === undefined ? 'GET' : 'POST',
    accept: '*/*',
    ...(body === undefined ? {} : { body: { json: body } }),
  });
  return { blob: await response.blob(), fileName: fileNameOf(response.headers.get('content-disposition')) ?? fallbackName };
}

/** Saves a file the server wrote: the browser's own download (never opened in the page). */
export function saveFile(file: DownloadedFile): void {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Fetches a file through the client (so a refusal or an ended session is handled like any error) and saves it. */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  saveFile(await fetchFile(path, undefined, fallbackName));
}
