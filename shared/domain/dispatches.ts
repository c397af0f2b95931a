import { ulid } from 'ulid';
import { ConflictError, ForbiddenError, ValidationError } from '../errors.ts';
import type { AttachmentRef } from './attachments.ts';
import { auditEntry, auditTarget, type AuditAction, type AuditEntry } from './audit.ts';
import { dispatchDeadlines, type DispatchKind, type Urgency } from './deadlines.ts';
import { isOverdue, obligationOf, remindersPaused } from './obligations.ts';
import { personName, type Principal } from './principal.ts';
import { tallyOf, type Receipt, type ReceiptChange, type ReceiptRole } from './receipts.ts';
import { resolveRecipients } from './recipients.ts';
import { startReminders, type ReminderSettings } from './reminders.ts';

/** A draft waits for 签发 and reaches nobody; a sent item can be recalled (已撤回). */
export const DISPATCH_STATUSES = ['draft', 'sent', 'recalled'] as const;
export type DispatchStatus = (typeof DISPATCH_STATUSES)[number];

export interface Dispatch {
  id: string;
  kind: DispatchKind;
  title: string;
  body: string;
  /** Absent on items sent before drafts existed: sent. */
  status?: DispatchStatus;
  /** 文号, unique per sending unit and year. */
  docNumber?: string;
  /** 缓急; absent: 平急. */
  urgency?: Urgency;
  senderUnit: string;
  senderSub: string;
  /** When it was sent (a draft: when it was drafted; 签发 sends it anew). */
  sentAt: string;
  ackDueAt: string;
  respondBy?: string;
  /** Resolved unit ids (主送); "all" is expanded when the dispatch is made. */
  recipients: string[];
  /** 抄送: told, owing nothing. */
  copyTo?: string[];
  /** What the sender asked, kept by a draft so that 签发 decides the deadlines from its own time. */
  ackWithinMinutes?: number;
  /** When every receipt's first reminder is due (the reminder settings at sending time). */
  firstReminderAt?: string;
  /** The files it carries, as they were when it was sent. */
  attachments?: AttachmentRef[];
  /** 拟稿人 and 签发人 (谁发布谁负责), by name. */
  draftedBy?: string;
  signedOffBy?: string;
  signedOffAt?: string;
  recalledAt?: string;
  recalledBy?: string;
  recallReason?: string;
}

export const dispatchStatus = (dispatch: Pick<Dispatch, 'status'>): DispatchStatus =>
  dispatch.status ?? 'sent';

/** Art8.4: a recipient that cannot read an item properly tells the sender, who resolves it. */
export interface ReceptionProblem {
  id: string;
  dispatchId: string;
  unitId: string;
  description: string;
  contactName: string;
  contactPhone: string;
  reportedAt: string;
  reportedBy: string;
  /** Absent on problems reported before they could be resolved: open. */
  status?: 'open' | 'resolved';
  resolution?: string;
  resolvedAt?: string;
  resolvedBy?: string;
  /** Files the sender added for this unit with the resolution. */
  attachments?: AttachmentRef[];
}

/** What the sender follows: the dispatch with every receipt and reception problem. */
export interface DispatchView {
  dispatch: Dispatch;
  receipts: Receipt[];
  problems: ReceptionProblem[];
}

export interface DispatchRequest {
  kind: DispatchKind;
  title: string;
  body: string;
  recipients: string[] | 'all';
  copyTo?: string[] | undefined;
  ackWithinMinutes?: number | undefined;
  respondBy?: string | undefined;
  docNumber?: string | undefined;
  urgency?: Urgency | undefined;
  draft?: boolean | undefined;
}

/**
 * A new dispatch and its audit record (Art7, Art8): its deadlines, its
 * recipients ("all" expanded) and copies, and when its first reminder is
 * due, decided once, when it is sent. A draft (审核登记) is sent by 签发; a
 * kind that must be signed off cannot be sent without one.
 */
