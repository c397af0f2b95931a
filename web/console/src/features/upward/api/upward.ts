import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query';
import { verifySeal } from '../../../../../../shared/domain/seal.ts';
import { api } from '../../../lib/api.ts';
import type {
  Jwks,
  UpwardInput,
  UpwardPage,
  UpwardReply,
  UpwardStatus,
  UpwardSummary,
  UpwardView,
} from '../../../lib/api-types.ts';

/** The unit's reports, or (the district office) every submitted one; newest first. */
export const useUpwardList = (status: UpwardStatus | undefined) =>
  useInfiniteQuery(
    infiniteQueryOptions({
      queryKey: ['upward', 'list', status ?? 'all'],
      queryFn: ({ pageParam }) => {
        const query = new URLSearchParams({
          ...(status ? { status } : {}),
          ...(pageParam ? { cursor: pageParam } : {}),
        });
        return api<UpwardPage>('GET', `/upward?${query.toString()}`);
      },
      initialPageParam: '',
      getNextPageParam: (last) => last.cursor,
    }),
  );

export const upwardQuery = (id: string) =>
  queryOptions({
    queryKey: ['upward', id],
    queryFn: () => api<UpwardView>('GET', `/upward/${id}`),
  });

/**
 * Whether the seal holds, checked here in the browser with the published
 * keys (the same verifier as `npm run verify-seal`), not taken on trust.
 */
export const sealCheckQuery = (report: UpwardView) =>
  queryOptions({
    queryKey: ['upward', report.id, 'seal', report.seal?.signature ?? '', report.updatedAt],
    queryFn: async () => verifySeal(report, await api<Jwks>('GET', '/public/seal-keys')),
    enabled: report.seal !== undefined,
    staleTime: Infinity,
  });

/** Every change to a report: its lists and the report itself read again. */
function useUpwardMutation<V>(run: (variables: V) => Promise<UpwardView | UpwardSummary>) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => queries.invalidateQueries({ queryKey: ['upward'] }),
  });
}

export const useCreateUpward = () =>
  useUpwardMutation((report: UpwardInput) => api<UpwardSummary>('POST', '/upward', report));

export const useEditUpward = () =>
  useUpwardMutation(({ id, report }: { id: string; report: UpwardInput }) =>
    api<UpwardView>('PUT', `/upward/${id}`, report),
  );

export const useApproveUpward = () =>
  useUpwardMutation((id: string) => api<UpwardView>('POST', `/upward/${id}/approve`));

export const useReturnUpward = () =>
  useUpwardMutation(({ id, reason }: { id: string; reason: string }) =>
    api<UpwardView>('POST', `/upward/${id}/return`, { reason }),
  );

export const useReceiveUpward = () =>
  useUpwardMutation((id: string) => api<UpwardView>('POST', `/upward/${id}/receive`));

/** 批复: the district office answers a 请示, with files. */
export const useReplyUpward = () =>
  useUpwardMutation(({ id, reply }: { id: string; reply: UpwardReply }) =>
    api<UpwardView>('POST', `/upward/${id}/reply`, reply),
  );
