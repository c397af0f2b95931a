import { ConflictError, ValidationError } from '../errors.ts';
import { DEFAULT_SLA_HOURS } from './citizenBoard.ts';
import { auditEntry, auditTarget, type AuditEntry } from './audit.ts';
import { MISSED_AFTER_MS } from './obligations.ts';
import type { Principal } from './principal.ts';
import {
  startChase,
  type Chase,
  type Chased,
  type ReminderDecision,
  type ReminderSettings,
  type ReminderState,
} from './reminders.ts';
import { OPEN, REPORT_STATUS_NAMES } from './reportStatus.ts';
import type { Report } from './reports.ts';
import type { Supervision } from './supervision.ts';

/**
 * A citizen's report as a work order, the 12345 way (Art10): a number, a
 * first reply due within a day and a resolution due within the category's
 * hours, chased by SMS like a receipt; handed back (退单) when it is not
 * the department's; more time asked for and granted (延期); and the
 * citizen's word on the result, which reopens it when it is not fixed.
 */

/** A department answers a report within this many hours (or by its due time, if sooner). */
export const FIRST_REPLY_HOURS = 24;
/** "Not fixed" within this many days of the resolution reopens the report. */
export const REOPEN_DAYS = 7;
const HOUR = 3_600_000;
const MINUTE = 60_000;

