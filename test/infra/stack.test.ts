import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import { apiPathSegments, EdgeStack, RATE_LIMITS } from '../../infra/edge.ts';
import { IDENTITY_PUBLIC_PATHS } from '../../infra/platformIdentity.ts';
import { STACK_FACTS } from '../../scripts/cost-model.ts';
import { FUNCTIONS, ROUTES } from '../../shared/routes.ts';
import { MAIN_TABLE } from '../../shared/store/tables.ts';

let template: Template;
type Statement = {
  Action: string | string[];
  Resource: unknown;
  Effect: string;
  Condition?: unknown;
};

/** Every policy statement attached to the role of one function. */
function statementsOf(functionName: string): Statement[] {
  const roles = template.findResources('AWS::IAM::Role');
  const roleId = Object.keys(roles).find((id) => id.includes(`${functionName}role`));
  const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
    (policy['Properties'].Roles as { Ref: string }[]).some((role) => role.Ref === roleId),
  );
  return policies.flatMap((policy) => policy['Properties'].PolicyDocument.Statement as Statement[]);
}
const actionsOf = (statement: Statement) => [statement.Action].flat();

const outdir = mkdtempSync(join(tmpdir(), 'cdk-test-'));

/** Each of the platform's functions (not CDK's own handlers) and the folder of its bundle. */
const functionBundles = () =>
  Object.entries(template.findResources('AWS::Lambda::Function'))
    .filter(([id]) => !id.startsWith('BucketNotificationsHandler') && !id.startsWith('Custom'))
    .map(([id, fn]) => ({
      id,
      dir: join(outdir, `asset.${String(fn['Properties'].Code.S3Key).replace(/\.zip$/, '')}`),
    }));
afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

/** The office network of the synth below. */
const STAFF_CIDRS = '10.20.0.0/16,2001:db8:20::/48';
let edgeTemplate: Template;

beforeAll(() => {
  // As `cdk deploy` synthesizes: a region known (the web ACL's stack in us-east-1 is wired by it),
  // and the office network named.
  const region = process.env['CDK_DEFAULT_REGION'];
  process.env['CDK_DEFAULT_REGION'] = 'ap-southeast-1';
  try {
    const { app, stack, edge } = buildApp(
      new App({ outdir, context: { staffCidrs: STAFF_CIDRS } }),
    );
    // cdk-nag runs as a policy validation plugin: synth throws on any unacknowledged finding.
    app.synth();
    template = Template.fromStack(stack);
    edgeTemplate = Template.fromStack(edge!);
  } finally {
    if (region === undefined) delete process.env['CDK_DEFAULT_REGION'];
    else process.env['CDK_DEFAULT_REGION'] = region;
  }
});

describe('data', () => {
  it('keeps both tables: on-demand, PITR, deletion protection, retained on stack deletion', () => {
    const tables = template.findResources('AWS::DynamoDB::GlobalTable');
    expect(Object.keys(tables)).toHaveLength(2);
    for (const table of Object.values(tables)) {
      expect(table['DeletionPolicy']).toBe('Retain');
      expect(table['Properties']).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        Replicas: [
          expect.objectContaining({
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          }),
        ],
      });
    }
  });

  it('gives the main table the byUnit and sparse, sharded due indexes', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: Match.arrayWith([
        Match.objectLike({
          IndexName: 'byUnit',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
        }),
        Match.objectLike({
          IndexName: 'due',
          KeySchema: [
            { AttributeName: 'duePk', KeyType: 'HASH' },
            { AttributeName: 'dueAt', KeyType: 'RANGE' },
          ],
          Projection: {
            ProjectionType: 'INCLUDE',
            NonKeyAttributes: MAIN_TABLE.indexes.due.include,
          },
        }),
      ]),
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });
});

describe('identity', () => {
  it('has a user pool with the five groups, the unitId attribute and no self sign-up', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Schema: Match.arrayWith([Match.objectLike({ Name: 'unitId', AttributeDataType: 'String' })]),
    });
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup')).map(
      (group) => group['Properties'].GroupName,
    );
    expect(groups.sort()).toEqual([
      'district-admin',
      'district-office',
      'unit-admin',
      'unit-head',
      'unit-staff',
    ]);
  });

  it('signs in by password (TOTP when set up, and when a sign-in is risky) or by a code texted to the phone (Art14), each audited', () => {
    const pools = Object.values(template.findResources('AWS::Cognito::UserPool'));
    expect(pools).toHaveLength(1);
    const pool = pools[0]!['Properties'];
    // Cognito offers passwordless first factors only where MFA is not required.
    expect(pool).toMatchObject({
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'SMS_OTP'] } },
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      SmsAuthenticationMessage:
        '【新华区政务网】验证码{####}，5分钟内有效，用于登录新华区政务网，请勿告诉他人。',
      SmsConfiguration: expect.objectContaining({ SnsCallerArn: expect.anything() }),
    });
    // The trigger is the signIns function; it may append audit records and nothing else.
    expect(JSON.stringify(pool.LambdaConfig.PostAuthentication)).toContain('IdentitysignIns');
    expect(statementsOf('signIns').flatMap(actionsOf).sort()).toEqual([
      'dynamodb:PutItem',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
    ]);
    // The console's client offers the choice (USER_AUTH) in managed login.
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_AUTH']),
    });
    // Only the phones function (a number verified or retired) and the accounts function (a new
    // account) set whether a phone signs an account in.
    const updating = [...FUNCTIONS, 'reminders', 'uploads', 'signIns'].filter((name) =>
      statementsOf(name).some((statement) =>
        actionsOf(statement).includes('cognito-idp:AdminUpdateUserAttributes'),
      ),
    );
    expect(updating.sort()).toEqual(['accounts', 'phones']);
    expect(
      statementsOf('phones')
        .filter((statement) =>
          actionsOf(statement).some((action) => action.startsWith('cognito-idp:')),
        )
        .flatMap(actionsOf)
        .sort(),
    ).toEqual([
      'cognito-idp:AdminGetUser',
      'cognito-idp:AdminListGroupsForUser',
      'cognito-idp:AdminUpdateUserAttributes',
      'cognito-idp:ListUsers',
    ]);
  });

  it('never lets a user write their own unit', () => {
    const client = Object.values(template.findResources('AWS::Cognito::UserPoolClient'))[0];
    expect(client?.['Properties'].WriteAttributes).not.toContain('custom:unitId');
    expect(client?.['Properties'].ReadAttributes).toContain('custom:unitId');
  });

  it('signs the console in with the authorization code, back to the console only, on tokens that last 15 minutes', () => {
    const consoleUrl = {
      'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distribution(), 'DomainName'] }, '/']],
    };
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'profile'],
      CallbackURLs: [consoleUrl],
      LogoutURLs: [consoleUrl],
      GenerateSecret: false,
      SupportedIdentityProviders: ['COGNITO'],
    });
    for (const client of Object.values(template.findResources('AWS::Cognito::UserPoolClient'))) {
      expect(client['Properties']).toMatchObject({
        IdTokenValidity: 15,
        AccessTokenValidity: 15,
        RefreshTokenValidity: 12 * 60,
        TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
      });
      expect(client['Properties'].AllowedOAuthFlows ?? []).not.toContain('implicit');
    }
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { ManagedLoginVersion: 2 });
    template.resourceCountIs('AWS::Cognito::ManagedLoginBranding', 1);
  });
});

