import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import { Sms, templateCodesOf } from '../../infra/sms.ts';

const TEMPLATE_CODES =
  'unitReminder=SMS_1,escalation=SMS_2,verificationCode=SMS_3,signInCode=SMS_4,accountOpened=SMS_5';

/** The SMS construct alone, in a stack of the given region and context, with one role granted sending. */
function smsStack(
  options: { region?: string; smsRegion?: string; context?: Record<string, string> } = {},
) {
  const app = new App({
    context: { ...(options.smsRegion ? { smsRegion: options.smsRegion } : {}), ...options.context },
  });
  const stack = new Stack(
    app,
    'SmsTest',
    options.region ? { env: { region: options.region } } : {},
  );
  const sms = new Sms(stack, 'Sms');
  const role = new Role(stack, 'Sender', {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
  });
  sms.grantSend(role);
  return { sms, template: Template.fromStack(stack) };
}

/**
 * `npx cdk synth` as the CLI runs it, for an account and a region, into a
 * directory of its own; the bundles are test/infra/stack.test.ts's.
 */
async function synth<T>(
  region: string,
  context: Record<string, string>,
  check: (run: { stderr: string; outdir: string; template: string }) => T,
): Promise<T> {
  const outdir = mkdtempSync(join(tmpdir(), `cdk-${region}-`));
  try {
    const run = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'infra/app.ts'], {
      env: {
        ...process.env,
        CDK_DEFAULT_ACCOUNT: '123456789012',
        CDK_DEFAULT_REGION: region,
        CDK_OUTDIR: outdir,
        CDK_CONTEXT_JSON: JSON.stringify({ 'aws:cdk:bundling-stacks': [], ...context }),
      },
      maxBuffer: 16 * 1024 * 1024,
    });
    const template = readFileSync(join(outdir, 'XinhuaPlatform.template.json'), 'utf8');
    return check({ stderr: run.stderr, outdir, template });
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

describe('SMS and regions', () => {
  it('publishes SMS only through the stack’s own region by default, region-agnostic when none is set', () => {
    const { sms, template } = smsStack();
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'sns:Publish',
            Condition: { StringEquals: { 'aws:RequestedRegion': { Ref: 'AWS::Region' } } },
          }),
        ]),
      },
    });
    expect(sms.environment['SMS_REGION']).toBeUndefined();
  });

  it('sends from -c smsRegion when given: the grant is scoped to it and the functions are told', () => {
    const { sms, template } = smsStack({ region: 'ap-east-1', smsRegion: 'ap-southeast-1' });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'sns:Publish',
            Condition: { StringEquals: { 'aws:RequestedRegion': 'ap-southeast-1' } },
          }),
        ]),
      },
    });
    expect(sms.environment['SMS_REGION']).toBe('ap-southeast-1');
  });

  it('refuses the China regions, where SNS sends no SMS, naming SMS and the domestic gateway', () => {
    expect(() => smsStack({ region: 'cn-north-1' })).toThrow(
      /^SMS: .*cn-north-1.*-c smsProvider=aliyun/,
    );
    expect(() => smsStack({ region: 'cn-northwest-1', smsRegion: 'ap-southeast-1' })).toThrow(
      /^SMS: /,
    );
    expect(() => smsStack({ smsRegion: 'cn-northwest-1' })).toThrow(/^SMS: .*cn-northwest-1/);
  });

  it('refuses a region AWS does not list for SMS unless -c smsRegion names where to send from', () => {
    expect(() => smsStack({ region: 'ap-east-1' })).toThrow(
      /^SMS: Amazon SNS does not list ap-east-1 .*-c smsRegion=ap-southeast-1/,
    );
    expect(() => smsStack({ region: 'ap-northeast-2' })).toThrow(/^SMS: /);
    expect(() => smsStack({ region: 'ap-east-1', smsRegion: 'ap-northeast-2' })).toThrow(
      /^SMS: Amazon SNS sends no SMS from ap-northeast-2/,
    );
    expect(() => smsStack({ region: 'ap-southeast-1' })).not.toThrow();
    expect(() => smsStack({ region: 'eu-west-3', smsRegion: 'eu-west-3' })).not.toThrow();
  });

  it('makes `CDK_DEFAULT_REGION=cn-north-1 npx cdk synth` fail in one line', async () => {
    const failed = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'infra/app.ts'],
      {
        env: { ...process.env, CDK_DEFAULT_REGION: 'cn-north-1' },
      },
    ).then(
      () => undefined,
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(failed?.code).toBe(1);
    const lines = failed!.stderr.split('\n').filter((line) => line.startsWith('error:'));
    expect(lines).toEqual([expect.stringMatching(/^error: SMS: Amazon SNS cannot send SMS/)]);
  });
});

