import { ConflictError } from '../errors.ts';
import { startReminders, type ReminderSettings } from './reminders.ts';
import type { DispatchKind } from './deadlines.ts';

/** pending → acknowledged → responded; `problem` while a reception problem is open (Art8.4). */
export type ReceiptStatus = 'pending' | 'acknowledged' | 'responded' | 'problem';

export interface FeedbackAnswer {
  summary: string;
  contactName: string;
  contactPhone: string;
}

export interface Receipt {
  dispatchId: string;
  unitId: string;
  /** Who sent it: the unit told when reminders escalate. */
  senderUnit?: string;
  kind: DispatchKind;
  title: string;
  sentAt: string;
  ackDueAt: string;
  respondBy?: string;
  status: ReceiptStatus;
  acknowledgedAt?: string;
  acknowledgedBy?: string;
  respondedAt?: string;
  respondedBy?: string;
  answer?: FeedbackAnswer;
  /** Reminder times of the current obligation used up (see reminders.ts). */
  remindersSent?: number;
  /** When the next reminder is due; absent when none is (the sparse `due` index). */
  dueAt?: string;
}

/** States from which each step may be taken. The store turns these into write conditions. */
export const ACKNOWLEDGEABLE: readonly ReceiptStatus[] = ['pending', 'problem'];
export const ANSWERABLE: readonly ReceiptStatus[] = ['pending', 'problem', 'acknowledged'];
export const PROBLEM_REPORTABLE: readonly ReceiptStatus[] = ['pending', 'problem'];

/** Late when the acknowledgement, or the answer of a feedback request, came (or is still missing) after its deadline. */
export function isLate(receipt: Receipt, now: Date): boolean {
  const nowIso = now.toISOString();
  const ackLate = (receipt.acknowledgedAt ?? nowIso) > receipt.ackDueAt;
  if (receipt.kind !== 'feedback' || receipt.respondBy === undefined) return ackLate;
  const answerLate = (receipt.respondedAt ?? nowIso) > receipt.respondBy;
  return ackLate || answerLate;
}

/**
 * What an acknowledgement sets, or undefined when the receipt is already
 * acknowledged: acknowledging twice changes nothing (API.md).
 */
export function acknowledgement(
  receipt: Receipt,
  by: string,
  now: Date,
  settings: ReminderSettings,
): Partial<Receipt> | undefined {
  if (!ACKNOWLEDGEABLE.includes(receipt.status)) return undefined;
  // A feedback request now owes its answer: its reminders start over.
  const reminders = startReminders({ ...receipt, status: 'acknowledged' }, settings, now);
  return {
    status: 'acknowledged',
    acknowledgedAt: now.toISOString(),
    acknowledgedBy: by,
    remindersSent: reminders.remindersSent,
    dueAt: reminders.dueAt,
  };
}

/** What an answer sets (Art9.3); answering a request not yet acknowledged acknowledges it too. */
export function answer(
  receipt: Receipt,
  by: string,
  now: Date,
  given: FeedbackAnswer,
): Partial<Receipt> {
  if (receipt.kind !== 'feedback')
    throw new ConflictError('only a feedback request takes an answer');
  if (!ANSWERABLE.includes(receipt.status))
    throw new ConflictError('this request has been answered already');
  const at = now.toISOString();
  return {
    status: 'responded',
    acknowledgedAt: receipt.acknowledgedAt ?? at,
    acknowledgedBy: receipt.acknowledgedBy ?? by,
    respondedAt: at,
    respondedBy: by,
    answer: given,
    dueAt: undefined,
  };
}

/** Art8.4: a unit that cannot read an item says so before it acknowledges; afterwards it calls the sender. */
export function receptionProblem(receipt: Receipt): Partial<Receipt> {
  if (!PROBLEM_REPORTABLE.includes(receipt.status)) {
    throw new ConflictError('this item has been acknowledged already; contact the sender directly');
  }
  return { status: 'problem' };
}
