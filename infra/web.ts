import { spawnSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  Annotations,
  Aws,
  CfnOutput,
  DockerImage,
  Duration,
  RemovalPolicy,
  Stack,
  Token,
  Validations,
} from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  type CfnDistribution,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  ObjectOwnership,
  type IBucket,
} from 'aws-cdk-lib/aws-s3';
import {
  BucketDeployment,
  CacheControl,
  Source,
  type ISource,
} from 'aws-cdk-lib/aws-s3-deployment';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { Construct } from 'constructs';
import { ORIGIN_VERIFY_HEADER } from '../shared/routes.ts';
import { buildIsFresh, distOf } from '../shared/web/builds.ts';
import { contentSecurityPolicy } from '../shared/web/securityHeaders.ts';
import { apiPathSegments } from './edge.ts';
import { authDomainPrefix } from './identity.ts';
import { IDENTITY_PATH } from './platformIdentity.ts';

const root = resolve(import.meta.dirname, '..');

/**
 * A web app built by Vite at synth time (offline, no Docker): the asset is
 * its `dist/`. CDK calls `tryBundle` with the directory to build into.
 */
function viteBuild(app: string): ISource {
  return Source.asset(join(root, 'web', app), {
    exclude: ['dist', 'node_modules'],
    bundling: {
      image: DockerImage.fromRegistry('not-used-vite-builds-locally'),
      local: {
        tryBundle(outputDir) {
          // A build newer than every source it comes from (npm start's rule) is the same build.
          if (buildIsFresh(app)) {
            cpSync(distOf(app), outputDir, { recursive: true });
            return true;
          }
          const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
          const run = spawnSync(
            process.execPath,
            [
              vite,
              'build',
              join(root, 'web', app),
              '--outDir',
              outputDir,
              '--emptyOutDir',
              '--logLevel',
              'warn',
            ],
            {
              stdio: 'inherit',
            },
          );
          if (run.status !== 0) throw new Error(`vite build of web/${app} failed`);
          return true;
        },
      },
    },
  });
}

/** HSTS, no framing, nosniff, the referrer policy: every answer of the distribution, pages and API alike. */
const SECURITY_HEADERS = {
  strictTransportSecurity: {
    accessControlMaxAge: Duration.days(365),
    includeSubdomains: true,
    override: true,
  },
  frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
  contentTypeOptions: { override: true },
  referrerPolicy: {
    referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
    override: true,
  },
};

/**
 * The web apps (UI.md): a private bucket behind CloudFront with origin
 * access control; the console at `/` (and later the citizen site at `/m/`),
 * the same security headers as the local gateway sends, and a `config.json`
 * written at deploy time that tells the console where the API and the
 * sign-in are.
 */
export class Web extends Construct {
  readonly distribution: Distribution;
  readonly bucket: Bucket;
  /** `https://<distribution domain>`: the origin the API's CORS and the sign-in's callbacks allow. */
  readonly origin: string;
  private readonly identity: 'cognito' | 'platform';