const distribution = () => Object.keys(template.findResources('AWS::CloudFront::Distribution'))[0]!;

describe('the edge (web ACL, us-east-1)', () => {
  it('lets the staff side be reached only from the office network, both IP versions', () => {
    edgeTemplate.hasResourceProperties('AWS::WAFv2::IPSet', {
      Scope: 'CLOUDFRONT',
      IPAddressVersion: 'IPV4',
      Addresses: ['10.20.0.0/16'],
    });
    edgeTemplate.hasResourceProperties('AWS::WAFv2::IPSet', {
      Scope: 'CLOUDFRONT',
      IPAddressVersion: 'IPV6',
      Addresses: ['2001:db8:20::/48'],
    });
    const [acl] = Object.values(edgeTemplate.findResources('AWS::WAFv2::WebACL'));
    const { Scope, DefaultAction, Rules } = acl!['Properties'] as {
      Scope: string;
      DefaultAction: unknown;
      Rules: { Name: string; Action?: unknown; Statement: Record<string, unknown> }[];
    };
    expect(Scope).toBe('CLOUDFRONT');
    expect(DefaultAction).toEqual({ Allow: {} });
    expect(Rules.map((rule) => rule.Name)).toEqual([
      'StaffSideOnlyFromOfficeNetwork',
      'RatePerAddress-public',
      'RatePerAddress-open311',
      'AWSManagedRulesCommonRuleSet',
      'AWSManagedRulesKnownBadInputsRuleSet',
    ]);
    const staff = JSON.stringify(Rules[0]);
    expect(Rules[0]!.Action).toEqual({ Block: {} });
    // Not public and not from the office: blocked. The citizen site, /public and /open311 stay open.
    for (const open of ['/m/', '/public/', '/open311/', '/config.json'])
      expect(staff).toContain(`"SearchString":"${open}"`);
    expect(staff.match(/IPSetReferenceStatement/g)).toHaveLength(2);
  });

  it('limits each address on /public and /open311, sized for carrier-grade NAT, and runs AWS’s rule sets', () => {
    const [acl] = Object.values(edgeTemplate.findResources('AWS::WAFv2::WebACL'));
    const rules = acl!['Properties'].Rules as {
      Name: string;
      Statement: Record<string, unknown>;
    }[];
    const rate = (name: string) =>
      rules.find((rule) => rule.Name === name)!.Statement['RateBasedStatement'];
    expect(rate('RatePerAddress-public')).toMatchObject({
      Limit: RATE_LIMITS.public,
      AggregateKeyType: 'IP',
      ScopeDownStatement: { ByteMatchStatement: { SearchString: '/public/' } },
    });
    expect(rate('RatePerAddress-open311')).toMatchObject({ Limit: RATE_LIMITS.open311 });
    const common = rules.find((rule) => rule.Name === 'AWSManagedRulesCommonRuleSet')!;
    // A dispatch may carry 256 KB of text: the common set's 8 KB body limit only counts.
    expect(JSON.stringify(common)).toContain(
      '{"ActionToUse":{"Count":{}},"Name":"SizeRestrictions_BODY"}',
    );
  });
});

describe('the edge where the platform signs staff in itself (-c identity=platform)', () => {
  it('lets API Gateway’s authorizer read the provider’s discovery and keys from anywhere, nothing else of it', () => {
    const app = new App();
    const withProvider = Template.fromStack(
      new EdgeStack(app, 'EdgePlatform', {
        env: { region: 'us-east-1' },
        staffCidrs: STAFF_CIDRS,
        identity: 'platform',
      }),
    );
    const staffRule = (edge: Template) =>
      JSON.stringify(
        (
          Object.values(edge.findResources('AWS::WAFv2::WebACL'))[0]!['Properties'] as {
            Rules: unknown[];
          }
        ).Rules[0],
      );
    for (const path of IDENTITY_PUBLIC_PATHS) {
      expect(staffRule(withProvider)).toContain(`"SearchString":"${path}"`);
      expect(staffRule(edgeTemplate)).not.toContain(path);
    }
    // Its sign-in pages are the staff side: from the office network only.
    expect(staffRule(withProvider)).not.toContain('"SearchString":"/identity/"');
  });
});

