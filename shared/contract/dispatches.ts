import * as z from 'zod/mini';
import { DISPATCH_KINDS } from '../domain/deadlines.ts';
import { RECEIPT_STATUSES } from '../domain/receipts.ts';
import { SUPERVISION } from '../domain/supervision.ts';
import { AttachmentIds, AttachmentRefView } from './attachments.ts';
import { Cursor, Page, Text, Time, UnitId } from './common.ts';

export const DispatchKind = z.enum(DISPATCH_KINDS);

export const CreateDispatchBody = z.strictObject({
  kind: DispatchKind,
  title: Text(200),
  body: Text(50_000),
  recipients: z.union([z.literal('all'), z.array(UnitId).check(z.minLength(1), z.maxLength(1000))]),
  ackWithinMinutes: z.optional(z.int().check(z.gte(1), z.lte(7 * 24 * 60))),
  respondBy: z.optional(Time),
  attachmentIds: z.optional(AttachmentIds),
  /** 谁发布谁负责: the sender states that the item carries no classified content (Art12, Art15). */
  declaredUnclassified: z.literal(true, '发文前须确认内容不涉密'),
});

export const IdempotencyHeaders = z.object({
  'idempotency-key': z.optional(
    z.string().check(z.regex(/^[\x21-\x7e]{1,128}$/, '1 至 128 个可打印 ASCII 字符')),
  ),
});

export const DispatchListQuery = z.object({
  kind: z.optional(DispatchKind),
  cursor: z.optional(Cursor),
});
export const InboxQuery = z.object({
  status: z._default(z.enum(['pending', 'all']), 'pending'),
  cursor: z.optional(Cursor),
});

export const DispatchSummary = z.object({
  id: z.string(),
  kind: DispatchKind,
  title: z.string(),
  sentAt: z.string(),
  ackDueAt: z.string(),
  respondBy: z.optional(z.string()),
  recipientCount: z.int(),
});

export const Answer = z.object({
  summary: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
});

/** 催办 (blue), 督办 (orange), missed (red): API.md "Accountability". */
export const Supervision = z.enum(SUPERVISION);

export const ReceiptView = z.object({
  dispatchId: z.string(),
  unitId: z.string(),
  status: z.enum(RECEIPT_STATUSES),
  acknowledgedAt: z.optional(z.string()),
  acknowledgedBy: z.optional(z.string()),
  respondedAt: z.optional(z.string()),
  respondedBy: z.optional(z.string()),
  answer: z.optional(Answer),
  /** The unit's last reminder found no phone to text; the district office was told instead. */
  noPhoneToRemind: z.optional(z.boolean()),
  /** The unit's first download of a file the item carries. */
  downloadedAt: z.optional(z.string()),
  late: z.boolean(),
  supervision: Supervision,
});

export const ProblemView = z.object({
  id: z.string(),
  dispatchId: z.string(),
  unitId: z.string(),
  description: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  reportedAt: z.string(),
});

export const DispatchView = z.object({
  ...DispatchSummary.shape,
  body: z.string(),
  senderUnit: z.string(),
  attachments: z.array(AttachmentRefView),
  receipts: z.array(ReceiptView),
  problems: z.array(ProblemView),
  /** The worst colour among its receipts. */
  supervision: Supervision,
});

export const DispatchListItem = z.object({
  ...DispatchSummary.shape,
  acknowledged: z.int(),
  answered: z.int(),
  late: z.int(),
  problems: z.int(),
});
export const DispatchPage = Page(DispatchListItem);

export const InboxItem = z.object({
  dispatchId: z.string(),
  kind: DispatchKind,
  title: z.string(),
  sentAt: z.string(),
  ackDueAt: z.string(),
  respondBy: z.optional(z.string()),
  status: z.enum(RECEIPT_STATUSES),
  late: z.boolean(),
  supervision: Supervision,
});
export const InboxPage = Page(InboxItem);
