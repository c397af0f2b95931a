import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query';
import { api, authorizedFetch } from '../../../lib/api.ts';
import type {
  BulletinInput,
  BulletinPage,
  BulletinView,
  ReceptionTable,
} from '../../../lib/api-types.ts';
import { saveFile } from '../../../lib/download.ts';

const range = (from: string, to: string) => new URLSearchParams({ from, to }).toString();

/** Every unit's reception figures for a range of days (Asia/Shanghai). */
export const receptionQuery = (from: string, to: string) =>
  queryOptions({
    queryKey: ['reception', from, to],
    queryFn: () => api<ReceptionTable>('GET', `/bulletins/reception?${range(from, to)}`),
  });

/** The same table as a file: CSV or an Excel workbook, under the name the API gives. */
export async function exportReception(from: string, to: string, format: 'csv' | 'xlsx') {
  const response = await authorizedFetch(
    'GET',
    `/bulletins/reception?${range(from, to)}&format=${format}`,
  );
  saveFile(await response.blob(), `接收情况_${from}_${to}.${format}`);
}

export const bulletinListQuery = infiniteQueryOptions({
  queryKey: ['bulletins'],
  queryFn: ({ pageParam }) =>
    api<BulletinPage>('GET', `/bulletins${pageParam ? `?cursor=${pageParam}` : ''}`),
  initialPageParam: '',
  getNextPageParam: (last) => last.cursor,
});
export const useBulletinList = () => useInfiniteQuery(bulletinListQuery);

export const bulletinQuery = (id: string) =>
  queryOptions({
    queryKey: ['bulletins', id],
    queryFn: () => api<BulletinView>('GET', `/bulletins/${id}`),
  });

export function usePublishBulletin() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (bulletin: BulletinInput) => api<BulletinView>('POST', '/bulletins', bulletin),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['bulletins'] }),
  });
}
