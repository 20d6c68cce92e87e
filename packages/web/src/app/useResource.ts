import { useCallback, useEffect, useRef, useState } from 'react';

export type Resource<T> =
  | { status: 'loading' }
  | { status: 'failed'; error: unknown }
  | { status: 'ready'; data: T };

/**
 * Loads something when a component appears and whenever `key` changes; `reload` fetches it again.
 * Answers to superseded requests are dropped.
 */
export function useResource<T>(load: () => Promise<T>, key: string): [Resource<T>, () => void] {
  const [resource, setResource] = useState<Resource<T>>({ status: 'loading' });
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((n) => n + 1), []);
  // `load` is a new function on every render; `key` says when what it loads has changed.
  const latestLoad = useRef(load);
  useEffect(() => {
    latestLoad.current = load;
  });

  useEffect(() => {
    let current = true;
    latestLoad.current().then(
      (data) => {
        if (current) setResource({ status: 'ready', data });
      },
      (error: unknown) => {
        if (current) setResource({ status: 'failed', error });
      },
    );
    return () => {
      current = false;
    };
  }, [key, version]);

  return [resource, reload];
}
