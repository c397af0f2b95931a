import {
  CognitoIdentityProviderClient,
  GetUserPoolMfaConfigCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  DescribePhoneNumbersCommand,
  DescribeSenderIdsCommand,
  PinpointSMSVoiceV2Client,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import {
  GetSMSAttributesCommand,
  GetSMSSandboxAccountStatusCommand,
  ListSMSSandboxPhoneNumbersCommand,
  SNSClient,
} from '@aws-sdk/client-sns';
import { GetParametersByPathCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { allCustomMatcher, type CustomMatcher } from 'aws-sdk-client-mock-vitest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UNSET_ACCESS_KEY } from '../../../infra/sms.ts';
import { SMS_TEMPLATES } from '../../../shared/domain/smsTemplates.ts';
import { aliyunGatewayReviews } from '../../../shared/sms/aliyun.ts';
import { aliyunSmsStandIn } from '../../support/aliyunSms.ts';
import { DEFAULT_REMINDER_SETTINGS } from '../../../shared/domain/reminders.ts';
import { ISSUE_DISTRICT } from '../../../scripts/district.ts';
import {
  preflight,
  preflightFails,
  remindersBlocked,
  table,
  STACK_SERVICES,
  type Check,
  type PreflightInput,
} from '../../../scripts/preflight.ts';

expect.extend(allCustomMatcher);
declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-explicit-any
  interface Assertion<T = any> extends CustomMatcher<T> {}
}

/** The preflight against mocked AWS answers: each check's OK and its refusal. */
const sns = mockClient(SNSClient);
const sms = mockClient(PinpointSMSVoiceV2Client);
const cognito = mockClient(CognitoIdentityProviderClient);
const ssm = mockClient(SSMClient);
/** SSM's public parameters for a region offering these services. */
const offering = (region: string, services: string[]) =>
  ssm.on(GetParametersByPathCommand).resolves({
    Parameters: services.map((service) => ({
      Name: `/aws/service/global-infrastructure/regions/${region}/services/${service}`,
      Value: service,
    })),
  });
const input: PreflightInput = {
  userPoolId: 'ap-southeast-1_pool',
  settings: DEFAULT_REMINDER_SETTINGS,
  district: ISSUE_DISTRICT,
  // 56,010 SMS at most (test/unit/scripts/costModel.test.ts): about $1,821 a month.
  pricePerSms: 0.0325,
  destinations: ['CN'],
  staffCidrs: '10.20.0.0/16',
  region: 'ap-southeast-1',
  sms: { provider: 'sns' },
};

/** A ready account: out of the sandbox, a $2,000 limit, Transactional, delivery logs on, MFA by app. */
beforeEach(() => {
  sns.reset();
  sms.reset();
  cognito.reset();
  ssm.reset();
  offering('ap-southeast-1', [...STACK_SERVICES, 'ec2', 'cloudfront']);
  sns.on(GetSMSSandboxAccountStatusCommand).resolves({ IsInSandbox: false });
  sns.on(GetSMSAttributesCommand).resolves({
    attributes: {
      MonthlySpendLimit: '2000',
      DefaultSMSType: 'Transactional',
      DeliveryStatusIAMRole: 'arn:aws:iam::123456789012:role/sms-logs',
    },
  });
  sms.on(DescribeSenderIdsCommand).resolves({ SenderIds: [] });
  sms.on(DescribePhoneNumbersCommand).resolves({ PhoneNumbers: [] });
  cognito.on(GetUserPoolMfaConfigCommand).resolves({
    MfaConfiguration: 'OPTIONAL',
    SoftwareTokenMfaConfiguration: { Enabled: true },
    SmsMfaConfiguration: {
      SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::123456789012:role/cognito-sms' },
    },
  });
});

const clients = {
  sns: new SNSClient({ region: 'ap-southeast-1' }),
  sms: new PinpointSMSVoiceV2Client({ region: 'ap-southeast-1' }),
  cognito: new CognitoIdentityProviderClient({ region: 'ap-southeast-1' }),
  ssm: new SSMClient({ region: 'us-east-1' }),
};
const run = (over: Partial<PreflightInput> = {}) => preflight(clients, { ...input, ...over });
const find = (checks: Check[], name: string) => checks.find((check) => check.check === name);

describe('npm run preflight', () => {
  it('passes a ready account, with +86 templates left to check by hand', async () => {
    const checks = await run();
    expect(checks.map(({ check, status }) => [check, status])).toEqual([
      ['Services in ap-southeast-1', 'OK'],
      ['SMS sandbox', 'OK'],
      ['SMS spend limit', 'OK'],
      ['Default SMS type', 'OK'],
      ['Delivery-status logging', 'OK'],
      ['Origination to CN', 'check by hand'],
      ['Cognito MFA', 'OK'],
      ['Cognito SMS role', 'OK'],
      ['Staff network (WAF)', 'OK'],
    ]);
    expect(remindersBlocked(checks)).toBe(false);
    expect(preflightFails(checks)).toBe(false);
    expect(table(checks).split('\n')[1]).toMatch(/^SMS sandbox +OK +out of the sandbox/);
    expect(ssm).toHaveReceivedCommandWith(GetParametersByPathCommand, {
      Path: '/aws/service/global-infrastructure/regions/ap-southeast-1/services',
    });
    expect(cognito).toHaveReceivedCommandWith(GetUserPoolMfaConfigCommand, {
      UserPoolId: 'ap-southeast-1_pool',
    });
  });

  it('fails when the staff side is open to the internet (no staffCidrs), though reminders would go out', async () => {
    const checks = await run({ staffCidrs: 'none' });
    expect(find(checks, 'Staff network (WAF)')).toMatchObject({
      status: 'fix this',
      detail: expect.stringContaining('-c staffCidrs='),
    });
    expect(remindersBlocked(checks)).toBe(false);
    expect(preflightFails(checks)).toBe(true);
  });

  it('blocks in the SMS sandbox, naming how many numbers are verified', async () => {
    sns.on(GetSMSSandboxAccountStatusCommand).resolves({ IsInSandbox: true });
    sns.on(ListSMSSandboxPhoneNumbersCommand).resolves({
      PhoneNumbers: [
        { PhoneNumber: '+8613800000001', Status: 'Verified' },
        { PhoneNumber: '+8613800000002', Status: 'Pending' },
      ],
    });
    const checks = await run();
    expect(find(checks, 'SMS sandbox')).toMatchObject({
      status: 'fix this',
      blocksReminders: true,
      detail: expect.stringContaining('only the 1 verified'),
    });
    expect(remindersBlocked(checks)).toBe(true);
  });

  it('blocks when the spend limit is below the SMS the settings and units would send', async () => {
    sns.on(GetSMSAttributesCommand).resolves({
      attributes: { DefaultSMSType: 'Transactional', DeliveryStatusIAMRole: 'arn' },
    });
    const checks = await run();
    expect(find(checks, 'SMS spend limit')).toMatchObject({
      status: 'fix this',
      blocksReminders: true,
      detail: expect.stringMatching(/^\$1 a month, but up to 56010 SMS \(about \$1821\)/),
    });
  });

  it('asks to check a Promotional default by hand, without blocking', async () => {
    sns.on(GetSMSAttributesCommand).resolves({
      attributes: {
        MonthlySpendLimit: '5000',
        DefaultSMSType: 'Promotional',
        DeliveryStatusIAMRole: 'arn',
      },
    });
    expect(find(await run(), 'Default SMS type')).toMatchObject({
      status: 'check by hand',
      blocksReminders: false,
    });
  });

  it('says to turn delivery-status logging on, without blocking', async () => {
    sns.on(GetSMSAttributesCommand).resolves({
      attributes: { MonthlySpendLimit: '5000', DefaultSMSType: 'Transactional' },
    });
    const checks = await run();
    expect(find(checks, 'Delivery-status logging')).toMatchObject({
      status: 'fix this',
      blocksReminders: false,
      detail: expect.stringContaining('DeliveryStatusIAMRole='),
    });
    expect(remindersBlocked(checks)).toBe(false);
  });

  it('blocks a sender ID the stack would use that is not registered for the destination', async () => {
    sms.on(DescribeSenderIdsCommand).resolves({
      SenderIds: [
        {
          SenderId: 'XINHUA',
          IsoCountryCode: 'HK',
          SenderIdArn: 'arn',
          MessageTypes: [],
          MonthlyLeasingPrice: '0',
          DeletionProtectionEnabled: false,
          Registered: true,
        },
      ],
    });
    const checks = await run({ senderId: 'XINHUA' });
    expect(find(checks, 'Origination to CN')).toMatchObject({
      status: 'fix this',
      blocksReminders: true,
    });
  });

  it('wants TOTP offered (MFA optional, as phone sign-in needs) and an SNS role for the sign-in codes', async () => {
    cognito.on(GetUserPoolMfaConfigCommand).resolves({
      MfaConfiguration: 'OFF',
      SmsMfaConfiguration: { SmsConfiguration: { SnsCallerArn: undefined } },
    });
    const checks = await run();
    expect(find(checks, 'Cognito MFA')).toMatchObject({
      status: 'fix this',
      blocksReminders: false,
    });
    expect(find(checks, 'Cognito SMS role')).toMatchObject({ status: 'fix this' });
  });
});

describe('npm run preflight: the services of the region', () => {
  it('blocks a region that does not offer a service the stack uses, naming it', async () => {
    offering(
      'ap-southeast-1',
      STACK_SERVICES.filter((s) => s !== 'sqs'),
    );
    const checks = await run();
    expect(find(checks, 'Services in ap-southeast-1')).toMatchObject({
      status: 'fix this',
      blocksReminders: true,
      detail: 'not offered in ap-southeast-1: sqs',
    });
    expect(preflightFails(checks)).toBe(true);
  });

  it('asks to check by hand, with the command, when the parameters cannot be read', async () => {
    ssm
      .on(GetParametersByPathCommand)
      .rejects(Object.assign(new Error('no'), { name: 'UnrecognizedClientException' }));
    expect(find(await run(), 'Services in ap-southeast-1')).toMatchObject({
      status: 'check by hand',
      detail: expect.stringContaining('aws ssm get-parameters-by-path --region us-east-1'),
    });
  });
});

describe('npm run preflight in the China regions, with the domestic SMS gateway', () => {
  const key = { accessKeyId: 'LTAI-operator-key', accessKeySecret: 'operator-secret' };
  const templateCodes = {
    unitReminder: 'SMS_200000001',
    escalation: 'SMS_200000002',
    verificationCode: 'SMS_200000003',
    signInCode: 'SMS_200000004',
    accountOpened: 'SMS_200000005',
  };
  let gateway: Awaited<ReturnType<typeof aliyunSmsStandIn>>;
  let keyId = key.accessKeyId;
  beforeAll(async () => {
    gateway = await aliyunSmsStandIn(key);
  });
  afterAll(() => gateway.close());
  beforeEach(() => {
    keyId = key.accessKeyId;
    // What Beijing offers, as of this writing: no Cognito user pools.
    offering(
      'cn-north-1',
      STACK_SERVICES.filter((s) => s !== 'cognito-idp'),
    );
    gateway.sign('新华区政务网', 1);
    for (const [name, code] of Object.entries(templateCodes))
      gateway.template(code, SMS_TEMPLATES[name as keyof typeof SMS_TEMPLATES], 1);
  });
  /** Preflight of a Beijing stack that sends through the stand-in gateway. */
  const runChina = (
    sms: Partial<{ signName: string; templateCodes: typeof templateCodes }> = {},
    userPoolId = '',
  ) =>
    preflight(
      {
        ...clients,
        gateway: {
          keyId: () => Promise.resolve(keyId),
          ...aliyunGatewayReviews(() => Promise.resolve(key), {
            endpoint: gateway.endpoint,
            protocol: 'http',
          }),
        },
      },
      {
        ...input,
        userPoolId,
        staffCidrs: 'none',
        region: 'cn-north-1',
        sms: { provider: 'aliyun', signName: '新华区政务网', templateCodes, ...sms },
      },
    );

  it('asks the gateway for the signature and every template, and says what China lacks', async () => {
    const checks = await runChina();
    expect(checks.map(({ check, status }) => [check, status])).toEqual([
      // No user pool: the platform signs staff in itself, so Beijing offers all the stack uses.
      ['Services in cn-north-1', 'OK'],
      ['SMS gateway key', 'OK'],
      ['SMS signature 新华区政务网', 'OK'],
      ['SMS template unitReminder (SMS_200000001)', 'OK'],
      ['SMS template escalation (SMS_200000002)', 'OK'],
      ['SMS template verificationCode (SMS_200000003)', 'OK'],
      ['SMS template signInCode (SMS_200000004)', 'OK'],
      ['SMS template accountOpened (SMS_200000005)', 'OK'],
      ['ICP filing (备案)', 'check by hand'],
      ['Staff network (WAF)', 'fix this'],
    ]);
    expect(find(checks, 'Services in cn-north-1')?.detail).toBe(
      `all ${String(STACK_SERVICES.length - 1)} services the stack uses are offered`,
    );
    // No SNS question is asked of a stack that does not send through SNS.
    expect(sns).not.toHaveReceivedCommand(GetSMSSandboxAccountStatusCommand);
    // The staff network row still fails there: no WAF for CloudFront in China.
    expect(preflightFails(checks)).toBe(true);
  });

  it('fails the services row for a stack with a user pool where Cognito is not offered', async () => {
    const checks = await runChina({}, 'cn-north-1_pool');
    expect(find(checks, 'Services in cn-north-1')).toMatchObject({
      status: 'fix this',
      detail: expect.stringMatching(/^not offered in cn-north-1: cognito-idp \(Cognito user pools/),
    });
  });

  it('blocks while the secret holds the placeholder, asking nothing of the gateway', async () => {
    keyId = UNSET_ACCESS_KEY;
    const checks = await runChina();
    expect(find(checks, 'SMS gateway key')).toMatchObject({
      status: 'fix this',
      blocksReminders: true,
      detail: expect.stringContaining('aws secretsmanager put-secret-value'),
    });
    expect(find(checks, 'SMS signature 新华区政务网')).toBeUndefined();
  });

  it('blocks a template under review, one approved with other wording, and an unknown code', async () => {
    gateway.template(templateCodes.unitReminder, SMS_TEMPLATES.unitReminder, 0);
    gateway.template(templateCodes.escalation, '${units}共${count}件，请督促。', 1);
    const checks = await runChina();
    expect(find(checks, 'SMS template unitReminder (SMS_200000001)')).toMatchObject({
      status: 'fix this',
      blocksReminders: true,
      detail: expect.stringMatching(/^reviewing/),
    });
    expect(find(checks, 'SMS template escalation (SMS_200000002)')?.detail).toContain(
      `register exactly “${SMS_TEMPLATES.escalation}”`,
    );
    const unknown = await runChina({
      signName: '未登记',
      templateCodes: { ...templateCodes, verificationCode: 'SMS_9' },
    });
    expect(find(unknown, 'SMS signature 未登记')).toMatchObject({ status: 'fix this' });
    expect(find(unknown, 'SMS template verificationCode (SMS_9)')?.detail).toMatch(
      /does not know it/,
    );
  });
});