describe('one origin (CloudFront)', () => {
  const distributionConfig = () =>
    Object.values(template.findResources('AWS::CloudFront::Distribution'))[0]!['Properties']
      .DistributionConfig as {
      WebACLId: unknown;
      CacheBehaviors: { PathPattern: string; TargetOriginId: string; CachePolicyId: string }[];
      Origins: { Id: string; DomainName: unknown; OriginCustomHeaders?: unknown[] }[];
    };

  it('is behind the edge stack’s web ACL', () => {
    expect(JSON.stringify(distributionConfig().WebACLId)).toContain('WebAcl');
  });

  it('sends every API path to the HTTP API with the secret origin-verify header, staff answers never cached', () => {
    const config = distributionConfig();
    expect(config.CacheBehaviors.map((behavior) => behavior.PathPattern).sort()).toEqual(
      apiPathSegments().map((segment) => `/${segment}*`),
    );
    const api = config.Origins.find((origin) =>
      JSON.stringify(origin.DomainName).includes('execute-api'),
    )!;
    expect(JSON.stringify(api.OriginCustomHeaders)).toMatch(
      /"HeaderName":"x-origin-verify","HeaderValue":\{"Fn::Join":\["",\["\{\{resolve:secretsmanager:",\{"Ref":"ApiOriginVerify/,
    );
    for (const behavior of config.CacheBehaviors) {
      expect(behavior.TargetOriginId).toBe(api.Id);
      const cached = behavior.PathPattern === '/public*' || behavior.PathPattern === '/open311*';
      // Managed policies: CachingDisabled, and UseOriginCacheControlHeaders-QueryStrings.
      expect(behavior.CachePolicyId).toBe(
        cached ? '4cc15a8a-d715-48a4-82b8-cc0b614638fe' : '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
      );
    }
  });

  it('tells the web apps the API is on their own origin, and says the office network in an output', () => {
    template.hasOutput('StaffCidrs', { Value: STAFF_CIDRS });
  });
});

describe('api', () => {
  it('has a JWT authorizer on the Cognito pool', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [Match.anyValue(), Match.anyValue()],
        Issuer: Match.anyValue(),
      },
    });
  });

  it('has no CORS: the web apps and the API share CloudFront’s origin', () => {
    const [api] = Object.values(template.findResources('AWS::ApiGatewayV2::Api'));
    expect(api!['Properties'].CorsConfiguration).toBeUndefined();
  });

  it('gives every API function the origin-verify secret to check, and only read access to it', () => {
    const secret = Object.keys(template.findResources('AWS::SecretsManager::Secret')).find((id) =>
      id.includes('OriginVerify'),
    )!;
    const functions = template.findResources('AWS::Lambda::Function');
    for (const name of FUNCTIONS) {
      const [fn] = Object.entries(functions).filter(([id]) => id.includes(`Api${name}`));
      expect(fn?.[1]['Properties'].Environment.Variables.ORIGIN_VERIFY_SECRET_ARN, name).toEqual({
        Ref: secret,
      });
      expect(
        statementsOf(name).filter((statement) =>
          JSON.stringify(statement.Resource).includes(secret),
        ),
      ).toEqual([
        expect.objectContaining({
          Action: expect.arrayContaining(['secretsmanager:GetSecretValue']),
          Effect: 'Allow',
        }),
      ]);
    }
  });

  it('has exactly one route per entry of the route table, staff routes behind the authorizer', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
      (route) => route['Properties'],
    );
    expect(routes.map((route) => route.RouteKey).sort()).toEqual(
      ROUTES.map((route) => `${route.method} ${route.path}`).sort(),
    );
    for (const route of routes) {
      const entry = ROUTES.find((r) => `${r.method} ${r.path}` === route.RouteKey);
      expect(route.AuthorizationType).toBe(entry?.groups === 'public' ? 'NONE' : 'JWT');
    }
  });

  it('writes access logs and throttles', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      AccessLogSettings: {
        DestinationArn: Match.anyValue(),
        Format: Match.stringLikeRegexp('requestId'),
      },
      DefaultRouteSettings: {
        ThrottlingBurstLimit: Match.anyValue(),
        ThrottlingRateLimit: Match.anyValue(),
      },
    });
  });
});

