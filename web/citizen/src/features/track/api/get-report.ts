import { queryOptions } from '@tanstack/react-query';
import { call } from '../../../lib/api.ts';
import type { PublicReport, Satisfaction } from '../../../lib/api-types.ts';

/** One report's progress, opened with its tracking code. */
export const trackedReportQuery = (id: string, token: string) =>
  queryOptions({
    queryKey: ['report', id],
    queryFn: () =>
      call<PublicReport>('GET', `/public/reports/${id}`, {
        headers: { 'x-tracking-token': token },
      }),
  });

/** The citizen's word on a resolution: fixed or not, and how satisfied; "not fixed" reopens it. */
export const giveFeedback = (
  id: string,
  token: string,
  feedback: { fixed: boolean; satisfaction: Satisfaction; comment?: string },
) =>
  call<PublicReport>('POST', `/public/reports/${id}/feedback`, {
    headers: { 'x-tracking-token': token },
    body: feedback,
  });
