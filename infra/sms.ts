import { Aws, CfnOutput, Stack, Token, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import {
  Effect,
  PolicyStatement,
  Role,
  ServicePrincipal,
  type IGrantable,
} from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { SMS_SIGNATURE, SMS_TEMPLATES, type SmsTemplate } from '../shared/domain/smsTemplates.ts';

/**
 * Who sends the platform's SMS. By default SNS: publishing to a phone number
 * has no resource ARN to name, so `sns:Publish` on `*` is the narrowest
 * grant that works; it is denied for topics, so the grant cannot publish
 * anywhere but to phones. Delivery-status logging is an account-wide SNS
 * setting (SetSMSAttributes, not CloudFormation): the stack makes its role,
 * and the README shows the one command that turns it on.
 *
 * `-c smsProvider=aliyun`: Alibaba Cloud's SMS service, for the China
 * regions where SNS sends none: its registered signature and template codes
 * are settings, its AccessKey pair a secret the senders alone may read.
 */
export class Sms extends Construct {
  readonly environment: Record<string, string>;
  readonly provider: 'sns' | 'aliyun';
  /** SNS's delivery-status role (SNS only). */
  readonly deliveryStatusRole?: Role;
  /** The domestic gateway's AccessKey pair (aliyun only). */
  readonly gatewayKey?: Secret;
  /** Where SNS sends SMS from: `-c smsRegion=`, else the stack's own region. */
  readonly region: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const context = (name: string) => (this.node.tryGetContext(name) as string | undefined) ?? '';
    const stackRegion = Stack.of(this).region;
    this.region = context('smsRegion') || stackRegion;
    const provider = context('smsProvider') || 'sns';
    if (provider !== 'sns' && provider !== 'aliyun')
      throw new Error(`SMS: -c smsProvider=${provider} is not known: sns (default) or aliyun`);
    this.provider = provider;
    if (provider === 'aliyun') {
      const templateCodes = templateCodesOf(context('smsTemplateCodes'));
      const key = (this.gatewayKey = new Secret(this, 'GatewayKey', {
        description:
          'AccessKey pair of the Alibaba Cloud SMS service, as JSON {"accessKeyId","accessKeySecret"}: put the real pair after the first deploy (README, "The China regions")',
        generateSecretString: {
          secretStringTemplate: JSON.stringify({ accessKeyId: UNSET_ACCESS_KEY }),
          generateStringKey: 'accessKeySecret',
          excludePunctuation: true,
        },
      }));
      Validations.of(key).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason:
          'The pair is issued by Alibaba Cloud (a RAM user allowed dysms:SendSms only): the operator rotates it there and puts the new pair here (README).',
      });
      const signName = context('smsSignName') || SMS_SIGNATURE;
      const codes = JSON.stringify(templateCodes);
      this.environment = {
        SMS_PROVIDER: 'aliyun',
        SMS_SIGN_NAME: signName,
        SMS_TEMPLATE_CODES: codes,
        SMS_GATEWAY_SECRET_ARN: key.secretArn,
      };
      // What `npm run preflight` checks with the gateway.
      const stack = Stack.of(this);
      new CfnOutput(stack, 'SmsGatewaySecretArn', { value: key.secretArn });
      new CfnOutput(stack, 'SmsSignName', { value: signName });
      new CfnOutput(stack, 'SmsTemplateCodes', { value: codes });
      return;
    }
    refuseRegionsWithoutSms(stackRegion, context('smsRegion'));
    this.environment = {
      ...(context('smsRegion') ? { SMS_REGION: context('smsRegion') } : {}),
      ...(context('smsSenderId') ? { SMS_SENDER_ID: context('smsSenderId') } : {}),
      ...(context('smsOriginationNumber')
        ? { SMS_ORIGINATION_NUMBER: context('smsOriginationNumber') }
        : {}),
    };
    const role = (this.deliveryStatusRole = new Role(this, 'DeliveryStatusLogs', {
      assumedBy: new ServicePrincipal('sns.amazonaws.com'),
    }));
    role.addToPolicy(
      new PolicyStatement({
        actions: [
          'logs:CreateLogGroup',
          'logs:CreateLogStream',
          'logs:PutLogEvents',
          'logs:PutMetricFilter',
          'logs:PutRetentionPolicy',
        ],
        resources: [`arn:${Aws.PARTITION}:logs:*:*:log-group:sns/*`],
      }),
    );
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:*:*:log-group:sns/*]',
      reason:
        'SNS writes SMS delivery logs to log groups it names itself under sns/<region>/<account>/DirectPublishToPhoneNumber[/Failure]; the statement is limited to that prefix.',
    });
    new CfnOutput(this, 'SmsDeliveryStatusRoleArn', { value: role.roleArn });
  }

  /** Lets a function send SMS: read the gateway's key, or publish to phones through SNS. */
  grantSend(grantee: IGrantable): void {
    if (this.gatewayKey) {
      this.gatewayKey.grantRead(grantee);
      return;
    }
    // To phone numbers (no ARN), and only through the SMS region's SNS endpoint.
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['sns:Publish'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:RequestedRegion': this.region } },
      }),
    );
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.DENY,
        actions: ['sns:Publish'],
        resources: [`arn:${Aws.PARTITION}:sns:*:*:*`],
      }),
    );
    Validations.of(grantee.grantPrincipal as unknown as Construct).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'SMS to a phone number (SNS Publish with PhoneNumber) has no resource ARN; Publish to any topic is denied in the same policy.',
    });
  }
}

