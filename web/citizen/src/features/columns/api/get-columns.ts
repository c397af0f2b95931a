import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { call } from '../../../lib/api.ts';
import type {
  ColumnList,
  PublicArticle,
  PublicArticlePage,
  SearchResults,
} from '../../../lib/api-types.ts';

/** The six columns, as the district office keeps them (they seldom change). */
export const columnsQuery = queryOptions({
  queryKey: ['columns'],
  queryFn: () => call<ColumnList>('GET', '/public/columns'),
  staleTime: 5 * 60_000,
});

/** The newest articles across the columns, for the home page. */
export const newestQuery = queryOptions({
  queryKey: ['articles', 'newest'],
  queryFn: () => call<PublicArticlePage>('GET', '/public/articles'),
});

/** One column's articles, a page at a time, newest first. */
export const columnArticlesQuery = (column: string) =>
  infiniteQueryOptions({
    queryKey: ['articles', column],
    queryFn: ({ pageParam }) =>
      call<PublicArticlePage>(
        'GET',
        `/public/articles?column=${encodeURIComponent(column)}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`,
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.cursor,
  });

export const articleQuery = (id: string) =>
  queryOptions({
    queryKey: ['article', id],
    queryFn: () => call<PublicArticle>('GET', `/public/articles/${id}`),
  });

export const searchQuery = (q: string) =>
  queryOptions({
    queryKey: ['search', q],
    queryFn: () => call<SearchResults>('GET', `/public/search?q=${encodeURIComponent(q)}`),
    enabled: q.trim() !== '',
  });
