import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../domain/audit.ts';
import { ARTICLE_COLUMNS, type Article, type ArticleColumn } from '../domain/columns.ts';
import { auditPut } from './audit.ts';
import type { Store } from './context.ts';
import { withoutKeys } from './keys.ts';
import { queryPage, type Listing } from './pages.ts';
import { writeUnlessChanged } from './transactions.ts';
import { searchChanged } from './searchIndex.ts';

const articleKey = (id: string) => ({ pk: `ARTICLE#${id}`, sk: 'ARTICLE' });

/** A column's drafts or published articles, newest first (the `byUnit` index). */
const articleListing = (column: ArticleColumn, status: Article['status']): Listing => ({
  index: 'byUnit',
  partition: `ARTICLES#${column}#${status}`,
  pkPrefix: 'ARTICLE#',
  skPrefix: 'ARTICLE',
});

const item = (article: Article) => ({
  ...articleKey(article.id),
  gsi1pk: articleListing(article.column, article.status).partition,
  gsi1sk: `${article.publishedAt ?? article.updatedAt}#${article.id}`,
  ...article,
});

/**
 * Writes an article with its audit record in one transaction: a new one
 * never over another, a change only over the version it was made from
 * (`updatedAt`), so two editors never overwrite each other unseen. A
 * change to what citizens can read (publish, unpublish) also tells the
 * search index (shared/store/searchIndex.ts) in the same transaction.
 */
export async function saveArticle(
  store: Store,
  article: Article,
  audit: AuditEntry,
  previous?: Pick<Article, 'updatedAt' | 'status'>,
): Promise<boolean> {
  const searchable = previous
    ? previous.status === 'published' || article.status === 'published'
    : false;
  return writeUnlessChanged(store, [
    {
      Put: {
        TableName: store.table,
        Item: item(article),
        ConditionExpression: previous ? 'updatedAt = :previous' : 'attribute_not_exists(pk)',
        ...(previous ? { ExpressionAttributeValues: { ':previous': previous.updatedAt } } : {}),
      },
    },
    auditPut(store, audit),
    ...(searchable ? [searchChanged(store)] : []),
  ]);
}

export async function getArticle(store: Store, id: string): Promise<Article | undefined> {
  const { Item } = await store.db.send(
    new GetCommand({ TableName: store.table, Key: articleKey(id) }),
  );
  return Item ? (withoutKeys(Item) as unknown as Article) : undefined;
}

const asArticle = (value: Record<string, unknown>) => withoutKeys(value) as unknown as Article;

/** A page of one column's articles of a status, newest first. */
export async function listColumn(
  store: Store,
  column: ArticleColumn,
  status: Article['status'],
  options: { limit: number; cursor?: string | undefined },
): Promise<{ items: Article[]; cursor?: string }> {
  const page = await queryPage(store, articleListing(column, status), options);
  return {
    items: page.items.map(asArticle),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  };
}

/** The newest `limit` articles of a status across the columns: one query per column, merged. */
export async function listNewest(
  store: Store,
  status: Article['status'],
  limit: number,
): Promise<Article[]> {
  const pages = await Promise.all(
    ARTICLE_COLUMNS.map((column) => listColumn(store, column, status, { limit })),
  );
  return pages
    .flatMap((page) => page.items)
    .sort((a, b) => (b.publishedAt ?? b.updatedAt).localeCompare(a.publishedAt ?? a.updatedAt))
    .slice(0, limit);
}

/** Every published article, for the search index: each column's partition, page by page. */
export async function allPublished(store: Store): Promise<Article[]> {
  const all: Article[] = [];
  for (const column of ARTICLE_COLUMNS) {
    let cursor: string | undefined;
    do {
      const page = await listColumn(store, column, 'published', { limit: 500, cursor });
      all.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
  }
  return all;
}