describe('functions', () => {
  it('runs every function on nodejs22.x, arm64, with a log group that has a retention', () => {
    // All but CDK's own deploy-time handlers: the bucket notification and the web deployment.
    const functions = Object.entries(template.findResources('AWS::Lambda::Function'))
      .filter(([id]) => !id.startsWith('BucketNotificationsHandler') && !id.startsWith('Custom'))
      .map(([, fn]) => fn);
    expect(functions).toHaveLength(FUNCTIONS.length + 5);
    for (const fn of functions) {
      expect(fn['Properties']).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
      });
    }
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 180 });
  });

  it('deploys each function its own bundle, with the Excel export in a chunk loaded only when asked for', async () => {
    const bundles = functionBundles();
    expect(bundles).toHaveLength(FUNCTIONS.length + 5);
    expect(new Set(bundles.map((bundle) => bundle.dir)).size).toBe(bundles.length);
    for (const { dir } of bundles) expect(existsSync(join(dir, 'index.mjs'))).toBe(true);
    const bulletins = bundles.find((bundle) => bundle.id.startsWith('Apibulletins'));
    const files = readdirSync(bulletins?.dir ?? '');
    const xlsx = files.find((file) => file.startsWith('xlsx-'));
    expect(readFileSync(join(bulletins?.dir ?? '', xlsx ?? ''), 'utf8')).toContain('ExcelJS');
    expect(readFileSync(join(bulletins?.dir ?? '', 'index.mjs'), 'utf8')).not.toContain('ExcelJS');
    // The chunk runs on its own, as the export route loads it: an .xlsx (a ZIP) comes out.
    const { receptionXlsx } = (await import(
      pathToFileURL(join(bulletins?.dir ?? '', xlsx ?? '')).href
    )) as typeof import('../../functions/bulletins/xlsx.ts');
    const workbook = await receptionXlsx([], { from: '2026-11-01', to: '2026-11-25' });
    expect(Buffer.from(workbook).subarray(0, 2).toString()).toBe('PK');
    // The photo check ships sharp's Linux arm64 build (Lambda's), not this machine's, beside its bundle.
    const uploads = bundles.find((bundle) => bundle.id.startsWith('Uploadsuploads'));
    const img = readdirSync(join(uploads?.dir ?? '', 'node_modules', '@img'));
    expect(img).toEqual(expect.arrayContaining(['sharp-linux-arm64', 'sharp-libvips-linux-arm64']));
    expect(img.filter((name) => name.includes('x64'))).toEqual([]);
    expect(readFileSync(join(uploads?.dir ?? '', 'index.mjs'), 'utf8')).not.toContain('libvips');
  });

  it('bundles no local-only adapter into any function', () => {
    for (const { id, dir } of functionBundles()) {
      const code = readdirSync(dir)
        .filter((file) => file.endsWith('.mjs'))
        .map((file) => readFileSync(join(dir, file), 'utf8'))
        .join('\n');
      // The SMS and mail outboxes, the key files, the local emulator, the demo accounts' password.
      // (The table directory's password hashing is deployed code: where Cognito is not offered.)
      for (const local of [
        'sms-outbox',
        'mail-outbox',
        'generateKeyPairSync',
        'S3RVER',
        'xinhua-local',
      ])
        expect(code, `${id}: ${local}`).not.toContain(local);
    }
  });

  it('grants the audit table PutItem only (the search Query only), and no wildcard but SMS publishing', () => {
    for (const name of [...FUNCTIONS, 'reminders', 'uploads']) {
      const statements = statementsOf(name);
      expect(statements.length).toBeGreaterThan(0);
      for (const statement of statements) {
        for (const action of actionsOf(statement)) expect(action).not.toMatch(/\*/);
        // SMS to a phone number has no ARN: sns:Publish on "*", with Publish to any topic denied beside it.
        if (statement.Resource === '*') {
          expect(statement).toMatchObject({ Effect: 'Allow', Action: 'sns:Publish' });
          expect(statements).toContainEqual(
            expect.objectContaining({
              Effect: 'Deny',
              Action: 'sns:Publish',
              Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:*:*:*']] },
            }),
          );
        } else {
          expect(JSON.stringify(statement.Resource)).not.toMatch(/index\/\*/);
        }
      }
      const audit = statements.filter((statement) =>
        JSON.stringify(statement.Resource).includes('DataAudit'),
      );
      // The reminder check, the photo check and the public board change nothing a person did, and
      // write no audit record; the audit search only reads it, through its own key and two indexes.
      expect(audit.flatMap(actionsOf)).toEqual(
        name === 'reminders' || name === 'uploads' || name === 'board'
          ? []
          : name === 'audit'
            ? ['dynamodb:Query']
            : ['dynamodb:PutItem'],
      );
      if (name === 'audit')
        expect(JSON.stringify(audit.map((statement) => statement.Resource))).toMatch(
          /index\/byActor.*index\/byDay/,
        );
      for (const statement of statements) {
        for (const action of actionsOf(statement)) expect(action).not.toMatch(/Scan|BatchWrite/);
      }
    }
  });

  it('gives no function an AWS managed policy', () => {
    const roles = template.findResources('AWS::IAM::Role');
    for (const name of [...FUNCTIONS, 'reminders', 'uploads']) {
      const role = Object.entries(roles).find(([id]) => id.includes(`${name}role`))?.[1];
      expect(role?.['Properties'].ManagedPolicyArns, name).toBeUndefined();
    }
  });

  it('lets only the phones function delete, the reports function only the office’s extension list, and the columns’ functions only the old search index', () => {
    for (const name of [...FUNCTIONS, 'reminders']) {
      const deletes = statementsOf(name).filter(
        (statement) =>
          statement.Effect === 'Allow' &&
          actionsOf(statement).some((action) => action.includes('Delete')),
      );
      if (name === 'phones')
        expect(deletes.map((statement) => JSON.stringify(statement.Resource))).toEqual([
          expect.stringContaining('DataMain'),
        ]);
      else if (name === 'reports')
        expect(deletes.map((statement) => statement.Condition)).toEqual([
          { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['EXTENSIONS'] } },
        ]);
      else if (name === 'articles' || name === 'questions')
        expect(deletes.map((statement) => JSON.stringify(statement.Resource))).toEqual([
          expect.stringMatching(/UploadsPhotos.*\/search\/\*/),
        ]);
      else expect(deletes).toEqual([]);
    }
  });

  it('gives SMS only to the functions that text: phones (codes), reminders, dispatch (立即催办)', () => {
    for (const name of [...FUNCTIONS, 'reminders']) {
      const publishes = statementsOf(name).some(
        (statement) => statement.Effect === 'Allow' && actionsOf(statement).includes('sns:Publish'),
      );
      expect(publishes, name).toBe(['phones', 'reminders', 'dispatch'].includes(name));
    }
  });

  it('lets only the receipts function query the byUnit index', () => {
    const onIndex = (name: string) =>
      statementsOf(name).filter((statement) =>
        JSON.stringify(statement.Resource).includes('/index/byUnit'),
      );
    expect(onIndex('receipts').flatMap(actionsOf)).toEqual(['dynamodb:Query']);
    expect(onIndex('dispatch')).toEqual([]);
    expect(onIndex('units')).toEqual([]);
  });

  it('never points a deployed function at the local SMS outbox or DynamoDB Local', () => {
    for (const fn of Object.values(template.findResources('AWS::Lambda::Function'))) {
      const variables = Object.keys(fn['Properties'].Environment?.Variables ?? {});
      expect(variables).not.toContain('SMS_OUTBOX_FILE');
      expect(variables).not.toContain('DYNAMODB_ENDPOINT');
    }
  });
});

