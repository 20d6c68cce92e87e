import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { QueryClientProvider, focusManager, onlineManager, type QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../src/app/api';
import { createQueryClient, shouldRetry } from '../../src/app/query';
import { useResource, type Resource } from '../../src/app/useResource';

afterEach(cleanup);

/** A load the test answers by hand: each call waits until the test settles it. */
function controlledLoad<T>() {
  const calls: Array<{ key: string; resolve: (value: T) => void; reject: (error: unknown) => void }> = [];
  const load = (key: string) => () =>
    new Promise<T>((resolve, reject) => {
      calls.push({ key, resolve, reject });
    });
  return { calls, load };
}

function show(resource: Resource<string>): string {
  return resource.status === 'ready' ? `ready ${resource.data}` : resource.status === 'failed' ? `failed ${(resource.error as ApiError).code}` : 'loading';
}

function Viewer({ load, initialKey = 'a' }: { load: (key: string) => () => Promise<string>; initialKey?: string }) {
  const [key, setKey] = useState(initialKey);
  const [resource, reload] = useResource(load(key), key);
  return (
    <div>
      <p data-testid="state">{show(resource)}</p>
      <button type="button" onClick={reload}>
        reload
      </button>
      <button type="button" onClick={() => setKey('b')}>
        to b
      </button>
    </div>
  );
}

function renderWith(client: QueryClient, ui: React.ReactNode) {
  return render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
}

const state = () => screen.getByTestId('state').textContent;

describe('useResource on the query cache', () => {
  it('loads once, reloads on request, and keeps the previous data on screen while a new key loads', async () => {
    const { calls, load } = controlledLoad<string>();
    renderWith(createQueryClient(), <Viewer load={load} />);
    expect(state()).toBe('loading');
    await act(async () => calls[0]?.resolve('first'));
    await waitFor(() => expect(state()).toBe('ready first'));

    act(() => screen.getByText('reload').click());
    await waitFor(() => expect(calls).toHaveLength(2));
    await act(async () => calls[1]?.resolve('again'));
    await waitFor(() => expect(state()).toBe('ready again'));

    act(() => screen.getByText('to b').click());
    await waitFor(() => expect(calls).toHaveLength(3));
    expect(calls[2]?.key).toBe('b');
    expect(state()).toBe('ready again');
    await act(async () => calls[2]?.resolve('bee'));
    await waitFor(() => expect(state()).toBe('ready bee'));
  });

  it('does not read again when the window regains focus or the connection returns', async () => {
    const { calls, load } = controlledLoad<string>();
    renderWith(createQueryClient(), <Viewer load={load} />);
    await act(async () => calls[0]?.resolve('first'));
    await waitFor(() => expect(state()).toBe('ready first'));
    act(() => {
      focusManager.setFocused(false);
      focusManager.setFocused(true);
      onlineManager.setOnline(false);
      onlineManager.setOnline(true);
    });
    expect(calls).toHaveLength(1);
  });

  it('reports a refusal at once, without asking again', async () => {
    const { calls, load } = controlledLoad<string>();
    renderWith(createQueryClient(), <Viewer load={load} />);
    await act(async () => calls[0]?.reject(new ApiError(403, 'forbidden', 'No')));
    await waitFor(() => expect(state()).toBe('failed forbidden'));
    expect(calls).toHaveLength(1);
  });

  it('keeps two components with the same key apart', async () => {
    const client = createQueryClient();
    const first = controlledLoad<string>();
    const second = controlledLoad<string>();
    renderWith(
      client,
      <>
        <Viewer load={first.load} />
        <Viewer load={second.load} />
      </>,
    );
    await act(async () => {
      first.calls[0]?.resolve('from the first');
      second.calls[0]?.resolve('from the second');
    });
    await waitFor(() => expect(screen.getAllByTestId('state').map((node) => node.textContent)).toEqual(['ready from the first', 'ready from the second']));
  });
});

describe('when a failed read is tried again', () => {
  it('never for a 4xx or an answer that breaks the contract; once for a lost connection or a server failure', () => {
    expect(shouldRetry(0, new ApiError(400, 'validation', 'x'))).toBe(false);
    expect(shouldRetry(0, new ApiError(401, 'unauthenticated', 'x'))).toBe(false);
    expect(shouldRetry(0, new ApiError(404, 'not_found', 'x'))).toBe(false);
    expect(shouldRetry(0, new ApiError(0, 'bad_response', 'x'))).toBe(false);
    expect(shouldRetry(0, new ApiError(0, 'network', 'x'))).toBe(true);
    expect(shouldRetry(0, new ApiError(503, 'unavailable', 'x'))).toBe(true);
    expect(shouldRetry(1, new ApiError(503, 'unavailable', 'x'))).toBe(false);
  });
});
