import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, type IDestination } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { ESBUILD_OPTIONS, functionEntry } from './bundling.ts';

/**
 * One function folder as a Lambda: nodejs22.x on arm64, an ESM bundle built
 * by the local esbuild, its own log group with a retention, and a role that
 * may write to that log group and nothing else until granted more.
 */
export function platformFunction(
  scope: Construct,
  name: string,
  environment: Record<string, string>,
  options: { timeout?: Duration; reservedConcurrency?: number; onFailure?: IDestination } = {},
): NodejsFunction {
  const logGroup = new LogGroup(scope, `${name}-logs`, {
    retention: RetentionDays.SIX_MONTHS,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const role = new Role(scope, `${name}-role`, {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
  });
  role.addToPolicy(
    new PolicyStatement({
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [logGroup.logGroupArn],
    }),
  );
  const fn = new NodejsFunction(scope, name, {
    entry: functionEntry(name),
    handler: 'handler',
    runtime: Runtime.NODEJS_22_X,
    architecture: Architecture.ARM_64,
    memorySize: 512,
    timeout: options.timeout ?? Duration.seconds(10),
    ...(options.reservedConcurrency
      ? { reservedConcurrentExecutions: options.reservedConcurrency }
      : {}),
    ...(options.onFailure ? { onFailure: options.onFailure } : {}),
    role,
    logGroup,
    environment: { ...environment, POWERTOOLS_SERVICE_NAME: 'xinhua-platform' },
    bundling: {
      format: OutputFormat.ESM,
      minify: ESBUILD_OPTIONS.minify,
      target: ESBUILD_OPTIONS.target,
      mainFields: ESBUILD_OPTIONS.mainFields,
      banner: ESBUILD_OPTIONS.banner.js,
      sourceMap: false,
      forceDockerBundling: false,
      externalModules: [],
    },
  });
  Validations.of(fn).acknowledge({
    id: 'AwsSolutions-L1',
    reason:
      'nodejs22.x is the runtime the platform is built and tested for (DESIGN.md); moving to a newer one is a deliberate change.',
  });
  return fn;
}
