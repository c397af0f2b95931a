import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { call } from '../../../lib/api.ts';
import type { AskerQuestion, Asked, PublicQuestionPage } from '../../../lib/api-types.ts';

/** Answers the office and departments made public, newest first. */
export const publicAnswersQuery = infiniteQueryOptions({
  queryKey: ['questions'],
  queryFn: ({ pageParam }) =>
    call<PublicQuestionPage>(
      'GET',
      `/public/questions${pageParam ? `?cursor=${encodeURIComponent(pageParam)}` : ''}`,
    ),
  initialPageParam: '',
  getNextPageParam: (page) => page.cursor,
});

export const ask = (question: string) =>
  call<Asked>('POST', '/public/questions', { body: { question } });

/** One question: a public answer for anyone, or the asker's own with its tracking code. */
export const questionQuery = (id: string, token: string | undefined) =>
  queryOptions({
    queryKey: ['question', id],
    queryFn: () =>
      call<AskerQuestion>('GET', `/public/questions/${id}`, {
        ...(token ? { headers: { 'x-tracking-token': token } } : {}),
      }),
  });
