import { ArnFormat, Aws, CfnCondition, CfnParameter, Duration, Fn, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { PlatformFunction } from './lambda.ts';
import { CfnSubscription, Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

const atLeastOnce = {
  threshold: 1,
  evaluationPeriods: 1,
  comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
  treatMissingData: TreatMissingData.NOT_BREACHING,
};

/**
 * Alarms for every function's errors and throttles and for the API's 5xx,
 * all sent to one SNS topic; the operator names who is told with the
 * `AlarmEmail` parameter of `cdk deploy`. One dashboard for the lot.
 */
export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(
    scope: Construct,
    id: string,
    props: { functions: Record<string, PlatformFunction>; httpApi: HttpApi; alarms: Alarm[] },
  ) {
    super(scope, id);
    const email = new CfnParameter(Stack.of(this), 'AlarmEmail', {
      type: 'String',
      default: '',
      description:
        'Email address told when an alarm fires (it must confirm the subscription); empty for nobody yet',
    });
    // CloudWatch cannot use the AWS-managed alias/aws/sns key: with it, no alarm would ever arrive.
    const key = new Key(this, 'AlarmsKey', {
      description: 'Encrypts the alarm topic; CloudWatch alarms of this account may use it',
      enableKeyRotation: true,
    });
    this.topic = new Topic(this, 'Alarms', { masterKey: key, enforceSSL: true });
    const fromOurAlarms = {
      StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
      ArnLike: {
        'aws:SourceArn': Stack.of(this).formatArn({
          service: 'cloudwatch',
          resource: 'alarm',
          resourceName: '*',
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      },
    };
    const cloudWatch = new ServicePrincipal('cloudwatch.amazonaws.com');
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [cloudWatch],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: fromOurAlarms,
      }),
    );
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        principals: [cloudWatch],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: fromOurAlarms,
      }),
    );
    const subscription = new CfnSubscription(this, 'AlarmEmailSubscription', {
      topicArn: this.topic.topicArn,
      protocol: 'email',
      endpoint: email.valueAsString,
    });
    subscription.cfnOptions.condition = new CfnCondition(this, 'HasAlarmEmail', {
      expression: Fn.conditionNot(Fn.conditionEquals(email.valueAsString, '')),
    });

    for (const [name, fn] of Object.entries(props.functions)) {
      this.alarms.push(
        new Alarm(this, `${name}-errors`, {
          alarmDescription: `The ${name} function is failing`,
          metric: fn.metricErrors({ period: Duration.minutes(5) }),
          ...atLeastOnce,
        }),
        new Alarm(this, `${name}-throttles`, {
          alarmDescription: `The ${name} function is throttled`,
          metric: fn.metricThrottles({ period: Duration.minutes(5) }),
          ...atLeastOnce,
        }),
      );
    }
    this.alarms.push(
      new Alarm(this, 'api-5xx', {
        alarmDescription: 'The API answered 5xx: a defect',
        metric: props.httpApi.metricServerError({ period: Duration.minutes(5) }),
        ...atLeastOnce,
      }),
    );
    for (const alarm of [...this.alarms, ...props.alarms])
      alarm.addAlarmAction(new SnsAction(this.topic));

    const perFunction = (metric: (fn: PlatformFunction) => IMetric) =>
      Object.values(props.functions).map(metric);
    new Dashboard(this, 'Dashboard', {
      dashboardName: `${Stack.of(this).stackName}-operations`,
      widgets: [
        [
          new GraphWidget({
            title: 'API requests and errors',
            left: [
              props.httpApi.metricCount(),
              props.httpApi.metricClientError(),
              props.httpApi.metricServerError(),
            ],
          }),
          new GraphWidget({
            title: 'API latency (p95)',
            left: [props.httpApi.metricLatency({ statistic: 'p95' })],
          }),
        ],
        [
          new GraphWidget({
            title: 'Function errors',
            left: perFunction((fn) => fn.metricErrors()),
          }),
          new GraphWidget({
            title: 'Function duration (p95)',
            left: perFunction((fn) => fn.metricDuration({ statistic: 'p95' })),
          }),
          new GraphWidget({
            title: 'Function throttles',
            left: perFunction((fn) => fn.metricThrottles()),
          }),
        ],
        [
          new GraphWidget({
            title: 'Reminders: failed runs and SMS not sent',
            left: props.alarms.map((alarm) => alarm.metric),
          }),
        ],
      ],
    });
  }
}
