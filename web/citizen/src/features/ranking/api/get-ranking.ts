import { queryOptions } from '@tanstack/react-query';
import { call } from '../../../lib/api.ts';
import type { Ranking } from '../../../lib/api-types.ts';

/** 部门排行 of the last 30 days. */
export const rankingQuery = queryOptions({
  queryKey: ['ranking'],
  queryFn: () => call<Ranking>('GET', '/public/ranking'),
});
