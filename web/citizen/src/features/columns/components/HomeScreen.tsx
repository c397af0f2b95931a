import { useQuery } from '@tanstack/react-query';
import { DotLoading } from 'antd-mobile';
import { problem } from '../../../lib/api.ts';
import { shortTime } from '../../../lib/labels.ts';
import { columnsQuery, newestQuery } from '../api/get-columns.ts';
import { SearchBox } from './SearchBox.tsx';

/** Where a column leads: its articles, or the report form for the two where citizens report. */
export const columnHref = (column: { code: string; kind: string }) =>
  column.kind === 'reports' ? `#/report?column=${column.code}` : `#/column/${column.code}`;

/** 掌上新华's home: the six columns, a search box, and the newest from the district office (Art3, Art10.1). */
export function HomeScreen() {
  const columns = useQuery(columnsQuery);
  const newest = useQuery(newestQuery);
  return (
    <div>
      <SearchBox />
      <nav aria-label="栏目" className="columns">
        {(columns.data?.items ?? []).map((column) => (
          <a key={column.code} href={columnHref(column)} className={`column column-${column.code}`}>
            {column.name}
          </a>
        ))}
      </nav>
      {columns.isPending && (
        <div className="centered">
          <DotLoading color="primary" />
        </div>
      )}
      <section className="section" aria-labelledby="newest">
        <h2 id="newest">最新发布</h2>
        {newest.error && (
          <p className="error" role="alert">
            {problem(newest.error)}
          </p>
        )}
        {newest.data?.items.length === 0 && <p className="hint">暂无文章。</p>}
        <ul className="article-list">
          {newest.data?.items.map((article) => (
            <li key={article.id}>
              <a href={`#/article/${article.id}`}>{article.title}</a>
              <span className="card-meta">{shortTime(article.publishedAt)}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
