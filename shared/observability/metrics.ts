import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/**
 * Business events as CloudWatch metrics (EMF, written to the function's log,
 * no API call): what an operator charts next to errors. Off in tests
 * (POWERTOOLS_METRICS_DISABLED) and in the local platform (POWERTOOLS_DEV).
 */
const metrics = new Metrics({ namespace: 'XinhuaPlatform', serviceName: 'xinhua-platform' });

export type BusinessMetric =
  | 'DispatchesSent'
  | 'ReceiptsCreated'
  | 'Acknowledgements'
  | 'LateAcknowledgements'
  | 'AcknowledgementDelay'
  | 'RemindersSent'
  | 'RemindersFailed'
  | 'PhonesFailing'
  | 'UnitsWithoutReminderPhone'
  | 'ReportsCreated'
  | 'PhotosAttached'
  | 'PhotosQuarantined'
  | 'FilesReady'
  | 'FilesRejected'
  | 'AuditRecordsChanged'
  | 'SignInsNotAudited';

/** Records the events of one invocation and publishes them at once. */
export function recordMetrics(
  events: { name: BusinessMetric; value: number; unit?: 'Count' | 'Seconds' }[],
): void {
  const nonZero = events.filter((event) => event.value > 0);
  if (nonZero.length === 0) return;
  for (const event of nonZero)
    metrics.addMetric(
      event.name,
      event.unit === 'Seconds' ? MetricUnit.Seconds : MetricUnit.Count,
      event.value,
    );
  metrics.publishStoredMetrics();
}