  constructor(
    scope: Construct,
    id: string,
    props: {
      logs: IBucket;
      photos: IBucket;
      webAclArn?: string | undefined;
      /** Cognito's managed login on its own domain, or the platform's provider on this origin. */
      identity: 'cognito' | 'platform';
    },
  ) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: props.logs,
      serverAccessLogsPrefix: 'site/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const stack = Stack.of(this);
    // One origin: the API is this distribution's too (serveApi), so pages call 'self'; sign-in
    // is the managed login on the platform's own Cognito domain, or the platform's own provider
    // under /identity on this origin.
    this.identity = props.identity;
    const policy = contentSecurityPolicy({
      api: '',
      auth:
        props.identity === 'cognito'
          ? [
              `https://${authDomainPrefix(this)}.auth.${Aws.REGION}.amazoncognito.com`,
              `https://cognito-idp.${Aws.REGION}.${Aws.URL_SUFFIX}`,
            ]
          : [],
      images: [`https://${props.photos.bucketRegionalDomainName}`],
      uploads: [`https://${props.photos.bucketRegionalDomainName}`],
    });
    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'CSP, HSTS, no framing, nosniff: the web apps of the Xinhua platform',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: policy, override: true },
        ...SECURITY_HEADERS,
      },
    });
    // SPA fallback without hiding missing files: a path with no file extension
    // (a folder, an old or mistyped link) serves its app's index.html, whose
    // hash router takes it from there; `/m` is `/m/`; a missing asset stays a miss.
    // CloudFront Functions are not offered in the China regions (nor OAC): there the citizen
    // site is opened at /m/index.html (its CitizenUrl), and the bucket is read through an OAI.
    const china = chinaRegion(this);
    const appPaths = china
      ? undefined
      : new CloudFrontFunction(this, 'AppPaths', {
          comment: 'SPA fallback: extensionless paths serve their app index.html',
          code: FunctionCode.fromInline(`function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '/m') {
    return { statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: '/m/' } } };
  }
  var last = uri.slice(uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) {
    request.uri = uri.indexOf('/m/') === 0 ? '/m/index.html' : '/index.html';
  }
  return request;
}`),
        });
    const cloudFrontLogs = new Bucket(this, 'CdnLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront's standard logs are written with an ACL.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(180) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(cloudFrontLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This bucket holds CloudFront’s access logs; logging it in turn would loop.',
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Xinhua district office network: staff console and citizen site',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: china
          ? S3BucketOrigin.withOriginAccessIdentity(this.bucket)
          : S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        ...(appPaths
          ? {
              functionAssociations: [
                { function: appPaths, eventType: FunctionEventType.VIEWER_REQUEST },
              ],
            }
          : {}),
      },
      enableLogging: true,
      logBucket: cloudFrontLogs,
      logFilePrefix: 'cdn/',
      // The web ACL of the edge stack (us-east-1): staff side from the office network only.
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
    });
    const domain = china ? chinaDomain(this) : undefined;
    if (domain) {
      // CloudFront in China serves only on an ICP-filed domain, with a certificate from IAM (no ACM there).
      const cfn = this.distribution.node.defaultChild as CfnDistribution;
      cfn.addPropertyOverride('DistributionConfig.Aliases', [domain.domainName]);
      cfn.addPropertyOverride('DistributionConfig.ViewerCertificate', {
        IamCertificateId: domain.iamCertificateId,
        SslSupportMethod: 'sni-only',
        MinimumProtocolVersion: 'TLSv1.2_2021',
      });
    }
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'Citizens and staff may reach the platform from anywhere; no geographic restriction.',
      },
      ...(props.webAclArn
        ? []
        : [
            {
              id: 'AwsSolutions-CFR2',
              reason:
                'A synth without a region has no web ACL (it lives in us-east-1 and is wired by region): synth warns; `cdk deploy` names the region and gets it.',
            },
          ]),
      ...(china
        ? [
            {
              id: 'AwsSolutions-CFR7',
              reason:
                'Origin access control is not offered in the China regions (CloudFormation has no AWS::CloudFront::OriginAccessControl there): the bucket is read through an origin access identity, still closed to the public.',
            },
          ]
        : []),
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The default *.cloudfront.net certificate is used until the district adds its own domain; then set minimumProtocolVersion to TLSv1.2_2021.',
      },
    );
    this.origin = `https://${domain?.domainName ?? this.distribution.distributionDomainName}`;
    new CfnOutput(stack, 'ConsoleUrl', { value: `${this.origin}/` });
    new CfnOutput(stack, 'CitizenUrl', { value: `${this.origin}/m/${china ? 'index.html' : ''}` });
  }

  /**
   * The API's paths on this distribution, one behavior per first path
   * segment of the route table, to the HTTP API with the secret
   * origin-verify header (the API answers nothing without it): the browser
   * sees one origin, and the execute-api address leads nowhere. Staff
   * answers are never cached; public ones as their Cache-Control says, the
   * query string in the key. The caller's address reaches the API in
   * X-Forwarded-For.
   */
  serveApi(httpApi: HttpApi, originVerify: ISecret): void {
    const origin = new HttpOrigin(
      `${httpApi.apiId}.execute-api.${Stack.of(this).region}.${Aws.URL_SUFFIX}`,
      {
        protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
        customHeaders: { [ORIGIN_VERIFY_HEADER]: originVerify.secretValue.unsafeUnwrap() },
      },
    );
    const apiHeaders = new ResponseHeadersPolicy(this, 'ApiHeaders', {
      comment: 'The API: nosniff, no framing, HSTS',
      securityHeadersBehavior: SECURITY_HEADERS,
    });
    // The platform's own sign-in, where it signs staff in itself, is the API's too.
    const identity = this.identity === 'platform' ? [IDENTITY_PATH.slice(1)] : [];
    for (const segment of [...apiPathSegments(), ...identity]) {
      const isPublic = segment === 'public' || segment === 'open311';
      this.distribution.addBehavior(`/${segment}*`, origin, {
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: isPublic
          ? CachePolicy.USE_ORIGIN_CACHE_CONTROL_HEADERS_QUERY_STRINGS
          : CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: apiHeaders,
      });
    }
  }

  /**
   * Deploys the console at `/` with the `config.json` both apps read, and the
   * citizen site at `/m/`.
   */
  deployApps(config: Record<string, string>): void {
    // Citizen first: CDK's one deployment handler takes the first deployment's CLI layer, as it did.
    this.deployApp('Citizen', 'm/');
    const assets = this.deployApp('Console', '', [
      { source: Source.jsonData('config.json', config), path: '/config.json' },
    ]);
    const stack = Stack.of(this);
    const siteId = stack.getLogicalId(this.bucket.node.defaultChild as CfnBucket);
    // The CDK asset bucket as cdk-nag names it: with the region and account the CLI gives
    // (`cdk synth` falls back to us-east-1), or tokens in a region-agnostic synth; the
    // partition is named or a token depending on what is known, so both forms are listed.
    const known = (value: string, token: string) => (Token.isUnresolved(value) ? token : value);
    const assetBucket = `s3:::cdk-hnb659fds-assets-${known(stack.account, '<AWS::AccountId>')}-${known(stack.region, '<AWS::Region>')}/*`;
    const partitions = new Set([
      '<AWS::Partition>',
      Token.isUnresolved(stack.region)
        ? '<AWS::Partition>'
        : (RegionInfo.get(stack.region).partition ?? 'aws'),
    ]);
    // One handler role serves all four deployments (CDK's singleton); its grants are CDK's own.
    Validations.of(assets.handlerRole).acknowledge(
      ...[
        'Action::s3:GetObject*',
        'Action::s3:GetBucket*',
        'Action::s3:List*',
        'Action::s3:DeleteObject*',
        'Action::s3:Abort*',
        ...[...partitions].map((partition) => `Resource::arn:${partition}:${assetBucket}`),
        `Resource::<${siteId}.Arn>/*`,
      ].map((finding) => ({
        id: `AwsSolutions-IAM5[${finding}]`,
        reason:
          'CDK’s deploy-time copier reads the built web apps from the CDK asset bucket and writes it to the site bucket: the grants BucketDeployment makes (read assets, write and prune the site), at deploy time only.',
      })),
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'BucketDeployment invalidates the CloudFront cache after a deploy; cloudfront:CreateInvalidation and GetInvalidation are granted on * by CDK.',
      },
    );
    Validations.of(Stack.of(this)).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          'CDK’s own deploy-time handlers (bucket notifications, web deployment) use it; our functions have their own roles.',
      },
      {
        id: 'AwsSolutions-L1',
        reason:
          'CDK’s BucketDeployment handler picks its own runtime; it runs at deploy time only.',
      },
    );
  }

  /**
   * One web app under `prefix`: hashed assets cached for a year, then its
   * pages (and `extra` files) revalidated on every load, CloudFront told to
   * forget the old ones. index.html names the assets: they are there before it is.
   */
  private deployApp(
    id: 'Console' | 'Citizen',
    prefix: '' | 'm/',
    extra: { source: ISource; path: string }[] = [],
  ): BucketDeployment {
    const built = viteBuild(id.toLowerCase());
    const common = {
      destinationBucket: this.bucket,
      distribution: this.distribution,
      prune: false,
      memoryLimit: 512,
      ...(prefix ? { destinationKeyPrefix: prefix } : {}),
    };
    const assets = new BucketDeployment(this, `${id}Assets`, {
      ...common,
      sources: [built],
      include: ['assets/*'],
      exclude: ['*'],
      cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
      distributionPaths: [`/${prefix}assets/*`],
    });
    const pages = new BucketDeployment(this, `${id}Pages`, {
      ...common,
      sources: [built, ...extra.map((file) => file.source)],
      exclude: ['assets/*'],
      cacheControl: [CacheControl.noCache()],
      distributionPaths: [`/${prefix}index.html`, ...extra.map((file) => file.path), `/${prefix}`],
    });
    pages.node.addDependency(assets);
    return assets;
  }
}

