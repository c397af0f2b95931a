import type { TestProject } from 'vitest/node';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDynamoLocal } from '../../local/dynamoLocal.ts';
import { startS3Local } from '../../local/s3Local.ts';

export const TEST_BUCKET = 'photos-test';
/** The audit digests' bucket (Object Lock deployed; s3rver here). */
export const DIGEST_BUCKET = 'audit-digests-test';

/**
 * One DynamoDB Local and one local S3 for the whole run; each test file makes
 * its own tables. Tests call the uploads handler themselves, so the local
 * S3's events go nowhere here.
 */
export default async function setup(project: TestProject) {
  const dynamo = await startDynamoLocal();
  const dir = mkdtempSync(join(tmpdir(), 's3-test-'));
  const s3 = await startS3Local({
    dir,
    buckets: [TEST_BUCKET, DIGEST_BUCKET],
    onUpload: () => Promise.resolve(undefined),
  });
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('s3Endpoint', s3.endpoint);
  return async () => {
    await Promise.all([dynamo.stop(), s3.stop()]);
    rmSync(dir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    s3Endpoint: string;
  }
}
