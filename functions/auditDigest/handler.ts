import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { digestStoreFromConfig } from '../../shared/aws/auditDigests.ts';
import { sealKeyFromConfig } from '../../shared/aws/sealSigner.ts';
import { logger } from '../../shared/observability/logger.ts';
import { storeFromConfig } from '../../shared/store/context.ts';
import { runAuditDigest } from './digest.ts';

const store = storeFromConfig();
const digests = digestStoreFromConfig();

/** EventBridge, every hour: chain, sign and keep the hours not yet digested. */
export const handler = middy(async (_event: ScheduledEvent) => {
  const result = await runAuditDigest({
    store,
    key: sealKeyFromConfig(),
    digests,
    now: new Date(),
  });
  logger.info('audit digest', { hours: result.hours });
  return result;
}).use(injectLambdaContext(logger, { resetKeys: true }));
