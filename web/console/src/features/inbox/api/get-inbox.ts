import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { InboxPage } from '../../../lib/api-types.ts';

export type InboxFilter = 'pending' | 'all';

/** The unit's inbox, newest first, a page at a time; refreshed every 30 s so the duty sees new items. */
export const inboxQuery = (status: InboxFilter, text = '') =>
  infiniteQueryOptions({
    queryKey: ['inbox', status, text],
    queryFn: ({ pageParam }) =>
      api<InboxPage>(
        'GET',
        `/inbox?${new URLSearchParams({
          status,
          ...(text ? { q: text } : {}),
          ...(pageParam ? { cursor: pageParam } : {}),
        }).toString()}`,
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.cursor,
    refetchInterval: 30_000,
  });

/** 资料查询 (Art2): `text` finds items by title or 文号. */
export const useInbox = (status: InboxFilter, text = '') =>
  useInfiniteQuery(inboxQuery(status, text));
