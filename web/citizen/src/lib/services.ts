import { queryOptions } from '@tanstack/react-query';
import { call } from './api.ts';
import type { PublicService } from './api-types.ts';

/** The open categories and their columns: several screens read them, fetched once. */
export const servicesQuery = queryOptions({
  queryKey: ['services'],
  queryFn: () => call<{ items: PublicService[] }>('GET', '/public/services'),
  staleTime: 5 * 60_000,
});
