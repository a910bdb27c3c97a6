import { type ReactNode, createContext, useContext, useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ApiClient } from '../../../shared/api/client.ts';
import { isMethod } from '../../../shared/api/contract.ts';
import { entitiesReadBy } from './queryEntities.ts';

const ApiContext = createContext<ApiClient | null>(null);

/**
 * Provides the typed API client and refetches whatever the backend says has changed: every cached answer
 * of a method that reads the changed entity (queryEntities.ts says which).
 */
export function ApiProvider({ api, children }: { api: ApiClient; children: ReactNode }) {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      api.on('data.changed', ({ entity }) => {
        void queryClient.invalidateQueries({
          predicate: ({ queryKey: [, method] }) =>
            typeof method === 'string' && isMethod(method) && entitiesReadBy(method).has(entity),
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