describe('SMS through the domestic gateway (-c smsProvider=aliyun)', () => {
  const aliyun = (region: string, context: Record<string, string> = {}) =>
    smsStack({
      region,
      context: { smsProvider: 'aliyun', smsTemplateCodes: TEMPLATE_CODES, ...context },
    });

  it('lets the senders read the gateway key and nothing of SNS, and tells them the templates', () => {
    for (const region of ['cn-north-1', 'cn-northwest-1']) {
      const { sms, template } = aliyun(region, { smsSignName: '新华区人民政府' });
      expect(sms.environment).toEqual({
        SMS_PROVIDER: 'aliyun',
        SMS_SIGN_NAME: '新华区人民政府',
        SMS_TEMPLATE_CODES: JSON.stringify({
          unitReminder: 'SMS_1',
          escalation: 'SMS_2',
          verificationCode: 'SMS_3',
          signInCode: 'SMS_4',
          accountOpened: 'SMS_5',
        }),
        SMS_GATEWAY_SECRET_ARN: expect.any(String),
      });
      const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
        (policy) =>
          (policy as { Properties: { PolicyDocument: { Statement: { Action: unknown }[] } } })
            .Properties.PolicyDocument.Statement,
      );
      expect(statements.map(({ Action }) => Action)).toEqual([
        ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
      ]);
      template.resourceCountIs('AWS::SecretsManager::Secret', 1);
      template.hasOutput('SmsTemplateCodes', {});
      // SNS's delivery-status role has nothing to do here.
      template.resourceCountIs('AWS::IAM::Role', 1);
    }
  });

  it('refuses a gateway without the code of every template, or an unknown provider', () => {
    expect(() => aliyun('cn-north-1', { smsTemplateCodes: 'unitReminder=SMS_1' })).toThrow(
      /^SMS: -c smsProvider=aliyun needs .*missing escalation, verificationCode, signInCode, accountOpened/,
    );
    expect(() => templateCodesOf(`${TEMPLATE_CODES},welcome=SMS_5`)).toThrow(/welcome/);
    expect(() => smsStack({ region: 'cn-north-1', context: { smsProvider: 'tencent' } })).toThrow(
      /^SMS: -c smsProvider=tencent is not known/,
    );
  });
});

