import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { S3Event } from 'aws-lambda';
import { s3FromConfig } from '../../shared/aws/s3.ts';
import { logger } from '../../shared/observability/logger.ts';
import { recordMetrics } from '../../shared/observability/metrics.ts';
import { storeFromConfig } from '../../shared/store/context.ts';
import { checkUpload } from './photoCheck.ts';

const store = storeFromConfig();
const photoStore = s3FromConfig();

/** S3 ObjectCreated under `incoming/`: each uploaded photo is checked before a citizen or department sees it. */
export const handler = middy(async (event: S3Event) => {
  const verdicts = await Promise.all(
    event.Records.map((record) =>
      checkUpload(
        { store, s3: photoStore.s3, bucket: photoStore.bucket },
        decodeURIComponent(record.s3.object.key.replace(/\+/g, ' ')),
      ),
    ),
  );
  logger.info('uploads checked', { verdicts });
  recordMetrics([
    { name: 'PhotosAttached', value: verdicts.filter((verdict) => verdict === 'attached').length },
    {
      name: 'PhotosQuarantined',
      value: verdicts.filter((verdict) => verdict === 'quarantined').length,
    },
  ]);
  return verdicts;
}).use(injectLambdaContext(logger, { resetKeys: true }));
