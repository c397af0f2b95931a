import type { ReminderSettings } from '../shared/domain/reminders.ts';

/**
 * A district's monthly traffic, as the cost model and the preflight assume
 * it: the issue's district (60 units, 2,000 dispatches, 3,000 citizen
 * reports a month) and what each of those causes. Every figure is a
 * parameter; the reminder figures come from the reminder settings.
 */
export interface District {
  units: number;
  dispatchesPerMonth: number;
  /** Units each dispatch goes to, on average. */
  recipientsPerDispatch: number;
  /** Share of dispatches per kind: notice, document, feedback. */
  kindShare: { notice: number; document: number; feedback: number };
  reportsPerMonth: number;
  photosPerReport: number;
  /** Bytes of one photo as the citizen site uploads it (4000×3000 shrunk: bench/citizen, test/browser). */
  photoBytes: number;
  /** Staff who sign in in a month (Cognito monthly active users). */
  staffAccounts: number;
  /** Share of receipts whose unit misses a deadline and is reminded. */
  lateShare: number;
  /** Reminders a late unit gets before it acts (capped by maxReminders). */
  remindersBeforeAction: number;
  /** Share of feedback receipts still unanswered when each "before the answer is due" reminder goes. */
  unansweredBeforeDueShare: number;
  /** Phones texted per reminder: the unit's admin phones and its person on duty. */
  phonesPerUnit: number;
  /** The district office's phones, texted on escalation. */
  officePhones: number;
  /** Phone numbers registered (and verified by code) a month. */
  phoneRegistrationsPerMonth: number;
  /** API requests per receipt: inbox loads, 签收, the answer, the sender's tracking page refreshing. */
  apiCallsPerReceipt: number;
  /** API requests per citizen report: the form, nearby, submit, fresh links, tracking, board, department replies. */
  apiCallsPerReport: number;
  /** Page loads of the two web apps in a month, and the bytes each sends through CloudFront. */
  pageLoads: number;
  bytesPerPageLoad: number;
}

export const ISSUE_DISTRICT: District = {
  units: 60,
  dispatchesPerMonth: 2_000,
  recipientsPerDispatch: 20,
  kindShare: { notice: 0.5, document: 0.3, feedback: 0.2 },
  reportsPerMonth: 3_000,
  photosPerReport: 2,
  photoBytes: 650_000,
  staffAccounts: 240,
  lateShare: 0.1,
  remindersBeforeAction: 2,
  unansweredBeforeDueShare: 0.5,
  phonesPerUnit: 3,
  officePhones: 2,
  phoneRegistrationsPerMonth: 10,
  apiCallsPerReceipt: 8,
  apiCallsPerReport: 12,
  pageLoads: 30_000,
  bytesPerPageLoad: 400_000,
};

export interface SmsVolume {
  reminders: number;
  beforeDue: number;
  escalations: number;
  codes: number;
  total: number;
}

/**
 * SMS a month, an upper bound: every reminder to every phone of the unit
 * (the check groups a unit's items into one message per run, so fewer go
 * out), the "before the answer is due" reminders of feedback requests,
 * escalations to the district office from the escalateAfter-th reminder on,
 * and verification codes. One part each: the templates fit 70 characters.
 */
export function smsVolume(district: District, settings: ReminderSettings): SmsVolume {
  const receipts = district.dispatchesPerMonth * district.recipientsPerDispatch;
  let reminders = 0;
  let escalations = 0;
  let beforeDue = 0;
  for (const kind of ['notice', 'document', 'feedback'] as const) {
    const late = receipts * district.kindShare[kind] * district.lateShare;
    const { maxReminders, escalateAfter, answerRemindersBeforeMinutes = [] } = settings[kind];
    const sent = Math.min(maxReminders, district.remindersBeforeAction);
    reminders += late * sent * district.phonesPerUnit;
    escalations += late * Math.max(0, sent - escalateAfter + 1) * district.officePhones;
    beforeDue +=
      receipts *
      district.kindShare[kind] *
      district.unansweredBeforeDueShare *
      answerRemindersBeforeMinutes.length *
      district.phonesPerUnit;
  }
  const codes = district.phoneRegistrationsPerMonth;
  const round = Math.round;
  return {
    reminders: round(reminders),
    beforeDue: round(beforeDue),
    escalations: round(escalations),
    codes,
    total: round(reminders) + round(beforeDue) + round(escalations) + codes,
  };
}
