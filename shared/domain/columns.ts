import type { AttachmentRef } from './attachments.ts';
import type { Principal } from './principal.ts';
import type { Unit } from './units.ts';

/**
 * 掌上新华's columns (Art3, Art10.1): four the district office keeps as
 * articles, and two where citizens report (the report form, as 市容随手拍 and
 * 指点新华区). Data, in the order the app shows them.
 */
export const COLUMNS = [
  { code: 'guide', name: '办事包打听', kind: 'articles' },
  { code: 'district', name: '区情一点通', kind: 'articles' },
  { code: 'news', name: '热点全知道', kind: 'articles' },
  { code: 'local', name: '您的身边事', kind: 'articles' },
  { code: 'city-appearance', name: '市容随手拍', kind: 'reports' },
  { code: 'pointers', name: '指点新华区', kind: 'reports' },
] as const;
export type Column = (typeof COLUMNS)[number];
export const ARTICLE_COLUMNS = ['guide', 'district', 'news', 'local'] as const;
export type ArticleColumn = (typeof ARTICLE_COLUMNS)[number];

export interface Article {
  id: string;
  column: ArticleColumn;
  title: string;
  /** Markdown, as written; rendered without raw HTML (shared/domain/markdown.ts). */
  body: string;
  /** Files it carries: images are shown in the article (re-encoded on publish), other files offered for download. */
  attachments: AttachmentRef[];
  /** The unit that wrote it: the district office, or a street office or township for 您的身边事. */
  unitId: string;
  status: 'draft' | 'published';
  createdAt: string;
  updatedAt: string;
  writtenBy: string;
  publishedAt?: string;
  /** 谁发布谁负责: the person of the district office who published it. */
  publishedBy?: string;
}

/**
 * Who may write into a column: the district office into any; a street
 * office or township only 您的身边事, as itself (its own items, which the
 * office publishes). Undefined when allowed, else why not (Chinese).
 */
export function writeRefusal(
  principal: Principal,
  unit: Pick<Unit, 'kind'> | undefined,
  column: ArticleColumn,
): string | undefined {
  if (principal.groups.includes('district-office')) return undefined;
  if (column !== 'local') return '只有区政府办可以编写此栏目';
  if (unit?.kind !== 'township' && unit?.kind !== 'street-office')
    return '您的身边事只由乡镇、街道编写';
  return undefined;
}

/** Whether a staff member may see and change an article: the district office all, a unit its own. */
export const ownsArticle = (principal: Principal, article: Pick<Article, 'unitId'>) =>
  principal.groups.includes('district-office') || article.unitId === principal.unitId;

/** Images shown in an article; every other file is offered for download. */
export const isImage = (attachment: Pick<AttachmentRef, 'contentType'>) =>
  attachment.contentType === 'image/jpeg' || attachment.contentType === 'image/png';
