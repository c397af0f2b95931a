/**
 * `npm run preflight -- [--stack XinhuaPlatform] [--sms-region <region>]`:
 * read-only calls an operator runs before and after `cdk deploy`, to learn
 * whether the stack's services are offered in its region and whether a
 * reminder would go out (through SNS, or the domestic gateway in China).
 * Prints a table (OK / fix this / check by hand) and exits 1 when something
 * would stop reminders or the staff side is open to the internet.
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
import { SSMClient, paginateGetParametersByPath } from '@aws-sdk/client-ssm';
import { parseArgs } from 'node:util';
import { SMS_TEMPLATES, type SmsTemplate } from '../shared/domain/smsTemplates.ts';
import type { AliyunCredentials, GatewayReview } from '../shared/sms/aliyun.ts';
import { UNSET_ACCESS_KEY } from '../infra/sms.ts';
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
  /** SSM's public global-infrastructure parameters: which services a region offers. */
  ssm: SSMClient;
  /** The domestic SMS gateway, when the stack sends through one. */
  gateway?: {
    /** The AccessKey ID the stack's secret holds. */
    keyId: () => Promise<string>;
    sign: (signName: string) => Promise<GatewayReview>;
    template: (templateCode: string) => Promise<GatewayReview>;
  };
}

/** How the stack sends SMS, as its outputs say. */
export type SmsRoute =
  | { provider: 'sns' }
  | { provider: 'aliyun'; signName: string; templateCodes: Record<SmsTemplate, string> };

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
  /** The stack's region. */
  region: string;
  sms: SmsRoute;
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
        detail: `+86 takes no sender ID (${String(senders.length)} sender IDs, ${String(numbers.length)} numbers for CN): register the templates of shared/domain/smsTemplates.ts with AWS Support; the API cannot tell whether they are`,
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
  const sms = config.SmsMfaConfiguration?.SmsConfiguration;
  // Phone sign-in (SMS_OTP) is offered only where MFA is optional: TOTP for whoever sets it up,
  // and for risky sign-ins (infra/identity.ts).
  const mfa =
    config.MfaConfiguration === 'OPTIONAL' && config.SoftwareTokenMfaConfiguration?.Enabled
      ? ok('Cognito MFA', 'by authenticator app (TOTP) when set up, and for risky sign-ins')
      : fix(
          'Cognito MFA',
          `MFA is ${config.MfaConfiguration ?? 'unknown'}${config.SoftwareTokenMfaConfiguration?.Enabled ? '' : ' without TOTP'}: the stack sets it OPTIONAL with TOTP (infra/identity.ts)`,
          false,
        );
  const role = sms?.SnsCallerArn
    ? ok('Cognito SMS role', `${sms.SnsCallerArn}: texts phone sign-in codes`)
    : fix('Cognito SMS role', 'no SNS role: phone sign-in codes cannot be sent', false);
  return [mfa, role];
}

/**
 * The regional services the stack uses, by SSM's service ids (CloudFront
 * and its web ACL are global). SNS carries the alarms everywhere, and the
 * SMS where the stack sends through it.
 */
export const STACK_SERVICES: readonly string[] = [
  'lambda',
  'dynamodb',
  'apigateway',
  's3',
  'cognito-idp',
  'kms',
  'secretsmanager',
  'sqs',
  'events',
  'logs',
  'cloudwatch',
  'sns',
];

const SERVICES_PATH = (region: string) =>
  `/aws/service/global-infrastructure/regions/${region}/services`;

/** Every regional service the stack uses is offered in its region (SSM's public parameters). */
async function services({ ssm }: PreflightClients, input: PreflightInput): Promise<Check> {
  const check = `Services in ${input.region}`;
  const offered = new Set<string>();
  try {
    for await (const page of paginateGetParametersByPath(
      { client: ssm },
      { Path: SERVICES_PATH(input.region) },
    ))
      for (const parameter of page.Parameters ?? [])
        if (parameter.Value) offered.add(parameter.Value);
  } catch (error) {
    return {
      check,
      status: 'check by hand',
      detail: `SSM's global-infrastructure parameters could not be read here (${(error as Error).name}; they answer in commercial regions only): from a commercial account run aws ssm get-parameters-by-path --region us-east-1 --path ${SERVICES_PATH(input.region)} and look for ${STACK_SERVICES.filter((service) => service !== 'cognito-idp' || input.userPoolId).join(', ')}`,
      blocksReminders: false,
    };
  }
  // A stack without a user pool signs staff in itself (-c identity=platform): no Cognito to ask for.
  const used = STACK_SERVICES.filter((service) => service !== 'cognito-idp' || input.userPoolId);
  const missing = used.filter((service) => !offered.has(service));
  return missing.length === 0
    ? ok(check, `all ${String(used.length)} services the stack uses are offered`)
    : fix(
        check,
        `not offered in ${input.region}: ${missing.join(', ')}${missing.includes('cognito-idp') ? ' (Cognito user pools: the staff sign-in cannot deploy here; README, "The China regions")' : ''}`,
        true,
      );
}

