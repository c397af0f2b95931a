import { SNSClient } from '@aws-sdk/client-sns';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { localPlatform } from '../../local/localPlatform.ts';
import { snsSmsSender } from '../../shared/sms/sns.ts';
import { DIGEST_BUCKET, TEST_BUCKET } from './globalSetup.ts';
import './sms.ts';

/**
 * The platform the integration tests run the handlers on: the local
 * composition root with tables of this test file's own in DynamoDB Local,
 * the run's local S3, key files of its own, and SNS's real adapter on a
 * client whose `send` the SNS mock answers (test/support/sms.ts).
 */
const suffix = Math.random().toString(36).slice(2, 10);
export const testSettings = {
  dynamoEndpoint: inject('dynamoEndpoint'),
  s3Endpoint: inject('s3Endpoint'),
  region: 'local',
  tables: {
    table: `main-${suffix}`,
    auditTable: `audit-${suffix}`,
    directoryTable: `directory-${suffix}`,
  },
  buckets: { uploads: TEST_BUCKET, digests: DIGEST_BUCKET },
  files: {
    smsOutbox: join(tmpdir(), `sms-${suffix}.jsonl`),
    mailOutbox: join(tmpdir(), `mail-${suffix}.jsonl`),
    sealKey: join(tmpdir(), `seal-key-${suffix}.json`),
    digestKey: join(tmpdir(), `digest-key-${suffix}.json`),
  },
  phoneCodeKey: `test-key-${suffix}-for-verification-codes`,
  perClientLimitScale: 1,
};
export const testPlatform = localPlatform({
  ...testSettings,
  sms: snsSmsSender(new SNSClient({ region: 'local' })),
});
