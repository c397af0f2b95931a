import { required } from '../../shared/config.ts';
import { identityDirectory, lambdaPlatform } from '../lambdaPlatform.ts';
import { identity } from './handler.ts';

const platform = lambdaPlatform();
const table = { db: platform.store.db, table: required('IDENTITY_TABLE_NAME') };

/** The function's entry in AWS: every path under /identity/ on the platform's origin. */
export const handler = identity(platform, {
  issuer: required('ISSUER'),
  consoleOrigin: required('CONSOLE_ORIGIN'),
  table,
  directory: await identityDirectory(table, platform.sms),
});
