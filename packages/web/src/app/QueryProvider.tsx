import { useEffect, useState, type ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createQueryClient } from './query';
import { holdQueryCache } from './queryCache';

/** The server-state cache of the signed-in app (loaded with it); the session clears it through queryCache.ts. */
export function QueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(createQueryClient);
  useEffect(() => holdQueryCache(client), [client]);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
