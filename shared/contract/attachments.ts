import * as z from 'zod/mini';
import {
  ATTACHMENT_CONTENT_TYPES,
  ATTACHMENT_STATUSES,
  extensionsOf,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS,
  nameFitsType,
  UNSAFE_NAME_CHARACTERS,
} from '../domain/attachments.ts';
import { Text, Ulid, Upload } from './common.ts';

export const AttachmentContentType = z.enum(ATTACHMENT_CONTENT_TYPES);

export const CreateAttachmentBody = z
  .strictObject({
    name: Text(200).check(
      z.refine((name) => !UNSAFE_NAME_CHARACTERS.test(name), {
        message: '文件名不能含有控制字符、方向控制符或 / \\',
      }),
    ),
    contentType: AttachmentContentType,
    size: z.int().check(z.gte(1), z.lte(MAX_ATTACHMENT_BYTES)),
  })
  .check(
    z.superRefine((file, context) => {
      if (!nameFitsType(file.name, file.contentType))
        context.issues.push({
          code: 'custom',
          input: file.name,
          path: ['name'],
          message: `文件名的扩展名须与文件类型相符：应以 ${extensionsOf(file.contentType)} 结尾`,
        });
    }),
  );

export const AttachmentCreated = z.object({ id: z.string(), upload: Upload });

export const AttachmentView = z.object({
  id: z.string(),
  name: z.string(),
  contentType: AttachmentContentType,
  size: z.int(),
  status: z.enum(ATTACHMENT_STATUSES),
  sha256: z.optional(z.string()),
  /** Why the bytes were refused. */
  reason: z.optional(z.string()),
});

/** What a dispatch or an upward report lists of each file it carries. */
export const AttachmentRefView = z.object({
  id: z.string(),
  name: z.string(),
  contentType: AttachmentContentType,
  size: z.int(),
  sha256: z.string(),
});

/** `attachmentIds` of a dispatch or an upward report: ≤ 20 ready files of the sender's unit. */
export const AttachmentIds = z.array(Ulid).check(z.maxLength(MAX_ATTACHMENTS));

/** A 302's body: where `Location` sends the client. */
export const Redirect = z.object({ location: z.string() });
