import { useEffect } from 'react';
import type { SyncStatus } from '../../../../shared/domain/sync.ts';
import { useApi } from '../../api/ApiProvider.tsx';
import { useApiCache, useApiQuery } from '../../api/useApiQuery.ts';

/** Where sync stands: asked once, then kept current by the backend's `sync.status` events. */
export function useSyncStatus(): SyncStatus | undefined {
  const api = useApi();
  const cache = useApiCache();
  const status = useApiQuery('sync.status', {});
  useEffect(() => api.on('sync.status', (payload) => cache.set('sync.status', {}, payload)), [api, cache]);
  return status.data;
}
