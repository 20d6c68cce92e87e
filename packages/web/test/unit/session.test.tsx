import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { capabilityNames, okResponse, type SessionView } from '@palermo/contracts';
import { api } from '../../src/app/api';
import { QueryProvider } from '../../src/app/QueryProvider';
import { SessionProvider, useSession } from '../../src/app/session';
import { startAnsweringServer } from './answering-server';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  cleanup();
  await close?.();
  close = undefined;
});

const session: SessionView = {
  stage: 'active',
  csrfToken: 'csrf-1',
  user: {
    id: '7c1f2a4e-9b1d-4c3e-8f00-0a1b2c3d4e5f',
    displayName: 'Ana',
    email: 'ana@example.test',
    roles: ['caseworker'],
    organisation: { id: '1c1f2a4e-9b1d-4c3e-8f00-0a1b2c3d4e5f', name: 'Shelter', type: 'shelter' },
  },
  capabilities: Object.fromEntries(capabilityNames.map((name) => [name, name === 'seeCases'])) as SessionView['capabilities'],
  idleTimeoutSeconds: 1800,
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
};

let seenClient: QueryClient | undefined;

/** A signed-in page: reads through the query cache, and shows what the session says it may do. */
function SignedInPage({ seeCases }: { seeCases: boolean }) {
  seenClient = useQueryClient();
  const read = useQuery({ queryKey: ['cases'], queryFn: () => api.get('/api/cases-read', okResponse) });
  return <p data-testid="probe">{`signed in, may see cases: ${String(seeCases)}${read.isSuccess ? ', read' : ''}`}</p>;
}

/** As the app's gate: the cache and the signed-in pages only while signed in. */
function Gate() {
  const { state } = useSession();
  if (state.status === 'signed_in') {
    return (
      <QueryProvider>
        <SignedInPage seeCases={state.session.capabilities.seeCases} />
      </QueryProvider>
    );
  }
  return <p data-testid="probe">{state.status === 'signed_out' ? `signed out ${state.notice ?? ''}` : state.status}</p>;
}

describe('the session and the query cache', () => {
  it('carries the capabilities, and empties the cache when the server says the session has ended', async () => {
    let ended = false;
    const server = await startAnsweringServer((request) => {
      if (request.url === '/api/setup') return { status: 200, body: { setupRequired: false } };
      if (request.url === '/api/auth/session') return { status: 200, body: session };
      if (ended) return { status: 401, body: { error: 'unauthenticated', message: 'Sign in' } };
      return { status: 200, body: { ok: true } };
    });
    close = server.close;
    render(
      <SessionProvider>
        <Gate />
      </SessionProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('probe').textContent).toBe('signed in, may see cases: true, read'), { timeout: 5000 });
    const client = seenClient;
    expect(client?.getQueryData(['cases'])).toEqual({ ok: true });

    ended = true;
    await act(async () => {
      await api.get('/api/anything', okResponse).catch(() => undefined);
    });
    await waitFor(() => expect(screen.getByTestId('probe').textContent).toBe('signed out expired'));
    expect(client?.getQueryData(['cases'])).toBeUndefined();
  });
});