export const SATISFACTIONS = ['satisfied', 'basic', 'unsatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];
export const SATISFACTION_NAMES: Record<Satisfaction, string> = {
  satisfied: '满意',
  basic: '基本满意',
  unsatisfied: '不满意',
};

export interface Extension {
  until: string;
  reason: string;
  status: 'pending' | 'approved' | 'rejected';
  requestedAt: string;
  requestedBy: string;
  decidedAt?: string;
  decidedBy?: string;
}

export interface CitizenFeedback {
  fixed: boolean;
  satisfaction: Satisfaction;
  comment?: string;
  at: string;
  /** The resolution it judges: one word per resolution. */
  resolvedAt: string;
}

/** What a work order carries beside the citizen's report. */
export interface WorkOrder {
  /** `XH` + the Shanghai day + `-` + its place in that day: XH20261201-0042. */
  number?: string;
  /** When it should be resolved (the API's `dueAt`); moved by an approved extension. */
  slaDueAt?: string;
  /** When its department should first answer; gone once it has. */
  firstReplyDueAt?: string;
  firstRepliedAt?: string;
  resolvedAt?: string;
  /** When it was last put in a department's hands (made, routed again, reopened). */
  assignedAt?: string;
  /** The chase (the `due` index): its next reminder time, and how many are used up. */
  dueAt?: string;
  remindersSent?: number;
  supervision?: Supervision;
  /** Found still open past `slaDueAt` (counted once on its day, 逾期). */
  overdue?: true;
  /** Its fate is counted in the ranking: resolved, or past a promise (first reply or due time). */
  judged?: true;
  returned?: { reason: string; at: string; by: string };
  extension?: Extension;
  feedback?: CitizenFeedback;
  reopened?: number;
}

/** The Shanghai day of `now` as yyyymmdd, the day part of a report's number. */
export const numberDay = (now: Date) =>
  new Date(now.getTime() + 8 * HOUR).toISOString().slice(0, 10).replaceAll('-', '');
export const reportNumber = (day: string, seq: number) =>
  `XH${day}-${String(seq).padStart(4, '0')}`;

/** Its due times when a department takes it on at `now` for `slaHours`. */
export function assigned(
  slaHours: number,
  now: Date,
): Pick<WorkOrder, 'slaDueAt' | 'firstReplyDueAt' | 'assignedAt'> {
  const due = now.getTime() + slaHours * HOUR;
  return {
    assignedAt: now.toISOString(),
    slaDueAt: new Date(due).toISOString(),
    firstReplyDueAt: new Date(
      Math.min(due, now.getTime() + FIRST_REPLY_HOURS * HOUR),
    ).toISOString(),
  };
}

/** How reports are chased: data in the reminder settings (`report`), these when unset. */
export interface ReportChaseSettings {
  /** Reminders this long before the due time. */
  beforeMinutes: number[];
  firstAfterDeadlineMinutes: number;
  repeatEveryMinutes: number;
  escalateAfter: number;
  /** Reminders after the due time, at most. */
  maxReminders: number;
}
export const DEFAULT_REPORT_CHASE: ReportChaseSettings = {
  beforeMinutes: [24 * 60, 2 * 60],
  firstAfterDeadlineMinutes: 0,
  repeatEveryMinutes: 12 * 60,
  escalateAfter: 3,
  maxReminders: 4,
};

/** The chased report's reminder times: its first-reply time while unanswered, before and after its due time. */
export function reportChase(
  report: Pick<Report, 'status'> & WorkOrder,
  settings: ReminderSettings,
): Chase {
  const chase = settings.report ?? DEFAULT_REPORT_CHASE;
  const due = Date.parse(report.slaDueAt ?? '');
  const start = Date.parse(report.assignedAt ?? '');
  const times = [
    ...(report.firstRepliedAt || !report.firstReplyDueAt
      ? []
      : [Date.parse(report.firstReplyDueAt)]),
    ...chase.beforeMinutes.map((minutes) => due - minutes * MINUTE),
    ...Array.from(
      { length: chase.maxReminders },
      (_, i) => due + (chase.firstAfterDeadlineMinutes + i * chase.repeatEveryMinutes) * MINUTE,
    ),
  ];
  return {
    schedule: [...new Set(times)].filter((time) => time > start).sort((a, b) => a - b),
    deadline: due,
    miss: due + MISSED_AFTER_MS,
    sent: report.remindersSent ?? 0,
    supervision: report.supervision,
    escalateAfter: chase.escalateAfter,
  };
}

/** The chase of a report in a department's hands from `now` on; nothing for one out of them. */
export function chaseFrom(
  report: Pick<Report, 'status'> & WorkOrder,
  settings: ReminderSettings,
  now: Date,
): Pick<WorkOrder, 'dueAt' | 'remindersSent'> {
  if (!OPEN.includes(report.status) || !report.slaDueAt)
    return { remindersSent: 0, dueAt: undefined };
  const { schedule, miss } = reportChase({ ...report, remindersSent: 0 }, settings);
  const state: ReminderState = startChase(schedule, miss, now);
  return { remindersSent: state.remindersSent, dueAt: state.dueAt };
}

/** A due report as a reminder message sees it: late against its first-reply time while unanswered, else its due time. */
export const chasedReport = (report: Pick<Report, 'id' | 'unitId'> & WorkOrder): Chased => {
  const due = report.slaDueAt ?? '';
  const firstReply = report.firstReplyDueAt;
  return {
    ref: `REPORT#${report.id}`,
    unitId: report.unitId,
    escalateTo: 'district-office',
    kind: 'report',
    slotTime: report.dueAt ?? due,
    deadline: firstReply && firstReply < due ? firstReply : due,
  };
};

/**
 * A due report after the reminder check's decision: its next reminder and
 * colour, and what it records once — past its first-reply time unanswered,
 * or open past its due time (逾期) — which the ranking counts.
 */
export function chasedOnce(report: Report, decision: ReminderDecision, now: Date): Report {
  const at = now.getTime();
  const pastDue = report.slaDueAt !== undefined && Date.parse(report.slaDueAt) <= at;
  const unanswered =
    report.firstReplyDueAt !== undefined && Date.parse(report.firstReplyDueAt) <= at;
  return {
    ...report,
    remindersSent: decision.remindersSent,
    dueAt: decision.dueAt,
    ...(decision.supervision ? { supervision: decision.supervision } : {}),
    ...(pastDue && !report.overdue ? { overdue: true as const } : {}),
    ...((pastDue || unanswered) && !report.judged ? { judged: true as const } : {}),
  };
}

export const isReportOpen = (report: Pick<Report, 'status'>) => OPEN.includes(report.status);

const refuseUnlessOpen = (report: Report) => {
  if (!isReportOpen(report))
    throw new ConflictError(`诉求已是“${REPORT_STATUS_NAMES[report.status]}”`);
};

const audited = (
  action: AuditEntry['action'],
  report: Report,
  actor: Principal,
  now: Date,
  details?: Record<string, unknown>,
) => auditEntry(action, auditTarget.report(report.id), actor, now, details);

export interface ReportChange {
  /** The report as it is after. */
  report: Report;
  audit: AuditEntry;
}

/** 退单: the department hands it back to the district office with why; it leaves its queue and is chased no more. */
export function returnedReport(
  report: Report,
  department: Principal,
  now: Date,
  reason: string,
): ReportChange {
  refuseUnlessOpen(report);
  const after: Report = {
    ...report,
    status: 'returned',
    returned: { reason, at: now.toISOString(), by: department.unitId },
    dueAt: undefined,
  };
  return { report: after, audit: audited('report.return', report, department, now, { reason }) };
}

/** 延期: the department asks for more time, to a later day, with why; one request at a time. */
export function extensionAsked(
  report: Report,
  department: Principal,
  now: Date,
  given: { until: string; reason: string },
): ReportChange {
  refuseUnlessOpen(report);
  if (report.extension?.status === 'pending')
    throw new ConflictError('已有一份延期申请等待区政府办公室审批');
  if (Date.parse(given.until) <= Date.parse(report.slaDueAt ?? now.toISOString()))
    throw new ValidationError('延期后的办结时限须晚于现在的时限', [
      { field: 'body.until', message: '须晚于现在的办结时限' },
    ]);
  const after: Report = {
    ...report,
    extension: {
      ...given,
      status: 'pending',
      requestedAt: now.toISOString(),
      requestedBy: department.unitId,
    },
  };
  return {
    report: after,
    audit: audited('report.extension', report, department, now, { until: given.until }),
  };
}

/** The district office decides a pending extension; approved, the due time moves and the chase starts again from it. */
export function extensionDecided(
  report: Report,
  office: Principal,
  now: Date,
  approve: boolean,
  settings: ReminderSettings,
): ReportChange {
  const extension = report.extension;
  if (extension?.status !== 'pending') throw new ConflictError('这件诉求没有待审批的延期申请');
  const decided: Extension = {
    ...extension,
    status: approve ? 'approved' : 'rejected',
    decidedAt: now.toISOString(),
    decidedBy: office.unitId,
  };
  const moved: Report = {
    ...report,
    extension: decided,
    ...(approve && isReportOpen(report) ? { slaDueAt: extension.until, overdue: undefined } : {}),
  };
  const after: Report = approve ? { ...moved, ...chaseFrom(moved, settings, now) } : moved;
  return {
    report: after,
    audit: audited(
      approve ? 'report.extension.approve' : 'report.extension.reject',
      report,
      office,
      now,
      { until: extension.until },
    ),
  };
}

/** Whether the citizen may say now whether the resolution fixed it: once per resolution. */
export const feedbackWanted = (report: Pick<Report, 'status'> & WorkOrder) =>
  report.status === 'resolved' &&
  report.resolvedAt !== undefined &&
  report.feedback?.resolvedAt !== report.resolvedAt;

/**
 * The citizen's word on a resolution, once per resolution: whether it is
 * fixed and how satisfied. "Not fixed" within REOPEN_DAYS reopens it, back
 * in its department's queue with a fresh due time.
 */
export function citizenFeedback(
  report: Report,
  citizen: Principal,
  now: Date,
  given: { fixed: boolean; satisfaction: Satisfaction; comment?: string | undefined },
  settings: ReminderSettings,
): ReportChange & { reopens: boolean } {
  if (report.status !== 'resolved' || !report.resolvedAt)
    throw new ConflictError('诉求办结后才能评价');
  if (!feedbackWanted(report)) throw new ConflictError('这次办理结果已经评价过了');
  const feedback: CitizenFeedback = {
    fixed: given.fixed,
    satisfaction: given.satisfaction,
    ...(given.comment ? { comment: given.comment } : {}),
    at: now.toISOString(),
    resolvedAt: report.resolvedAt,
  };
  const reopens =
    !given.fixed && now.getTime() - Date.parse(report.resolvedAt) <= REOPEN_DAYS * 24 * HOUR;
  const rated: Report = { ...report, feedback };
  const after: Report = reopens ? reopenedReport(rated, now, settings) : rated;
  return {
    report: after,
    reopens,
    audit: audited('report.feedback', report, citizen, now, {
      fixed: given.fixed,
      satisfaction: given.satisfaction,
      reopens,
    }),
  };
}

/**
 * The district office routes a report to another category and department.
 * A report handed back (退单) goes into the new department's hands afresh:
 * submitted, due times from now by the new category's hours, chased again.
 */
export function reroutedReport(
  report: Report,
  to: { serviceCode: string; unitId: string; slaHours: number },
  now: Date,
  settings: ReminderSettings,
): Report {
  const moved: Report = { ...report, serviceCode: to.serviceCode, unitId: to.unitId };
  if (report.status !== 'returned') return moved;
  const fresh: Report = {
    ...moved,
    status: 'submitted',
    slaHours: to.slaHours,
    ...assigned(to.slaHours, now),
    // The new department starts clean: what the one that handed it back let slip stays on its own figures.
    firstRepliedAt: undefined,
    overdue: undefined,
    judged: undefined,
    supervision: undefined,
    remindersSent: 0,
  };
  return { ...fresh, ...chaseFrom(fresh, settings, now) };
}

function reopenedReport(report: Report, now: Date, settings: ReminderSettings): Report {
  const reopened: Report = {
    ...report,
    status: 'reopened',
    reopened: (report.reopened ?? 0) + 1,
    ...assigned(report.slaHours ?? DEFAULT_SLA_HOURS, now),
    // It was answered: the department owes a resolution, not a first reply.
    firstReplyDueAt: undefined,
    overdue: undefined,
  };
  return { ...reopened, ...chaseFrom(reopened, settings, now) };
}
