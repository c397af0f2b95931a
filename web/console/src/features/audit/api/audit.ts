import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { AuditPage } from '../../../lib/api-types.ts';

export interface AuditSearch {
  target?: string;
  actor?: string;
  from?: string;
  to?: string;
}

/** The audit log, newest first, by what was changed, who changed it and when. */
export const auditQuery = (search: AuditSearch) =>
  infiniteQueryOptions({
    queryKey: ['audit', search],
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams(
        Object.entries({ ...search, cursor: pageParam }).filter(
          (entry): entry is [string, string] => Boolean(entry[1]),
        ),
      );
      return api<AuditPage>('GET', `/audit?${query.toString()}`);
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.cursor,
  });

export const useAuditSearch = (search: AuditSearch) => useInfiniteQuery(auditQuery(search));
