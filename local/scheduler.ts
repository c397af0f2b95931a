import { randomUUID } from 'node:crypto';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { lambdaContext } from './lambdaContext.ts';

type ScheduledHandler = (event: ScheduledEvent, context: Context) => Promise<unknown>;

/** The event EventBridge hands the reminders function on each tick. */
export function scheduledEvent(now = new Date()): ScheduledEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '000000000000',
    time: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: process.env['AWS_REGION'] ?? 'local',
    resources: ['arn:aws:events:local:000000000000:rule/reminders-every-minute'],
    detail: {},
  };
}

/**
 * The local EventBridge rule: calls the reminders function every `seconds`.
 * A tick that finds the previous run still going is skipped, as a slow run
 * in AWS would overlap instead (which the slot claims make harmless).
 */
export function startScheduler(
  handler: ScheduledHandler,
  seconds: number,
  log: (line: string) => void,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    handler(scheduledEvent(), lambdaContext('reminders', 50_000))
      .catch((error: unknown) => {
        log(`reminder check failed: ${error instanceof Error ? error.message : String(error)}`);
      })
      .finally(() => (running = false));
  }, seconds * 1000);
  return () => {
    clearInterval(timer);
  };
}
