import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Api } from './api.ts';
import { AuditDigests } from './auditDigests.ts';
import { Data } from './data.ts';
import { Identity, type StaffIdentity } from './identity.ts';
import { Monitoring } from './monitoring.ts';
import { PlatformIdentity } from './platformIdentity.ts';
import { Reminders } from './reminders.ts';
import { Sms } from './sms.ts';
import { Uploads } from './uploads.ts';
import { Web } from './web.ts';

/** `-c identity=`: Cognito's user pool, or the platform's own OpenID provider. */
export type IdentityKind = 'cognito' | 'platform';

/** The whole platform: one stack, constructs by capability (DESIGN.md). */
export class PlatformStack extends Stack {
  readonly data: Data;
  readonly identity: Identity | PlatformIdentity;
  readonly api: Api;
  readonly sms: Sms;
  readonly reminders: Reminders;
  readonly uploads: Uploads;
  readonly monitoring: Monitoring;
  readonly web: Web;
  readonly auditDigests: AuditDigests;

  constructor(
    scope: Construct,
    id: string,
    props?: StackProps & {
      /** The edge stack's web ACL (us-east-1); absent in a synth that knows no region. */
      webAclArn?: string;
      /** The office network the staff side is limited to, as the stack output says it. */
      staffCidrs?: string[];
      /** Who signs staff in: Cognito, or the platform's own OpenID provider (the China regions). */
      identity?: IdentityKind;
    },
  ) {
    super(scope, id, props);
    this.data = new Data(this, 'Data');
    this.sms = new Sms(this, 'Sms');
    this.uploads = new Uploads(this, 'Uploads', { data: this.data });
    this.web = new Web(this, 'Web', {
      logs: this.uploads.accessLogs,
      photos: this.uploads.bucket,
      webAclArn: props?.webAclArn,
      identity: props?.identity ?? 'cognito',
    });
    const identity: StaffIdentity = (this.identity =
      props?.identity === 'platform'
        ? new PlatformIdentity(this, 'PlatformIdentity', {
            consoleOrigin: this.web.origin,
            data: this.data,
            sms: this.sms,
          })
        : new Identity(this, 'Identity', { consoleOrigin: this.web.origin, data: this.data }));
    this.api = new Api(this, 'Api', {
      data: this.data,
      identity,
      sms: this.sms,
      uploads: this.uploads,
    });
    this.web.serveApi(this.api.httpApi, this.api.originVerify);
    this.web.deployApps({
      // The API is on the web apps' own origin (CloudFront).
      apiUrl: '',
      ...identity.consoleSignIn(this.web.origin),
    });
    this.reminders = new Reminders(this, 'Reminders', { data: this.data, sms: this.sms });
    this.auditDigests = new AuditDigests(this, 'AuditDigests', {
      data: this.data,
      logs: this.uploads.accessLogs,
    });
    this.monitoring = new Monitoring(this, 'Monitoring', {
      functions: {
        ...this.api.functions,
        reminders: this.reminders.function,
        uploads: this.uploads.function,
        auditDigest: this.auditDigests.function,
        auditWatch: this.auditDigests.watch,
        ...(this.identity instanceof Identity
          ? { signIns: this.identity.signIns }
          : { identity: this.identity.function }),
      },
      httpApi: this.api.httpApi,
      alarms: [
        ...this.reminders.alarms,
        ...this.uploads.alarms,
        ...this.auditDigests.alarms,
        ...identity.alarms,
      ],
    });
    new CfnOutput(this, 'AuditDigestBucket', { value: this.auditDigests.bucket.bucketName });

    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    // `npm run preflight` fails while this says none.
    new CfnOutput(this, 'StaffCidrs', {
      value: props?.staffCidrs?.length ? props.staffCidrs.join(',') : 'none',
    });
    if (this.identity instanceof Identity) {
      new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId });
      new CfnOutput(this, 'UserPoolClientId', { value: this.identity.client.userPoolClientId });
    }
  }
}
