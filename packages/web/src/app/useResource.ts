import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback, useId, useMemo } from 'react';

export type Resource<T> =
  | { status: 'loading' }
  | { status: 'failed'; error: unknown }
  | { status: 'ready'; data: T };

/** Every query of useResource starts with this, so a change can invalidate them all. */
export const resourceQueryKey = 'resource';

/**
 * Loads something when a component appears and whenever `key` changes; `reload` fetches it again. Answers to superseded
 * requests are dropped; while a new key loads, the previous data stays on screen.
 *
 * Built on TanStack Query: the query key is the calling component's own id and `key`, so two components that happen to
 * use the same key never share each other's data. New code uses useQuery with a key naming what it reads (which other
 * screens can invalidate); this keeps the older screens working on the same cache.
 */
export function useResource<T>(load: () => Promise<T>, key: string): [Resource<T>, () => void] {
  const caller = useId();
  const query = useQuery({ queryKey: [resourceQueryKey, caller, key], queryFn: load, placeholderData: keepPreviousData });
  const { refetch } = query;
  const reload = useCallback(() => {
    void refetch();
  }, [refetch]);
  // The same object until the query's status, data or error change: screens run effects on `resource` (copying the
  // data into a form's state), which a new object on every render would run again, undoing what the user changed.
  const { status, data, error } = query;
  const resource = useMemo<Resource<T>>(
    () => (status === 'error' ? { status: 'failed', error } : status === 'success' ? { status: 'ready', data } : { status: 'loading' }),
    [status, data, error],
  );
  return [resource, reload];
}
