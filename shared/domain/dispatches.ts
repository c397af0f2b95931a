import { ulid } from 'ulid';
import type { AttachmentRef } from './attachments.ts';
import { auditEntry, auditTarget, type AuditEntry } from './audit.ts';
import { dispatchDeadlines, type DispatchKind } from './deadlines.ts';
import type { Principal } from './principal.ts';
import type { Receipt } from './receipts.ts';
import { resolveRecipients } from './recipients.ts';
import { startReminders, type ReminderSettings } from './reminders.ts';

export interface Dispatch {
  id: string;
  kind: DispatchKind;
  title: string;
  body: string;
  senderUnit: string;
  senderSub: string;
  sentAt: string;
  ackDueAt: string;
  respondBy?: string;
  /** Resolved unit ids; "all" is expanded when the dispatch is made. */
  recipients: string[];
  /** When every receipt's first reminder is due (the reminder settings at sending time). */
  firstReminderAt?: string;
  /** The files it carries, as they were when it was sent. */
  attachments?: AttachmentRef[];
}

/** Art8.4: a recipient that cannot read an item properly tells the sender. */
export interface ReceptionProblem {
  id: string;
  dispatchId: string;
  unitId: string;
  description: string;
  contactName: string;
  contactPhone: string;
  reportedAt: string;
  reportedBy: string;
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
  ackWithinMinutes?: number | undefined;
  respondBy?: string | undefined;
}

/**
 * A new dispatch and its audit record (Art7, Art8): refused when it carries a
 * classification marking; its deadlines, its recipients ("all" expanded) and
 * when its first reminder is due, decided once, when it is sent.
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
  const { sender, now } = context;
  const deadlines = dispatchDeadlines({
    kind: request.kind,
    sentAt: now,
    ackWithinMinutes: request.ackWithinMinutes,
    respondBy: request.respondBy ? new Date(request.respondBy) : undefined,
  });
  const recipients = resolveRecipients(request.recipients, context.unitIds, sender.unitId);
  const firstReminder = startReminders(
    { kind: request.kind, status: 'pending', ...deadlines },
    context.settings,
    now,
  );
  const dispatch: Dispatch = {
    id: ulid(now.getTime()),
    kind: request.kind,
    title: request.title,
    body: request.body,
    senderUnit: sender.unitId,
    senderSub: sender.sub,
    sentAt: now.toISOString(),
    ...deadlines,
    recipients,
    ...(firstReminder.dueAt ? { firstReminderAt: firstReminder.dueAt } : {}),
    ...(context.attachments?.length ? { attachments: context.attachments } : {}),
  };
  const audit = auditEntry('dispatch.send', auditTarget.dispatch(dispatch.id), sender, now, {
    kind: dispatch.kind,
    recipientCount: recipients.length,
    ...(context.attachments?.length
      ? { attachments: context.attachments.map((file) => file.id) }
      : {}),
  });
  return { dispatch, audit };
}

/** Every recipient unit starts with one pending receipt carrying what its inbox shows. */
export function newReceipt(dispatch: Dispatch, unitId: string): Receipt {
  return {
    dispatchId: dispatch.id,
    unitId,
    senderUnit: dispatch.senderUnit,
    kind: dispatch.kind,
    title: dispatch.title,
    sentAt: dispatch.sentAt,
    ackDueAt: dispatch.ackDueAt,
    ...(dispatch.respondBy ? { respondBy: dispatch.respondBy } : {}),
    status: 'pending',
    remindersSent: 0,
    ...(dispatch.firstReminderAt ? { dueAt: dispatch.firstReminderAt } : {}),
  };
}
