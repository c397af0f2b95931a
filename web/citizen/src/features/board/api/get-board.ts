import { infiniteQueryOptions } from '@tanstack/react-query';
import { call } from '../../../lib/api.ts';
import type { BoardPage } from '../../../lib/api-types.ts';

/** 公示, a page at a time, newest first. */
export const boardQuery = infiniteQueryOptions({
  queryKey: ['board'],
  queryFn: ({ pageParam }) =>
    call<BoardPage>(
      'GET',
      `/public/board${pageParam ? `?cursor=${encodeURIComponent(pageParam)}` : ''}`,
    ),
  initialPageParam: '',
  getNextPageParam: (page) => page.cursor,
});
