import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '../../shared/observability/logger.ts';
import { recordMetrics } from '../../shared/observability/metrics.ts';

/**
 * The audit table's stream, filtered to MODIFY and REMOVE (infra/auditDigests.ts):
 * the platform only ever appends audit records, so each one here is
 * someone changing or deleting the record of what was done. Named in the
 * log (keys only) and counted; the alarm on the count calls the operator.
 */
export const auditWatch = () =>
  middy((event: DynamoDBStreamEvent) => {
    const changed = event.Records.filter(
      (record) => record.eventName === 'MODIFY' || record.eventName === 'REMOVE',
    );
    for (const record of changed)
      logger.error('an audit record was changed or deleted', {
        eventName: record.eventName,
        keys: record.dynamodb?.Keys,
        at: record.dynamodb?.ApproximateCreationDateTime,
      });
    recordMetrics([{ name: 'AuditRecordsChanged', value: changed.length }]);
    return Promise.resolve({ changed: changed.length });
  }).use(injectLambdaContext(logger, { resetKeys: true }));
