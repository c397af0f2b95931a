import { zhCN } from 'zod/locales';
import * as z from 'zod/mini';
import { CLASSIFIED_FIELD_MESSAGE, isClassifiedMarking } from '../domain/classification.ts';

/**
 * The API's contract, as schemas: what each route takes and what it gives.
 * The handlers validate with them, the OpenAPI document is built from them,
 * and the web apps take their types from them (shared/contract imports
 * nothing but zod and domain constants, so a browser can import it).
 *
 * Written with `zod/mini`: the same validation as classic zod at a fifth of
 * the bundle and a tenth of the import time (bench/bundles.ts). The error
 * details of API.md are in Chinese: the people who read them are.
 */
z.config(zhCN());

export const UnitId = z
  .string()
  .check(z.regex(/^[a-z0-9][a-z0-9-]{1,62}$/, '单位编号：小写字母、数字和连字符'));
export const Ulid = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, '应为接口返回的编号'));
export const IdParams = z.object({ id: Ulid });
export const ServiceCode = z
  .string()
  .check(z.regex(/^[a-z0-9][a-z0-9-]{1,62}$/, '诉求分类代码：小写字母、数字和连字符'));

/**
 * Text a person writes: trimmed, 1 to `max` characters, and never a
 * classification marking (Art12, Art15): the one guard, for every such
 * field of every route. A refusal is 422 CLASSIFIED_CONTENT, not 400
 * (shared/http/apiHandler.ts tells the two apart by `params.classified`).
 */
export const Text = (max: number) =>
  z.string().check(
    z.trim(),
    z.minLength(1),
    z.maxLength(max),
    z.refine((text) => !isClassifiedMarking(text), {
      message: CLASSIFIED_FIELD_MESSAGE,
      params: { classified: true },
    }),
  );

/** A page cursor as handed out with the previous page. */
export const Cursor = z.string().check(z.maxLength(4096));

/** An ISO 8601 time with its offset; replies give UTC (`Z`). */
export const Time = z.iso.datetime({ offset: true });

export const ContactName = Text(50);

/** A page of a list, newest first; `cursor` asks for the next one. */
export const Page = <T extends z.ZodMiniType>(item: T) =>
  z.object({ items: z.array(item), cursor: z.optional(z.string()) });

/** A list that is never paged. */
export const List = <T extends z.ZodMiniType>(item: T) => z.object({ items: z.array(item) });

/** A calendar day in Asia/Shanghai: `2026-11-25`. */
export const Day = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式：YYYY-MM-DD'));

/** A presigned POST: an HTML-form upload of `fields` and then the file, to `url`, before `expiresAt`. */
export const Upload = z.object({
  url: z.string(),
  fields: z.record(z.string(), z.string()),
  expiresAt: z.string(),
});
