import { useQuery } from '@tanstack/react-query';
import { DotLoading } from 'antd-mobile';
import { problem } from '../../../lib/api.ts';
import { shortTime } from '../../../lib/labels.ts';
import { articleQuery, columnsQuery } from '../api/get-columns.ts';

/**
 * An article, as the server rendered its Markdown: markdown-it with raw
 * HTML off, so the HTML holds nothing the writer typed as a tag
 * (shared/domain/markdown.ts).
 */
export default function ArticleScreen({ id }: { id: string }) {
  const article = useQuery(articleQuery(id));
  const columns = useQuery(columnsQuery);
  if (article.isPending)
    return (
      <div className="centered">
        <DotLoading color="primary" />
      </div>
    );
  if (article.error)
    return (
      <p className="error" role="alert">
        {problem(article.error)}
      </p>
    );
  const { title, html, publishedAt, column, images, files } = article.data;
  const name = columns.data?.items.find((item) => item.code === column)?.name;
  return (
    <article className="section article" aria-labelledby="article-title">
      <h2 id="article-title">{title}</h2>
      <p className="card-meta">
        {name ? <a href={`#/column/${column}`}>{name}</a> : null} {shortTime(publishedAt)} 发布
      </p>
      <div className="article-body" dangerouslySetInnerHTML={{ __html: html }} />
      {images.map((image) => (
        <img key={image.url} className="article-image" src={image.url} alt={image.name} />
      ))}
      {files.length > 0 && (
        <section aria-labelledby="article-files">
          <h3 id="article-files" style={{ fontSize: 15 }}>
            附件
          </h3>
          <ul className="article-list">
            {files.map((file) => (
              <li key={file.url}>
                <a href={file.url}>{file.name}</a>
                <span className="card-meta">{(file.size / 1024).toFixed(0)} KB</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
