import type { DispatchKind } from './deadlines.ts';
import type { Receipt } from './receipts.ts';

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