describe('reminders', () => {
  it('runs the reminder check every minute, with retries and a dead-letter queue', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      Targets: [
        Match.objectLike({
          DeadLetterConfig: { Arn: Match.anyValue() },
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 300 },
        }),
      ],
    });
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
  });

  it('reads only the due index of the main table', () => {
    const onIndexes = statementsOf('reminders').filter((statement) =>
      JSON.stringify(statement.Resource).includes('/index/'),
    );
    expect(
      onIndexes.map((statement) => [
        actionsOf(statement),
        JSON.stringify(statement.Resource).includes('/index/due'),
      ]),
    ).toEqual([[['dynamodb:Query'], true]]);
  });

  it('alarms on the dead-letter queue, on errors, on SMS that could not be sent, on failing numbers and on units nobody can be texted at', () => {
    const alarms = Object.entries(template.findResources('AWS::CloudWatch::Alarm'))
      .filter(([id]) => id.startsWith('Reminders'))
      .map(([, alarm]) => alarm['Properties']);
    expect(alarms.map((alarm) => alarm.MetricName).sort()).toEqual([
      'ApproximateNumberOfMessagesVisible',
      'Errors',
      'PhonesFailing',
      'SmsNotSent',
      'UnitsWithoutReminderPhone',
    ]);
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ $.message = "SMS not sent" }',
    });
  });
});

