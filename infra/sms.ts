import { Aws, CfnOutput, Validations } from 'aws-cdk-lib';
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

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const context = (name: string) => (this.node.tryGetContext(name) as string | undefined) ?? '';
    this.environment = {
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
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] }),
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
