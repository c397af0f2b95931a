import * as z from 'zod/mini';
import {
  ATTACHMENT_CONTENT_TYPES,
  ATTACHMENT_STATUSES,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS,
} from '../domain/attachments.ts';
import { Text, Ulid, Upload } from './common.ts';

export const AttachmentContentType = z.enum(ATTACHMENT_CONTENT_TYPES);

export const CreateAttachmentBody = z.strictObject({
  name: Text(200).check(z.regex(/^[^/\\]+$/, 'a file name without / or \\')),
  contentType: AttachmentContentType,
  size: z.int().check(z.gte(1), z.lte(MAX_ATTACHMENT_BYTES)),
});

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
