import { createHash, timingSafeEqual } from 'node:crypto';
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/**
 * A Secrets Manager secret's text, read on first use and kept for the life
 * of the process (a failed read is tried again next time). The secret is
 * never logged.
 */
export function secretText(client: SecretsManagerClient, secretId: string): () => Promise<string> {
  let value: Promise<string> | undefined;
  return () =>
    (value ??= client
      .send(new GetSecretValueCommand({ SecretId: secretId }))
      .then(({ SecretString }) => {
        if (!SecretString) throw new Error(`the secret ${secretId} is empty`);
        return SecretString;
      })
      .catch((error: unknown) => {
        value = undefined;
        throw error;
      }));
}

/** How long the origin-verify values are kept before they are read again (a rotation reaches every function within it). */
const ORIGIN_VALUES_TTL_MS = 5 * 60_000;

/**
 * Whether a request came through the platform's CloudFront distribution:
 * its `x-origin-verify` header equals the secret's current value, or its
 * previous one while a rotation reaches CloudFront. Compared in constant
 * time (SHA-256 of both, then timingSafeEqual); the values are never logged.
 */
export function originVerifier(
  client: SecretsManagerClient,
  secretId: string,
): { admits: (header: string | undefined) => Promise<boolean> } {
  let values: { digests: Buffer[]; readAt: number } | undefined;
  const stage = (VersionStage: string) =>
    client
      .send(new GetSecretValueCommand({ SecretId: secretId, VersionStage }))
      .then(({ SecretString }) => SecretString)
      .catch((error: unknown) => {
        // Before the first rotation there is no previous value.
        if ((error as Error).name === 'ResourceNotFoundException' && VersionStage !== 'AWSCURRENT')
          return undefined;
        throw error;
      });
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return {
    admits: async (header) => {
      if (!values || Date.now() - values.readAt > ORIGIN_VALUES_TTL_MS) {
        const read = await Promise.all([stage('AWSCURRENT'), stage('AWSPREVIOUS')]);
        values = {
          digests: read.filter((text): text is string => Boolean(text)).map(digest),
          readAt: Date.now(),
        };
      }
      if (!header) return false;
      const given = digest(header);
      return values.digests.some((expected) => timingSafeEqual(given, expected));
    },
  };
}
