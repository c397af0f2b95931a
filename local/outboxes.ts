import { appendFile } from 'node:fs/promises';
import type { SmsSender } from '../shared/sms/sender.ts';
import { maskPhone } from '../shared/domain/phones.ts';

/**
 * The local platform's SMS: a line `{to, text, template, params, at}` in a
 * JSONL file, and the masked number on the console (deployed, SNS or the
 * domestic gateway sends it).
 */
export function outboxSmsSender(
  file: string,
  print: (line: string) => void = console.log,
): SmsSender {
  return {
    async send(to, { text, template, params }) {
      const at = new Date().toISOString();
      await appendFile(file, `${JSON.stringify({ to, text, template, params, at })}\n`);
      // A code or password is a credential: the console shows where it went, the outbox file holds it.
      const secret = params['code'] ?? params['password'];
      const shown = secret ? text.replace(secret, '******') : text;
      print(`SMS to ${maskPhone(to)}: ${shown}`);
    },
  };
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/**
 * The local platform's mail: a line `{to, subject, text, at}` in a JSONL
 * file (deployed, Cognito sends its own invitation email).
 */
export function outboxMailer(file: string): (mail: Mail) => Promise<void> {
  return async (mail) => {
    await appendFile(file, `${JSON.stringify({ ...mail, at: new Date().toISOString() })}\n`);
  };
}
