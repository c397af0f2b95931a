import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { logger } from '../../shared/observability/logger.ts';
import type { Platform } from '../../shared/platform.ts';
import { runAuditDigest } from './digest.ts';

/** EventBridge, every hour: chain, sign and keep the hours not yet digested. */
export const auditDigest = ({ store, digestKey, digests }: Platform) =>
  middy(async (_event: ScheduledEvent) => {
    const result = await runAuditDigest({ store, key: digestKey, digests, now: new Date() });
    logger.info('audit digest', { hours: result.hours });
    return result;
  }).use(injectLambdaContext(logger, { resetKeys: true }));
