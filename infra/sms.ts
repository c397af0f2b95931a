import { Aws, CfnOutput, Stack, Token, Validations } from 'aws-cdk-lib';
import {
  Effect,
  PolicyStatement,
  Role,
  ServicePrincipal,
  type IGrantable,
} from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/**
 * SMS through SNS. Publishing to a phone number has no resource ARN to name,
 * so `sns:Publish` on `*` is the narrowest grant that works; it is denied
 * for topics, so the grant cannot publish anywhere but to phones.
 * Delivery-status logging is an account-wide SNS setting (SetSMSAttributes,
 * not CloudFormation): the stack makes its role, and the README shows the
 * one command that turns it on.
 */
export class Sms extends Construct {
  readonly environment: Record<string, string>;
  readonly deliveryStatusRole: Role;
  /** Where SNS sends SMS from: `-c smsRegion=`, else the stack's own region. */
  readonly region: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const context = (name: string) => (this.node.tryGetContext(name) as string | undefined) ?? '';
    const stackRegion = Stack.of(this).region;
    refuseRegionsWithoutSms(stackRegion, context('smsRegion'));
    this.region = context('smsRegion') || stackRegion;
    this.environment = {
      ...(context('smsRegion') ? { SMS_REGION: context('smsRegion') } : {}),
      ...(context('smsSenderId') ? { SMS_SENDER_ID: context('smsSenderId') } : {}),
      ...(context('smsOriginationNumber')
        ? { SMS_ORIGINATION_NUMBER: context('smsOriginationNumber') }
        : {}),
    };
    this.deliveryStatusRole = new Role(this, 'DeliveryStatusLogs', {
      assumedBy: new ServicePrincipal('sns.amazonaws.com'),
    });
    this.deliveryStatusRole.addToPolicy(
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
    Validations.of(this.deliveryStatusRole).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:*:*:log-group:sns/*]',
      reason:
        'SNS writes SMS delivery logs to log groups it names itself under sns/<region>/<account>/DirectPublishToPhoneNumber[/Failure]; the statement is limited to that prefix.',
    });
    new CfnOutput(this, 'SmsDeliveryStatusRoleArn', { value: this.deliveryStatusRole.roleArn });
  }

  grantPublish(grantee: IGrantable): void {
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
 * rather than deploy reminders that never arrive. A region-agnostic synth
 * (no region known) passes.
 */
function refuseRegionsWithoutSms(stackRegion: string, smsRegion: string): void {
  const known = (region: string) => region !== '' && !Token.isUnresolved(region);
  const china = (region: string) => known(region) && region.startsWith('cn-');
  if (china(stackRegion) || china(smsRegion))
    throw new Error(
      `SMS: Amazon SNS cannot send SMS in the China regions (${china(stackRegion) ? stackRegion : smsRegion}), and a stack there cannot use SNS elsewhere: deploy in a commercial region that sends SMS (README, "SMS and regions")`,
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
