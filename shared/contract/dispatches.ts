import * as z from 'zod/mini';
import { DISPATCH_KINDS, URGENCIES } from '../domain/deadlines.ts';
import { DISPATCH_STATUSES } from '../domain/dispatches.ts';
import { RECEIPT_ROLES, RECEIPT_STATUSES } from '../domain/receipts.ts';
import { SUPERVISION } from '../domain/supervision.ts';
import { AttachmentIds, AttachmentRefView } from './attachments.ts';
import { Cursor, Page, Text, Time, Ulid, UnitId } from './common.ts';

export const DispatchKind = z.enum(DISPATCH_KINDS);
export const Urgency = z.enum(URGENCIES);
export const DispatchStatus = z.enum(DISPATCH_STATUSES);
const UnitIds = z.array(UnitId).check(z.minLength(1), z.maxLength(1000));
/** 文号 as a Chinese office writes it: 新区办发〔2026〕12号. */
export const DocNumber = Text(50);

export const CreateDispatchBody = z.strictObject({
  kind: DispatchKind,
  title: Text(200),
  body: Text(50_000),
  recipients: z.union([z.literal('all'), UnitIds]),
  /** 抄送: told, owing nothing. */
  copyTo: z.optional(UnitIds),
  docNumber: z.optional(DocNumber),
  urgency: z.optional(Urgency),
  /** 存为草稿: nothing reaches anyone until the head of the district office signs it off. */
  draft: z.optional(z.boolean()),
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
  /** 资料查询 (Art2): only items whose title or 文号 holds these characters. */
  q: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(50))),
});

export const DispatchSummary = z.object({
  id: z.string(),
  kind: DispatchKind,
  title: z.string(),
  status: DispatchStatus,
  docNumber: z.optional(z.string()),
  urgency: Urgency,
  sentAt: z.string(),
  ackDueAt: z.string(),
  respondBy: z.optional(z.string()),
  recipientCount: z.int(),
  copyCount: z.int(),
});

export const RecallBody = z.strictObject({ reason: Text(500) });
export const DeadlineBody = z.strictObject({
  ackDueAt: z.optional(Time),
  respondBy: z.optional(Time),
});
export const UrgeBody = z.strictObject({ unitIds: z.optional(UnitIds) });
export const UrgeView = z.object({
  /** The units texted now. */
  unitIds: z.array(z.string()),
  /** Of those, the units with no phone to text now (the district office should call them). */
  withoutPhone: z.array(z.string()),
});
export const ResolveBody = z.strictObject({
  resolution: Text(2000),
  attachmentIds: z.optional(AttachmentIds),
});
export const ProblemParams = z.object({ id: Ulid, problemId: Ulid });

export const Answer = z.object({
  summary: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
});

/** 催办 (blue), 督办 (orange), missed (red): API.md "Accountability". */
export const Supervision = z.enum(SUPERVISION);

export const ProblemView = z.object({
  id: z.string(),
  dispatchId: z.string(),
  unitId: z.string(),
  description: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  reportedAt: z.string(),
  status: z.enum(['open', 'resolved']),
  resolution: z.optional(z.string()),
  resolvedAt: z.optional(z.string()),
  resolvedBy: z.optional(z.string()),
  attachments: z.array(AttachmentRefView),
});

export const ReceiptView = z.object({
  dispatchId: z.string(),
  unitId: z.string(),
  role: z.enum(RECEIPT_ROLES),
  status: z.enum(RECEIPT_STATUSES),
  ackDueAt: z.string(),
  respondBy: z.optional(z.string()),
  acknowledgedAt: z.optional(z.string()),
  /** 签收人, by name. */
  acknowledgedBy: z.optional(z.string()),
  respondedAt: z.optional(z.string()),
  respondedBy: z.optional(z.string()),
  /** 反馈人, by name. */
  answeredBy: z.optional(z.string()),
  answer: z.optional(Answer),
  /** The sealed upward feedback that answered it. */
  upwardId: z.optional(z.string()),
  recalledAt: z.optional(z.string()),
  urgedAt: z.optional(z.string()),
  problems: z.array(ProblemView),
  /** The unit's last reminder found no phone to text; the district office was told instead. */
  noPhoneToRemind: z.optional(z.boolean()),
  /** The unit's first download of a file the item carries. */
  downloadedAt: z.optional(z.string()),
  late: z.boolean(),
  supervision: Supervision,
});

export const DispatchView = z.object({
  ...DispatchSummary.shape,
  body: z.string(),
  senderUnit: z.string(),
  copyTo: z.array(z.string()),
  draftedBy: z.optional(z.string()),
  signedOffBy: z.optional(z.string()),
  signedOffAt: z.optional(z.string()),
  recalledAt: z.optional(z.string()),
  recalledBy: z.optional(z.string()),
  recallReason: z.optional(z.string()),
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
  role: z.enum(RECEIPT_ROLES),
  docNumber: z.optional(z.string()),
  urgency: Urgency,
  recalledAt: z.optional(z.string()),
  sentAt: z.string(),
  ackDueAt: z.string(),
  respondBy: z.optional(z.string()),
  status: z.enum(RECEIPT_STATUSES),
  late: z.boolean(),
  supervision: Supervision,
});
export const InboxPage = Page(InboxItem);
