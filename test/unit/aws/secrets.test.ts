import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { originVerifier } from '../../../shared/aws/secrets.ts';

const secrets = mockClient(SecretsManagerClient);
const versions = (current: string, previous?: string) => {
  secrets.reset();
  secrets
    .on(GetSecretValueCommand, { VersionStage: 'AWSCURRENT' })
    .resolves({ SecretString: current });
  if (previous)
    secrets
      .on(GetSecretValueCommand, { VersionStage: 'AWSPREVIOUS' })
      .resolves({ SecretString: previous });
  else
    secrets
      .on(GetSecretValueCommand, { VersionStage: 'AWSPREVIOUS' })
      .rejects(new ResourceNotFoundException({ message: 'no previous', $metadata: {} }));
};

describe('the origin-verify check (what CloudFront sends the API)', () => {
  beforeEach(() => {
    versions('current-value');
  });

  it('admits the secret’s value, and nothing else, before any rotation', async () => {
    const check = originVerifier(
      new SecretsManagerClient({ region: 'ap-southeast-1' }),
      'arn:secret',
    );
    expect(await check.admits('current-value')).toBe(true);
    expect(await check.admits('current-valuE')).toBe(false);
    expect(await check.admits('')).toBe(false);
    expect(await check.admits(undefined)).toBe(false);
    // Read once for the three checks: the values are kept for a while.
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('admits the previous value too while a rotation reaches CloudFront', async () => {
    versions('new-value', 'old-value');
    const check = originVerifier(
      new SecretsManagerClient({ region: 'ap-southeast-1' }),
      'arn:secret',
    );
    expect(await check.admits('new-value')).toBe(true);
    expect(await check.admits('old-value')).toBe(true);
    expect(await check.admits('older-value')).toBe(false);
  });

  it('fails closed when the secret cannot be read', async () => {
    secrets.reset();
    secrets.on(GetSecretValueCommand).rejects(new Error('AccessDenied'));
    const check = originVerifier(
      new SecretsManagerClient({ region: 'ap-southeast-1' }),
      'arn:secret',
    );
    await expect(check.admits('current-value')).rejects.toThrow('AccessDenied');
  });
});
