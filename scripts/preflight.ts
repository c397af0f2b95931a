/**
 * `npm run preflight -- [--stack XinhuaPlatform] [--sms-region <region>]`:
 * read-only AWS calls an operator runs before and after `cdk deploy`, to
 * learn whether a reminder would go out. Prints a table (OK / fix this /
 * check by hand) and exits 1 when something would stop reminders.
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
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
import { parseArgs } from 'node:util';
import type { ReminderSettings } from '../shared/domain/reminders.ts';
import { ISSUE_DISTRICT, smsVolume, type District } from './district.ts';
import { PRICES } from './prices.ts';

export interface Check {
  check: string;
  status: 'OK' | 'fix this' | 'check by hand';
  detail: string;
  /** A reminder would not go out until it is fixed. */
  blocksReminders: boolean;
}

export interface PreflightClients {
  sns: SNSClient;
  sms: PinpointSMSVoiceV2Client;
  cognito: CognitoIdentityProviderClient;
}

export interface PreflightInput {
  userPoolId: string;
  settings: ReminderSettings;
  district: District;
  /** USD per SMS part to the destination (scripts/prices.ts). */
  pricePerSms: number;
  /** Where reminders go: ISO country codes. */
  destinations: string[];
  senderId?: string | undefined;
  originationNumber?: string | undefined;
  /** The stack's `StaffCidrs` output: the office network the staff side is limited to, or `none`. */
  staffCidrs: string;
}

const ok = (check: string, detail: string): Check => ({
  check,
  status: 'OK',
  detail,
  blocksReminders: false,
});
const fix = (check: string, detail: string, blocksReminders: boolean): Check => ({
  check,
  status: 'fix this',
  detail,
  blocksReminders,
});

async function sandbox({ sns }: PreflightClients): Promise<Check> {
  const { IsInSandbox } = await sns.send(new GetSMSSandboxAccountStatusCommand({}));
  if (!IsInSandbox) return ok('SMS sandbox', 'out of the sandbox: SMS reach any number');
  const { PhoneNumbers = [] } = await sns.send(new ListSMSSandboxPhoneNumbersCommand({}));
  const verified = PhoneNumbers.filter((number) => number.Status === 'Verified').length;
  return fix(
    'SMS sandbox',
    `in the sandbox: SMS reach only the ${String(verified)} verified destination numbers; request production access (SNS console, Text messaging (SMS))`,
    true,
  );
}

async function smsAccount({ sns }: PreflightClients, input: PreflightInput): Promise<Check[]> {
  const { attributes = {} } = await sns.send(
    new GetSMSAttributesCommand({
      attributes: ['MonthlySpendLimit', 'DefaultSMSType', 'DeliveryStatusIAMRole'],
    }),
  );
  const limit = Number(attributes['MonthlySpendLimit'] ?? '1');
  const volume = smsVolume(input.district, input.settings);
  const expected = Math.ceil(volume.total * input.pricePerSms);
  const spend =
    limit >= expected
      ? ok(
          'SMS spend limit',
          `$${String(limit)} a month covers up to ${String(volume.total)} SMS (about $${String(expected)})`,
        )
      : fix(
          'SMS spend limit',
          `$${String(limit)} a month, but up to ${String(volume.total)} SMS (about $${String(expected)}) are expected from the reminder settings and ${String(input.district.units)} units: SMS stop when the limit is spent. Raise the quota, then aws sns set-sms-attributes --attributes MonthlySpendLimit=${String(expected)}`,
          true,
        );
  const type = attributes['DefaultSMSType'];
  const defaultType =
    type === 'Transactional'
      ? ok('Default SMS type', 'Transactional')
      : {
          check: 'Default SMS type',
          status: 'check by hand' as const,
          detail: `${type ?? 'Promotional (unset)'}: the platform marks its own SMS Transactional; other senders in this account would go as promotional`,
          blocksReminders: false,
        };
  const logs = attributes['DeliveryStatusIAMRole']
    ? ok('Delivery-status logging', 'on: failed SMS are logged in CloudWatch')
    : fix(
        'Delivery-status logging',
        'off: a refused SMS leaves no trace. aws sns set-sms-attributes --attributes DeliveryStatusIAMRole=<SmsDeliveryStatusRoleArn output>,DeliveryStatusSuccessSamplingRate=100',
        false,
      );
  return [spend, defaultType, logs];
}

async function origination({ sms }: PreflightClients, input: PreflightInput): Promise<Check[]> {
  const [{ SenderIds = [] }, { PhoneNumbers = [] }] = await Promise.all([
    sms.send(new DescribeSenderIdsCommand({})),
    sms.send(new DescribePhoneNumbersCommand({})),
  ]);
  return input.destinations.map((country) => {
    const check = `Origination to ${country}`;
    const senders = SenderIds.filter((sender) => sender.IsoCountryCode === country);
    const numbers = PhoneNumbers.filter((number) => number.IsoCountryCode === country);
    if (input.senderId && !senders.some((sender) => sender.SenderId === input.senderId))
      return fix(check, `sender ID ${input.senderId} is not registered for ${country}`, true);
    if (
      input.originationNumber &&
      !PhoneNumbers.some((number) => number.PhoneNumber === input.originationNumber)
    )
      return fix(
        check,
        `origination number ${input.originationNumber} is not in this account`,
        true,
      );
    if (country === 'CN')
      return {
        check,
        status: 'check by hand',
        detail: `+86 takes no sender ID (${String(senders.length)} sender IDs, ${String(numbers.length)} numbers for CN): register the three templates of shared/domain/smsTemplates.ts with AWS Support; the API cannot tell whether they are`,
        blocksReminders: false,
      };
    return senders.length + numbers.length > 0
      ? ok(check, `${String(senders.length)} sender IDs, ${String(numbers.length)} numbers`)
      : fix(check, `no sender ID or number for ${country}`, true);
  });
}

