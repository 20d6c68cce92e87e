/**
 * The signed-in app's query cache, reachable from the session without loading TanStack Query: the cache and its library
 * come with the signed-in app (QueryProvider.tsx), so the pages before sign-in do not carry them.
 */
let current: { clear: () => void } | null = null;

/** Called by the QueryProvider that owns the cache; returns what lets it go. */
export function holdQueryCache(cache: { clear: () => void }): () => void {
  current = cache;
  return () => {
    if (current === cache) current = null;
  };
}

/** Forgets everything read: what was read for one person must not be shown to the next one at this browser. */
export function clearQueryCache(): void {
  current?.clear();
}
