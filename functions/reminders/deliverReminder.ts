import type { SmsSender } from '../../shared/sms/sender.ts';
import { maskPhone } from '../../shared/domain/phones.ts';
import type { ReminderMessage } from '../../shared/domain/reminders.ts';
import { logger } from '../../shared/observability/logger.ts';
import type { Store } from '../../shared/store/context.ts';
import { markPhoneFailing, type Recipient } from '../../shared/store/phones.ts';
import { claimSlot, recordRefusal, recordSent, releaseSlot } from '../../shared/store/reminders.ts';

/**
 * How many runs try a reminder on a phone that SNS refuses before that phone
 * is given up for this reminder (and marked failing), so that one bad number
 * never holds back its unit's later reminders.
 */
export const ATTEMPTS_PER_PHONE = 3;

/** What one run of the reminder check did with SNS, counted as it happens. */
export interface DeliveryTally {
  /** SMS SNS took. */
  published: number;
  /** SMS SNS refused. */
  failed: number;
  /** Phones given up on for a reminder after ATTEMPTS_PER_PHONE refusals. */
  phonesFailing: number;
  /** SNS throttled us: nothing more is sent in this run, the next run goes on. */
  throttled: boolean;
}

export const newTally = (): DeliveryTally => ({
  published: 0,
  failed: 0,
  phonesFailing: 0,
  throttled: false,
});

/**
 * Sends one reminder message to every phone that does not have it yet, under
 * the message's (unit, reminder time) slot, so that overlapping runs never
 * text a phone twice. Settled (true) when every phone has it, or was given up
 * after ATTEMPTS_PER_PHONE refusals; false leaves the rest to the next run.
 */
export async function deliverReminder(
  { store, sms, now, tally }: { store: Store; sms: SmsSender; now: Date; tally: DeliveryTally },
  message: ReminderMessage,
  recipients: Recipient[],
): Promise<boolean> {
  const claim = await claimSlot(store, message.unitId, message.slot, now);
  if (claim.state !== 'claimed') return claim.state === 'done';
  const settled = (phone: string) =>
    claim.sentTo.has(phone) || (claim.failures[phone] ?? 0) >= ATTEMPTS_PER_PHONE;
  let complete = true;
  for (const { phone, failing } of recipients.filter(({ phone }) => !settled(phone))) {
    if (tally.throttled) {
      complete = false;
      break;
    }
    try {
      await sms.send(phone, message.sms);
      tally.published++;
      await recordSent(store, message.unitId, message.slot, phone);
      if (failing) await markPhoneFailing(store, message.unitId, phone, undefined);
    } catch (error) {
      const name = (error as Error).name;
      tally.failed++;
      logger.warn('SMS not sent', { unitId: message.unitId, phone: maskPhone(phone), error: name });
      // SNS throttling was already retried with backoff (shared/aws/awsCall.ts): not the phone's fault; leave the rest for the next run.
      if (/Throttl/i.test(name)) {
        tally.throttled = true;
        complete = false;
        continue;
      }
      const refusals = await recordRefusal(store, message.unitId, message.slot, phone);
      if (refusals < ATTEMPTS_PER_PHONE) {
        complete = false;
      } else {
        tally.phonesFailing++;
        logger.warn('phone failing', { unitId: message.unitId, phone: maskPhone(phone) });
        await markPhoneFailing(store, message.unitId, phone, now.toISOString());
      }
    }
  }
  await releaseSlot(store, message.unitId, message.slot, complete);
  return complete;
}
