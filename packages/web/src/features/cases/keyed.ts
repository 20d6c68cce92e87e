import { useCallback, useRef } from 'react';
import { api, type Schema } from '../../app/api';

/**
 * Requests that change a case carry an `idempotency-key` header, so that a retried request does not act twice; they go
 * through the shared client (app/api.ts) like every other request.
 */

/** A random key; crypto.randomUUID needs a secure context, getRandomValues does not. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export type KeyedPost = <T>(path: string, body: unknown, schema: Schema<T>) => Promise<T>;

/**
 * One user action's sender. The same request retried (same path and body, after a failure) reuses its key, so the
 * server recognises it; a changed request, or the next action after a success, gets a new key.
 */
export function useKeyedPost(): KeyedPost {
  const last = useRef<{ request: string; key: string } | null>(null);
  return useCallback(
    async <T,>(path: string, body: unknown, schema: Schema<T>): Promise<T> => {
      const request = `${path}\n${JSON.stringify(body)}`;
      const key = last.current?.request === request ? last.current.key : newIdempotencyKey();
      last.current = { request, key };
      const result = await api.post(path, body, schema, { 'idempotency-key': key });
      last.current = null;
      return result;
    },
    [],
  );
}
