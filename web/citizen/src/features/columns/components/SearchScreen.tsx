import { useQuery } from '@tanstack/react-query';
import { DotLoading } from 'antd-mobile';
import { problem } from '../../../lib/api.ts';
import { searchQuery } from '../api/get-columns.ts';
import { SearchBox } from './SearchBox.tsx';

/** What search found: articles and public answers, best first. */
export default function SearchScreen({ q }: { q: string }) {
  const results = useQuery(searchQuery(q));
  return (
    <div>
      <SearchBox key={q} initial={q} />
      <section className="section" aria-labelledby="results">
        <h2 id="results">“{q}”的搜索结果</h2>
        {results.isPending && (
          <div className="centered">
            <DotLoading color="primary" />
          </div>
        )}
        {results.error && (
          <p className="error" role="alert">
            {problem(results.error)}
          </p>
        )}
        {results.data?.items.length === 0 && <p className="hint">没有找到相关内容。</p>}
        <ul className="article-list">
          {results.data?.items.map((hit) => (
            <li key={`${hit.type}-${hit.id}`}>
              <a href={hit.type === 'article' ? `#/article/${hit.id}` : `#/question/${hit.id}`}>
                {hit.title}
              </a>
              <span className="card-meta">{hit.type === 'article' ? '文章' : '问答'}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
