import { ulid } from 'ulid';
import {
  ArticleBody,
  ArticleIdParams,
  ArticleView,
  ColumnList,
  PublicArticlePage,
  PublicArticleQuery,
  PublicArticleView,
  SearchQuery,
  SearchResults,
  StaffArticleList,
  StaffArticleQuery,
} from '../../shared/contract/articles.ts';
import type { ObjectStore } from '../../shared/aws/s3.ts';
import { articleImageKey, attachmentFileKey } from '../../shared/aws/objectKeys.ts';
import {
  attachmentRef,
  contentDisposition,
  refuseUnusableAttachments,
  type AttachmentRef,
} from '../../shared/domain/attachments.ts';
import { auditEntry, auditTarget } from '../../shared/domain/audit.ts';
import {
  COLUMNS,
  isImage,
  ownsArticle,
  writeRefusal,
  type Article,
} from '../../shared/domain/columns.ts';
import { plainText, renderMarkdown } from '../../shared/domain/markdown.ts';
import { personName } from '../../shared/domain/principal.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../shared/errors.ts';
import { apiRoutes, defineRoute } from '../../shared/http/apiHandler.ts';
import { getArticle, listColumn, listNewest, saveArticle } from '../../shared/store/articles.ts';
import { getAttachments } from '../../shared/store/attachments.ts';
import type { Store } from '../../shared/store/context.ts';
import { getUnit } from '../../shared/store/units.ts';

/** 掌上新华's columns and the articles the district office keeps in them (Art3, Art10.1), and the search over them. */

const staffView = (article: Article) => ({ ...article, html: renderMarkdown(article.body) });

/** An article a staff member may see: the district office any, a unit its own; else not found. */
async function ownArticle(store: Store, id: string, principal: Parameters<typeof ownsArticle>[0]) {
  const article = await getArticle(store, id);
  if (!article || !ownsArticle(principal, article)) throw new NotFoundError('文章不存在');
  return article;
}

const CHANGED = '文章已被他人修改，请刷新后重试';

/** The search (MiniSearch and its index): a chunk of its own, loaded by the routes that use it. */
const searchIndex = () => import('../../shared/store/search.ts');

/**
 * The files an article will carry: those it already has, and new ones that
 * are ready and of the writer's unit (≤ 20, as for a dispatch).
 */
async function usableAttachments(
  store: Store,
  ids: readonly string[] | undefined,
  unitId: string,
  kept: readonly AttachmentRef[] = [],
): Promise<AttachmentRef[]> {
  const wanted = ids ?? kept.map((attachment) => attachment.id);
  const already = new Map(kept.map((attachment) => [attachment.id, attachment]));
  const added = wanted.filter((id) => !already.has(id));
  const found = refuseUnusableAttachments(added, await getAttachments(store, added), unitId);
  const fresh = new Map(found.map((attachment) => [attachment.id, attachmentRef(attachment)]));
  return wanted.map((id) => (already.get(id) ?? fresh.get(id)) as AttachmentRef);
}

/**
 * Writes each image of a published article as citizens will get it:
 * decoded and encoded again by sharp (no EXIF, no GPS, upright, ≤ 2560 px),
 * never the staff's upload itself. sharp is loaded only here.
 */
async function publishImages(uploads: ObjectStore, article: Article): Promise<void> {
  const images = article.attachments.filter(isImage);
  if (images.length === 0) return;
  const { reencodePhoto } = await import('../../shared/domain/photoEncoding.ts');
  for (const image of images) {
    const original = await uploads.get(attachmentFileKey(image.id));
    if (!original) throw new NotFoundError(`附件 ${image.name} 不存在`);
    const encoded = await reencodePhoto(await original.bytes());
    await uploads.put(articleImageKey(article.id, image.id), encoded, 'image/jpeg');
  }
}

