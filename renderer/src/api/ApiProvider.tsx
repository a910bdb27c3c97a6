import { type ReactNode, createContext, useContext, useEffect } from 'react';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import type { ApiClient } from '../../../shared/api/client.ts';
import { isMethod } from '../../../shared/api/contract.ts';
import { entitiesReadBy } from './queryEntities.ts';

const ApiContext = createContext<ApiClient | null>(null);

/**
 * The shortest time between two rounds of refetching. A write the user made is shown at once (the first
 * change refetches right away); a burst of changes (an import writes a batch every 40 ms, a sync pulls
 * page after page) refetches at most this often, instead of once per batch: a refetch per batch kept the
 * backend answering the same questions a hundred times a second and starved the import and the screen.
 */
export const REFETCH_INTERVAL_MS = 250;

/**
 * Provides the typed API client and refetches whatever the backend says has changed: every cached answer
 * of a method that reads the changed entity (queryEntities.ts says which).
 */
export function ApiProvider({ api, children }: { api: ApiClient; children: ReactNode }) {
  const queryClient = useQueryClient();
  useEffect(() => refetchOnChange(api, queryClient), [api, queryClient]);
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

/** Listens to `data.changed` and refetches what reads the changed entities; returns the unsubscribe. */
function refetchOnChange(api: ApiClient, queryClient: QueryClient): () => void {
  const changed = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastRound = 0;
  const refetch = () => {
    timer = null;
    lastRound = Date.now();
    const entities = [...changed];
    changed.clear();
    void queryClient.invalidateQueries({
      predicate: ({ queryKey: [, method] }) => {
        if (typeof method !== 'string' || !isMethod(method)) return false;
        const reads = entitiesReadBy(method);
        return entities.some((entity) => reads.has(entity));
      },
    });
  };
  const stop = api.on('data.changed', ({ entity }) => {
    changed.add(entity);
    timer ??= setTimeout(refetch, Math.max(0, lastRound + REFETCH_INTERVAL_MS - Date.now()));
  });
  return () => {
    stop();
    if (timer) clearTimeout(timer);
  };
}

/** The typed API client; components never talk to a transport directly. */
export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi must be used inside <ApiProvider>');
  return api;
}
