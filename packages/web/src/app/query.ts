import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api';
import { holdQueryCache } from './queryCache';

/**
 * Should a failed read be tried again? Never when the server answered with a refusal or a problem with the request
 * (4xx: trying again gives the same answer, and a read of personal data is audited each time), nor when the answer
 * did not match the contract; once when the server could not be reached or failed (5xx).
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError) {
    if (error.status >= 400 && error.status < 500) return false;
    if (error.code === 'bad_response') return false;
  }
  return failureCount < 1;
}

/**
 * The web app's cache of server state. Reads of personal data are audited, so nothing is read again behind the user's
 * back: not when the window regains focus, nor on reconnecting; data stays fresh for half a minute (a page opened
 * again within that time is not read again) and is read again after a change the app makes (explicit invalidation).
 * Mutations are never retried: a retried change could act twice.
 */
export function createQueryClient(): QueryClient {
  const client = new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        gcTime: 5 * 60_000,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        retry: shouldRetry,
      },
      mutations: { retry: false },
    },
  });
  // The session empties the newest cache when it ends (queryCache.ts); QueryProvider holds the one it renders with.
  holdQueryCache(client);
  return client;
}