export const articles = apiRoutes('articles', {
  'GET /public/columns': defineRoute({
    responses: { 200: ColumnList },
    handle: () => Promise.resolve({ status: 200, body: { items: [...COLUMNS] } }),
  }),

  'GET /public/articles': defineRoute({
    query: PublicArticleQuery,
    responses: { 200: PublicArticlePage },
    handle: async ({ query }, { store }) => {
      const page = query.column
        ? await listColumn(store, query.column, 'published', { limit: 20, cursor: query.cursor })
        : { items: await listNewest(store, 'published', 10) };
      return {
        status: 200,
        body: {
          items: page.items.map((article) => ({
            id: article.id,
            column: article.column,
            title: article.title,
            summary: plainText(article.body),
            publishedAt: article.publishedAt ?? article.updatedAt,
          })),
          ...('cursor' in page && page.cursor ? { cursor: page.cursor } : {}),
        },
      };
    },
  }),

  'GET /public/articles/{id}': defineRoute({
    params: ArticleIdParams,
    responses: { 200: PublicArticleView },
    handle: async ({ params }, { store, uploads }) => {
      const article = await getArticle(store, params.id);
      if (article?.status !== 'published') throw new NotFoundError('文章不存在');
      const attachments = article.attachments;
      return {
        status: 200,
        body: {
          id: article.id,
          column: article.column,
          title: article.title,
          html: renderMarkdown(article.body),
          images: await Promise.all(
            attachments.filter(isImage).map(async (image) => ({
              name: image.name,
              url: await uploads.link(articleImageKey(article.id, image.id)),
            })),
          ),
          files: await Promise.all(
            attachments
              .filter((file) => !isImage(file))
              .map(async (file) => ({
                name: file.name,
                size: file.size,
                url: await uploads.link(attachmentFileKey(file.id), {
                  disposition: contentDisposition(file.name),
                  contentType: file.contentType,
                }),
              })),
          ),
          publishedAt: article.publishedAt ?? article.updatedAt,
          unitId: article.unitId,
        },
      };
    },
  }),

  'GET /public/search': defineRoute({
    query: SearchQuery,
    responses: { 200: SearchResults },
    handle: async ({ query }, { store, uploads }) => ({
      status: 200,
      body: { items: await (await searchIndex()).search(store, uploads, query.q) },
    }),
  }),

  'GET /articles': defineRoute({
    query: StaffArticleQuery,
    responses: { 200: StaffArticleList },
    handle: async ({ query, principal }, { store }) => {
      const statuses = query.status ? [query.status] : (['draft', 'published'] as const);
      const lists = await Promise.all(statuses.map((status) => listNewest(store, status, 100)));
      const items = lists
        .flat()
        .filter((article) => ownsArticle(principal, article))
        .map(({ id, column, title, unitId, status, updatedAt, publishedAt }) => ({
          id,
          column,
          title,
          unitId,
          status,
          updatedAt,
          ...(publishedAt ? { publishedAt } : {}),
        }));
      return { status: 200, body: { items } };
    },
  }),

  'GET /articles/{id}': defineRoute({
    params: ArticleIdParams,
    responses: { 200: ArticleView },
    handle: async ({ params, principal }, { store }) => ({
      status: 200,
      body: staffView(await ownArticle(store, params.id, principal)),
    }),
  }),

  'POST /articles': defineRoute({
    body: ArticleBody,
    responses: { 201: ArticleView },
    handle: async ({ body, principal, now }, { store }) => {
      const refusal = writeRefusal(principal, await getUnit(store, principal.unitId), body.column);
      if (refusal) throw new ForbiddenError(refusal);
      const at = now.toISOString();
      const { attachmentIds, ...fields } = body;
      const article: Article = {
        id: ulid(now.getTime()),
        ...fields,
        attachments: await usableAttachments(store, attachmentIds, principal.unitId),
        unitId: principal.unitId,
        status: 'draft',
        createdAt: at,
        updatedAt: at,
        writtenBy: personName(principal),
      };
      const audit = auditEntry('article.create', auditTarget.article(article.id), principal, now, {
        column: article.column,
        title: article.title,
      });
      if (!(await saveArticle(store, article, audit))) throw new ConflictError(CHANGED);
      return { status: 201, body: staffView(article) };
    },
  }),

  'PUT /articles/{id}': defineRoute({
    params: ArticleIdParams,
    body: ArticleBody,
    responses: { 200: ArticleView },
    handle: async ({ params, body, principal, now }, { store, uploads }) => {
      const previous = await ownArticle(store, params.id, principal);
      const refusal = writeRefusal(principal, await getUnit(store, principal.unitId), body.column);
      if (refusal) throw new ForbiddenError(refusal);
      // A published article changes in place only by the district office, which answers for it.
      if (previous.status === 'published' && !principal.groups.includes('district-office'))
        throw new ForbiddenError('已发布的文章只能由区政府办修改');
      const { attachmentIds, ...fields } = body;
      const article: Article = {
        ...previous,
        ...fields,
        attachments: await usableAttachments(
          store,
          attachmentIds,
          principal.unitId,
          previous.attachments,
        ),
        updatedAt: now.toISOString(),
      };
      // A published article's images are ready before citizens can ask for them.
      if (article.status === 'published') await publishImages(uploads, article);
      const audit = auditEntry('article.update', auditTarget.article(article.id), principal, now, {
        title: article.title,
      });
      if (!(await saveArticle(store, article, audit, previous))) throw new ConflictError(CHANGED);
      if (article.status === 'published')
        await (await searchIndex()).rebuildSearchIndex(store, uploads);
      return { status: 200, body: staffView(article) };
    },
  }),

  'POST /articles/{id}/publish': defineRoute({
    params: ArticleIdParams,
    responses: { 200: ArticleView },
    handle: async ({ params, principal, now }, { store, uploads }) =>
      changeStatus(store, uploads, params.id, principal, now, 'published'),
  }),

  'POST /articles/{id}/unpublish': defineRoute({
    params: ArticleIdParams,
    responses: { 200: ArticleView },
    handle: async ({ params, principal, now }, { store, uploads }) =>
      changeStatus(store, uploads, params.id, principal, now, 'draft'),
  }),
});

/** 发布 / 撤下: by the district office (谁发布谁负责), recorded with who did it; search follows. */
async function changeStatus(
  store: Store,
  uploads: ObjectStore,
  id: string,
  principal: Parameters<typeof ownsArticle>[0],
  now: Date,
  status: Article['status'],
) {
  const previous = await ownArticle(store, id, principal);
  if (previous.status === status)
    throw new ConflictError(status === 'published' ? '文章已发布' : '文章未发布');
  const at = now.toISOString();
  const { publishedAt: _at, publishedBy: _by, ...rest } = previous;
  const article: Article =
    status === 'published'
      ? { ...rest, status, updatedAt: at, publishedAt: at, publishedBy: personName(principal) }
      : { ...rest, status, updatedAt: at };
  if (status === 'published') await publishImages(uploads, article);
  const action = status === 'published' ? 'article.publish' : 'article.unpublish';
  const audit = auditEntry(action, auditTarget.article(id), principal, now, {
    title: article.title,
    column: article.column,
  });
  if (!(await saveArticle(store, article, audit, previous))) throw new ConflictError(CHANGED);
  await (await searchIndex()).rebuildSearchIndex(store, uploads);
  return { status: 200 as const, body: staffView(article) };
}