/** What the gateway key's id says until the operator puts the real pair (preflight fails on it). */
export const UNSET_ACCESS_KEY = 'put-the-AccessKey-ID-here';

/**
 * `-c smsTemplateCodes=unitReminder=SMS_1,escalation=SMS_2,verificationCode=SMS_3,signInCode=SMS_4,accountOpened=SMS_5`:
 * the code the gateway gave each registered template. Every template needs
 * one (a reminder without its template would never go out): refused at
 * synth, naming what is missing.
 */
export function templateCodesOf(setting: string): Record<SmsTemplate, string> {
  const codes = Object.fromEntries(
    setting
      .split(',')
      .map((pair) => pair.split('=').map((part) => part.trim()))
      .filter(([name, code]) => name && code),
  ) as Partial<Record<string, string>>;
  const names = Object.keys(SMS_TEMPLATES) as SmsTemplate[];
  const missing = names.filter((name) => !codes[name]);
  if (missing.length > 0)
    throw new Error(
      `SMS: -c smsProvider=aliyun needs the code of every registered template: -c smsTemplateCodes=${names.map((name) => `${name}=SMS_…`).join(',')} (missing ${missing.join(', ')}; README, "The China regions")`,
    );
  const unknown = Object.keys(codes).filter((name) => !names.includes(name as SmsTemplate));
  if (unknown.length > 0)
    throw new Error(
      `SMS: -c smsTemplateCodes names templates that do not exist: ${unknown.join(', ')}`,
    );
  return Object.fromEntries(names.map((name) => [name, codes[name] ?? ''])) as Record<
    SmsTemplate,
    string
  >;
}

/**
 * The regions AWS lists as sending SMS through SNS (SNS Developer Guide,
 * "Supported Regions and countries", read 2026-11-25). The list grows: a
 * region missing here is refused unless `-c smsRegion` names where to send
 * from (that region itself, if AWS has added it since).
 */
export const SNS_SMS_REGIONS: readonly string[] = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'us-gov-west-1',
  'af-south-1',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-northeast-1',
  'ap-northeast-3',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-south-1',
];
/** Regions near China that the list leaves out: Hong Kong and Seoul send no SMS through SNS. */
const NO_SNS_SMS = ['ap-east-1', 'ap-northeast-2'];

/**
 * Amazon SNS sends no SMS in the China regions (Beijing cn-north-1, Ningxia
 * cn-northwest-1; AWS's list of SNS SMS regions names none of them), and a
 * stack in the China partition cannot call SNS in another partition; nor in
 * a commercial region the list leaves out. Refuse at synth, in one line,
 * rather than deploy reminders that never arrive (`-c smsProvider=aliyun`
 * sends them in China instead). A region-agnostic synth
 * (no region known) passes.
 */
function refuseRegionsWithoutSms(stackRegion: string, smsRegion: string): void {
  const known = (region: string) => region !== '' && !Token.isUnresolved(region);
  const china = (region: string) => known(region) && region.startsWith('cn-');
  if (china(stackRegion) || china(smsRegion))
    throw new Error(
      `SMS: Amazon SNS cannot send SMS in the China regions (${china(stackRegion) ? stackRegion : smsRegion}), and a stack there cannot use SNS elsewhere: deploy with -c smsProvider=aliyun, a domestic SMS gateway (README, "The China regions")`,
    );
  if (NO_SNS_SMS.includes(smsRegion))
    throw new Error(
      `SMS: Amazon SNS sends no SMS from ${smsRegion}: set -c smsRegion to a region that does, e.g. ap-southeast-1 (README, "SMS and regions")`,
    );
  if (!smsRegion && known(stackRegion) && !SNS_SMS_REGIONS.includes(stackRegion))
    throw new Error(
      `SMS: Amazon SNS does not list ${stackRegion} among the regions it sends SMS from: deploy with -c smsRegion=ap-southeast-1 (or -c smsRegion=${stackRegion} if AWS lists it now; README, "SMS and regions")`,
    );
}
