import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type {
  ReportPage,
  ReportUpdate,
  Service,
  ServiceChange,
  ServiceList,
  UpdatedReport,
} from '../../../lib/api-types.ts';

/** open/all: a queue; returned (退单) and extension (延期 to decide): the district office's lists. */
export type ReportList = 'open' | 'all' | 'returned' | 'extension';

/** A department's queue, or for the district office every department's (or one's), or its lists. */
export const reportsQuery = (filter: { status: ReportList; unitId?: string | undefined }) =>
  infiniteQueryOptions({
    queryKey: ['reports', filter.status, filter.unitId ?? 'every'],
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({
        status: filter.status,
        ...(filter.unitId ? { unitId: filter.unitId } : {}),
        ...(pageParam ? { cursor: pageParam } : {}),
      });
      return api<ReportPage>('GET', `/reports?${query.toString()}`);
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.cursor,
    refetchInterval: 60_000,
  });

export const useReports = (filter: { status: ReportList; unitId?: string | undefined }) =>
  useInfiniteQuery(reportsQuery(filter));

export const reportQuery = (id: string) =>
  queryOptions({
    queryKey: ['report', id],
    queryFn: () => api<UpdatedReport>('GET', `/reports/${id}`),
  });

/** Category names for codes: the public list serves everyone. */
export const useServiceNames = () => {
  const { data } = useQuery({
    queryKey: ['services'],
    queryFn: () => api<{ items: Omit<Service, 'active'>[] }>('GET', '/public/services'),
    staleTime: 5 * 60_000,
  });
  const names = new Map((data?.items ?? []).map((service) => [service.code, service.name]));
  return (code: string) => names.get(code) ?? code;
};

function useReportChange<V>(run: (variables: V) => Promise<unknown>) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () =>
      Promise.all([
        queries.invalidateQueries({ queryKey: ['reports'] }),
        queries.invalidateQueries({ queryKey: ['report'] }),
      ]),
  });
}

export const useReplyToReport = () =>
  useReportChange(({ id, update }: { id: string; update: ReportUpdate }) =>
    api('POST', `/reports/${id}/updates`, update),
  );

/** 公开 later: an earlier reply of the department's, published on the board. */
export const usePublishUpdate = () =>
  useReportChange(({ id, updateId }: { id: string; updateId: string }) =>
    api('POST', `/reports/${id}/updates/${updateId}/publish`),
  );

/** 退单: back to the district office, with why. */
export const useReturnReport = () =>
  useReportChange(({ id, reason }: { id: string; reason: string }) =>
    api('POST', `/reports/${id}/return`, { reason }),
  );

/** 申请延期: a later due time, with why, for the district office to decide. */
export const useAskExtension = () =>
  useReportChange(({ id, until, reason }: { id: string; until: string; reason: string }) =>
    api('POST', `/reports/${id}/extension`, { until, reason }),
  );

export const useDecideExtension = () =>
  useReportChange(({ id, approve }: { id: string; approve: boolean }) =>
    api('POST', `/reports/${id}/extension/${approve ? 'approve' : 'reject'}`),
  );

export const useRerouteReport = () =>
  useReportChange(({ id, serviceCode }: { id: string; serviceCode: string }) =>
    api('POST', `/reports/${id}/route`, { serviceCode }),
  );

/** The categories and who answers each (Art10.4), for the district office. */
export const categoriesQuery = queryOptions({
  queryKey: ['categories'],
  queryFn: () => api<ServiceList>('GET', '/routing'),
});

export function useSaveCategory() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ code, change }: { code: string; change: ServiceChange }) =>
      api<Service>('PUT', `/routing/${code}`, change),
    onSuccess: () =>
      Promise.all([
        queries.invalidateQueries({ queryKey: ['categories'] }),
        queries.invalidateQueries({ queryKey: ['services'] }),
      ]),
  });
}
