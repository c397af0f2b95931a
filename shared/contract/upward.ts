import * as z from 'zod/mini';
import { UPWARD_KINDS, UPWARD_STATUSES } from '../domain/upward.ts';
import { AttachmentIds, AttachmentRefView } from './attachments.ts';
import { ContactName, Cursor, Page, Text, Ulid } from './common.ts';
import { PhoneNumber } from './phoneNumbers.ts';

export const UpwardBody = z.strictObject({
  kind: z.enum(UPWARD_KINDS),
  title: Text(200),
  body: Text(50_000),
  contactName: ContactName,
  contactPhone: PhoneNumber,
  attachmentIds: z.optional(AttachmentIds),
  /** The dispatch a feedback report answers. */
  dispatchId: z.optional(Ulid),
});

export const ReturnBody = z.strictObject({ reason: Text(500) });

export const UpwardQuery = z.object({
  status: z.optional(z.enum(UPWARD_STATUSES)),
  cursor: z.optional(Cursor),
});

export const SealView = z.object({
  v: z.optional(z.literal(2)),
  alg: z.literal('ES256'),
  kid: z.string(),
  digest: z.string(),
  signature: z.string(),
  sealedAt: z.string(),
  approvedBy: z.string(),
});

export const UpwardCreated = z.object({
  id: z.string(),
  kind: z.enum(UPWARD_KINDS),
  title: z.string(),
  unitId: z.string(),
  status: z.enum(UPWARD_STATUSES),
  createdAt: z.string(),
});

export const UpwardView = z.object({
  ...UpwardCreated.shape,
  body: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  dispatchId: z.optional(z.string()),
  attachments: z.array(AttachmentRefView),
  createdBy: z.string(),
  updatedAt: z.string(),
  returnedReason: z.optional(z.string()),
  seal: z.optional(SealView),
  receivedAt: z.optional(z.string()),
  receivedBy: z.optional(z.string()),
  /** 批复 of a 请示. */
  reply: z.optional(
    z.object({
      body: z.string(),
      attachments: z.array(AttachmentRefView),
      repliedAt: z.string(),
      repliedBy: z.string(),
    }),
  ),
});

export const ReplyBody = z.strictObject({
  body: Text(50_000),
  attachmentIds: z.optional(AttachmentIds),
});
/** Lists show what a line shows (the district office's list reads the `feed` index, which projects no bodies). */
export const UpwardPage = Page(UpwardCreated);

export const Jwks = z.object({
  keys: z.array(
    z.object({
      kty: z.string(),
      crv: z.string(),
      x: z.string(),
      y: z.string(),
      kid: z.string(),
      use: z.string(),
      alg: z.string(),
    }),
  ),
});
