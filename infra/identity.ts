import { Aws, CfnOutput, Duration, Fn, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  CfnUserPoolGroup,
  CfnUserPoolRiskConfigurationAttachment,
  ClientAttributes,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolClientIdentityProvider,
  type UserPoolClient,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import type { HttpApi, IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { PASSWORD_POLICY } from '../shared/domain/accounts.ts';
import { GROUPS } from '../shared/domain/principal.ts';
import { SMS_SIGNATURE, SMS_TEMPLATES } from '../shared/domain/smsTemplates.ts';
import { businessMetricAlarm } from './alarms.ts';
import type { Data } from './data.ts';
import { platformFunction, type PlatformFunction } from './lambda.ts';

/**
 * Staff sign-in, as the API and the web apps see it: Cognito's user pool
 * (Identity), or the platform's own OpenID provider where Cognito is not
 * offered (PlatformIdentity, infra/platformIdentity.ts).
 */
export interface StaffIdentity {
  readonly alarms: Alarm[];
  /** Whether the account routes text a temporary password (the accounts function sends SMS). */
  readonly accountsSendSms: boolean;
  /** The authorizer of staff routes. */
  authorizer(): IHttpRouteAuthorizer;
  /** Anything of its own on the HTTP API, once the API exists. */
  serve(httpApi: HttpApi, originVerify: ISecret): void;
  /** What the console's `config.json` says about sign-in. */
  consoleSignIn(consoleOrigin: string): Record<string, string>;
  /** The directory's environment for the account and phone routes. */
  directoryEnvironment(): Record<string, string>;
  grantAccountAdministration(grantee: IGrantable): void;
  grantPhoneSignIn(grantee: IGrantable): void;
}

/** The managed login's domain prefix: `-c authDomainPrefix=…`, or `xinhua-<account>`. */
export const authDomainPrefix = (scope: Construct): string =>
  (scope.node.tryGetContext('authDomainPrefix') as string | undefined) ??
  Fn.join('-', ['xinhua', Aws.ACCOUNT_ID]);

/** Access and ID tokens live 15 minutes: a disabled account loses access within 15 minutes. */
const TOKEN_LIFETIME = Duration.minutes(15);
/** A shift: the console renews its tokens with the refresh token until then. */
const REFRESH_LIFETIME = Duration.hours(12);

/**
 * Staff sign-in: a Cognito user pool with the five groups of API.md and the
 * `custom:unitId` attribute. Only administrators create users and set their
 * unit; a user can neither sign up nor change their own unit. The console
 * signs in through Cognito's managed login (authorization code with PKCE):
 * by password, with TOTP for whoever sets it up and whenever threat
 * protection finds a sign-in risky, or by a code texted to the phone (Art14,
 * choice-based sign-in): Cognito texts only a verified `phone_number`, and
 * the platform marks it verified only while it is a registered, verified
 * phone of the account's unit (`signsInByPhone`). Every sign-in is audited
 * by the post authentication trigger. Scripts may use the SRP client.
 */
/** Users may read their name, phone and unit, and write their name only: never their unit. */
const READ = new ClientAttributes()
  .withStandardAttributes({ fullname: true, phoneNumber: true })
  .withCustomAttributes('unitId');
const WRITE = new ClientAttributes().withStandardAttributes({ fullname: true });

export class Identity extends Construct implements StaffIdentity {
  readonly userPool: UserPool;
  /** For scripts and API clients: SRP, no secret. */
  readonly client: UserPoolClient;
  /** The console's: authorization code with PKCE, no secret, the console's URLs only. */
  readonly consoleClient: UserPoolClient;
  readonly domain: UserPoolDomain;
  /** The post authentication trigger: writes each sign-in's audit record. */
  readonly signIns: PlatformFunction;
  readonly alarms: Alarm[];
  /** Cognito mails a new account its temporary password itself. */
  readonly accountsSendSms = false;

  constructor(scope: Construct, id: string, props: { consoleOrigin: string; data: Data }) {
    super(scope, id);
    this.signIns = platformFunction(this, 'signIns', {
      TABLE_NAME: props.data.table.tableName,
      AUDIT_TABLE_NAME: props.data.auditTable.tableName,
    });
    props.data.grantAuditAppend(this.signIns);
    this.userPool = new UserPool(this, 'Staff', {
      selfSignUpEnabled: false,
      signInAliases: { username: true },
      customAttributes: { unitId: new StringAttribute({ minLen: 2, maxLen: 64, mutable: true }) },
      passwordPolicy: PASSWORD_POLICY,
      // Cognito offers the passwordless first factors only where MFA is not required: TOTP stays
      // for everyone who sets it up, and threat protection asks for it when a sign-in is risky.
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      signInPolicy: { allowedFirstAuthFactors: { password: true, smsOtp: true } },
      // Cognito texts sign-in codes through SNS with a role of its own.
      enableSmsRole: true,
      mfaMessage: `【${SMS_SIGNATURE}】${SMS_TEMPLATES.signInCode.replace('${code}', '{####}')}`,
      accountRecovery: AccountRecovery.NONE,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      lambdaTriggers: { postAuthentication: this.signIns },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Texting a phone number has no resource to name: SNS's SMS publish is allowed on "*" only.
    Validations.of(this.userPool.node.findChild('smsRole')).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'sns:Publish to a phone number (Cognito texting sign-in codes) has no resource ARN; only cognito-idp may assume this role, with the pool’s external ID.',
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'Cognito offers phone sign-in codes (Art14) only where MFA is optional: TOTP is asked of everyone who sets it up, threat protection asks for it on a risky sign-in and blocks a high-risk one.',
    });
    // Threat protection's answer to a risky sign-in, for every client: TOTP where set up when the
    // risk is low, TOTP or no sign-in when medium, no sign-in when high or with leaked credentials.
    new CfnUserPoolRiskConfigurationAttachment(this, 'RiskySignIns', {
      userPoolId: this.userPool.userPoolId,
      clientId: 'ALL',
      accountTakeoverRiskConfiguration: {
        actions: {
          lowAction: { eventAction: 'MFA_IF_CONFIGURED', notify: false },
          mediumAction: { eventAction: 'MFA_REQUIRED', notify: false },
          highAction: { eventAction: 'BLOCK', notify: false },
        },
      },
      compromisedCredentialsRiskConfiguration: { actions: { eventAction: 'BLOCK' } },
    });
    this.alarms = [
      businessMetricAlarm(
        this,
        'SignInsNotAuditedAlarm',
        'SignInsNotAudited',
        'A sign-in went unaudited (the audit table refused it): see the signIns log',
      ),
    ];
    for (const group of GROUPS) {
      new CfnUserPoolGroup(this, `Group-${group}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: group,
      });
    }
    this.client = this.userPool.addClient('Web', {
      authFlows: { userSrp: true },
      // SRP only: CDK would otherwise allow the implicit flow back to https://example.com.
      disableOAuth: true,
      generateSecret: false,
      preventUserExistenceErrors: true,
      idTokenValidity: TOKEN_LIFETIME,
      accessTokenValidity: TOKEN_LIFETIME,
      refreshTokenValidity: REFRESH_LIFETIME,
      readAttributes: READ,
      writeAttributes: WRITE,
    });

    // Cognito's managed login on a domain of ours (-c authDomainPrefix=… for a second copy in one region).
    const prefix = authDomainPrefix(this);
    this.domain = this.userPool.addDomain('Login', {
      cognitoDomain: { domainPrefix: prefix },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    const consoleUrl = `${props.consoleOrigin}/`;
    this.consoleClient = this.userPool.addClient('Console', {
      // Choice-based sign-in in managed login: password, or a code texted to the phone.
      authFlows: { user: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.PROFILE],
        callbackUrls: [consoleUrl],
        logoutUrls: [consoleUrl],
      },
      idTokenValidity: TOKEN_LIFETIME,
      accessTokenValidity: TOKEN_LIFETIME,
      refreshTokenValidity: REFRESH_LIFETIME,
      readAttributes: READ,
      writeAttributes: WRITE,
    });
    // Managed login (v2) shows nothing until the client has a style: Cognito's own.
    new CfnManagedLoginBranding(this, 'LoginStyle', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.consoleClient.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    new CfnOutput(Stack.of(this), 'SignInUrl', { value: this.domain.baseUrl() });
  }

  /** Staff routes: Cognito's JWT authorizer for both clients. */
  authorizer(): IHttpRouteAuthorizer {
    return new HttpUserPoolAuthorizer('Staff', this.userPool, {
      userPoolClients: [this.client, this.consoleClient],
    });
  }

  /** Nothing of its own on the API: Cognito serves its managed login on its own domain. */
  serve(): void {}

  directoryEnvironment(): Record<string, string> {
    return { USER_POOL_ID: this.userPool.userPoolId };
  }

  /** What the console's `config.json` says about sign-in. */
  consoleSignIn(consoleOrigin: string): Record<string, string> {
    return {
      authority: `https://cognito-idp.${Aws.REGION}.${Aws.URL_SUFFIX}/${this.userPool.userPoolId}`,
      clientId: this.consoleClient.userPoolClientId,
      // Cognito's discovery names no end-session endpoint: its managed login's own.
      signOutUrl: `${this.domain.baseUrl()}/logout?client_id=${this.consoleClient.userPoolClientId}&logout_uri=${consoleOrigin}/`,
    };
  }

  /**
   * What the accounts function does to this pool and nothing more: create a
   * user in a group, read users and their groups, disable (and sign out) or
   * enable one.
   */
  grantAccountAdministration(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [
          'cognito-idp:AdminCreateUser',
          'cognito-idp:AdminAddUserToGroup',
          'cognito-idp:AdminGetUser',
          'cognito-idp:AdminListGroupsForUser',
          'cognito-idp:ListUsersInGroup',
          'cognito-idp:AdminDisableUser',
          'cognito-idp:AdminEnableUser',
          'cognito-idp:AdminUserGlobalSignOut',
          // A new account whose phone is its unit's verified number signs in with it too.
          'cognito-idp:AdminUpdateUserAttributes',
        ],
        resources: [this.userPool.userPoolArn],
      }),
    );
  }

  /**
   * What the phones function does to this pool: when a number is verified
   * or retired, find the accounts with that number and set whether it signs
   * them in (`phone_number_verified`).
   */
  grantPhoneSignIn(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [
          'cognito-idp:ListUsers',
          'cognito-idp:AdminGetUser',
          'cognito-idp:AdminListGroupsForUser',
          'cognito-idp:AdminUpdateUserAttributes',
        ],
        resources: [this.userPool.userPoolArn],
      }),
    );
  }
}