describe('uploads', () => {
  const bucket = () =>
    Object.entries(template.findResources('AWS::S3::Bucket')).find(([id]) =>
      id.includes('Photos'),
    )!;

  it('keeps photos private, encrypted, versioned, TLS-only, with lifecycles for incoming/ and quarantine/', () => {
    const [id, photos] = bucket();
    expect(photos['Properties']).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
        ],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      CorsConfiguration: {
        CorsRules: [
          expect.objectContaining({ AllowedMethods: ['POST'] }),
          // Reading only, with no headers: a download the 302 of GET /attachments/{id}/download leads to.
          { AllowedMethods: ['GET'], AllowedOrigins: ['*'], MaxAge: 3600 },
        ],
      },
    });
    const rules = photos['Properties'].LifecycleConfiguration.Rules as {
      Prefix?: string;
      ExpirationInDays?: number;
    }[];
    expect(rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Prefix: 'incoming/', ExpirationInDays: 1 }),
        expect.objectContaining({ Prefix: 'quarantine/', ExpirationInDays: 30 }),
      ]),
    );
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: id },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('runs the uploads function on objects created under incoming/ and attachments/incoming/ only', () => {
    const [notifications] = Object.values(
      template.findResources('Custom::S3BucketNotifications'),
    ).map((resource) => resource['Properties'].NotificationConfiguration);
    const filters = (
      notifications.LambdaFunctionConfigurations as {
        Events: string[];
        Filter: { Key: { FilterRules: { Value: string }[] } };
      }[]
    ).map((config) => [config.Events, config.Filter.Key.FilterRules.map((rule) => rule.Value)]);
    expect(filters).toEqual([
      [['s3:ObjectCreated:*'], ['incoming/']],
      [['s3:ObjectCreated:*'], ['attachments/incoming/']],
    ]);
  });

  it('lets each function reach only its own prefixes of the uploads bucket', () => {
    const s3Grants = (name: string) =>
      statementsOf(name)
        .filter((statement) => actionsOf(statement).some((action) => action.startsWith('s3:')))
        .map((statement) => [
          actionsOf(statement).join(','),
          JSON.stringify(statement.Resource).match(/\/([\w/]+)\/\*/g),
        ]);
    expect(s3Grants('reports')).toEqual([
      ['s3:PutObject', ['/incoming/*']],
      ['s3:GetObject', ['/photos/*']],
    ]);
    expect(s3Grants('attachments')).toEqual([
      ['s3:PutObject', ['/attachments/incoming/*']],
      ['s3:GetObject', ['/attachments/files/*']],
    ]);
    expect(s3Grants('uploads')).toEqual([
      [
        's3:GetObject,s3:DeleteObject,s3:DeleteObjectVersion',
        ['/incoming/*', '/attachments/incoming/*'],
      ],
      ['s3:PutObject', ['/photos/*', '/quarantine/*', '/attachments/files/*']],
      ['s3:ListBucket', null],
    ]);
    // Listing lets S3 answer a gone upload 404 (a late event is then tidied away, not failed), and
    // only for the prefixes the check reads.
    expect(
      statementsOf('uploads').find((statement) => actionsOf(statement).includes('s3:ListBucket')),
    ).toMatchObject({
      Condition: { StringLike: { 's3:prefix': ['incoming/*', 'attachments/incoming/*'] } },
    });
    for (const name of [
      'units',
      'dispatch',
      'receipts',
      'phones',
      'settings',
      'reminders',
      'upward',
    ])
      expect(s3Grants(name)).toEqual([]);
  });

  it('seals with a KMS P-256 key that only the upward function may use, and signs digests with another', () => {
    const signingKeys = Object.entries(template.findResources('AWS::KMS::Key')).filter(
      ([, key]) => key['Properties'].KeyUsage === 'SIGN_VERIFY',
    );
    expect(signingKeys.map(([id]) => id.replace(/[A-F0-9]{8}$/, '')).sort()).toEqual([
      'ApiSealKey',
      'AuditDigestsDigestKey',
    ]);
    for (const [, key] of signingKeys) expect(key['Properties'].KeySpec).toBe('ECC_NIST_P256');
    const kms = (name: string) =>
      statementsOf(name).filter((statement) =>
        actionsOf(statement).some((action) => action.startsWith('kms:')),
      );
    const keyOf = (name: string) =>
      JSON.stringify(kms(name).map((statement) => statement.Resource));
    expect(kms('upward').flatMap(actionsOf).sort()).toEqual(['kms:GetPublicKey', 'kms:Sign']);
    expect(kms('auditDigest').flatMap(actionsOf).sort()).toEqual(['kms:GetPublicKey', 'kms:Sign']);
    expect(keyOf('upward')).toContain('ApiSealKey');
    expect(keyOf('auditDigest')).toContain('AuditDigestsDigestKey');
    expect(keyOf('auditDigest')).not.toContain('ApiSealKey');
    for (const name of FUNCTIONS.filter((name) => name !== 'upward')) expect(kms(name)).toEqual([]);
  });

  it('lets no function but the digester write where the audit chain stands', () => {
    for (const name of [...FUNCTIONS, 'reminders', 'uploads']) {
      const writes = statementsOf(name)
        .filter(
          (statement) =>
            statement.Effect === 'Allow' &&
            JSON.stringify(statement.Resource).includes('DataMain') &&
            !statement.Condition,
        )
        .flatMap(actionsOf)
        .filter((action) => /^dynamodb:(Put|Update|Delete|BatchWrite)/.test(action));
      if (writes.length === 0) continue;
      expect(statementsOf(name), name).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: writes.length === 1 ? writes[0] : expect.arrayContaining(writes),
          Condition: {
            'ForAnyValue:StringEquals': { 'dynamodb:LeadingKeys': ['AUDIT_CHAIN'] },
          },
        }),
      );
    }
    expect(statementsOf('auditDigest').filter((statement) => statement.Effect === 'Deny')).toEqual(
      [],
    );
  });

  it('lets the public board write its request counters and nothing else', () => {
    const writes = statementsOf('board').filter((statement) =>
      actionsOf(statement).some((action) =>
        /^dynamodb:(Put|Update|Delete|BatchWrite)/.test(action),
      ),
    );
    expect(writes).toEqual([
      expect.objectContaining({
        Action: 'dynamodb:UpdateItem',
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['RATE#*'] } },
      }),
    ]);
  });

  it('alarms on any change or deletion of an audit record, from the audit table’s stream', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      StreamSpecification: { StreamViewType: 'KEYS_ONLY' },
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FilterCriteria: {
        Filters: [
          { Pattern: JSON.stringify({ eventName: ['MODIFY'] }) },
          { Pattern: JSON.stringify({ eventName: ['REMOVE'] }) },
        ],
      },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'AuditRecordsChanged',
      Threshold: 1,
    });
  });

  it('locks the audit digests in compliance mode for 180 days; the digester may only add digests', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 180 } },
      },
      VersioningConfiguration: { Status: 'Enabled' },
    });
    const statements = statementsOf('auditDigest');
    // Besides writing its own log group, as every function does:
    const actions = statements
      .flatMap(actionsOf)
      .filter((action) => !action.startsWith('logs:'))
      .sort();
    expect(actions).toEqual([
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'kms:GetPublicKey',
      'kms:Sign',
      's3:GetObject',
      's3:PutObject',
    ]);
    const query = statements.find((statement) => actionsOf(statement).includes('dynamodb:Query'));
    expect(JSON.stringify(query?.Resource)).toMatch(/index\/byDay/);
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(5 * * * ? *)',
    });
  });
});

describe('operations', () => {
  it('alarms on every function’s errors and throttles and on API 5xx, all to one encrypted topic', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map(
      (alarm) => alarm['Properties'],
    );
    // The API's functions, the reminder check, the upload check, the audit digester and its watch,
    // and the sign-in audit (Cognito's post authentication trigger).
    const functions = FUNCTIONS.length + 5;
    // Each function's, plus the reminder check's and the digester's own.
    expect(
      alarms.filter((alarm) => alarm.MetricName === 'Errors' && alarm.Namespace === 'AWS/Lambda'),
    ).toHaveLength(functions + 2);
    expect(alarms.filter((alarm) => alarm.MetricName === 'Throttles')).toHaveLength(functions);
    expect(
      alarms.filter((alarm) => alarm.MetricName === '5xx' && alarm.Namespace === 'AWS/ApiGateway'),
    ).toHaveLength(1);
    const topic = Object.keys(template.findResources('AWS::SNS::Topic'))[0]!;
    for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([{ Ref: topic }]);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
  });

  it('tells the address given at deploy time, and nobody when none is given', () => {
    template.hasParameter('AlarmEmail', { Type: 'String', Default: '' });
    const subscription = Object.values(template.findResources('AWS::SNS::Subscription'))[0];
    expect(subscription).toMatchObject({
      Condition: expect.stringContaining('HasAlarmEmail'),
      Properties: { Protocol: 'email', Endpoint: { Ref: 'AlarmEmail' } },
    });
  });

  it('has an operations dashboard', () => {
    expect(Object.keys(template.findResources('AWS::CloudWatch::Dashboard'))).toHaveLength(1);
  });

  it('throttles citizen routes harder than staff routes', () => {
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0]![
      'Properties'
    ];
    const publicRoutes = ROUTES.filter((route) => route.groups === 'public').map(
      (route) => `${route.method} ${route.path}`,
    );
    expect(Object.keys(stage.RouteSettings).sort()).toEqual(publicRoutes.sort());
    for (const key of publicRoutes)
      expect(stage.RouteSettings[key].ThrottlingRateLimit).toBeLessThan(
        stage.DefaultRouteSettings.ThrottlingRateLimit,
      );
  });
});