export function newDispatch(
  request: DispatchRequest,
  context: {
    sender: Principal;
    now: Date;
    unitIds: string[];
    settings: ReminderSettings;
    /** The files it carries, checked usable (attachments.ts). */
    attachments?: AttachmentRef[];
  },
): { dispatch: Dispatch; audit: AuditEntry } {
  const { sender, now, settings } = context;
  if (!request.draft && settings.signOffRequired?.includes(request.kind)) {
    throw new ConflictError('这类文件须先存为草稿，经区政府办公室负责人签发后发出', [
      { field: 'draft', message: '须存为草稿' },
    ]);
  }
  const recipients = resolveRecipients(request.recipients, context.unitIds, sender.unitId);
  const copyTo = copiesOf(request.copyTo ?? [], recipients, context.unitIds, sender.unitId);
  const dispatch = deliverable(
    {
      id: ulid(now.getTime()),
      kind: request.kind,
      title: request.title,
      body: request.body,
      status: request.draft ? 'draft' : 'sent',
      ...(request.docNumber ? { docNumber: request.docNumber } : {}),
      ...(request.urgency ? { urgency: request.urgency } : {}),
      senderUnit: sender.unitId,
      senderSub: sender.sub,
      recipients,
      ...(copyTo.length ? { copyTo } : {}),
      ...(request.ackWithinMinutes ? { ackWithinMinutes: request.ackWithinMinutes } : {}),
      ...(request.respondBy ? { respondBy: request.respondBy } : {}),
      ...(context.attachments?.length ? { attachments: context.attachments } : {}),
      draftedBy: personName(sender),
    },
    settings,
    now,
  );
  const audit = auditEntry(
    request.draft ? 'dispatch.draft' : 'dispatch.send',
    auditTarget.dispatch(dispatch.id),
    sender,
    now,
    {
      kind: dispatch.kind,
      recipientCount: recipients.length,
      ...(copyTo.length ? { copyCount: copyTo.length } : {}),
      ...(dispatch.docNumber ? { docNumber: dispatch.docNumber } : {}),
      ...(context.attachments?.length
        ? { attachments: context.attachments.map((file) => file.id) }
        : {}),
    },
  );
  return { dispatch, audit };
}

/** Copies go to known units that are neither the sender nor a main recipient. */
function copiesOf(
  requested: string[],
  recipients: string[],
  knownUnitIds: string[],
  senderUnit: string,
): string[] {
  if (requested.length === 0) return [];
  const copies = resolveRecipients(requested, knownUnitIds, senderUnit);
  const main = new Set(recipients);
  const both = copies.filter((id) => main.has(id) || id === senderUnit);
  if (both.length)
    throw new ValidationError(
      '抄送单位不能同时是主送单位或发文单位',
      both.map((id) => ({ field: 'copyTo', message: `单位“${id}”已是主送单位或发文单位` })),
    );
  return copies;
}

/** The dispatch with its deadlines and first reminder decided at `now`, when it is sent. */
function deliverable(
  dispatch: Omit<Dispatch, 'sentAt' | 'ackDueAt' | 'firstReminderAt'>,
  settings: ReminderSettings,
  now: Date,
): Dispatch {
  const deadlines = dispatchDeadlines({
    kind: dispatch.kind,
    sentAt: now,
    ackWithinMinutes: dispatch.ackWithinMinutes,
    respondBy: dispatch.respondBy ? new Date(dispatch.respondBy) : undefined,
    urgency: dispatch.urgency,
  });
  const firstReminder = startReminders(
    { kind: dispatch.kind, status: 'pending', ...deadlines },
    settings,
    now,
  );
  const { firstReminderAt: _none, ...rest } = dispatch as Dispatch;
  return {
    ...rest,
    sentAt: now.toISOString(),
    ...deadlines,
    ...(firstReminder.dueAt ? { firstReminderAt: firstReminder.dueAt } : {}),
  };
}

/**
 * 签发 (谁发布谁负责): the head of the district office sends a draft. Its
 * deadlines run from now, as if it were written now; a feedback request
 * whose answer date has passed meanwhile is refused.
 */
