import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';

/** The lines of one of the running local platform's outboxes (`.local/*-outbox.jsonl`). */
function outbox<T>(name: 'sms' | 'mail'): T[] {
  const file = join(inject('localDir'), `${name}-outbox.jsonl`);
  return existsSync(file)
    ? readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as T)
    : [];
}

/** Every SMS the local platform has sent, oldest first. */
export const smsOutbox = () => outbox<{ to: string; text: string; at: string }>('sms');

/** The verification code texted to `phone` last; '' when none was. */
export const smsCodeTo = (phone: string): string =>
  /验证码(\d{6})/.exec(smsOutbox().findLast((sms) => sms.to === phone)?.text ?? '')?.[1] ?? '';

/** The temporary password the local platform mailed to `email` last. */
export function temporaryPasswordOf(email: string): string {
  const mail = outbox<{ to: string; text: string }>('mail').findLast(
    (message) => message.to === email,
  );
  return /临时密码 (\S+)，/.exec(mail?.text ?? '')?.[1] ?? '';
}
