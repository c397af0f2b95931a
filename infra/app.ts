import { Annotations, App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocument } from './openapi.ts';
import { EdgeStack, staffCidrsOf } from './edge.ts';
import { PlatformStack, type IdentityKind } from './stack.ts';

/**
 * Who signs staff in (`-c identity=`): Cognito's user pool, or `platform`,
 * the platform's own OpenID provider, which the China regions need (Cognito
 * user pools are not offered there) and get unless told otherwise.
 */
function identityOf(value: unknown, china: boolean): IdentityKind {
  if (value === undefined) return china ? 'platform' : 'cognito';
  if (value !== 'cognito' && value !== 'platform')
    throw new Error(`identity: ${JSON.stringify(value)} is neither cognito nor platform`);
  if (value === 'cognito' && china)
    throw new Error(
      'identity: Amazon Cognito user pools are not offered in the China regions; leave -c identity unset (the platform signs staff in itself there)',
    );
  return value;
}

/** `npx cdk synth` / `npx cdk deploy`. cdk-nag's AwsSolutions rules run on every synth; an unsuppressed error fails it. */
export function buildApp(app = new App()): { app: App; stack: PlatformStack; edge?: EdgeStack } {
  // The region the CLI names (profile, AWS_REGION); without one the template stays region-agnostic.
  const region = process.env['CDK_DEFAULT_REGION'];
  const account = process.env['CDK_DEFAULT_ACCOUNT'];
  const name = String(app.node.tryGetContext('stackName') ?? 'XinhuaPlatform');
  const staffCidrs = app.node.tryGetContext('staffCidrs') as unknown;
  const staff = staffCidrsOf(staffCidrs);
  // The China regions (their own partition): AWS WAF there protects regional resources only,
  // so CloudFront takes no web ACL, and us-east-1 is out of reach.
  const china = region?.startsWith('cn-') ?? false;
  const identity = identityOf(app.node.tryGetContext('identity'), china);
  // CloudFront's web ACL lives in us-east-1: a stack of its own, its ARN passed by CDK's
  // cross-region references, which need the platform's region known (as `cdk deploy` knows it).
  const edge =
    region && !china
      ? new EdgeStack(app, `${name}Edge`, {
          description: 'Xinhua platform: the web ACL in front of its CloudFront distribution',
          env: { region: 'us-east-1', account },
          crossRegionReferences: true,
          staffCidrs,
          identity,
        })
      : undefined;
  const stack = new PlatformStack(app, name, {
    description: 'Xinhua district government office network and citizen app',
    ...(region ? { env: { region, account }, crossRegionReferences: true } : {}),
    ...(edge ? { webAclArn: edge.webAclArn } : {}),
    staffCidrs: [...staff.v4, ...staff.v6],
    identity,
  });
  if (edge) stack.addStackDependency(edge);
  if (china)
    Annotations.of(stack).addWarning(
      `${region}: AWS WAF in the China regions protects regional resources only, so CloudFront has no web ACL: the staff side answers every address and the public rate limits are the API's own. Keep the staff side on the private path (README, "The China regions").`,
    );
  else if (!edge)
    Annotations.of(stack).addWarning(
      'No region: synthesized without the web ACL (it lives in us-east-1 and is wired when the region is known, as `cdk deploy` knows it).',
    );
  if (staff.v4.length + staff.v6.length === 0 && !china)
    Annotations.of(stack).addWarning(
      'staffCidrs is not set: the staff console and staff API answer every address. Deploy with -c staffCidrs=<the office network CIDRs, comma-separated>.',
    );
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stack, ...(edge ? { edge } : {}) };
}

if (process.argv[1]?.endsWith('infra/app.ts')) {
  let built: ReturnType<typeof buildApp>;
  try {
    built = buildApp();
  } catch (error) {
    // A setting the platform cannot work with: one line, not a stack trace.
    console.error(`error: ${(error as Error).message}`);
    process.exit(1);
  }
  const { app } = built;
  app.synth();
  // The API contract beside the template it deploys, from the same schemas the handlers validate with.
  writeFileSync(
    join(app.outdir, 'openapi.json'),
    `${JSON.stringify(openApiDocument(), null, 2)}\n`,
  );
}
