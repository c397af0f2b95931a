import { queryOptions } from '@tanstack/react-query';
import { call } from '../../../lib/api.ts';
import type { PublicReport } from '../../../lib/api-types.ts';

/** One report's progress, opened with its tracking code. */
export const trackedReportQuery = (id: string, token: string) =>
  queryOptions({
    queryKey: ['report', id],
    queryFn: () =>
      call<PublicReport>('GET', `/public/reports/${id}`, {
        headers: { 'x-tracking-token': token },
      }),
  });
