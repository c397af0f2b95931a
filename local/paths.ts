import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

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
  phoneCodeKey: join(localDir(), 'phone-code-key'),
  /** The seal key of upward reports (a P-256 JWK): KMS holds it deployed. */
  sealKey: join(localDir(), 'seal-key.json'),
  /** The audit digests' signing key, a key of its own (a second KMS key deployed). */
  digestKey: join(localDir(), 'digest-key.json'),
  smsOutbox: join(localDir(), 'sms-outbox.jsonl'),
  mailOutbox: join(localDir(), 'mail-outbox.jsonl'),
  /** Where the running platform says it is (API, OpenID provider), for the CLIs. */
  platform: join(localDir(), 'platform.json'),
  s3: join(localDir(), 's3'),
});

/** A random secret kept in a file of `.local/`, made on first use: the same across restarts. */
export function localSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('hex');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
