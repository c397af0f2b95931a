import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { QuestionAnswer, QuestionList, QuestionView } from '../../../lib/api-types.ts';

/** Open questions this person answers (the office's, or those passed to their unit), or answered ones. */
export const questionListQuery = (status: 'open' | 'answered') =>
  queryOptions({
    queryKey: ['questions', status],
    queryFn: () => api<QuestionList>('GET', `/questions?status=${status}`),
  });

export function useAnswerQuestion() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...answer }: QuestionAnswer & { id: string }) =>
      api<QuestionView>('POST', `/questions/${id}/answer`, answer),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['questions'] }),
  });
}

/** 转交: the district office passes a question to the department that knows. */
export function useAssignQuestion() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ id, unitId }: { id: string; unitId: string }) =>
      api<QuestionView>('POST', `/questions/${id}/assign`, { unitId }),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['questions'] }),
  });
}
