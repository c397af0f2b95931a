import type { SmsSender } from '../../shared/aws/sms.ts';
import { maskPhone } from '../../shared/domain/phones.ts';
import type { ReminderMessage } from '../../shared/domain/reminders.ts';
import { logger } from '../../shared/observability/logger.ts';
import type { Store } from '../../shared/store/context.ts';
import { claimSlot, recordSent, releaseSlot } from '../../shared/store/reminders.ts';

/** What one run of the reminder check did with SNS, counted as it happens. */
export interface DeliveryTally {
  /** SMS SNS took. */
  published: number;
  /** SMS SNS refused. */
  failed: number;
  /** SNS throttled us: nothing more is sent in this run, the next run goes on. */
  throttled: boolean;
}

export const newTally = (): DeliveryTally => ({ published: 0, failed: 0, throttled: false });

/**
 * Sends one reminder message to every phone that does not have it yet, under
 * the message's slot claim, so that overlapping runs never text a phone
 * twice. True when every phone has it (now or in an earlier run); false
 * leaves the rest to the next run.
 */
export async function deliverReminder(
  { store, sms, now, tally }: { store: Store; sms: SmsSender; now: Date; tally: DeliveryTally },
  message: ReminderMessage,
  phones: string[],
): Promise<boolean> {
  if (phones.length === 0) {
    logger.warn('no active reminder or duty phone', { unitId: message.unitId });
    return true;
  }
  const claim = await claimSlot(store, message.unitId, message.slot, now);
  if (claim.state !== 'claimed') return claim.state === 'done';
  let complete = true;
  for (const phone of phones.filter((phone) => !claim.sentTo.has(phone))) {
    if (tally.throttled) {
      complete = false;
      break;
    }
    try {
      await sms.send(phone, message.text);
      tally.published++;
      await recordSent(store, message.unitId, message.slot, phone);
    } catch (error) {
      tally.failed++;
      complete = false;
      // SNS throttling was already retried with backoff by the SDK: leave the rest for the next run.
      tally.throttled ||= /Throttl/i.test((error as Error).name);
      logger.warn('SMS not sent', {
        unitId: message.unitId,
        phone: maskPhone(phone),
        error: (error as Error).name,
      });
    }
  }
  await releaseSlot(store, message.unitId, message.slot, complete);
  return complete;
}
