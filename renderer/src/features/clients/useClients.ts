import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import type { ClientCreateInput, ClientListInput } from '../../../../shared/domain/client.ts';
import { useApi } from '../../api/ApiProvider.tsx';

/** Clients are fetched in pages of this size as the list scrolls. */
export const CLIENT_PAGE_SIZE = 100;

/** The client list, filtered and sorted, page after page (keyset pagination). */
export function useClientList(input: Omit<ClientListInput, 'after' | 'limit'> = {}) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: ['client', 'list', input],
    queryFn: ({ pageParam }) =>
      api.call('clients.list', { ...input, after: pageParam, limit: CLIENT_PAGE_SIZE }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}

/** Creates a client; the list refetches when the backend reports the change. */
export function useCreateClient() {
  const api = useApi();
  return useMutation({ mutationFn: (input: ClientCreateInput) => api.call('clients.create', input) });
}
