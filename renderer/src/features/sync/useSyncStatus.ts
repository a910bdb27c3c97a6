import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { SyncStatus } from '../../../../shared/domain/sync.ts';
import { useApi } from '../../api/ApiProvider.tsx';

const KEY = ['syncStatus', 'syncConflict'];

/** Where sync stands: asked once, then kept current by the backend's `sync.status` events. */
export function useSyncStatus(): SyncStatus | undefined {
  const api = useApi();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: KEY, queryFn: () => api.call('sync.status', {}) });
  useEffect(
    () => api.on('sync.status', (payload) => queryClient.setQueryData(KEY, payload)),
    [api, queryClient],
  );
  return status.data;
}
