import {
  infiniteQueryOptions,
  useInfiniteQuery,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type {
  CreateDispatch,
  Deadlines,
  DispatchKind,
  DispatchPage,
  DispatchSummary,
  DispatchView,
  ProblemView,
  Resolution,
  Urged,
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

/** A sender's action on one dispatch; afterwards it and the lists read again. */
function useDispatchAction<T, V>(run: (id: string, variables: V) => Promise<T>, id: string) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (variables: V) => run(id, variables),
    onSuccess: () =>
      Promise.all([
        queries.invalidateQueries({ queryKey: ['dispatch', id] }),
        queries.invalidateQueries({ queryKey: ['dispatches'] }),
      ]),
  });
}

/** 签发: the head of the district office sends a draft. */
export const useSignOff = (id: string) =>
  useDispatchAction(
    (dispatchId, _none: undefined) =>
      api<DispatchSummary>('POST', `/dispatches/${dispatchId}/sign-off`),
    id,
  );

/** 撤回: nothing more is owed; recipients see 已撤回. */
export const useRecall = (id: string) =>
  useDispatchAction(
    (dispatchId, reason: string) =>
      api<DispatchView>('POST', `/dispatches/${dispatchId}/recall`, { reason }),
    id,
  );

/** 延期: later deadlines, never earlier. */
export const useMoveDeadlines = (id: string) =>
  useDispatchAction(
    (dispatchId, deadlines: Deadlines) =>
      api<DispatchView>('POST', `/dispatches/${dispatchId}/deadline`, deadlines),
    id,
  );

/** 立即催办: the reminder SMS now, to the units still owing (or those named). */
export const useUrge = (id: string) =>
  useDispatchAction(
    (dispatchId, unitIds: string[] | undefined) =>
      api<Urged>('POST', `/dispatches/${dispatchId}/urge`, unitIds ? { unitIds } : {}),
    id,
  );

/** 处理并关闭: the sender resolves a unit's reception problem, with files for that unit. */
export const useResolveProblem = (id: string) =>
  useDispatchAction(
    (dispatchId, { problemId, resolution }: { problemId: string; resolution: Resolution }) =>
      api<ProblemView>(
        'POST',
        `/dispatches/${dispatchId}/problems/${problemId}/resolve`,
        resolution,
      ),
    id,
  );
