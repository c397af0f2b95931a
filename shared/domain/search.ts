import MiniSearch, { type Options } from 'minisearch';

/**
 * The search over published articles and public answers (Art2 资料查询,
 * Art3): MiniSearch, with a tokenizer for Chinese. Chinese has no spaces
 * between words, so a run of Han characters is indexed as its overlapping
 * pairs (bigrams: 垃圾分类 → 垃圾 圾分 分类) and a query is split the same
 * way, every pair required: 分类 is found inside 垃圾分类. Latin words and
 * numbers are words, lower-cased. Ranking is MiniSearch's BM25, a title
 * counting double.
 */
export interface SearchDocument {
  /** `article#<id>` or `question#<id>`. */
  key: string;
  type: 'article' | 'question';
  id: string;
  title: string;
  text: string;
}

const HAN = /\p{Script=Han}/u;

export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const run of text.toLowerCase().match(/\p{Script=Han}+|[\p{L}\p{N}]+/gu) ?? []) {
    if (!HAN.test(run)) tokens.push(run);
    else if (run.length === 1) tokens.push(run);
    else for (let i = 0; i < run.length - 1; i++) tokens.push(run.slice(i, i + 2));
  }
  return tokens;
}

const OPTIONS: Options<SearchDocument> = {
  idField: 'key',
  fields: ['title', 'text'],
  storeFields: ['type', 'id', 'title'],
  tokenize,
  processTerm: (term) => term,
  searchOptions: {
    combineWith: 'AND',
    boost: { title: 2 },
    tokenize,
    processTerm: (term) => term,
  },
};

export const buildIndex = (documents: SearchDocument[]): MiniSearch<SearchDocument> => {
  const index = new MiniSearch<SearchDocument>(OPTIONS);
  index.addAll(documents);
  return index;
};

export const loadIndex = (json: string): MiniSearch<SearchDocument> =>
  MiniSearch.loadJSON<SearchDocument>(json, OPTIONS);

export interface SearchHit {
  type: 'article' | 'question';
  id: string;
  title: string;
}

/** Up to `limit` hits, best first; a query with nothing to search for finds nothing. */
export function searchIndex(
  index: MiniSearch<SearchDocument>,
  query: string,
  limit = 20,
): SearchHit[] {
  if (tokenize(query).length === 0) return [];
  return index
    .search(query)
    .slice(0, limit)
    .map((hit) => ({
      type: hit['type'] as SearchHit['type'],
      id: hit['id'] as string,
      title: hit['title'] as string,
    }));
}
