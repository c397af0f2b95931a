import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';
import type { BusinessMetric } from '../shared/observability/metrics.ts';

/**
 * An alarm when a business metric the functions publish (EMF, under
 * Powertools' `service` dimension) counts one or more in a period: each
 * one is something an operator must look at.
 */
export function businessMetricAlarm(
  scope: Construct,
  id: string,
  metricName: BusinessMetric,
  alarmDescription: string,
  period = Duration.minutes(5),
): Alarm {
  return new Alarm(scope, id, {
    alarmDescription,
    metric: new Metric({
      namespace: 'XinhuaPlatform',
      metricName,
      dimensionsMap: { service: 'xinhua-platform' },
      statistic: 'Sum',
      period,
    }),
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
}