async function cognito({ cognito }: PreflightClients, input: PreflightInput): Promise<Check[]> {
  const config = await cognito.send(
    new GetUserPoolMfaConfigCommand({ UserPoolId: input.userPoolId }),
  );
  const smsMfa = config.SmsMfaConfiguration?.SmsConfiguration;
  const mfa =
    config.MfaConfiguration === 'ON' && config.SoftwareTokenMfaConfiguration?.Enabled
      ? ok('Cognito MFA', 'required, by authenticator app (TOTP)')
      : fix(
          'Cognito MFA',
          `MFA is ${config.MfaConfiguration ?? 'unknown'}: staff sign-in must require it (infra/identity.ts)`,
          false,
        );
  const role = !smsMfa
    ? ok('Cognito SMS role', 'not used: no SMS MFA, no SMS invitations')
    : smsMfa.SnsCallerArn
      ? ok('Cognito SMS role', smsMfa.SnsCallerArn)
      : fix('Cognito SMS role', 'SMS MFA is on without an SNS role: codes cannot be sent', false);
  return [mfa, role];
}

export const STAFF_NETWORK = 'Staff network (WAF)';

/** Art2, Art11: the staff side answers only the office network. Not a reminder matter, but preflight fails on it. */
function staffNetwork(input: PreflightInput): Check {
  return input.staffCidrs && input.staffCidrs !== 'none'
    ? ok(STAFF_NETWORK, `staff paths only from ${input.staffCidrs}`)
    : fix(
        STAFF_NETWORK,
        'staffCidrs is not set: the staff console and API answer the whole internet. Deploy with -c staffCidrs=<office network CIDRs>',
        false,
      );
}

/** Every check, in the order the table shows them. */
export async function preflight(
  clients: PreflightClients,
  input: PreflightInput,
): Promise<Check[]> {
  const [first, account, origin, identity] = await Promise.all([
    sandbox(clients),
    smsAccount(clients, input),
    origination(clients, input),
    cognito(clients, input),
  ]);
  return [first, ...account, ...origin, ...identity, staffNetwork(input)];
}

export function table(checks: Check[]): string {
  const width = Math.max(...checks.map((c) => c.check.length));
  return checks
    .map((c) => `${c.check.padEnd(width)}  ${c.status.padEnd(13)}  ${c.detail}`)
    .join('\n');
}

export const remindersBlocked = (checks: Check[]) => checks.some((c) => c.blocksReminders);
/** What makes preflight exit 1: a reminder would not go out, or the staff side is open to the internet. */
export const preflightFails = (checks: Check[]) =>
  remindersBlocked(checks) ||
  checks.some((c) => c.check === STAFF_NETWORK && c.status === 'fix this');

if (process.argv[1]?.endsWith('preflight.ts')) {
  const { values } = parseArgs({
    options: {
      stack: { type: 'string', default: 'XinhuaPlatform' },
      'sms-region': { type: 'string' },
      'sender-id': { type: 'string' },
      'origination-number': { type: 'string' },
    },
  });
  const smsRegion = values['sms-region'];
  const cloudFormation = new CloudFormationClient({});
  const region = await cloudFormation.config.region();
  const { Stacks = [] } = await cloudFormation.send(
    new DescribeStacksCommand({ StackName: values.stack }),
  );
  const output = (key: string) =>
    Stacks[0]?.Outputs?.find((o) => o.OutputKey === key)?.OutputValue ?? '';
  const { createDocumentClient } = await import('../shared/aws/dynamo.ts');
  const { getReminderSettings } = await import('../shared/store/settings.ts');
  const { listUnits } = await import('../shared/store/units.ts');
  const store = {
    db: createDocumentClient({ region }),
    table: output('TableName'),
    auditTable: '',
  };
  const [settings, units] = await Promise.all([getReminderSettings(store), listUnits(store)]);
  const regional = smsRegion ? { region: smsRegion } : {};
  const checks = await preflight(
    {
      sns: new SNSClient(regional),
      sms: new PinpointSMSVoiceV2Client(regional),
      cognito: new CognitoIdentityProviderClient({}),
    },
    {
      userPoolId: output('UserPoolId'),
      settings,
      district: { ...ISSUE_DISTRICT, units: units.length },
      pricePerSms: PRICES.sms.perMessageToChina,
      destinations: ['CN'],
      senderId: values['sender-id'],
      originationNumber: values['origination-number'],
      staffCidrs: output('StaffCidrs'),
    },
  );
  console.log(table(checks));
  if (preflightFails(checks)) {
    console.error(
      remindersBlocked(checks)
        ? '\nA reminder would not go out: fix the lines marked "fix this" above.'
        : '\nThe staff side is open to the internet: deploy with -c staffCidrs.',
    );
    process.exit(1);
  }
}
