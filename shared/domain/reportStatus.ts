/**
 * A citizen report's statuses and how a department moves it: forward only,
 * and a closed report stays closed, unless its citizen says within 7 days
 * that it is not fixed (reopened). A department may hand a report back to
 * the district office (returned) to be routed again. No imports: the
 * console offers the same next steps the API allows.
 */
export const REPORT_STATUSES = [
  'submitted',
  'accepted',
  'in_progress',
  'resolved',
  'rejected',
  /** 退单: back with the district office, out of every department's queue, to be routed again. */
  'returned',
  /** The citizen said it is not fixed: back in the department's queue. */
  'reopened',
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const UPDATE_STATUSES = ['accepted', 'in_progress', 'resolved', 'rejected'] as const;
export type UpdateStatus = (typeof UPDATE_STATUSES)[number];
export const CLOSED: readonly ReportStatus[] = ['resolved', 'rejected'];
/** In a department's hands: its queue, chased until closed. */
export const OPEN: readonly ReportStatus[] = ['submitted', 'accepted', 'in_progress', 'reopened'];

/** What staff and citizens read for each status (both web apps). */
export const REPORT_STATUS_NAMES: Record<ReportStatus, string> = {
  submitted: '待受理',
  accepted: '已受理',
  in_progress: '办理中',
  resolved: '已办结',
  rejected: '不予受理',
  returned: '已退回重新分派',
  reopened: '重新办理',
};

/** How far along each open status is: a department moves a report forward only. */
const STEP: Record<ReportStatus, number> = {
  submitted: 0,
  accepted: 1,
  reopened: 1,
  in_progress: 2,
  resolved: 3,
  rejected: 3,
  returned: 3,
};

/** Where a department may take a report from `status`: later statuses, or closed at any time; nowhere unless it is open. */
export const nextStatuses = (status: ReportStatus): UpdateStatus[] =>
  OPEN.includes(status)
    ? UPDATE_STATUSES.filter((next) => CLOSED.includes(next) || STEP[next] > STEP[status])
    : [];
