import type { ClientListInput } from '../../../../shared/domain/client.ts';
import { useApiInfiniteQuery } from '../../api/useApiQuery.ts';

/** Clients are fetched in pages of this size as the list scrolls. */
const CLIENT_PAGE_SIZE = 100;

/** The client list, filtered and sorted, page after page (keyset pagination). */
export function useClientList(input: Omit<ClientListInput, 'after' | 'limit'> = {}) {
  return useApiInfiniteQuery('clients.list', { ...input, limit: CLIENT_PAGE_SIZE });
}
