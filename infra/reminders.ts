import { Duration, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { FilterPattern, MetricFilter } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { businessMetricAlarm } from './alarms.ts';
import type { Data } from './data.ts';
import { platformFunction, type PlatformFunction } from './lambda.ts';
import type { Sms } from './sms.ts';

/**
 * The scheduled reminder check: EventBridge every minute → the reminders
 * function → SMS through SNS. Failed invocations land in a DLQ; alarms on
 * the DLQ, on function errors and on SMS that could not be sent.
 */
export class Reminders extends Construct {
  readonly function: PlatformFunction;
  readonly deadLetters: Queue;
  readonly alarms: Alarm[];

  constructor(scope: Construct, id: string, props: { data: Data; sms: Sms }) {
    super(scope, id);
    this.deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the reminder check.',
    });

    this.function = platformFunction(
      this,
      'reminders',
      {
        TABLE_NAME: props.data.table.tableName,
        AUDIT_TABLE_NAME: props.data.auditTable.tableName,
        ...props.sms.environment,
      },
      // One run at a time: overlapping runs are harmless (slot claims), but they only cost.
      { timeout: Duration.seconds(50), reservedConcurrency: 1 },
    );
    // Reads the due index, a unit's phones, the settings and the calendar; writes reminder slots and moves receipts.
    props.data.grantMain(
      this.function,
      [
        'dynamodb:Query',
        'dynamodb:GetItem',
        'dynamodb:BatchGetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
      ],
      [{ name: 'due', actions: ['dynamodb:Query'] }],
    );
    props.sms.grantSend(this.function);

    new Rule(this, 'EveryMinute', {
      description: 'Reminder check: SMS for overdue acknowledgements and answers',
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [
        new LambdaFunction(this.function, {
          deadLetterQueue: this.deadLetters,
          retryAttempts: 2,
          maxEventAge: Duration.minutes(5),
        }),
      ],
    });

    const smsFailures = new MetricFilter(this, 'SmsFailures', {
      logGroup: this.function.logGroup,
      filterPattern: FilterPattern.stringValue('$.message', '=', 'SMS not sent'),
      metricNamespace: 'XinhuaPlatform',
      metricName: 'SmsNotSent',
      metricValue: '1',
      defaultValue: 0,
    });
    this.alarms = [
      new Alarm(this, 'DeadLettersAlarm', {
        alarmDescription: 'A reminder check failed and went to the dead-letter queue',
        metric: this.deadLetters.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(1),
        }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
      new Alarm(this, 'ErrorsAlarm', {
        alarmDescription: 'The reminder check is failing',
        metric: this.function.metricErrors({ period: Duration.minutes(5) }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
      // Business metrics the reminder check publishes (EMF, Powertools' default `service` dimension).
      ...(
        [
          [
            'PhonesFailing',
            'A number refused every reminder of one reminder time: ask its unit to check it (the phones list shows it)',
          ],
          [
            'UnitsWithoutReminderPhone',
            'A late unit has no active reminder or duty phone: only the district office was told',
          ],
        ] as const
      ).map(([metricName, alarmDescription]) =>
        businessMetricAlarm(this, `${metricName}Alarm`, metricName, alarmDescription),
      ),
      new Alarm(this, 'SmsFailuresAlarm', {
        alarmDescription:
          'Reminder SMS could not be handed to SNS (throttling, spend limit, sandbox)',
        metric: smsFailures.metric({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    ];
  }
}
