import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  ObjectLockRetention,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { Data } from './data.ts';
import { platformFunction, type PlatformFunction } from './lambda.ts';

/**
 * Tamper evidence for the audit log (Art21): every hour the digester chains
 * the hour's audit records, signs the digest with the seal key and writes
 * it to a bucket under Object Lock in compliance mode — nobody, the root
 * account included, can change or delete a digest before its retention
 * ends (`-c auditRetentionDays=`, default 180). `npm run audit:verify`
 * checks the table against them.
 */
export class AuditDigests extends Construct {
  readonly bucket: Bucket;
  readonly function: PlatformFunction;
  readonly alarms: Alarm[];

  constructor(scope: Construct, id: string, props: { data: Data; sealKey: IKey; logs: Bucket }) {
    super(scope, id);
    const retentionDays = Number(this.node.tryGetContext('auditRetentionDays') ?? 180);
    this.bucket = new Bucket(this, 'Digests', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      objectLockEnabled: true,
      objectLockDefaultRetention: ObjectLockRetention.compliance(Duration.days(retentionDays)),
      serverAccessLogsBucket: props.logs,
      serverAccessLogsPrefix: 'audit-digests/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.function = platformFunction(
      this,
      'auditDigest',
      {
        TABLE_NAME: props.data.table.tableName,
        AUDIT_TABLE_NAME: props.data.auditTable.tableName,
        AUDIT_DIGEST_BUCKET: this.bucket.bucketName,
        SEAL_KEY_ID: props.sealKey.keyArn,
      },
      { timeout: Duration.minutes(5), reservedConcurrency: 1 },
    );
    // Where the chain stands (one item); the hour's records from the audit table's `byDay` index.
    props.data.grantMain(this.function, ['dynamodb:GetItem', 'dynamodb:PutItem']);
    this.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [`${props.data.auditTable.tableArn}/index/byDay`],
      }),
    );
    this.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects('digests/*')],
      }),
    );
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnBucket);
    Validations.of(this.function.role as unknown as Construct).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/digests/*]`,
      reason:
        'New digests under digests/ only, one per hour, named by the hour; Object Lock keeps every version.',
    });
    props.sealKey.grant(this.function, 'kms:Sign', 'kms:GetPublicKey');

    new Rule(this, 'Hourly', {
      description: 'Audit digest: chain, sign and lock the last hour of audit records',
      schedule: Schedule.cron({ minute: '5' }),
      targets: [new LambdaFunction(this.function, { retryAttempts: 2 })],
    });
    this.alarms = [
      new Alarm(this, 'ErrorsAlarm', {
        alarmDescription: 'The audit digest is failing: hours are not being sealed',
        metric: this.function.metricErrors({ period: Duration.hours(1) }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    ];
  }
}