export function signedOff(
  draft: Dispatch,
  head: Principal,
  now: Date,
  settings: ReminderSettings,
): { dispatch: Dispatch; audit: AuditEntry } {
  if (head.unitId !== 'district-office' || !head.groups.includes('unit-head'))
    throw new ForbiddenError('只有区政府办公室负责人可以签发');
  if (dispatchStatus(draft) !== 'draft') throw new ConflictError('这份发文不是草稿，已经发出了');
  const dispatch: Dispatch = {
    ...deliverable(draft, settings, now),
    status: 'sent',
    signedOffBy: personName(head),
    signedOffAt: now.toISOString(),
  };
  const audit = auditEntry('dispatch.sign-off', auditTarget.dispatch(draft.id), head, now, {
    kind: dispatch.kind,
    recipientCount: dispatch.recipients.length,
    signedOffBy: dispatch.signedOffBy,
  });
  return { dispatch, audit };
}

/** Every recipient unit starts with one pending receipt carrying what its inbox shows. */
export function newReceipt(dispatch: Dispatch, unitId: string, role: ReceiptRole): Receipt {
  return {
    dispatchId: dispatch.id,
    unitId,
    role,
    senderUnit: dispatch.senderUnit,
    kind: dispatch.kind,
    title: dispatch.title,
    ...(dispatch.docNumber ? { docNumber: dispatch.docNumber } : {}),
    ...(dispatch.urgency ? { urgency: dispatch.urgency } : {}),
    sentAt: dispatch.sentAt,
    ackDueAt: dispatch.ackDueAt,
    ...(dispatch.respondBy ? { respondBy: dispatch.respondBy } : {}),
    status: 'pending',
    remindersSent: 0,
    ...(role === 'main' && dispatch.firstReminderAt ? { dueAt: dispatch.firstReminderAt } : {}),
  };
}

/** Each recipient's receipt: main ones, then copies. */
export const receiptsOf = (dispatch: Dispatch): Receipt[] => [
  ...dispatch.recipients.map((unitId) => newReceipt(dispatch, unitId, 'main')),
  ...(dispatch.copyTo ?? []).map((unitId) => newReceipt(dispatch, unitId, 'copy')),
];

/** A decided change of a sent dispatch and of some of its receipts, each with what it adds to the counters. */
export interface DispatchChange {
  dispatch: Dispatch;
  audit: AuditEntry;
  receipts: { receipt: Receipt; change: Pick<ReceiptChange, 'set' | 'tally'> }[];
}

function refuseUnlessSent(dispatch: Dispatch, sender: Principal): void {
  if (dispatch.senderUnit !== sender.unitId) throw new ForbiddenError('只有发文单位可以这样做');
  const status = dispatchStatus(dispatch);
  if (status === 'draft') throw new ConflictError('草稿尚未签发');
  if (status === 'recalled') throw new ConflictError('这份发文已经撤回');
}

const dispatchAudit = (
  action: AuditAction,
  dispatch: Dispatch,
  actor: Principal,
  now: Date,
  details: Record<string, unknown>,
) => auditEntry(action, auditTarget.dispatch(dispatch.id), actor, now, details);

/**
 * 撤回: nothing more is owed and nothing chases anyone; every recipient
 * sees 已撤回, and what was acknowledged or answered stays on record.
 */
export function recalled(
  view: DispatchView,
  sender: Principal,
  now: Date,
  reason: string,
): DispatchChange {
  refuseUnlessSent(view.dispatch, sender);
  const at = now.toISOString();
  const dispatch: Dispatch = {
    ...view.dispatch,
    status: 'recalled',
    recalledAt: at,
    recalledBy: personName(sender),
    recallReason: reason,
  };
  return {
    dispatch,
    audit: dispatchAudit('dispatch.recall', dispatch, sender, now, { reason }),
    receipts: view.receipts
      .filter((receipt) => !receipt.recalledAt)
      .map((receipt) => {
        const set: Partial<Receipt> = { recalledAt: at, dueAt: undefined, overdue: undefined };
        return { receipt, change: { set, tally: tallyOf(receipt, set) } };
      }),
  };
}

/**
 * 延期: the sender gives more time, never less. Every receipt still owing
 * the acknowledgement or the answer moved has it due later, and its reminders
 * start again from the new deadline.
 */
