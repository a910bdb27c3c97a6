import {
  type InfiniteData,
  type UseInfiniteQueryOptions,
  type UseMutationOptions,
  type UseQueryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Method, MethodInput, MethodOutput } from '../../../shared/api/contract.ts';
import { useApi } from './ApiProvider.tsx';
import { apiQueryKey } from './queryEntities.ts';

type QueryOptions<M extends Method> = Omit<
  UseQueryOptions<MethodOutput<M>, Error, MethodOutput<M>, ReturnType<typeof apiQueryKey>>,
  'queryKey' | 'queryFn'
>;

/**
 * The answer of one API call, cached under its method and whole input, refetched when the backend says
 * something it reads changed (queryEntities.ts).
 */
export function useApiQuery<M extends Method>(
  method: M,
  input: MethodInput<M>,
  options: QueryOptions<M> = {},
) {
  const api = useApi();
  return useQuery({
    ...options,
    queryKey: apiQueryKey(method, input),
    queryFn: () => api.call(method, input),
  });
}

/** Methods that answer a page at a time: they take an `after` cursor and return the next one. */
type PagedMethod = {
  [M in Method]: MethodOutput<M> extends { nextCursor: string | null }
    ? 'after' extends keyof MethodInput<M>
      ? M
      : never
    : never;
}[Method];

type Cursor = string | null;
type InfiniteOptions<M extends PagedMethod> = Omit<
  UseInfiniteQueryOptions<
    MethodOutput<M>,
    Error,
    InfiniteData<MethodOutput<M>, Cursor>,
    ReturnType<typeof apiQueryKey>,
    Cursor
  >,
  'queryKey' | 'queryFn' | 'initialPageParam' | 'getNextPageParam'
>;

/** A paged list, page after page (keyset pagination); the key is the input without the cursor. */
export function useApiInfiniteQuery<M extends PagedMethod>(
  method: M,
  input: Omit<MethodInput<M>, 'after'>,
  options: InfiniteOptions<M> = {},
) {
  const api = useApi();
  return useInfiniteQuery({
    ...options,
    queryKey: apiQueryKey(method, input),
    // `input` is the method's input less its cursor (the type above), so adding it back makes it whole.
    queryFn: ({ pageParam }) => api.call(method, { ...input, after: pageParam } as MethodInput<M>),
    initialPageParam: null as Cursor,
    getNextPageParam: (page: MethodOutput<M>) => (page as { nextCursor: Cursor }).nextCursor,
  });
}

type MutationOptions<M extends Method, Context> = Omit<
  UseMutationOptions<MethodOutput<M>, Error, MethodInput<M>, Context>,
  'mutationFn'
>;

/**
 * A write through the API. What it changed refetches when the backend reports the change, so callers
 * only say what the user sees (a notification, undo, closing a form).
 */
export function useApiMutation<M extends Method, Context = unknown>(
  method: M,
  options: MutationOptions<M, Context> = {},
) {
  const api = useApi();
  return useMutation({ ...options, mutationFn: (input: MethodInput<M>) => api.call(method, input) });
}

/**
 * The cache itself, for answers the backend pushes as events (sync status, overdue count) or returns
 * from a write (the list after a dismissal): put them where `useApiQuery(method, input)` reads.
 */
export function useApiCache() {
  const queryClient = useQueryClient();
  // One object per cache, so effects that subscribe to events with it do not resubscribe every render.
  return useMemo(
    () => ({
      set<M extends Method>(method: M, input: MethodInput<M>, value: MethodOutput<M>): void {
        queryClient.setQueryData(apiQueryKey(method, input), value);
      },
      /** Refetches every cached answer of `method`, whatever its input. */
      invalidate(method: Method): Promise<void> {
        return queryClient.invalidateQueries({ predicate: ({ queryKey }) => queryKey[1] === method });
      },
    }),
    [queryClient],
  );
}
