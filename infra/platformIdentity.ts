import { CfnOutput, Stack, Validations } from 'aws-cdk-lib';
import { HttpMethod, type HttpApi, type IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { CONSOLE_CLIENT_ID } from '../shared/domain/accounts.ts';
import { ORIGIN_VERIFY_HEADER } from '../shared/routes.ts';
import { DIRECTORY_TABLE } from '../shared/store/tables.ts';
import { tableFrom, type Data } from './data.ts';
import { platformFunction, type PlatformFunction } from './lambda.ts';
import type { Sms } from './sms.ts';

/** Where the platform's own OpenID provider is mounted on the platform's origin. */
export const IDENTITY_PATH = '/identity';
/** What API Gateway's JWT authorizer reads from anywhere: the discovery document and the public keys. */
export const IDENTITY_PUBLIC_PATHS = [
  `${IDENTITY_PATH}/.well-known/openid-configuration`,
  `${IDENTITY_PATH}/jwks`,
] as const;
/** The directory's one partition (shared/store/directory.ts): all that other functions may touch. */
const ACCOUNTS_PARTITION = 'ACCOUNTS';

/**
 * Staff sign-in where Amazon Cognito is not offered (the China regions, or
 * `-c identity=platform` anywhere): the platform's own OpenID provider
 * (oidc-provider, functions/identity) as a function under `/identity/` on
 * the platform's one origin, with the same pages, claims and rules as the
 * local platform's. Accounts, sessions and the provider's keys are in a
 * table of their own; the account and phone routes may touch only its
 * accounts partition. The HTTP API's JWT authorizer trusts its issuer as
 * it trusts Cognito's. A new account's temporary password is texted to its
 * phone (no Cognito to mail it, no SES in the China regions).
 */
export class PlatformIdentity extends Construct {
  readonly table: TableV2;
  readonly function: PlatformFunction;
  readonly issuer: string;
  readonly alarms: Alarm[] = [];
  /** The account routes text temporary passwords: the accounts function sends SMS. */
  readonly accountsSendSms = true;

  constructor(
    scope: Construct,
    id: string,
    props: { consoleOrigin: string; data: Data; sms: Sms },
  ) {
    super(scope, id);
    this.issuer = `${props.consoleOrigin}${IDENTITY_PATH}`;
    // Sessions, codes and sign-in steps lapse at `expiresAt`; DynamoDB removes them.
    this.table = tableFrom(this, 'Table', DIRECTORY_TABLE);
    this.function = platformFunction(this, 'identity', {
      TABLE_NAME: props.data.table.tableName,
      AUDIT_TABLE_NAME: props.data.auditTable.tableName,
      IDENTITY_TABLE_NAME: this.table.tableName,
      ISSUER: this.issuer,
      CONSOLE_ORIGIN: props.consoleOrigin,
      ...props.sms.environment,
    });
    // The provider is the table's only reader of sessions and keys: every call its store makes.
    this.function.addToRolePolicy(
      new PolicyStatement({
        actions: [
          'dynamodb:GetItem',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
          'dynamodb:DeleteItem',
          'dynamodb:Query',
          'dynamodb:BatchWriteItem',
        ],
        resources: [this.table.tableArn],
      }),
    );
    props.data.grantAuditAppend(this.function);
    props.sms.grantSend(this.function);
    new CfnOutput(Stack.of(this), 'SignInUrl', { value: this.issuer });
    new CfnOutput(Stack.of(this), 'IdentityTable', { value: this.table.tableName });
  }

  /** Staff routes: API Gateway's JWT authorizer on the provider's issuer and the console's client. */
  authorizer(): IHttpRouteAuthorizer {
    return new HttpJwtAuthorizer('Staff', this.issuer, { jwtAudience: [CONSOLE_CLIENT_ID] });
  }

  /**
   * The provider's paths on the HTTP API: GET and POST under /identity/, no
   * authorizer (it is the sign-in); like every API function it answers only
   * what carries CloudFront's origin-verify header.
   */
  serve(httpApi: HttpApi, originVerify: ISecret): void {
    this.function.addEnvironment('ORIGIN_VERIFY_SECRET_ARN', originVerify.secretArn);
    originVerify.grantRead(this.function);
    const routes = httpApi.addRoutes({
      path: `${IDENTITY_PATH}/{proxy+}`,
      methods: [HttpMethod.GET, HttpMethod.POST],
      integration: new HttpLambdaIntegration('identity-integration', this.function),
    });
    for (const route of routes)
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: `The sign-in itself (the platform's OpenID provider): it answers only requests that carry CloudFront's ${ORIGIN_VERIFY_HEADER} header.`,
      });
  }

  /** What the console's `config.json` says about sign-in: discovery names the end-session endpoint. */
  consoleSignIn(): Record<string, string> {
    return { authority: this.issuer, clientId: CONSOLE_CLIENT_ID };
  }

  /** The directory's environment for the account and phone routes. */
  directoryEnvironment(): Record<string, string> {
    return { IDENTITY_TABLE_NAME: this.table.tableName };
  }

  /** The accounts function: create, read, list, disable and enable accounts: the accounts partition only. */
  grantAccountAdministration(grantee: IGrantable): void {
    this.grantAccounts(grantee, [
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    ]);
  }

  /** The phones function: find the accounts with a number and set whether it signs them in. */
  grantPhoneSignIn(grantee: IGrantable): void {
    this.grantAccounts(grantee, ['dynamodb:Query', 'dynamodb:UpdateItem']);
  }

  private grantAccounts(grantee: IGrantable, actions: string[]): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions,
        resources: [this.table.tableArn],
        conditions: {
          'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [ACCOUNTS_PARTITION] },
        },
      }),
    );
  }
}
