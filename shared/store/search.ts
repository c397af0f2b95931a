import { ulid } from 'ulid';
import type { ObjectStore } from '../aws/s3.ts';
import { plainText } from '../domain/markdown.ts';
import {
  buildIndex,
  loadIndex,
  searchIndex,
  type SearchDocument,
  type SearchHit,
} from '../domain/search.ts';
import { allPublished } from './articles.ts';
import type { Store } from './context.ts';
import { allPublicAnswers } from './questions.ts';
import { readSearchState, recordIndex } from './searchIndex.ts';

/** Where index objects live in the uploads bucket (the search functions alone may read and write there). */
export const SEARCH_PREFIX = 'search/';

/** What search finds: published articles and public answers, as the index stores them. */
async function searchableDocuments(store: Store): Promise<SearchDocument[]> {
  const [articles, answers] = await Promise.all([allPublished(store), allPublicAnswers(store)]);
  return [
    ...articles.map((article) => ({
      key: `article#${article.id}`,
      type: 'article' as const,
      id: article.id,
      title: article.title,
      text: plainText(article.body, 20_000),
    })),
    ...answers.map((question) => ({
      key: `question#${question.id}`,
      type: 'question' as const,
      id: question.id,
      title: question.question,
      text: question.answer ?? '',
    })),
  ];
}

/**
 * Builds the index from what is published now and puts it in place, after
 * a change that search should find (a publish, an unpublish, a public
 * answer). Publishing is rare; reading every published item here keeps
 * the index whole whatever happened before. A change made while it built
 * builds it again, so the last change is always in.
 */
export async function rebuildSearchIndex(store: Store, uploads: ObjectStore): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const { changes, indexKey: previous } = await readSearchState(store);
    const index = buildIndex(await searchableDocuments(store));
    const key = `${SEARCH_PREFIX}index-${String(changes)}-${ulid()}.json`;
    await uploads.put(key, JSON.stringify(index), 'application/json');
    const placed = await recordIndex(store, key, changes);
    if (placed && previous) await uploads.delete(previous).catch(() => undefined);
    if (!placed) await uploads.delete(key).catch(() => undefined);
    if ((await readSearchState(store)).changes === changes) return;
  }
}

/** The index this process holds, and the object it came from. */
let held: { key: string; index: ReturnType<typeof loadIndex> } | undefined;

/**
 * A search: one small read of where the index stands, and the index object
 * itself only when this process does not hold it yet (a new container, or
 * something was published since). Never a scan.
 */
export async function search(
  store: Store,
  uploads: ObjectStore,
  query: string,
): Promise<SearchHit[]> {
  const { indexKey } = await readSearchState(store);
  if (!indexKey) return [];
  if (held?.key !== indexKey) {
    const object = await uploads.get(indexKey);
    if (!object) return [];
    held = { key: indexKey, index: loadIndex(Buffer.from(await object.bytes()).toString('utf8')) };
  }
  return searchIndex(held.index, query);
}