describe.concurrent('a synth for an account and a region, as `cdk deploy` runs it', () => {
  it(
    'succeeds for Beijing with the domestic gateway: the China partition, no web ACL, no CloudFront Function, its domain and IAM certificate',
    { timeout: 240_000 },
    async () => {
      const china = {
        smsProvider: 'aliyun',
        smsTemplateCodes: TEMPLATE_CODES,
        domainName: 'zw.xinhua.example.cn',
        iamCertificateId: 'ASCAEXAMPLECERTIFICATE',
      };
      await synth('cn-north-1', china, (run) => {
        expect(run.stderr).not.toMatch(/ERROR/);
        const text = run.template;
        const template = Template.fromJSON(JSON.parse(text) as Record<string, unknown>);
        // Partition-aware: no ARN names the commercial partition.
        expect(text).not.toMatch(/arn:aws:/);
        template.resourceCountIs('AWS::WAFv2::WebACL', 0);
        template.resourceCountIs('AWS::CloudFront::Function', 0);
        template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 0);
        template.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 1);
        template.hasResourceProperties('AWS::CloudFront::Distribution', {
          DistributionConfig: Match.objectLike({
            Aliases: ['zw.xinhua.example.cn'],
            ViewerCertificate: {
              IamCertificateId: 'ASCAEXAMPLECERTIFICATE',
              SslSupportMethod: 'sni-only',
              MinimumProtocolVersion: 'TLSv1.2_2021',
            },
          }),
        });
        template.hasOutput('CitizenUrl', { Value: 'https://zw.xinhua.example.cn/m/index.html' });
        template.hasResourceProperties('AWS::Lambda::Function', {
          Environment: { Variables: Match.objectLike({ SMS_PROVIDER: 'aliyun' }) },
        });
        // No function publishes through SNS (its topics carry the alarms only).
        expect(JSON.stringify(template.findResources('AWS::IAM::Policy'))).not.toContain(
          'sns:Publish',
        );
        expect(readdirSync(run.outdir).some((file) => file.includes('Edge'))).toBe(false);

        // Staff sign-in without Cognito (not offered there): the platform's own provider.
        expect(text).not.toContain('AWS::Cognito::');
        const issuer = 'https://zw.xinhua.example.cn/identity';
        template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
          AuthorizerType: 'JWT',
          JwtConfiguration: { Issuer: issuer, Audience: ['xinhua-console'] },
        });
        for (const method of ['GET', 'POST'])
          template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
            RouteKey: `${method} /identity/{proxy+}`,
            AuthorizationType: 'NONE',
          });
        template.hasResourceProperties('AWS::CloudFront::Distribution', {
          DistributionConfig: Match.objectLike({
            CacheBehaviors: Match.arrayWith([Match.objectLike({ PathPattern: '/identity*' })]),
          }),
        });
        template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
          TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        });
        template.hasResourceProperties('AWS::Lambda::Function', {
          Environment: {
            Variables: Match.objectLike({
              ISSUER: issuer,
              CONSOLE_ORIGIN: 'https://zw.xinhua.example.cn',
              IDENTITY_TABLE_NAME: Match.anyValue(),
            }),
          },
        });
        template.hasOutput('SignInUrl', { Value: issuer });
        // The account and phone routes touch the identity table's accounts partition only.
        const identityTableGrants = Object.entries(template.findResources('AWS::IAM::Policy'))
          .flatMap(([id, policy]) =>
            (
              policy['Properties'] as {
                PolicyDocument: { Statement: { Resource: unknown; Condition?: unknown }[] };
              }
            ).PolicyDocument.Statement.map((statement) => ({ id, ...statement })),
          )
          .filter((statement) =>
            JSON.stringify(statement.Resource).includes('PlatformIdentityTable'),
          );
        expect(identityTableGrants.map(({ id }) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual([
          'ApiaccountsroleDefaultPolicy',
          'ApiphonesroleDefaultPolicy',
          'PlatformIdentityidentityroleDefaultPolicy',
        ]);
        for (const grant of identityTableGrants.filter(({ id }) => id.startsWith('Api')))
          expect(grant.Condition).toEqual({
            'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['ACCOUNTS'] },
          });
      });
    },
  );

  it('refuses Cognito in the China regions, in one line naming the setting', () => {
    const region = process.env['CDK_DEFAULT_REGION'];
    process.env['CDK_DEFAULT_REGION'] = 'cn-northwest-1';
    try {
      expect(() =>
        buildApp(new App({ context: { identity: 'cognito', smsProvider: 'aliyun' } })),
      ).toThrow(/^identity: Amazon Cognito user pools are not offered in the China regions/);
      expect(() => buildApp(new App({ context: { identity: 'okta' } }))).toThrow(
        /^identity: "okta" is neither cognito nor platform/,
      );
    } finally {
      if (region === undefined) delete process.env['CDK_DEFAULT_REGION'];
      else process.env['CDK_DEFAULT_REGION'] = region;
    }
  });

  it(
    'passes cdk-nag with every acknowledgement naming the region’s own resources',
    { timeout: 240_000 },
    async () => {
      await synth('ap-southeast-1', {}, (run) => {
        expect(run.stderr).not.toMatch(/ERROR/);
        const template = JSON.parse(run.template) as { Resources: Record<string, unknown> };
        expect(Object.keys(template.Resources).length).toBeGreaterThan(100);
      });
    },
  );
});
