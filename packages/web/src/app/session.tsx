import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { sessionView, setupStatusResponse, type SessionView } from '@palermo/contracts';
import { ApiError, api, onUnauthenticated, setCsrfToken } from './api';
import { clearQueryCache } from './queryCache';

/** Why the sign-in page is showing, if there is something to say about it. */
export type SignedOutNotice = 'signed_out' | 'signed_out_everywhere' | 'expired';

export type SessionState =
  | { status: 'loading' }
  | { status: 'unreachable'; error: unknown }
  | { status: 'setup' }
  | { status: 'signed_out'; notice?: SignedOutNotice }
  | { status: 'signed_in'; session: SessionView };

interface SessionContextValue {
  state: SessionState;
  /** Store a SessionView returned by any endpoint (and its CSRF token). */
  applySession: (session: SessionView) => void;
  /** Forget the session locally (after signing out, or when the server says it has ended). */
  clearSession: (notice?: SignedOutNotice) => void;
  /** Start over: ask the server whether setup is needed and whether there is a session. */
  reload: () => void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

async function loadInitialState(): Promise<SessionState> {
  const setup = await api.get('/api/setup', setupStatusResponse);
  if (setup.setupRequired) return { status: 'setup' };
  try {
    const session = await api.get('/api/auth/session', sessionView);
    return { status: 'signed_in', session };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return { status: 'signed_out' };
    throw error;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  const applySession = useCallback((session: SessionView) => {
    setCsrfToken(session.csrfToken);
    setState({ status: 'signed_in', session });
  }, []);

  const clearSession = useCallback(
    (notice?: SignedOutNotice) => {
      setCsrfToken(null);
      clearQueryCache();
      setState(notice ? { status: 'signed_out', notice } : { status: 'signed_out' });
    },
    [],
  );

  const reload = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  useEffect(() => {
    let cancelled = false;
    loadInitialState().then(
      (next) => {
        if (cancelled) return;
        if (next.status === 'signed_in') setCsrfToken(next.session.csrfToken);
        setState(next);
      },
      (error: unknown) => {
        if (!cancelled) setState({ status: 'unreachable', error });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  // Any request that finds the session gone sends the person back to sign in.
  useEffect(
    () =>
      onUnauthenticated(() => {
        setCsrfToken(null);
        clearQueryCache();
        setState((current) => (current.status === 'signed_in' ? { status: 'signed_out', notice: 'expired' } : current));
      }),
    [],
  );

  const value = useMemo(() => ({ state, applySession, clearSession, reload }), [state, applySession, clearSession, reload]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (value === null) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

/** The signed-in session; only for components rendered once the session is active. */
export function useActiveSession(): SessionView {
  const { state } = useSession();
  if (state.status !== 'signed_in') throw new Error('useActiveSession needs a signed-in session');
  return state.session;
}
