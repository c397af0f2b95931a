import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { S3Event } from 'aws-lambda';
import { logger } from '../../shared/observability/logger.ts';
import { recordMetrics } from '../../shared/observability/metrics.ts';
import type { Platform } from '../../shared/platform.ts';
import { checkAttachment } from './fileCheck.ts';
import { checkUpload } from './photoCheck.ts';

/**
 * S3 ObjectCreated under `incoming/` (citizen photos) and
 * `attachments/incoming/` (documents): each upload is checked before anyone
 * sees it.
 */
export const uploads = ({ store, uploads: objects }: Platform) =>
  middy(async (event: S3Event) => {
    const context = { store, objects };
    const verdicts = await Promise.all(
      event.Records.map((record) => {
        const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
        return key.startsWith('attachments/')
          ? checkAttachment(context, key)
          : checkUpload(context, key);
      }),
    );
    logger.info('uploads checked', { verdicts });
    const count = (verdict: string) => verdicts.filter((found) => found === verdict).length;
    recordMetrics([
      { name: 'PhotosAttached', value: count('attached') },
      { name: 'PhotosQuarantined', value: count('quarantined') },
      { name: 'FilesReady', value: count('ready') },
      { name: 'FilesRejected', value: count('rejected') },
    ]);
    return verdicts;
  }).use(injectLambdaContext(logger, { resetKeys: true }));
