import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Button, DotLoading } from 'antd-mobile';
import type { ReactNode } from 'react';
import { problem } from '../../../lib/api.ts';
import { shortTime } from '../../../lib/labels.ts';
import { columnArticlesQuery, columnsQuery } from '../api/get-columns.ts';

/** One column's articles, newest first; 办事包打听 also has 我要提问, and (from the app) the questions answered in public. */
export default function ColumnScreen({ code, extra }: { code: string; extra?: ReactNode }) {
  const columns = useQuery(columnsQuery);
  const articles = useInfiniteQuery(columnArticlesQuery(code));
  const name = columns.data?.items.find((column) => column.code === code)?.name ?? '';
  const items = articles.data?.pages.flatMap((page) => page.items) ?? [];
  const loading = articles.isPending || articles.isFetchingNextPage;
  return (
    <div>
      <h2 className="screen-title">{name}</h2>
      {code === 'guide' && (
        <p>
          <a className="link-button" href="#/ask">
            我要提问
          </a>
        </p>
      )}
      {articles.error && (
        <p className="error" role="alert">
          {problem(articles.error)}
        </p>
      )}
      {!loading && items.length === 0 && !articles.error && <p className="hint">暂无文章。</p>}
      <ul className="article-list section">
        {items.map((article) => (
          <li key={article.id}>
            <a href={`#/article/${article.id}`}>{article.title}</a>
            <span className="card-meta">{shortTime(article.publishedAt)}</span>
            <p className="summary">{article.summary}</p>
          </li>
        ))}
      </ul>
      {loading && (
        <div className="centered">
          <DotLoading color="primary" />
        </div>
      )}
      {articles.hasNextPage && !loading && (
        <Button block onClick={() => void articles.fetchNextPage()}>
          加载更多
        </Button>
      )}
      {extra}
    </div>
  );
}
