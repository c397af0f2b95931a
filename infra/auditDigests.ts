import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  ObjectLockRetention,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { businessMetricAlarm } from './alarms.ts';
import type { Data } from './data.ts';
import { platformFunction, type PlatformFunction } from './lambda.ts';

/**
 * Tamper evidence for the audit log (Art21): every hour the digester chains
 * the hour's audit records, signs the digest with a KMS key of its own (not
 * the unit seal's) and writes it once (`If-None-Match: *`) to a bucket under
 * Object Lock in compliance mode — nobody, the root account included, can
 * change or delete a digest before its retention ends (`-c
 * auditRetentionDays=`, default 180). `npm run audit:verify` checks the
 * table against them. Only the digester may move the chain's state.
 */
export class AuditDigests extends Construct {
  readonly bucket: Bucket;
  readonly function: PlatformFunction;
  readonly alarms: Alarm[];
  /** The watch on the audit table's stream. */
  readonly watch: PlatformFunction;
  /** The digests' signing key: its public half is what `audit:verify --jwks` checks against. */
  readonly key: Key;

  constructor(scope: Construct, id: string, props: { data: Data; logs: Bucket }) {
    super(scope, id);
    this.key = new Key(this, 'DigestKey', {
      description: 'Signs the hourly audit digests (ES256); a key of its own, never the unit seal',
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      alias: 'xinhua/audit-digest',
      removalPolicy: RemovalPolicy.RETAIN,
    });
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
        DIGEST_KEY_ID: this.key.keyArn,
      },
      { timeout: Duration.minutes(5), reservedConcurrency: 1 },
    );
    // Where the chain stands (one item); the hour's records from the audit table's `byDay` index.
    props.data.grantMain(this.function, ['dynamodb:GetItem', 'dynamodb:PutItem'], [], {
      movesAuditChain: true,
    });
    this.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [`${props.data.auditTable.tableArn}/index/byDay`],
      }),
    );
    // Writes each hour once; reads an hour back when it was digested already.
    this.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:PutObject', 's3:GetObject'],
        resources: [this.bucket.arnForObjects('digests/*')],
      }),
    );
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnBucket);
    Validations.of(this.function.role as unknown as Construct).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/digests/*]`,
      reason:
        'New digests under digests/ only, one per hour, named by the hour; Object Lock keeps every version.',
    });
    this.key.grant(this.function, 'kms:Sign', 'kms:GetPublicKey');

    new Rule(this, 'Hourly', {
      description: 'Audit digest: chain, sign and lock the last hour of audit records',
      schedule: Schedule.cron({ minute: '5' }),
      targets: [new LambdaFunction(this.function, { retryAttempts: 2 })],
    });
    // Append only: any change or deletion of an audit record wakes the watch, and its count the alarm.
    const watch = (this.watch = platformFunction(
      this,
      'auditWatch',
      {},
      { timeout: Duration.seconds(30) },
    ));
    watch.addEventSource(
      new DynamoEventSource(props.data.auditTable, {
        startingPosition: StartingPosition.LATEST,
        batchSize: 100,
        retryAttempts: 3,
        filters: [
          FilterCriteria.filter({ eventName: FilterRule.isEqual('MODIFY') as unknown }),
          FilterCriteria.filter({ eventName: FilterRule.isEqual('REMOVE') as unknown }),
        ],
      }),
    );
    this.alarms = [
      businessMetricAlarm(
        this,
        'AuditChangedAlarm',
        'AuditRecordsChanged',
        'An audit record was changed or deleted (the platform only appends): see the auditWatch log',
        Duration.minutes(1),
      ),
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
