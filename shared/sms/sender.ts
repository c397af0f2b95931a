import type { SmsMessage } from '../domain/smsTemplates.ts';

/**
 * Sends one SMS from a registered template; throws when it could not be
 * handed over, so the caller can retry later. A throttled gateway throws an
 * error whose name says `Throttl…` (the caller stops for this run).
 */
export interface SmsSender {
  send(to: string, message: SmsMessage): Promise<void>;
}
