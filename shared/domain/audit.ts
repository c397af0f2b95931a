import type { Principal } from './principal.ts';

/**
 * Every action the audit log records (Art20, Art21). An audit search by
 * action finds exactly these names.
 */
export type AuditAction =
  | 'account.create'
  | 'account.disable'
  | 'account.enable'
  | 'account.sign-in'
  | 'account.sign-in.failed'
  | 'unit.create'
  | 'unit.update'
  | 'dispatch.send'
  | 'dispatch.draft'
  | 'dispatch.sign-off'
  | 'dispatch.recall'
  | 'dispatch.deadline'
  | 'dispatch.urge'
  | 'dispatch.resolve-problem'
  | 'receipt.acknowledge'
  | 'receipt.answer'
  | 'receipt.problem'
  | 'receipt.download'
  | 'attachment.create'
  | 'upward.create'
  | 'upward.update'
  | 'upward.approve'
  | 'upward.return'
  | 'upward.receive'
  | 'upward.reply'
  | 'phone.register'
  | 'phone.verify'
  | 'phone.verify.failed'
  | 'phone.retire'
  | 'phone.request'
  | 'phone.request.approve'
  | 'phone.request.reject'
  | 'duty.update'
  | 'calendar.put'
  | 'settings.reminders'
  | 'report.create'
  | 'report.update'
  | 'report.route'
  | 'report.publish'
  | 'report.return'
  | 'report.extension'
  | 'report.extension.approve'
  | 'report.extension.reject'
  | 'report.feedback'
  | 'routing.put'
  | 'bulletin.publish'
  | 'article.create'
  | 'article.update'
  | 'article.publish'
  | 'article.unpublish'
  | 'question.ask'
  | 'question.assign'
  | 'question.answer';

/** One line of the append-only audit log: who, unit, what, when, from where. */
export interface AuditEntry {
  action: AuditAction;
  /** What was changed: one of `auditTarget`'s names. */
  target: string;
  actor: Principal;
  at: string;
  details?: Record<string, unknown>;
}

/** The name of each kind of thing an audit record is about; an audit search by target uses these. */
export const auditTarget = {
  unit: (unitId: string) => `UNIT#${unitId}`,
  account: (username: string) => `ACCOUNT#${username}`,
  dispatch: (dispatchId: string) => `DISPATCH#${dispatchId}`,
  report: (reportId: string) => `REPORT#${reportId}`,
  attachment: (attachmentId: string) => `ATTACHMENT#${attachmentId}`,
  upward: (upwardId: string) => `UPWARD#${upwardId}`,
  service: (serviceCode: string) => `SERVICE#${serviceCode}`,
  reminderSettings: () => 'SETTINGS#REMINDERS',
  calendar: (year: number) => `CALENDAR#${year}`,
  bulletin: (bulletinId: string) => `BULLETIN#${bulletinId}`,
  article: (articleId: string) => `ARTICLE#${articleId}`,
  question: (questionId: string) => `QUESTION#${questionId}`,
};

/**
 * The audit record of a change, written in the same transaction as the change.
 *
 * @example
 * auditEntry('unit.create', auditTarget.unit('health'), principal, now, { name: '区卫生局' })
 */
export function auditEntry(
  action: AuditAction,
  target: string,
  actor: Principal,
  now: Date,
  details?: Record<string, unknown>,
): AuditEntry {
  return { action, target, actor, at: now.toISOString(), ...(details ? { details } : {}) };
}
