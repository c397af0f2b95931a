/**
 * A citizen report's statuses and how a department moves it: forward only,
 * and a closed report stays closed. No imports: the console offers the same
 * next steps the API allows.
 */
export const REPORT_STATUSES = [
  'submitted',
  'accepted',
  'in_progress',
  'resolved',
  'rejected',
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const UPDATE_STATUSES = ['accepted', 'in_progress', 'resolved', 'rejected'] as const;
export type UpdateStatus = (typeof UPDATE_STATUSES)[number];
export const CLOSED: readonly ReportStatus[] = ['resolved', 'rejected'];

/** What staff and citizens read for each status (both web apps). */
export const REPORT_STATUS_NAMES: Record<ReportStatus, string> = {
  submitted: '待受理',
  accepted: '已受理',
  in_progress: '办理中',
  resolved: '已办结',
  rejected: '不予受理',
};

/** Where a report may go from `status`: later statuses, or closed at any time; nowhere once closed. */
export const nextStatuses = (status: ReportStatus): UpdateStatus[] =>
  CLOSED.includes(status)
    ? []
    : UPDATE_STATUSES.filter(
        (next) =>
          CLOSED.includes(next) || REPORT_STATUSES.indexOf(next) > REPORT_STATUSES.indexOf(status),
      );
