import { reminderRecipients } from '../../shared/domain/phoneRegistry.ts';
import { decideReminder, planReminderMessages, receiptRef } from '../../shared/domain/reminders.ts';
import { escalationText, unitReminderText } from '../../shared/domain/smsTemplates.ts';
import type { SmsSender } from '../../shared/aws/sms.ts';
import type { Store } from '../../shared/store/context.ts';
import { readUnitPhones } from '../../shared/store/phones.ts';
import { advanceReminders, queryDue } from '../../shared/store/reminders.ts';
import { getReminderSettings } from '../../shared/store/settings.ts';
import { inParallel } from '../../shared/store/transactions.ts';
import { deliverReminder, newTally } from './deliverReminder.ts';

export interface ReminderCheckResult {
  /** Receipts read from the `due` index. */
  itemsRead: number;
  reminded: number;
  rescheduled: number;
  messages: number;
  published: number;
  failed: number;
}

/**
 * One run of the scheduled check (every minute): read what is due, text each
 * late unit's reminder and duty phones once, tell senders of escalations,
 * then move each receipt to its next reminder. A receipt moves only when
 * every message that carries it was delivered to SNS; otherwise the next run
 * sends what is missing (and only that).
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
  const { receipts, itemsRead } = await queryDue(store, now);
  const due = receipts.map((receipt) => ({
    receipt,
    decision: decideReminder(receipt, settings, now),
  }));
  const messages = planReminderMessages(due, {
    unit: unitReminderText,
    escalation: escalationText,
  });

  const phonesOf = new Map<string, Promise<string[]>>();
  const recipients = (unitId: string) => {
    let phones = phonesOf.get(unitId);
    if (!phones) {
      phones = readUnitPhones(store, unitId).then(({ phones, duty }) =>
        reminderRecipients(phones, duty, now),
      );
      phonesOf.set(unitId, phones);
    }
    return phones;
  };
  const tally = newTally();
  const delivered = await inParallel(messages, 8, async (message) =>
    deliverReminder({ store, sms, now, tally }, message, await recipients(message.unitId)),
  );
  const undelivered = new Set(
    messages.filter((_, i) => !delivered[i]).flatMap((message) => message.receipts),
  );
  const toAdvance = due.filter(({ receipt }) => !undelivered.has(receiptRef(receipt)));
  await advanceReminders(
    store,
    toAdvance.map(({ receipt, decision }) => ({ receipt, next: decision })),
  );

  return {
    itemsRead,
    reminded: due.filter(({ decision }) => decision.remind).length,
    rescheduled: due.filter(({ decision }) => !decision.remind).length,
    messages: messages.length,
    published: tally.published,
    failed: tally.failed,
  };
}