export function movedDeadlines(
  view: DispatchView,
  sender: Principal,
  now: Date,
  moved: { ackDueAt?: string | undefined; respondBy?: string | undefined },
  settings: ReminderSettings,
): DispatchChange {
  const { dispatch } = view;
  refuseUnlessSent(dispatch, sender);
  const details = [
    ...(moved.ackDueAt && moved.ackDueAt <= dispatch.ackDueAt
      ? [{ field: 'ackDueAt', message: '只能比原签收时限晚' }]
      : []),
    ...(moved.respondBy && dispatch.kind !== 'feedback'
      ? [{ field: 'respondBy', message: '只有反馈类文件有反馈截止时间' }]
      : moved.respondBy && moved.respondBy <= (dispatch.respondBy ?? '')
        ? [{ field: 'respondBy', message: '只能比原反馈截止时间晚' }]
        : []),
  ];
  if (!moved.ackDueAt && !moved.respondBy)
    details.push({ field: 'ackDueAt', message: '须给出新的签收时限或反馈截止时间' });
  const ackDueAt = moved.ackDueAt ?? dispatch.ackDueAt;
  const respondBy = moved.respondBy ?? dispatch.respondBy;
  if (respondBy && ackDueAt > respondBy)
    details.push({ field: 'ackDueAt', message: '签收时限不能晚于反馈截止时间' });
  if (details.length) throw new ValidationError('新的时限不合要求', details);
  const after: Dispatch = { ...dispatch, ackDueAt, ...(respondBy ? { respondBy } : {}) };
  const receipts = view.receipts.flatMap((receipt) => {
    const obligation = obligationOf(receipt);
    if (!obligation) return [];
    const deadlines: Partial<Receipt> = {
      ...(receipt.acknowledgedAt ? {} : { ackDueAt }),
      ...(respondBy && !receipt.respondedAt ? { respondBy } : {}),
    };
    const next = { ...receipt, ...deadlines };
    const reminders = remindersPaused(receipt)
      ? {}
      : (({ remindersSent, dueAt }) => ({ remindersSent, dueAt }))(
          startReminders(next, settings, now),
        );
    const set: Partial<Receipt> = {
      ...deadlines,
      ...reminders,
      ...(receipt.overdue && !isOverdue(next, now) ? { overdue: undefined } : {}),
    };
    return [{ receipt, change: { set, tally: tallyOf(receipt, set) } }];
  });
  return {
    dispatch: after,
    audit: dispatchAudit('dispatch.deadline', after, sender, now, {
      ...(moved.ackDueAt ? { ackDueAt: ackDueAt } : {}),
      ...(moved.respondBy ? { respondBy } : {}),
    }),
    receipts,
  };
}

/** How often one unit may be urged for one item. */
export const URGE_INTERVAL_MS = 10 * 60_000;

/**
 * 立即催办: the units asked (every one still owing, if none is named) are
 * texted now. A unit that owes nothing, or whose problem the sender has not
 * resolved, cannot be urged (400); one urged in the last 10 minutes is
 * refused (429) and then nobody is.
 */
export function urged(
  view: DispatchView,
  sender: Principal,
  now: Date,
  unitIds: string[] | undefined,
): { urge: Receipt[]; recentlyUrged: string[]; audit: AuditEntry } {
  refuseUnlessSent(view.dispatch, sender);
  const owing = view.receipts.filter(
    (receipt) => obligationOf(receipt) !== undefined && !remindersPaused(receipt),
  );
  const byUnit = new Map(owing.map((receipt) => [receipt.unitId, receipt]));
  const wanted = unitIds ? [...new Set(unitIds)] : [...byUnit.keys()];
  const notOwing = wanted.filter((unitId) => !byUnit.has(unitId));
  if (notOwing.length)
    throw new ValidationError(
      '只能催办尚未签收或反馈的单位',
      notOwing.map((unitId) => ({ field: 'unitIds', message: `单位“${unitId}”没有待办` })),
    );
  if (wanted.length === 0) throw new ConflictError('所有单位都已签收或反馈，无需催办');
  const urge = wanted.map((unitId) => byUnit.get(unitId) as Receipt);
  const since = now.getTime() - URGE_INTERVAL_MS;
  const recentlyUrged = urge
    .filter((receipt) => receipt.urgedAt && Date.parse(receipt.urgedAt) > since)
    .map((receipt) => receipt.unitId);
  return {
    urge,
    recentlyUrged,
    audit: dispatchAudit('dispatch.urge', view.dispatch, sender, now, { unitIds: wanted }),
  };
}
