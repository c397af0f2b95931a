import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { InboxPage } from '../../../lib/api-types.ts';

export type InboxFilter = 'pending' | 'all';

/** The unit's inbox, newest first, a page at a time; refreshed every 30 s so the duty sees new items. */
export const inboxQuery = (status: InboxFilter) =>
  infiniteQueryOptions({
    queryKey: ['inbox', status],
    queryFn: ({ pageParam }) =>
      api<InboxPage>('GET', `/inbox?status=${status}${pageParam ? `&cursor=${pageParam}` : ''}`),
    initialPageParam: '',
    getNextPageParam: (last) => last.cursor,
    refetchInterval: 30_000,
  });

export const useInbox = (status: InboxFilter) => useInfiniteQuery(inboxQuery(status));
