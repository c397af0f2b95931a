import { ulid } from 'ulid';
import { ConflictError } from '../errors.ts';
import { outcomeDelta, type OutcomeCounts } from './receiptOutcomes.ts';
import { auditEntry, auditTarget, type AuditAction, type AuditEntry } from './audit.ts';
import type { AttachmentRef } from './attachments.ts';
import type { ReceptionProblem } from './dispatches.ts';
import type { Principal } from './principal.ts';
import { startReminders, type ReminderSettings } from './reminders.ts';
import type { DispatchKind, Urgency } from './deadlines.ts';
import { isOverdue } from './obligations.ts';
import { personName } from './principal.ts';
import { RECEIVED } from './reception.ts';
import type { Supervision } from './supervision.ts';

/** pending → acknowledged → responded; `problem` while a reception problem is open (Art8.4). */
export const RECEIPT_STATUSES = ['pending', 'acknowledged', 'responded', 'problem'] as const;
export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number];

export interface FeedbackAnswer {
  summary: string;
  contactName: string;
  contactPhone: string;
}

/** 主送 owes what the item asks; 抄送 is told, with no deadline and no reminder. */
export const RECEIPT_ROLES = ['main', 'copy'] as const;
export type ReceiptRole = (typeof RECEIPT_ROLES)[number];

export interface Receipt {
  dispatchId: string;
  unitId: string;
  /** Absent on receipts made before 抄送 existed: main. */
  role?: ReceiptRole;
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
  /** Its current obligation is past its deadline and still open: counted as 逾期 on its unit's day while it lasts. */
  overdue?: boolean;
  /** Reception problems still open (Art8.4): while any is, nothing chases the receipt. */
  openProblems?: number;
  /** When the first of the open problems was reported: resolving the last moves the deadlines on by the time since. */
  problemSince?: string;
  /** The sender recalled the item (已撤回): nothing more is owed. */
  recalledAt?: string;
  /** The sealed upward feedback that answered it. */
  upwardId?: string;
  /** When the sender last urged the unit (立即催办): at most once in 10 minutes. */
  urgedAt?: string;
  docNumber?: string;
  urgency?: Urgency;
}

/** States from which each step may be taken. The store turns these into write conditions. */
export const ACKNOWLEDGEABLE: readonly ReceiptStatus[] = ['pending', 'problem'];
export const ANSWERABLE: readonly ReceiptStatus[] = ['pending', 'problem', 'acknowledged'];
/** Art8.4 and API.md v1.1: until the receipt is answered, also after 签收 (a file that will not open). */
export const PROBLEM_REPORTABLE: readonly ReceiptStatus[] = ['pending', 'problem', 'acknowledged'];

/**
 * Late when the acknowledgement, or the answer of a feedback request, came
 * (or is still missing) after its deadline; a recalled item is judged at its
 * recall, and a copy (抄送) is never late.
 */
export function isLate(receipt: Receipt, now: Date): boolean {
  if (receipt.role === 'copy') return false;
  const openUntil = receipt.recalledAt ?? now.toISOString();
  const ackLate = (receipt.acknowledgedAt ?? openUntil) > receipt.ackDueAt;
  if (receipt.kind !== 'feedback' || receipt.respondBy === undefined) return ackLate;
  const answerLate = (receipt.respondedAt ?? openUntil) > receipt.respondBy;
  return ackLate || answerLate;
}

/** A receipt whose outcome the figures count: a main one (a copy is only told). */
export const isCounted = (receipt: Pick<Receipt, 'role'>) => receipt.role !== 'copy';

/** A decided change of a receipt and its audit record, written together. */
export interface ReceiptChange {
  /** The fields to set; a key with an undefined value is removed. */
  set: Partial<Receipt>;
  audit: AuditEntry;
  /** What the change adds to its dispatch's counters (outcomes, problems); written with it. */
  tally: OutcomeCounts;
}

/**
 * What a change adds to the counters: the outcome it leaves and reaches, and
 * 逾期 (overdue) leaving when the obligation it was late on is done, moved
 * or recalled. A copy counts nothing.
 */
