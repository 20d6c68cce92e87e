import { useCallback, useRef } from 'react';
import { errorBody, sessionView, validationErrorBody } from '@palermo/contracts';
import { ApiError, api, type FieldIssue, type Schema } from '../../app/api';
import { useActiveSession } from '../../app/session';

/**
 * Requests that change a case carry an `idempotency-key` header, so that a retried request does not act twice. The
 * shared client (app/api.ts) sends no custom headers, so this module sends these requests itself, with the same CSRF
 * header, error shapes and contract check.
 */

/** A random key; crypto.randomUUID needs a secure context, getRandomValues does not. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function issuesOf(body: unknown): FieldIssue[] {
  const issues: unknown = typeof body === 'object' && body !== null ? Reflect.get(body, 'issues') : undefined;
  const parsed = validationErrorBody.shape.issues.safeParse(issues);
  return parsed.success ? parsed.data : [];
}

function toApiError(status: number, body: unknown): ApiError {
  const validation = validationErrorBody.safeParse(body);
  if (validation.success) return new ApiError(status, 'validation', validation.data.message, validation.data.issues);
  if (status === 429) return new ApiError(status, 'too_many_requests', 'Too many requests');
  const parsed = errorBody.safeParse(body);
  if (parsed.success) return new ApiError(status, parsed.data.error, parsed.data.message, issuesOf(body));
  const fallback = status === 401 ? 'unauthenticated' : status === 403 ? 'forbidden' : `http_${status}`;
  return new ApiError(status, fallback, `Request failed with status ${status}`);
}

async function postWithKey<T>(path: string, body: unknown, key: string, csrfToken: string, schema: Schema<T>): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': csrfToken, 'idempotency-key': key },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'The server could not be reached');
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text.trim() === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const error = toApiError(response.status, json);
    // Let the shared client notice the ended session (it tells the app to show the sign-in page).
    if (error.status === 401) await api.get('/api/auth/session', sessionView).catch(() => undefined);
    throw error;
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  console.error(`Response from ${path} does not match the contract`, parsed.error);
  throw new ApiError(0, 'bad_response', 'The server answered in an unexpected form');
}

export type KeyedPost = <T>(path: string, body: unknown, schema: Schema<T>) => Promise<T>;

/**
 * One user action's sender. The same request retried (same path and body, after a failure) reuses its key, so the
 * server recognises it; a changed request, or the next action after a success, gets a new key.
 */
export function useKeyedPost(): KeyedPost {
  const { csrfToken } = useActiveSession();
  const last = useRef<{ request: string; key: string } | null>(null);
  return useCallback(
    async <T,>(path: string, body: unknown, schema: Schema<T>): Promise<T> => {
      const request = `${path}\n${JSON.stringify(body)}`;
      const key = last.current?.request === request ? last.current.key : newIdempotencyKey();
      last.current = { request, key };
      const result = await postWithKey(path, body, key, csrfToken, schema);
      last.current = null;
      return result;
    },
    [csrfToken],
  );
}