/**
 * In the China regions CloudFront serves nothing on its own *.cloudfront.cn
 * name: the distribution needs the district's ICP-filed domain
 * (`-c domainName=`) and its certificate, uploaded to IAM
 * (`-c iamCertificateId=`). Without them synth warns: the stack deploys,
 * and the web apps answer once both are set.
 */
function chinaDomain(
  scope: Construct,
): { domainName: string; iamCertificateId: string } | undefined {
  const region = Stack.of(scope).region;
  if (Token.isUnresolved(region) || !region.startsWith('cn-')) return undefined;
  const domainName = scope.node.tryGetContext('domainName') as string | undefined;
  const iamCertificateId = scope.node.tryGetContext('iamCertificateId') as string | undefined;
  if (domainName && iamCertificateId) return { domainName, iamCertificateId };
  Annotations.of(scope).addWarning(
    `${region}: CloudFront in China serves only on an ICP-filed domain with its certificate in IAM: deploy with -c domainName=<the filed domain> -c iamCertificateId=<aws iam upload-server-certificate's ServerCertificateId> (README, "The China regions").`,
  );
  return undefined;
}

/** Whether the stack is in one of the China regions (the aws-cn partition). */
export function chinaRegion(scope: Construct): boolean {
  const region = Stack.of(scope).region;
  return !Token.isUnresolved(region) && region.startsWith('cn-');
}