export function tallyOf(receipt: Receipt, set: Partial<Receipt>): OutcomeCounts {
  if (!isCounted(receipt)) return {};
  const after = { ...receipt, ...set };
  return {
    ...outcomeDelta(receipt, after),
    ...(receipt.overdue && !after.overdue ? { [OVERDUE]: -1 } : {}),
  };
}

/** The counter of receipts whose current obligation is past its deadline (reception.ts). */
export const OVERDUE = 'overdue';

/** `overdue` as it should be after a change at `now`: cleared once the obligation is no longer past due. */
const overdueAfter = (receipt: Receipt, set: Partial<Receipt>, now: Date): Partial<Receipt> =>
  receipt.overdue && !isOverdue({ ...receipt, ...set }, now) ? { overdue: undefined } : {};

/** The counters a new receipt adds to its unit's day: received, unless it is a copy. */
export const receivedCount = (receipt: Pick<Receipt, 'role'>): OutcomeCounts =>
  isCounted(receipt) ? { [RECEIVED]: 1 } : {};

/** A recalled item changes no more (its record stays as it was). */
function refuseRecalled(receipt: Receipt): void {
  if (receipt.recalledAt) throw new ConflictError('这份来文已被发文单位撤回');
}

const receiptAudit = (action: AuditAction, receipt: Receipt, actor: Principal, now: Date) =>
  auditEntry(action, auditTarget.dispatch(receipt.dispatchId), actor, now, {
    unitId: receipt.unitId,
  });

/**
 * What an acknowledgement changes, or undefined when the receipt is already
 * acknowledged: acknowledging twice changes nothing (API.md). With a
 * reception problem open, the 签收 is recorded and the receipt stays paused.
 */
export function acknowledgement(
  receipt: Receipt,
  actor: Principal,
  now: Date,
  settings: ReminderSettings,
): ReceiptChange | undefined {
  refuseRecalled(receipt);
  if (receipt.acknowledgedAt || !ACKNOWLEDGEABLE.includes(receipt.status)) return undefined;
  const acknowledged: Partial<Receipt> = {
    status: receipt.status === 'problem' ? 'problem' : 'acknowledged',
    acknowledgedAt: now.toISOString(),
    acknowledgedBy: personName(actor),
  };
  // A feedback request now owes its answer: its reminders start over.
  const reminders = startReminders({ ...receipt, ...acknowledged }, settings, now);
  const set = {
    ...acknowledged,
    remindersSent: reminders.remindersSent,
    dueAt: reminders.dueAt,
  };
  const change = { ...set, ...overdueAfter(receipt, set, now) };
  return {
    set: change,
    audit: receiptAudit('receipt.acknowledge', receipt, actor, now),
    tally: tallyOf(receipt, change),
  };
}

/**
 * What an answer changes (Art9.3); answering a request not yet acknowledged
 * acknowledges it too. A sealed upward feedback answers at its seal time and
 * names itself (`upwardId`).
 */
export function answer(
  receipt: Receipt,
  actor: Principal,
  now: Date,
  given: FeedbackAnswer,
  sealed?: { upwardId: string },
): ReceiptChange {
  refuseAnswered(receipt);
  const at = now.toISOString();
  const name = personName(actor);
  const set: Partial<Receipt> = {
    status: 'responded',
    acknowledgedAt: receipt.acknowledgedAt ?? at,
    acknowledgedBy: receipt.acknowledgedBy ?? name,
    respondedAt: at,
    respondedBy: name,
    answer: given,
    dueAt: undefined,
    ...(sealed ? { upwardId: sealed.upwardId } : {}),
  };
  const change = { ...set, ...overdueAfter(receipt, set, now) };
  return {
    set: change,
    audit: receiptAudit('receipt.answer', receipt, actor, now),
    tally: tallyOf(receipt, change),
  };
}

