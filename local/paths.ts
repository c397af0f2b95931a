import { join, resolve } from 'node:path';

/**
 * Where the local platform keeps its state: `.local/` in the repo, or
 * LOCAL_DIR (the end-to-end tests give each platform a directory of its own).
 */
export function localDir(): string {
  return resolve(process.env['LOCAL_DIR'] ?? '.local');
}

export const localPaths = () => ({
  root: localDir(),
  dynamodb: join(localDir(), 'dynamodb'),
  signingKey: join(localDir(), 'jwt-signing-key.json'),
  smsOutbox: join(localDir(), 'sms-outbox.jsonl'),
  s3: join(localDir(), 's3'),
});
