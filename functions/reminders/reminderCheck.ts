import { maskPhone } from '../../shared/domain/phones.ts';
import { reminderRecipients } from '../../shared/domain/phoneRegistry.ts';
import {
  decideReminder,
  planReminderMessages,
  receiptRef,
  type ReminderMessage,
} from '../../shared/domain/reminders.ts';
import { escalationText, unitReminderText } from '../../shared/domain/smsTemplates.ts';
import type { SmsSender } from '../../shared/aws/sms.ts';
import { logger } from '../../shared/http/logger.ts';
import type { Store } from '../../shared/store/context.ts';
import { readUnitPhones } from '../../shared/store/phones.ts';
import {
  advanceReminders,
  claimSlot,
  queryDue,
  recordSent,
  releaseSlot,
} from '../../shared/store/reminders.ts';
import { getReminderSettings } from '../../shared/store/settings.ts';
import { inParallel } from '../../shared/store/transactions.ts';

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
  let published = 0;
  let failed = 0;
  let throttled = false;

  /** True when every recipient of the message has it (now or in an earlier run). */
  const deliver = async (message: ReminderMessage): Promise<boolean> => {
    const phones = await recipients(message.unitId);
    if (phones.length === 0) {
      logger.warn('no active reminder or duty phone', { unitId: message.unitId });
      return true;
    }
    const claim = await claimSlot(store, message.unitId, message.slot, now);
    if (claim.state !== 'claimed') return claim.state === 'done';
    let complete = true;
    for (const phone of phones.filter((phone) => !claim.sentTo.has(phone))) {
      if (throttled) {
        complete = false;
        break;
      }
      try {
        await sms.send(phone, message.text);
        published++;
        await recordSent(store, message.unitId, message.slot, phone);
      } catch (error) {
        failed++;
        complete = false;
        // SNS throttling was already retried with backoff by the SDK: leave the rest for the next run.
        throttled ||= /Throttl/i.test((error as Error).name);
        logger.warn('SMS not sent', {
          unitId: message.unitId,
          phone: maskPhone(phone),
          error: (error as Error).name,
        });
      }
    }
    await releaseSlot(store, message.unitId, message.slot, complete);
    return complete;
  };

  const delivered = await inParallel(messages, 8, deliver);
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
    published,
    failed,
  };
}
