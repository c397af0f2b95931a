import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { ensureTables } from '../../local/dynamoLocal.ts';

/**
 * Runs before every integration test file: fresh tables with a name of the
 * file's own, and the environment the handlers read their config from.
 */
const suffix = Math.random().toString(36).slice(2, 10);
const endpoint = inject('dynamoEndpoint');
process.env['DYNAMODB_ENDPOINT'] = endpoint;
process.env['TABLE_NAME'] = `main-${suffix}`;
process.env['AUDIT_TABLE_NAME'] = `audit-${suffix}`;
process.env['AWS_REGION'] = 'local';
process.env['S3_ENDPOINT'] = inject('s3Endpoint');
process.env['PHOTOS_BUCKET'] = 'photos-test';
process.env['AUDIT_DIGEST_BUCKET'] = 'audit-digests-test';
process.env['POWERTOOLS_LOG_LEVEL'] ??= 'SILENT';
process.env['PHONE_CODE_KEY'] = `test-key-${suffix}-for-verification-codes`;
// Made on first use, one per test file: the local seal key.
process.env['SEAL_KEY_FILE'] = join(tmpdir(), `seal-key-${suffix}.json`);
await ensureTables(endpoint, { table: `main-${suffix}`, auditTable: `audit-${suffix}` });
