import { inject } from 'vitest';
import { ensureTables } from '../../local/dynamoLocal.ts';
import { testPlatform } from './testPlatform.ts';

/** Runs before every integration test file: the tables of its own platform (test/support/testPlatform.ts). */
process.env['POWERTOOLS_LOG_LEVEL'] ??= 'SILENT';
await ensureTables(inject('dynamoEndpoint'), {
  table: testPlatform.store.table,
  auditTable: testPlatform.store.auditTable,
  directoryTable: testPlatform.directory.table,
});
