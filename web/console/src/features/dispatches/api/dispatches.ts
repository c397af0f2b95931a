import {
  infiniteQueryOptions,
  useInfiniteQuery,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type {
  CreateDispatch,
  DispatchKind,
  DispatchPage,
  DispatchSummary,
} from '../../../lib/api-types.ts';

/**
 * Sends a dispatch. The key makes a retry (a double click, a lost reply)
 * the same dispatch, never a second one (API.md Idempotency-Key).
 */
export function useSendDispatch() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ dispatch, key }: { dispatch: CreateDispatch; key: string }) =>
      api<DispatchSummary>('POST', '/dispatches', dispatch, { 'idempotency-key': key }),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['dispatches'] }),
  });
}

/** What was sent, newest first, with how its units stand. */
export const dispatchListQuery = (kind: DispatchKind | undefined) =>
  infiniteQueryOptions({
    queryKey: ['dispatches', kind ?? 'all'],
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({
        ...(kind ? { kind } : {}),
        ...(pageParam ? { cursor: pageParam } : {}),
      });
      return api<DispatchPage>('GET', `/dispatches?${query.toString()}`);
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.cursor,
    refetchInterval: 30_000,
  });

export const useDispatchList = (kind: DispatchKind | undefined) =>
  useInfiniteQuery(dispatchListQuery(kind));
