import { queryOptions } from '@tanstack/react-query';
import { api } from './api.ts';
import type { DispatchView } from './api-types.ts';

/**
 * One dispatch: the sender follows every unit's receipt, a recipient reads
 * the item with its own (API.md). The inbox and the tracking page both read it.
 */
export const dispatchQuery = (id: string) =>
  queryOptions({
    queryKey: ['dispatch', id],
    queryFn: () => api<DispatchView>('GET', `/dispatches/${id}`),
  });
