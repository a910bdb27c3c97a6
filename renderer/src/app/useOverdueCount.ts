import { useEffect } from 'react';
import { useApi } from '../api/ApiProvider.tsx';
import { useApiCache, useApiQuery } from '../api/useApiQuery.ts';

/** The number of overdue follow-ups: asked once, then kept current by the backend's announcements. */
export function useOverdueCount(): number {
  const api = useApi();
  const cache = useApiCache();
  const count = useApiQuery('followups.overdueCount', {});
  useEffect(
    () => api.on('followups.overdue', (payload) => cache.set('followups.overdueCount', {}, payload)),
    [api, cache],
  );
  return count.data?.count ?? 0;
}
