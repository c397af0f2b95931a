import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import {
  BlockPublicAccess,
  Bucket,
  CfnBucket,
  BucketEncryption,
  EventType,
  HttpMethods,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Data } from './data.ts';
import { platformFunction, type PlatformFunction } from './lambda.ts';

/**
 * Citizen photos and document attachments: a private bucket that browsers POST to with presigned
 * forms (`incoming/`), an uploads function that checks each upload and moves
 * it to `photos/` or `quarantine/`, and lifecycles that clear what is left.
 */
export class Uploads extends Construct {
  readonly bucket: Bucket;
  /** Server access logs of the stack's buckets. */
  readonly accessLogs: Bucket;
  readonly function: PlatformFunction;
  /** Upload checks that failed after S3's retries: the photo would stay `expected`. */
  readonly failures: Queue;
  readonly alarms: Alarm[];

  constructor(scope: Construct, id: string, props: { data: Data }) {
    super(scope, id);
    const accessLogs = (this.accessLogs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(180) }],
      removalPolicy: RemovalPolicy.RETAIN,
    }));
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This is the access-log bucket of the stack’s buckets; logging it to itself would loop.',
    });

    this.bucket = new Bucket(this, 'Photos', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'photos/',
      removalPolicy: RemovalPolicy.RETAIN,
      cors: [
        {
          allowedMethods: [HttpMethods.POST],
          allowedOrigins: ['*'],
          allowedHeaders: ['*'],
          maxAge: 3600,
        },
        // The console fetches a download through the API's 302; after a cross-origin
        // redirect the browser says `Origin: null`, so no narrower origin can match.
        // The presigned link, valid 5 minutes, is what grants the read.
        { allowedMethods: [HttpMethods.GET], allowedOrigins: ['*'], maxAge: 3600 },
      ],
      lifecycleRules: [
        // An upload is checked within seconds; anything still here a day later was never checked.
        {
          prefix: 'incoming/',
          expiration: Duration.days(1),
          noncurrentVersionExpiration: Duration.days(1),
        },
        {
          prefix: 'attachments/incoming/',
          expiration: Duration.days(1),
          noncurrentVersionExpiration: Duration.days(1),
        },
        {
          prefix: 'quarantine/',
          expiration: Duration.days(30),
          noncurrentVersionExpiration: Duration.days(1),
        },
        {
          noncurrentVersionExpiration: Duration.days(30),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    });

    // S3 invokes asynchronously and retries twice; a check that still fails lands here, never silently.
    this.failures = new Queue(this, 'FailedChecks', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.failures).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the on-failure destination of the uploads check.',
    });
    this.function = platformFunction(
      this,
      'uploads',
      {
        TABLE_NAME: props.data.table.tableName,
        AUDIT_TABLE_NAME: props.data.auditTable.tableName,
        PHOTOS_BUCKET: this.bucket.bucketName,
      },
      {
        timeout: Duration.seconds(30),
        // A 10 MiB photo decodes to ~50 MB of pixels for sharp; memory also buys CPU for the re-encoding.
        memorySize: 1024,
        onFailure: new SqsDestination(this.failures),
      },
    );
    props.data.grantMain(this.function, ['dynamodb:Query', 'dynamodb:UpdateItem']);
    // Deletes exactly the version it checked (the bucket is versioned), never a later upload.
    this.allow(
      this.function,
      ['s3:GetObject', 's3:DeleteObject', 's3:DeleteObjectVersion'],
      'incoming/*',
      'attachments/incoming/*',
    );
    this.allow(this.function, ['s3:PutObject'], 'photos/*', 'quarantine/*', 'attachments/files/*');
    // Without ListBucket, S3 answers a read of a missing object 403, not 404: a late or repeated
    // event for an upload already checked would fail into the DLQ instead of being tidied away.
    this.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [this.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': ['incoming/*', 'attachments/incoming/*'] } },
      }),
    );
    this.alarms = [
      new Alarm(this, 'FailedChecksAlarm', {
        alarmDescription:
          'An upload could not be checked after S3’s retries; its photo stays “checking”',
        metric: this.failures.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(1),
        }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    ];
    for (const prefix of ['incoming/', 'attachments/incoming/'])
      this.bucket.addEventNotification(
        EventType.OBJECT_CREATED,
        new LambdaDestination(this.function),
        { prefix },
      );
    Validations.of(Stack.of(this)).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        'Only CDK’s own BucketNotificationsHandler uses it, to configure the bucket notification at deploy time; our functions have their own roles.',
    });
  }

  /** The reports API signs upload forms for `incoming/*` and links to checked photos only. */
  grantReportsApi(grantee: IGrantable): void {
    this.allow(grantee, ['s3:PutObject'], 'incoming/*');
    this.allow(grantee, ['s3:GetObject'], 'photos/*');
  }

  /** The public board links to checked photos only. */
  grantPhotoLinks(grantee: IGrantable): void {
    this.allow(grantee, ['s3:GetObject'], 'photos/*');
  }

  /**
   * An article's files: the checked staff files it links to, and its images
   * re-encoded on publish under `articles/` (read back for links).
   */
  grantArticleFiles(grantee: IGrantable): void {
    this.allow(grantee, ['s3:GetObject'], 'attachments/files/*');
    this.allow(grantee, ['s3:GetObject', 's3:PutObject'], 'articles/*');
  }

  /** The search index of the columns: built on publish (put, then the old one deleted), read by every search. */
  grantSearchIndex(grantee: IGrantable): void {
    this.allow(grantee, ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], 'search/*');
  }

  /** The attachments API signs upload forms for `attachments/incoming/*` and download links to checked files only. */
  grantAttachmentsApi(grantee: IGrantable): void {
    this.allow(grantee, ['s3:PutObject'], 'attachments/incoming/*');
    this.allow(grantee, ['s3:GetObject'], 'attachments/files/*');
  }

  private allow(grantee: IGrantable, actions: string[], ...prefixes: string[]): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions,
        resources: prefixes.map((prefix) => this.bucket.arnForObjects(prefix)),
      }),
    );
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnBucket);
    for (const prefix of prefixes) {
      Validations.of(grantee.grantPrincipal as unknown as Construct).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}]`,
        reason: `Objects under ${prefix} of the uploads bucket only; their keys carry ids unknown when deploying.`,
      });
    }
  }
}
