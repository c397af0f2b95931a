import { ulid } from 'ulid';
import { ConflictError } from '../errors.ts';
import { outcomeDelta, type OutcomeCounts } from './receiptOutcomes.ts';
import { auditEntry, auditTarget, type AuditAction, type AuditEntry } from './audit.ts';
import type { ReceptionProblem } from './dispatches.ts';
import type { Principal } from './principal.ts';
import { startReminders, type ReminderSettings } from './reminders.ts';
import type { DispatchKind } from './deadlines.ts';
import type { Supervision } from './supervision.ts';

/** pending → acknowledged → responded; `problem` while a reception problem is open (Art8.4). */
export const RECEIPT_STATUSES = ['pending', 'acknowledged', 'responded', 'problem'] as const;
export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number];

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
  /** The unit's last reminder found no phone to text: the district office was told instead. */
  noPhoneToRemind?: boolean;
  /** The unit's first download of a file the item carries. */
  downloadedAt?: string;
  /** Set by the reminder check: reminded, escalated, missed (supervision.ts). */
  supervision?: Exclude<Supervision, 'none'>;
  /** When the check found it still open 24 h past its deadline (counted once in the bulletins). */
  missedAt?: string;
}

/** States from which each step may be taken. The store turns these into write conditions. */
export const ACKNOWLEDGEABLE: readonly ReceiptStatus[] = ['pending', 'problem'];
export const ANSWERABLE: readonly ReceiptStatus[] = ['pending', 'problem', 'acknowledged'];
/** Art8.4 and API.md v1.1: until the receipt is answered, also after 签收 (a file that will not open). */
export const PROBLEM_REPORTABLE: readonly ReceiptStatus[] = ['pending', 'problem', 'acknowledged'];

/** Late when the acknowledgement, or the answer of a feedback request, came (or is still missing) after its deadline. */
export function isLate(receipt: Receipt, now: Date): boolean {
  const nowIso = now.toISOString();
  const ackLate = (receipt.acknowledgedAt ?? nowIso) > receipt.ackDueAt;
  if (receipt.kind !== 'feedback' || receipt.respondBy === undefined) return ackLate;
  const answerLate = (receipt.respondedAt ?? nowIso) > receipt.respondBy;
  return ackLate || answerLate;
}

/** A decided change of a receipt and its audit record, written together. */
export interface ReceiptChange {
  /** The fields to set; a key with an undefined value is removed. */
  set: Partial<Receipt>;
  audit: AuditEntry;
  /** What the change adds to its dispatch's counters (outcomes, problems); written with it. */
  tally: OutcomeCounts;
}

const tallyOf = (receipt: Receipt, set: Partial<Receipt>) =>
  outcomeDelta(receipt, { ...receipt, ...set });

const receiptAudit = (action: AuditAction, receipt: Receipt, actor: Principal, now: Date) =>
  auditEntry(action, auditTarget.dispatch(receipt.dispatchId), actor, now, {
    unitId: receipt.unitId,
  });

/**
 * What an acknowledgement changes, or undefined when the receipt is already
 * acknowledged: acknowledging twice changes nothing (API.md).
 */
export function acknowledgement(
  receipt: Receipt,
  actor: Principal,
  now: Date,
  settings: ReminderSettings,
): ReceiptChange | undefined {
  if (!ACKNOWLEDGEABLE.includes(receipt.status)) return undefined;
  // 签收 again after a problem reported since: the problem is settled, the first 签收 stands.
  const set: Partial<Receipt> = receipt.acknowledgedAt
    ? { status: 'acknowledged' }
    : acknowledgedNow(receipt, actor, now, settings);
  return {
    set,
    audit: receiptAudit('receipt.acknowledge', receipt, actor, now),
    tally: tallyOf(receipt, set),
  };
}

function acknowledgedNow(
  receipt: Receipt,
  actor: Principal,
  now: Date,
  settings: ReminderSettings,
): Partial<Receipt> {
  const acknowledged = {
    status: 'acknowledged',
    acknowledgedAt: now.toISOString(),
    acknowledgedBy: actor.sub,
  } as const;
  // A feedback request now owes its answer: its reminders start over.
  const reminders = startReminders({ ...receipt, ...acknowledged }, settings, now);
  return { ...acknowledged, remindersSent: reminders.remindersSent, dueAt: reminders.dueAt };
}

/** What an answer changes (Art9.3); answering a request not yet acknowledged acknowledges it too. */
export function answer(
  receipt: Receipt,
  actor: Principal,
  now: Date,
  given: FeedbackAnswer,
): ReceiptChange {
  if (receipt.kind !== 'feedback') throw new ConflictError('只有反馈类文件需要反馈');
  if (!ANSWERABLE.includes(receipt.status)) {
    throw new ConflictError('已经反馈过了');
  }
  const at = now.toISOString();
  const set: Partial<Receipt> = {
    status: 'responded',
    acknowledgedAt: receipt.acknowledgedAt ?? at,
    acknowledgedBy: receipt.acknowledgedBy ?? actor.sub,
    respondedAt: at,
    respondedBy: actor.sub,
    answer: given,
    dueAt: undefined,
  };
  return {
    set,
    audit: receiptAudit('receipt.answer', receipt, actor, now),
    tally: tallyOf(receipt, set),
  };
}

/**
 * Art8.4: a unit that cannot read an item, or open its file, says so until
 * it has answered; the problem is recorded with the change. Its reminders
 * carry on: a problem after 签收 still owes the answer.
 */
export function receptionProblem(
  receipt: Receipt,
  actor: Principal,
  now: Date,
  report: Pick<ReceptionProblem, 'description' | 'contactName' | 'contactPhone'>,
): ReceiptChange & { problem: ReceptionProblem } {
  if (!PROBLEM_REPORTABLE.includes(receipt.status)) {
    throw new ConflictError('已经反馈过了，请直接联系发文单位');
  }
  const problem: ReceptionProblem = {
    id: ulid(now.getTime()),
    dispatchId: receipt.dispatchId,
    unitId: receipt.unitId,
    ...report,
    reportedAt: now.toISOString(),
    reportedBy: actor.sub,
  };
  return {
    set: { status: 'problem' },
    audit: receiptAudit('receipt.problem', receipt, actor, now),
    tally: { problems: 1 },
    problem,
  };
}
