import * as z from 'zod/mini';
import { ARTICLE_COLUMNS, COLUMNS } from '../domain/columns.ts';
import { AttachmentIds, AttachmentRefView } from './attachments.ts';
import { Cursor, List, Page, Text, Ulid } from './common.ts';

export const ColumnView = z.object({
  code: z.enum(COLUMNS.map((column) => column.code) as [string, ...string[]]),
  name: z.string(),
  kind: z.enum(['articles', 'reports']),
});
export const ColumnList = List(ColumnView);

export const ArticleColumnCode = z.enum(ARTICLE_COLUMNS);

export const ArticleBody = z.strictObject({
  column: ArticleColumnCode,
  title: Text(100),
  /** Markdown; raw HTML in it is shown as text. */
  body: Text(20_000),
  /** Ready files of the writer's unit: JPEG/PNG images are shown, other files offered for download. */
  attachmentIds: z.optional(AttachmentIds),
});
export const ArticleIdParams = z.object({ id: Ulid });

/** An article as staff see it: the Markdown as written, and the HTML citizens will see. */
export const ArticleView = z.object({
  id: z.string(),
  column: ArticleColumnCode,
  title: z.string(),
  body: z.string(),
  html: z.string(),
  attachments: z.array(AttachmentRefView),
  unitId: z.string(),
  status: z.enum(['draft', 'published']),
  createdAt: z.string(),
  updatedAt: z.string(),
  writtenBy: z.string(),
  publishedAt: z.optional(z.string()),
  publishedBy: z.optional(z.string()),
});
export const StaffArticleQuery = z.object({ status: z.optional(z.enum(['draft', 'published'])) });
export const StaffArticleList = List(
  z.object({
    id: z.string(),
    column: ArticleColumnCode,
    title: z.string(),
    unitId: z.string(),
    status: z.enum(['draft', 'published']),
    updatedAt: z.string(),
    publishedAt: z.optional(z.string()),
  }),
);

/** What citizens read: published articles only, rendered. */
export const PublicArticleSummary = z.object({
  id: z.string(),
  column: ArticleColumnCode,
  title: z.string(),
  summary: z.string(),
  publishedAt: z.string(),
});
export const PublicArticleQuery = z.object({
  column: z.optional(ArticleColumnCode),
  cursor: z.optional(Cursor),
});
export const PublicArticlePage = Page(PublicArticleSummary);
export const PublicArticleView = z.object({
  id: z.string(),
  column: ArticleColumnCode,
  title: z.string(),
  html: z.string(),
  /** Its images, re-encoded on publish (no EXIF, no GPS): 5-minute links. */
  images: z.array(z.object({ name: z.string(), url: z.string() })),
  /** Its other files: 5-minute download links. */
  files: z.array(z.object({ name: z.string(), size: z.int(), url: z.string() })),
  publishedAt: z.string(),
  /** The unit that wrote it (谁发布谁负责: the office published it). */
  unitId: z.string(),
});

export const SearchQuery = z.object({
  q: z.string().check(z.trim(), z.minLength(1), z.maxLength(50)),
});
export const SearchResults = List(
  z.object({ type: z.enum(['article', 'question']), id: z.string(), title: z.string() }),
);