/** The domestic gateway: its key put in the secret, the signature and every template approved, with the wording the platform sends. */
async function gateway(
  clients: PreflightClients,
  route: SmsRoute & { provider: 'aliyun' },
): Promise<Check[]> {
  const gateway = clients.gateway!;
  const keyId = await gateway.keyId();
  if (keyId === UNSET_ACCESS_KEY)
    return [
      fix(
        'SMS gateway key',
        'the secret still holds the placeholder: put the AccessKey pair of a RAM user allowed dysms:SendSms (aws secretsmanager put-secret-value --secret-id <SmsGatewaySecretArn> --secret-string \'{"accessKeyId":"…","accessKeySecret":"…"}\')',
        true,
      ),
    ];
  const review = (what: string, result: GatewayReview, wording?: string): Check => {
    if (result.status === 'missing')
      return fix(
        what,
        `the gateway does not know it (${result.code}): register it, then set its code`,
        true,
      );
    if (result.status !== 'approved')
      return fix(
        what,
        `${result.status}${'reason' in result && result.reason ? `: ${result.reason}` : ''}: no SMS goes out until it is approved`,
        true,
      );
    if (wording !== undefined && result.content !== wording)
      return fix(
        what,
        `approved with other wording (“${result.content ?? ''}”); register exactly “${wording}”`,
        true,
      );
    return ok(what, 'approved');
  };
  const templates = Object.keys(SMS_TEMPLATES) as SmsTemplate[];
  const [sign, ...reviews] = await Promise.all([
    gateway.sign(route.signName),
    ...templates.map((name) => gateway.template(route.templateCodes[name])),
  ]);
  return [
    ok('SMS gateway key', `AccessKey ${keyId.slice(0, 4)}… in the secret`),
    review(`SMS signature ${route.signName}`, sign),
    ...templates.map((name, i) =>
      review(
        `SMS template ${name} (${route.templateCodes[name]})`,
        reviews[i]!,
        SMS_TEMPLATES[name],
      ),
    ),
  ];
}

/** CloudFront in China serves only an ICP-filed domain; nothing in the API can tell whether the filing is done. */
function icpFiling(input: PreflightInput): Check[] {
  if (!input.region.startsWith('cn-')) return [];
  return [
    {
      check: 'ICP filing (备案)',
      status: 'check by hand',
      detail:
        'CloudFront in China serves only a domain with an ICP filing: file it, upload its certificate to IAM, and deploy with -c domainName= -c iamCertificateId=',
      blocksReminders: false,
    },
  ];
}

export const STAFF_NETWORK = 'Staff network (WAF)';

/** Art2, Art11: the staff side answers only the office network. Not a reminder matter, but preflight fails on it. */
function staffNetwork(input: PreflightInput): Check {
  if (input.region.startsWith('cn-'))
    return fix(
      STAFF_NETWORK,
      'AWS WAF cannot guard CloudFront in the China regions (regional resources only): the staff side answers the whole internet until it takes the private path (README, "The China regions")',
      false,
    );
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
  const { sms } = input;
  const [offered, smsChecks, identity] = await Promise.all([
    services(clients, input),
    sms.provider === 'aliyun'
      ? gateway(clients, sms)
      : Promise.all([
          sandbox(clients),
          smsAccount(clients, input),
          origination(clients, input),
        ]).then(([first, account, origin]) => [first, ...account, ...origin]),
    // No user pool where the platform signs staff in itself (the China regions).
    input.userPoolId ? cognito(clients, input) : Promise.resolve([]),
  ]);
  return [offered, ...smsChecks, ...identity, ...icpFiling(input), staffNetwork(input)];
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
  const gatewaySecret = output('SmsGatewaySecretArn');
  const route: SmsRoute = gatewaySecret
    ? {
        provider: 'aliyun',
        signName: output('SmsSignName'),
        templateCodes: JSON.parse(output('SmsTemplateCodes')) as Record<SmsTemplate, string>,
      }
    : { provider: 'sns' };
  const checks = await preflight(
    {
      sns: new SNSClient(regional),
      sms: new PinpointSMSVoiceV2Client(regional),
      cognito: new CognitoIdentityProviderClient({}),
      // The parameters answer in the commercial regions (us-east-1 among them) only.
      ssm: new SSMClient({ region: region.startsWith('cn-') ? region : 'us-east-1' }),
      ...(gatewaySecret ? { gateway: await gatewayClients(gatewaySecret, region) } : {}),
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
      region,
      sms: route,
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

/** The gateway, with the AccessKey pair the stack's secret holds (read once). */
async function gatewayClients(secretArn: string, region: string) {
  const [{ SecretsManagerClient }, { secretText }, { aliyunGatewayReviews }] = await Promise.all([
    import('@aws-sdk/client-secrets-manager'),
    import('../shared/aws/secrets.ts'),
    import('../shared/sms/aliyun.ts'),
  ]);
  const pair = secretText(new SecretsManagerClient({ region }), secretArn);
  const credentials = async () => JSON.parse(await pair()) as AliyunCredentials;
  return {
    keyId: async () => (await credentials()).accessKeyId,
    ...aliyunGatewayReviews(credentials),
  };
}
