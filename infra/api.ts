import { CfnOutput, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { CfnStage, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { FUNCTIONS, ROUTES, type FunctionName } from '../shared/routes.ts';
import type { Data } from './data.ts';
import type { StaffIdentity } from './identity.ts';
import { platformFunction, type PlatformFunction } from './lambda.ts';
import type { Sms } from './sms.ts';
import type { Uploads } from './uploads.ts';

/**
 * What each function may do to the main table: the actions its store calls
 * make, and no more. (Transactions are authorised per item: a Put inside
 * TransactWriteItems needs dynamodb:PutItem.)
 */
const TABLE_ACCESS: Record<FunctionName, Parameters<Data['grantMain']>[1]> = {
  units: ['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  dispatch: [
    'dynamodb:Query',
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:PutItem',
    // Marks the files a dispatch carries; recalls, new deadlines, urges, resolved problems.
    'dynamodb:UpdateItem',
  ],
  receipts: ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:PutItem'],
  phones: [
    'dynamodb:Query',
    'dynamodb:GetItem',
    // The district calendar, for who is on duty at a moment.
    'dynamodb:BatchGetItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
  ],
  settings: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem'],
  // Also keeps the board, the nearby cells and the ranking's day figures; reads the reports whose
  // extension waits (BatchGetItem), checks a report is as read (ConditionCheckItem).
  reports: [
    'dynamodb:Query',
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:ConditionCheckItem',
  ],
  // Open311: files reports as the citizen site does (numbered: UpdateItem), reads the board.
  open311: [
    'dynamodb:Query',
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
  ],
  // Public reads: the board, the nearby cells, the ranking's day figures, units and categories;
  // it counts each client's requests too (grantRequestCounters: those items only).
  board: ['dynamodb:Query'],
  // Accounts live in the user pool; the table only tells whether a unit exists.
  accounts: ['dynamodb:GetItem'],
  // Reads a file's record and the items that carry it; records a recipient's first download.
  attachments: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
  ],
  upward: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  // Reads the units and their day counters; publishes a bulletin (a new item, never an update).
  bulletins: ['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:PutItem'],
  // Reads only the audit table (grantAuditSearch); nothing of the main table.
  audit: [],
  // Articles (written over the version read: PutItem), the columns' lists, the search index's state.
  articles: ['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  // Questions, their lists, and the search index's state (a public answer changes it).
  questions: ['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
};
/** Functions that send SMS: verification codes, and 立即催办. */
const SENDS_SMS: FunctionName[] = ['phones', 'dispatch'];
const INDEX_ACCESS: Partial<Record<FunctionName, Parameters<Data['grantMain']>[2]>> = {
  receipts: [{ name: 'byUnit', actions: ['dynamodb:Query'] }],
  reports: [
    { name: 'byUnit', actions: ['dynamodb:Query'] },
    { name: 'feed', actions: ['dynamodb:Query'] },
  ],
  board: [{ name: 'byUnit', actions: ['dynamodb:Query'] }],
  open311: [{ name: 'byUnit', actions: ['dynamodb:Query'] }],
  upward: [
    { name: 'byUnit', actions: ['dynamodb:Query'] },
    { name: 'feed', actions: ['dynamodb:Query'] },
  ],
  bulletins: [{ name: 'byUnit', actions: ['dynamodb:Query'] }],
  articles: [{ name: 'byUnit', actions: ['dynamodb:Query'] }],
  questions: [{ name: 'byUnit', actions: ['dynamodb:Query'] }],
};

/** The HTTP API: one route per entry of `shared/routes.ts`, staff routes behind the Cognito JWT authorizer. */
export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly functions: Record<FunctionName, PlatformFunction>;
  /** The value CloudFront sends as `x-origin-verify` (Web.serveApi). */
  readonly originVerify: Secret;
  /** The seal key: upward reports, and the hourly audit digests. */
  readonly sealKey: Key;

  constructor(
    scope: Construct,
    id: string,
    props: { data: Data; identity: StaffIdentity; sms: Sms; uploads: Uploads },
  ) {
    super(scope, id);
    // Keys verification-code hashes; only the phones function, which registers and verifies numbers, reads it.
    // CloudFront sends it with every API request; the functions answer nothing without it.
    this.originVerify = new Secret(this, 'OriginVerify', {
      description:
        'The x-origin-verify header CloudFront sends the API (the API refuses requests without it)',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(this.originVerify).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotated by the operator (README, "The edge"): put a new value, then deploy so CloudFront sends it; the API accepts the current and the previous value meanwhile.',
    });
    const phoneCodeKey = new Secret(this, 'PhoneCodeKey', {
      description: 'HMAC key of phone verification codes (only their hashes are stored)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(phoneCodeKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'A new key only invalidates codes sent in the last 10 minutes; replace it by hand (or with the stack) if it may have leaked. No rotation Lambda is worth that.',
    });
    // The units' electronic seal (Art9): the private key never leaves KMS. China regions also offer SM2 keys (README).
    const sealKey = (this.sealKey = new Key(this, 'SealKey', {
      description: 'Seals upward reports approved by a unit head (ES256 over the canonical digest)',
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      alias: 'xinhua/upward-seal',
      removalPolicy: RemovalPolicy.RETAIN,
    }));
    // Operators raise the per-client limits of public routes where many citizens share one address.
    const scale = this.node.tryGetContext('perClientLimitScale') as string | number | undefined;
    const environment = {
      TABLE_NAME: props.data.table.tableName,
      AUDIT_TABLE_NAME: props.data.auditTable.tableName,
    };
    this.functions = Object.fromEntries(
      FUNCTIONS.map((name) => {
        const sends =
          SENDS_SMS.includes(name) || (name === 'accounts' && props.identity.accountsSendSms);
        const fn = platformFunction(this, name, {
          ...environment,
          ORIGIN_VERIFY_SECRET_ARN: this.originVerify.secretArn,
          ...(sends ? props.sms.environment : {}),
          ...(name === 'phones' ? { PHONE_CODE_SECRET_ARN: phoneCodeKey.secretArn } : {}),
          ...(scale !== undefined &&
          ROUTES.some((route) => route.function === name && route.perClient)
            ? { PER_CLIENT_LIMIT_SCALE: String(scale) }
            : {}),
          ...(['reports', 'attachments', 'board', 'open311', 'articles', 'questions'].includes(name)
            ? { PHOTOS_BUCKET: props.uploads.bucket.bucketName }
            : {}),
          ...(name === 'upward' ? { SEAL_KEY_ID: sealKey.keyArn } : {}),
          ...(name === 'accounts' || name === 'phones'
            ? props.identity.directoryEnvironment()
            : {}),
        });
        props.data.grantMain(fn, TABLE_ACCESS[name], INDEX_ACCESS[name]);
        this.originVerify.grantRead(fn);
        // Every function that changes something writes its audit record; the search only reads.
        if (name !== 'audit' && name !== 'board') props.data.grantAuditAppend(fn);
        if (sends) props.sms.grantSend(fn);
        if (name === 'phones') phoneCodeKey.grantRead(fn);
        if (name === 'reports') props.uploads.grantReportsApi(fn);
        if (name === 'articles' || name === 'questions') props.uploads.grantSearchIndex(fn);
        if (name === 'articles') props.uploads.grantArticleFiles(fn);
        if (name === 'board' || name === 'open311') {
          props.uploads.grantPhotoLinks(fn);
          props.data.grantRequestCounters(fn);
        }
        // 退单/延期: the office's list of extensions to decide is the only thing it deletes from.
        if (name === 'reports') props.data.grantExtensionListDeletes(fn);
        if (name === 'attachments') props.uploads.grantAttachmentsApi(fn);
        if (name === 'upward') sealKey.grant(fn, 'kms:Sign', 'kms:GetPublicKey');
        if (name === 'accounts') props.identity.grantAccountAdministration(fn);
        if (name === 'phones') props.identity.grantPhoneSignIn(fn);
        if (name === 'audit') props.data.grantAuditSearch(fn);
        return [name, fn];
      }),
    ) as Record<FunctionName, PlatformFunction>;

    // No CORS: CloudFront serves the web apps and the API on one origin (Web.serveApi).
    this.httpApi = new HttpApi(this, 'Http', {
      description: 'Xinhua district office network and citizen app (API.md v1)',
    });
    const authorizer = props.identity.authorizer();
    const integrations = Object.fromEntries(
      FUNCTIONS.map((name) => [
        name,
        new HttpLambdaIntegration(`${name}-integration`, this.functions[name]),
      ]),
    ) as Record<FunctionName, HttpLambdaIntegration>;
    for (const route of ROUTES) {
      const [added] = this.httpApi.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: integrations[route.function],
        ...(route.groups === 'public' ? {} : { authorizer }),
      });
      if (route.groups === 'public' && added) {
        Validations.of(added).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason:
            'A citizen route (/public/*): no account by design; a report is read back only with its tracking token.',
        });
      }
    }

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.SIX_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const stage = this.httpApi.defaultStage?.node.defaultChild as CfnStage;
    stage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        ip: '$context.identity.sourceIp',
        time: '$context.requestTime',
        routeKey: '$context.routeKey',
        status: '$context.status',
        latencyMs: '$context.responseLatency',
        integrationError: '$context.integrationErrorMessage',
        sub: '$context.authorizer.claims.sub',
      }),
    };
    stage.defaultRouteSettings = { throttlingBurstLimit: 200, throttlingRateLimit: 100 };
    // Citizen routes need no account: they get a tighter limit than staff routes. (RouteSettings is raw JSON in CloudFormation: its keys are capitalised.)
    stage.routeSettings = Object.fromEntries(
      ROUTES.filter((route) => route.groups === 'public').map((route) => [
        `${route.method} ${route.path}`,
        { ThrottlingBurstLimit: 20, ThrottlingRateLimit: 10 },
      ]),
    );

    props.identity.serve(this.httpApi, this.originVerify);

    new CfnOutput(this, 'Url', { value: this.httpApi.apiEndpoint });
  }
}
