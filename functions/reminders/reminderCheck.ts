import type { SmsSender } from '../../shared/sms/sender.ts';
import { isOverdue } from '../../shared/domain/obligations.ts';
import {
  chasedReceipt,
  decideChase,
  decideReminder,
  planReminderMessages,
  receiptRef,
} from '../../shared/domain/reminders.ts';
import { chasedOnce, chasedReport, reportChase } from '../../shared/domain/workOrders.ts';
import { escalationSms, unitReminderSms } from '../../shared/domain/smsTemplates.ts';
import { logger } from '../../shared/observability/logger.ts';
import type { Store } from '../../shared/store/context.ts';
import { reminderRecipientsOf } from '../../shared/store/phones.ts';
import { advanceReminders, queryDue } from '../../shared/store/reminders.ts';
import { advanceReportChases } from '../../shared/store/reports.ts';
import { getReminderSettings } from '../../shared/store/settings.ts';
import { inParallel } from '../../shared/store/transactions.ts';
import { listUnits } from '../../shared/store/units.ts';
import { deliverReminder, newTally } from './deliverReminder.ts';

export interface ReminderCheckResult {
  /** Receipts and reports read from the `due` index. */
  itemsRead: number;
  /** Citizens' reports among them, and of those the ones reminded. */
  reports: number;
  reportsReminded: number;
  reminded: number;
  /** Receipts found still open 24 h past their deadline (red, counted in the bulletins). */
  missed: number;
  rescheduled: number;
  messages: number;
  published: number;
  failed: number;
  /** Phones given up on for a reminder after repeated refusals (marked failing). */
  phonesFailing: number;
  /** Units to be texted with no active reminder or duty phone (a late unit: the district office is told instead). */
  unitsWithoutPhone: number;
}

/**
 * One run of the scheduled check (every minute): read what is due, text each
 * late unit's reminder and duty phones once, tell senders of escalations
 * (and of units nobody can be texted at), then move each receipt to its
 * next reminder. A receipt moves only when every message that carries it is
 * settled; otherwise the next run sends what is missing (and only that).
 */
export async function runReminderCheck({
  store,
  sms,
  now,
}: {
  store: Store;
  sms: SmsSender;
  now: Date;
}): Promise<ReminderCheckResult> {
  const settings = await getReminderSettings(store, { fresh: true });
  const { receipts, reports, itemsRead } = await queryDue(store, now);
  const due = receipts.map((receipt) => ({
    receipt,
    decision: decideReminder(receipt, settings, now),
  }));
  const dueReports = reports.map((report) => ({
    report,
    decision: decideChase(reportChase(report, settings), now),
  }));
  const chased = [
    ...due.map(({ receipt, decision }) => ({ item: chasedReceipt(receipt), decision })),
    ...dueReports.map(({ report, decision }) => ({ item: chasedReport(report), decision })),
  ];
  const reminded = chased.filter(({ decision }) => decision.remind);
  const lateUnits = new Set(reminded.map(({ item }) => item.unitId));
  const senders = new Set(reminded.map(({ item }) => item.escalateTo));
  // Working hours decide who is texted: outside them, whoever is on duty (shared/domain/duty.ts).
  const toText = [...new Set([...lateUnits, ...senders])];
  const [recipients, names] = await Promise.all([
    reminderRecipientsOf(store, toText, now, settings.workingHours),
    reminded.length > 0 ? unitNames(store) : new Map<string, string>(),
  ]);
  const hasPhone = (unitId: string) => (recipients.get(unitId) ?? []).length > 0;
  const messages = planReminderMessages(
    chased,
    { hasPhone, name: (unitId) => names.get(unitId) ?? unitId },
    { unit: unitReminderSms, escalation: escalationSms },
  );
  // Nobody to text: a late unit (the district office is told instead), or a sender told of escalations.
  const unitsWithoutPhone = new Set(
    [...lateUnits, ...messages.map((message) => message.unitId)].filter(
      (unitId) => !hasPhone(unitId),
    ),
  );
  for (const unitId of unitsWithoutPhone) {
    logger.warn('no active reminder or duty phone', { unitId });
  }
  const tally = newTally();
  const settled = await inParallel(messages, 8, (message) =>
    deliverReminder({ store, sms, now, tally }, message, recipients.get(message.unitId) ?? []),
  );
  const unsettled = new Set(messages.filter((_, i) => !settled[i]).flatMap(({ refs }) => refs));
  await advanceReminders(
    store,
    due
      .filter(({ receipt }) => !unsettled.has(receiptRef(receipt)))
      .map(({ receipt, decision }) => ({
        receipt,
        next: {
          ...decision,
          noPhoneToRemind: decision.remind ? !hasPhone(receipt.unitId) : undefined,
          overdue: !receipt.overdue && isOverdue(receipt, now),
        },
      })),
    now,
  );
  await advanceReportChases(
    store,
    dueReports
      .filter(({ report }) => !unsettled.has(chasedReport(report).ref))
      .map(({ report, decision }) => ({
        before: report,
        after: chasedOnce(report, decision, now),
      })),
  );

  return {
    itemsRead,
    reports: reports.length,
    reportsReminded: dueReports.filter(({ decision }) => decision.remind).length,
    reminded: reminded.length,
    missed: chased.filter(({ decision }) => decision.missed).length,
    rescheduled: chased.filter(({ decision }) => !decision.remind && !decision.missed).length,
    messages: messages.length,
    published: tally.published,
    failed: tally.failed,
    phonesFailing: tally.phonesFailing,
    unitsWithoutPhone: unitsWithoutPhone.size,
  };
}

async function unitNames(store: Store): Promise<Map<string, string>> {
  return new Map((await listUnits(store)).map((unit) => [unit.id, unit.name]));
}
