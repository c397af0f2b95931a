import { appendFile } from 'node:fs/promises';

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
