import { Aws, CfnOutput, Duration, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  CfnUserPoolGroup,
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
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { PASSWORD_POLICY } from '../shared/domain/accounts.ts';
import { GROUPS } from '../shared/domain/principal.ts';

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
 * signs in through Cognito's managed login (authorization code with PKCE,
 * TOTP MFA); scripts may use the SRP client.
 */
/** Users may read their name, phone and unit, and write their name only: never their unit. */
const READ = new ClientAttributes()
  .withStandardAttributes({ fullname: true, phoneNumber: true })
  .withCustomAttributes('unitId');
const WRITE = new ClientAttributes().withStandardAttributes({ fullname: true });

export class Identity extends Construct {
  readonly userPool: UserPool;
  /** For scripts and API clients: SRP, no secret. */
  readonly client: UserPoolClient;
  /** The console's: authorization code with PKCE, no secret, the console's URLs only. */
  readonly consoleClient: UserPoolClient;
  readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: { consoleOrigin: string }) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Staff', {
      selfSignUpEnabled: false,
      signInAliases: { username: true },
      customAttributes: { unitId: new StringAttribute({ minLen: 2, maxLen: 64, mutable: true }) },
      passwordPolicy: PASSWORD_POLICY,
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.NONE,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
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
        ],
        resources: [this.userPool.userPoolArn],
      }),
    );
  }
}
