import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Answer, Problem, ProblemView, ReceiptView } from '../../../lib/api-types.ts';

/** After any change to a receipt: the inbox and the item read again. */
function useReceiptMutation<T, V>(
  run: (variables: V) => Promise<T>,
  dispatchIdOf: (variables: V) => string,
) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (_data, variables) =>
      Promise.all([
        queries.invalidateQueries({ queryKey: ['inbox'] }),
        queries.invalidateQueries({ queryKey: ['dispatch', dispatchIdOf(variables)] }),
      ]),
  });
}

/** 签收: acknowledging twice changes nothing (API.md), so a double click is harmless. */
export const useAcknowledge = () =>
  useReceiptMutation(
    (dispatchId: string) => api<ReceiptView>('POST', `/dispatches/${dispatchId}/ack`),
    (dispatchId) => dispatchId,
  );

export const useAnswer = () =>
  useReceiptMutation(
    ({ dispatchId, answer }: { dispatchId: string; answer: Answer }) =>
      api<ReceiptView>('POST', `/dispatches/${dispatchId}/response`, answer),
    ({ dispatchId }) => dispatchId,
  );

export const useReportProblem = () =>
  useReceiptMutation(
    ({ dispatchId, problem }: { dispatchId: string; problem: Problem }) =>
      api<ProblemView>('POST', `/dispatches/${dispatchId}/problem`, problem),
    ({ dispatchId }) => dispatchId,
  );