describe('cfn-lint', () => {
  const installed = spawnSync('cfn-lint', ['--version']).status === 0;

  it(
    installed
      ? 'finds no error in the synthesized template'
      : 'is not installed here, so the template is not linted',
    () => {
      if (!installed) {
        console.warn('cfn-lint not found on PATH: template not linted');
        expect(spawnSync('cfn-lint', ['--version']).status).not.toBe(0);
        return;
      }
      const file = join(outdir, 'template-for-cfn-lint.json');
      writeFileSync(file, JSON.stringify(template.toJSON()));
      const run = spawnSync('cfn-lint', ['--format', 'json', file], { encoding: 'utf8' });
      const findings = JSON.parse(run.stdout || '[]') as {
        Level: string;
        Rule: { Id: string };
        Message: string;
      }[];
      expect(
        findings
          .filter((finding) => finding.Level === 'Error')
          .map((finding) => `${finding.Rule.Id}: ${finding.Message}`),
      ).toEqual([]);
    },
  );
});

describe('what outside review found (operations)', () => {
  it('keys verification codes with a generated secret that only the phones function may read', () => {
    // Two secrets: the phone-code key, and the origin-verify value (every API function reads it).
    template.resourceCountIs('AWS::SecretsManager::Secret', 2);
    const readsPhoneKey = (name: string) =>
      statementsOf(name).some(
        (statement) =>
          actionsOf(statement).includes('secretsmanager:GetSecretValue') &&
          JSON.stringify(statement.Resource).includes('PhoneCodeKey'),
      );
    expect([...FUNCTIONS, 'reminders', 'uploads'].filter(readsPhoneKey)).toEqual(['phones']);
  });

  it('encrypts the alarm topic with a key of our own that CloudWatch may use, so an alarm can reach the operator', () => {
    const topic = Object.values(template.findResources('AWS::SNS::Topic'))[0]!['Properties'];
    // The AWS-managed alias/aws/sns key cannot be used by CloudWatch alarms.
    expect(JSON.stringify(topic.KmsMasterKeyId)).not.toContain('alias/aws/sns');
    const [keyId, key] = Object.entries(template.findResources('AWS::KMS::Key')).find(([id]) =>
      JSON.stringify(topic.KmsMasterKeyId).includes(id),
    )!;
    expect(keyId).toBeDefined();
    expect(key['Properties'].EnableKeyRotation).toBe(true);
    const statements = key['Properties'].KeyPolicy.Statement as {
      Principal?: { Service?: string };
      Action: string | string[];
    }[];
    const cloudWatch = statements.find(
      (statement) => statement.Principal?.Service === 'cloudwatch.amazonaws.com',
    );
    expect([cloudWatch?.Action].flat()).toEqual(
      expect.arrayContaining(['kms:Decrypt', 'kms:GenerateDataKey*']),
    );
  });

  it('sends a photo check that failed after S3’s retries to a queue, with an alarm', () => {
    const invokeConfigs = Object.values(template.findResources('AWS::Lambda::EventInvokeConfig'));
    const uploads = invokeConfigs.find((config) =>
      JSON.stringify(config['Properties'].FunctionName).includes('Uploadsuploads'),
    );
    expect(uploads?.['Properties'].DestinationConfig.OnFailure.Destination).toBeDefined();
    const queueId = JSON.stringify(
      uploads?.['Properties'].DestinationConfig.OnFailure.Destination,
    ).match(/"(Uploads\w+)"/)?.[1];
    expect(queueId).toBeDefined();
    const alarm = Object.values(template.findResources('AWS::CloudWatch::Alarm')).find(
      (candidate) => JSON.stringify(candidate['Properties'].Dimensions ?? []).includes(queueId!),
    );
    expect(alarm?.['Properties'].MetricName).toBe('ApproximateNumberOfMessagesVisible');
  });

  it('runs one reminder check at a time', () => {
    const reminders = Object.entries(template.findResources('AWS::Lambda::Function')).find(([id]) =>
      id.startsWith('Remindersreminders'),
    )?.[1];
    expect(reminders?.['Properties'].ReservedConcurrentExecutions).toBe(1);
  });

  it('builds every ARN with the partition, so the stack deploys in aws-cn too', () => {
    expect(JSON.stringify(template.toJSON())).not.toMatch(/"arn:aws:/);
  });
});

describe('web', () => {
  it('serves the web apps from a private bucket through CloudFront with origin access control, HTTPS only', () => {
    const [site] = Object.entries(template.findResources('AWS::S3::Bucket')).find(([id]) =>
      id.startsWith('WebSite'),
    )!;
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
        Origins: Match.arrayWith([
          Match.objectLike({
            DomainName: { 'Fn::GetAtt': [site, 'RegionalDomainName'] },
            OriginAccessControlId: Match.anyValue(),
          }),
        ]),
        Logging: Match.objectLike({ Prefix: 'cdn/' }),
      }),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: site },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
          }),
        ]),
      },
    });
  });

  it('sends the same security headers as the local platform', () => {
    const policy = Object.values(
      template.findResources('AWS::CloudFront::ResponseHeadersPolicy'),
    )[0]!;
    const headers = policy['Properties'].ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(headers).toMatchObject({
      FrameOptions: { FrameOption: 'DENY' },
      ContentTypeOptions: { Override: true },
      StrictTransportSecurity: { AccessControlMaxAgeSec: 31536000 },
    });
    const csp = JSON.stringify(headers.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toContain("default-src 'self'");
    // One origin: no API origin beside 'self'; sign-in on the platform's own Cognito domain only.
    expect(csp).not.toContain('execute-api');
    expect(csp).not.toContain('*.auth.');
    expect(csp).toMatch(/"xinhua",\{"Ref":"AWS::AccountId"\}\]\]\},"\.auth\."/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
  });

  it('serves an app folder’s index.html', () => {
    const code = Object.values(template.findResources('AWS::CloudFront::Function'))[0]![
      'Properties'
    ].FunctionCode as string;
    // CloudFront Functions run the cloudfront-js runtime; its plain JavaScript runs here too.
    const handler = runInNewContext(`${code}; handler`) as (event: unknown) => unknown;
    const request = (uri: string) => ({ request: { uri } });
    expect(handler(request('/'))).toEqual({ uri: '/index.html' });
    expect(handler(request('/m/'))).toEqual({ uri: '/m/index.html' });
    expect(handler(request('/assets/index-abc.js'))).toEqual({ uri: '/assets/index-abc.js' });
    expect(handler(request('/config.json'))).toEqual({ uri: '/config.json' });
    // SPA fallback: an extensionless path is its app's page; a missing file is not.
    expect(handler(request('/inbox/d-123'))).toEqual({ uri: '/index.html' });
    expect(handler(request('/m/track'))).toEqual({ uri: '/m/index.html' });
    expect(handler(request('/assets/missing.js'))).toEqual({ uri: '/assets/missing.js' });
    expect(handler(request('/m'))).toMatchObject({
      statusCode: 301,
      headers: { location: { value: '/m/' } },
    });
  });

  it('deploys the console with a config.json naming this sign-in (the API is its own origin), hashed assets cached for a year', () => {
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      Include: ['assets/*'],
      SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
      DistributionPaths: ['/assets/*'],
    });
    const pages = Object.values(template.findResources('Custom::CDKBucketDeployment')).find(
      (deployment) =>
        deployment['Properties'].Exclude?.[0] === 'assets/*' &&
        deployment['Properties'].DestinationBucketKeyPrefix === undefined,
    )!['Properties'];
    expect(pages.SystemMetadata).toEqual({ 'cache-control': 'no-cache' });
    expect(pages.DistributionPaths).toEqual(['/index.html', '/config.json', '/']);
    const markers = JSON.stringify(pages.SourceMarkers);
    // The API is on the web apps' own origin: config.json names none.
    expect(markers).not.toMatch(/ApiEndpoint/);
    expect(markers).toMatch(/IdentityStaffConsole\w+/);
    expect(markers).toMatch(/IdentityStaffLogin\w+/);
  });

  it('deploys the citizen site under m/, its hashed assets cached for a year and its page revalidated', () => {
    const deployments = Object.values(template.findResources('Custom::CDKBucketDeployment')).map(
      (deployment) => deployment['Properties'] as Record<string, unknown>,
    );
    const citizen = deployments.filter(
      (deployment) => deployment['DestinationBucketKeyPrefix'] === 'm/',
    );
    expect(citizen).toHaveLength(2);
    expect(citizen).toContainEqual(
      expect.objectContaining({
        Include: ['assets/*'],
        SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
        DistributionPaths: ['/m/assets/*'],
      }),
    );
    expect(citizen).toContainEqual(
      expect.objectContaining({
        Exclude: ['assets/*'],
        SystemMetadata: { 'cache-control': 'no-cache' },
        DistributionPaths: ['/m/index.html', '/m/'],
      }),
    );
  });

  it('gives the deployment copier the site bucket and the CDK assets only', () => {
    const policy = Object.entries(template.findResources('AWS::IAM::Policy')).find(([id]) =>
      id.startsWith('CustomCDKBucketDeployment'),
    )![1];
    const statements = policy['Properties'].PolicyDocument.Statement as Statement[];
    for (const statement of statements) {
      const resources = JSON.stringify(statement.Resource);
      if (statement.Resource === '*')
        expect(actionsOf(statement).sort()).toEqual([
          'cloudfront:CreateInvalidation',
          'cloudfront:GetInvalidation',
        ]);
      else expect(resources).toMatch(/cdk-hnb659fds-assets|WebSite/);
    }
  });
});

describe('the cost model’s view of the stack', () => {
  it('counts the alarms, dashboards, keys and secrets the template holds (scripts/cost-model.ts)', () => {
    const count = (type: string) => Object.keys(template.findResources(type)).length;
    expect({
      alarms: count('AWS::CloudWatch::Alarm'),
      dashboards: count('AWS::CloudWatch::Dashboard'),
      kmsKeys: count('AWS::KMS::Key'),
      secrets: count('AWS::SecretsManager::Secret'),
    }).toEqual({
      alarms: STACK_FACTS.alarms,
      dashboards: STACK_FACTS.dashboards,
      kmsKeys: STACK_FACTS.kmsKeys,
      secrets: STACK_FACTS.secrets,
    });
  });
});
