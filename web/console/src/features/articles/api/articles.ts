import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { ArticleInput, ArticleList, ArticleView } from '../../../lib/api-types.ts';

/** The articles this person may see: every one for the district office, a unit's own otherwise. */
export const articleListQuery = queryOptions({
  queryKey: ['articles'],
  queryFn: () => api<ArticleList>('GET', '/articles'),
});

export const articleQuery = (id: string) =>
  queryOptions({
    queryKey: ['articles', id],
    queryFn: () => api<ArticleView>('GET', `/articles/${id}`),
  });

/** Saves a draft (new, or over the version read) and returns it rendered, as citizens will see it. */
export function useSaveArticle(id: string | undefined) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (article: ArticleInput) =>
      id
        ? api<ArticleView>('PUT', `/articles/${id}`, article)
        : api<ArticleView>('POST', '/articles', article),
    onSuccess: (saved) => {
      queries.setQueryData(['articles', saved.id], saved);
      return queries.invalidateQueries({ queryKey: ['articles'], exact: true });
    },
  });
}

/** 发布 / 撤下 (district office). */
export function usePublishArticle(id: string) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (action: 'publish' | 'unpublish') =>
      api<ArticleView>('POST', `/articles/${id}/${action}`),
    onSuccess: (saved) => {
      queries.setQueryData(['articles', saved.id], saved);
      return queries.invalidateQueries({ queryKey: ['articles'], exact: true });
    },
  });
}