/** Refused unless the receipt is a feedback request that is still owed its answer (Art9.3). */
export function refuseAnswered(receipt: Receipt): void {
  refuseRecalled(receipt);
  if (receipt.kind !== 'feedback') throw new ConflictError('只有反馈类文件需要反馈');
  if (receipt.role === 'copy') throw new ConflictError('抄送的来文无需反馈');
  if (!ANSWERABLE.includes(receipt.status)) throw new ConflictError('已经反馈过了');
}

/**
 * Art8.4: a unit that cannot read an item, or open its file, says so until
 * it has answered; the problem is recorded with the change. Nothing chases
 * the receipt while a problem is open: the sender acts first.
 */
export function receptionProblem(
  receipt: Receipt,
  actor: Principal,
  now: Date,
  report: Pick<ReceptionProblem, 'description' | 'contactName' | 'contactPhone'>,
): ReceiptChange & { problem: ReceptionProblem } {
  refuseRecalled(receipt);
  if (!PROBLEM_REPORTABLE.includes(receipt.status)) {
    throw new ConflictError('已经反馈过了，请直接联系发文单位');
  }
  const problem: ReceptionProblem = {
    id: ulid(now.getTime()),
    dispatchId: receipt.dispatchId,
    unitId: receipt.unitId,
    ...report,
    reportedAt: now.toISOString(),
    reportedBy: personName(actor),
    status: 'open',
  };
  const paused: Partial<Receipt> = {
    status: 'problem',
    openProblems: (receipt.openProblems ?? 0) + 1,
    problemSince: receipt.problemSince ?? problem.reportedAt,
    dueAt: undefined,
  };
  const set = { ...paused, ...overdueAfter(receipt, paused, now) };
  return {
    set,
    audit: receiptAudit('receipt.problem', receipt, actor, now),
    tally: { ...tallyOf(receipt, set), problems: 1 },
    problem,
  };
}

/**
 * The sender resolves a reception problem (Art8.4). When it was the last one
 * open, the receipt carries on where it was and what it still owes is due
 * later by the time the problem was open; its reminders start again.
 */
export function problemResolution(
  receipt: Receipt,
  problem: ReceptionProblem,
  actor: Principal,
  now: Date,
  given: { resolution: string; attachments: AttachmentRef[] },
  settings: ReminderSettings,
): ReceiptChange & { problem: ReceptionProblem } {
  if (problem.status === 'resolved') throw new ConflictError('这个问题已经处理过了');
  const at = now.toISOString();
  const resolved: ReceptionProblem = {
    ...problem,
    status: 'resolved',
    resolution: given.resolution,
    resolvedAt: at,
    resolvedBy: personName(actor),
    ...(given.attachments.length ? { attachments: given.attachments } : {}),
  };
  const open = Math.max((receipt.openProblems ?? 1) - 1, 0);
  if (open > 0 || receipt.status !== 'problem') {
    const set: Partial<Receipt> = {
      openProblems: open || undefined,
      ...(open === 0 ? { problemSince: undefined } : {}),
    };
    return { set, audit: resolutionAudit(receipt, actor, now), tally: {}, problem: resolved };
  }
  const pausedFor = now.getTime() - Date.parse(receipt.problemSince ?? problem.reportedAt);
  const later = (iso: string) => new Date(Date.parse(iso) + Math.max(pausedFor, 0)).toISOString();
  const resumed: Partial<Receipt> = {
    status: receipt.acknowledgedAt ? 'acknowledged' : 'pending',
    openProblems: undefined,
    problemSince: undefined,
    ...(receipt.acknowledgedAt ? {} : { ackDueAt: later(receipt.ackDueAt) }),
    ...(receipt.respondBy && !receipt.respondedAt ? { respondBy: later(receipt.respondBy) } : {}),
  };
  const reminders = startReminders({ ...receipt, ...resumed }, settings, now);
  const set = { ...resumed, remindersSent: reminders.remindersSent, dueAt: reminders.dueAt };
  return {
    set,
    audit: resolutionAudit(receipt, actor, now),
    tally: tallyOf(receipt, set),
    problem: resolved,
  };
}

const resolutionAudit = (receipt: Receipt, actor: Principal, now: Date) =>
  receiptAudit('dispatch.resolve-problem', receipt, actor, now);
