import { useMutation } from '@tanstack/react-query';
import { call } from '../../../lib/api.ts';
import type { NewReport, ReportCreated } from '../../../lib/api-types.ts';

export const useCreateReport = () =>
  useMutation({
    mutationFn: (report: NewReport) =>
      call<ReportCreated>('POST', '/public/reports', { body: report }),
  });
