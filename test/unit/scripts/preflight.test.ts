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
import { mockClient } from 'aws-sdk-client-mock';
import { allCustomMatcher, type CustomMatcher } from 'aws-sdk-client-mock-vitest';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_REMINDER_SETTINGS } from '../../../shared/domain/reminders.ts';
import { ISSUE_DISTRICT } from '../../../scripts/district.ts';
import {
  preflight,
  preflightFails,
  remindersBlocked,
  table,
  type Check,
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
const input = {
  userPoolId: 'ap-southeast-1_pool',
  settings: DEFAULT_REMINDER_SETTINGS,
  district: ISSUE_DISTRICT,
  // 56,010 SMS at most (test/unit/scripts/costModel.test.ts): about $1,821 a month.
  pricePerSms: 0.0325,
  destinations: ['CN'],
  staffCidrs: '10.20.0.0/16',
};

/** A ready account: out of the sandbox, a $2,000 limit, Transactional, delivery logs on, MFA by app. */
beforeEach(() => {
  sns.reset();
  sms.reset();
  cognito.reset();
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
    MfaConfiguration: 'ON',
    SoftwareTokenMfaConfiguration: { Enabled: true },
  });
});

const run = (over: Partial<typeof input> & { senderId?: string } = {}) =>
  preflight(
    {
      sns: new SNSClient({ region: 'ap-southeast-1' }),
      sms: new PinpointSMSVoiceV2Client({ region: 'ap-southeast-1' }),
      cognito: new CognitoIdentityProviderClient({ region: 'ap-southeast-1' }),
    },
    { ...input, ...over },
  );
const find = (checks: Check[], name: string) => checks.find((check) => check.check === name);

describe('npm run preflight', () => {
  it('passes a ready account, with +86 templates left to check by hand', async () => {
    const checks = await run();
    expect(checks.map(({ check, status }) => [check, status])).toEqual([
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
    expect(table(checks).split('\n')[0]).toMatch(/^SMS sandbox +OK +out of the sandbox/);
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

  it('wants MFA on and an SNS role for SMS MFA', async () => {
    cognito.on(GetUserPoolMfaConfigCommand).resolves({
      MfaConfiguration: 'OPTIONAL',
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
