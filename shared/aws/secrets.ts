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
