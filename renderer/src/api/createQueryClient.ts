import { QueryClient } from '@tanstack/react-query';

/**
 * The app's query cache. Answers stay fresh for 30 s because the backend announces every change
 * (`data.changed`), which is what makes a cache key that leaves out part of the input a real bug.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { staleTime: 30_000, retry: 1, refetchOnWindowFocus: false } },
  });
}
