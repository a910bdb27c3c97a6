import { type ReactNode, createContext, useContext, useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ApiClient } from '../../../shared/api/client.ts';

const ApiContext = createContext<ApiClient | null>(null);

/** Changes to these change a client's rollups (last contact, next follow-up, revenue, tags) too. */
const feedsClient = new Set(['interaction', 'followup', 'payment', 'deal', 'clientTag', 'tag', 'contact']);

/**
 * Provides the typed API client and refetches whatever the backend says has changed: every query whose
 * key names the changed entity, and the client queries when a change feeds a client's rollups.
 */
export function ApiProvider({ api, children }: { api: ApiClient; children: ReactNode }) {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      api.on('data.changed', ({ entity }) => {
        void queryClient.invalidateQueries({
          predicate: ({ queryKey }) =>
            queryKey.includes(entity) || (feedsClient.has(entity) && queryKey[0] === 'client'),
        });
      }),
    [api, queryClient],
  );
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

/** The typed API client; components never talk to a transport directly. */
export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi must be used inside <ApiProvider>');
  return api;
}
