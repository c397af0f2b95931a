import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';

/** The temporary password the local platform mailed to `email` last (`.local/mail-outbox.jsonl`). */
export function temporaryPasswordOf(email: string): string {
  const mail = readFileSync(join(inject('localDir'), 'mail-outbox.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { to: string; text: string })
    .findLast((message) => message.to === email);
  return /临时密码 (\S+)，/.exec(mail?.text ?? '')?.[1] ?? '';
}
