import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { logger } from '../../shared/observability/logger.ts';
import { recordMetrics } from '../../shared/observability/metrics.ts';
import type { Platform } from '../../shared/platform.ts';
import { runReminderCheck } from './reminderCheck.ts';

/**
 * EventBridge, every minute. The tick's own time is not used for deadlines:
 * it may fire anywhere within the minute, so "now" is the clock's.
 */
export const reminders = ({ store, sms }: Platform) =>
  middy(async (_event: ScheduledEvent) => {
    const result = await runReminderCheck({ store, sms, now: new Date() });
    logger.info('reminder check', { ...result });
    recordMetrics([
      { name: 'RemindersSent', value: result.published },
      { name: 'RemindersFailed', value: result.failed },
      { name: 'PhonesFailing', value: result.phonesFailing },
      { name: 'UnitsWithoutReminderPhone', value: result.unitsWithoutPhone },
    ]);
    return result;
  }).use(injectLambdaContext(logger, { resetKeys: true }));
