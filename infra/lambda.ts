import { AssetHashType, DockerImage, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  Architecture,
  Code,
  Function as LambdaFunction,
  Runtime,
  type IDestination,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { bundle, functionEntry, NATIVE_MODULES } from './bundling.ts';

export type PlatformFunction = LambdaFunction;

/**
 * One function folder as a Lambda: nodejs22.x on arm64, an ESM bundle built
 * by the local esbuild (infra/bundling.ts: `index.mjs` and its lazy chunks,
 * which NodejsFunction's one-file bundling cannot make), its own log group with a retention, and a role that
 * may write to that log group and nothing else until granted more.
 */
export function platformFunction(
  scope: Construct,
  name: string,
  environment: Record<string, string>,
  options: {
    timeout?: Duration;
    memorySize?: number;
    reservedConcurrency?: number;
    onFailure?: IDestination;
  } = {},
): PlatformFunction {
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
  const fn = new LambdaFunction(scope, name, {
    code: Code.fromAsset(process.cwd(), {
      assetHashType: AssetHashType.OUTPUT,
      bundling: {
        // Never used: the local esbuild always bundles (`cdk synth` needs no Docker).
        image: DockerImage.fromRegistry('local-esbuild-only'),
        // Names the entry, so that CDK's cache of bundled assets keeps one per function.
        command: ['esbuild', functionEntry(name)],
        local: {
          tryBundle(outputDir) {
            bundle(functionEntry(name), outputDir, NATIVE_MODULES[name]);
            return true;
          },
        },
      },
    }),
    handler: 'index.handler',
    runtime: Runtime.NODEJS_22_X,
    architecture: Architecture.ARM_64,
    memorySize: options.memorySize ?? 512,
    timeout: options.timeout ?? Duration.seconds(10),
    ...(options.reservedConcurrency
      ? { reservedConcurrentExecutions: options.reservedConcurrency }
      : {}),
    ...(options.onFailure ? { onFailure: options.onFailure } : {}),
    role,
    logGroup,
    environment: { ...environment, POWERTOOLS_SERVICE_NAME: 'xinhua-platform' },
  });
  Validations.of(fn).acknowledge({
    id: 'AwsSolutions-L1',
    reason:
      'nodejs22.x is the runtime the platform is built and tested for (DESIGN.md); moving to a newer one is a deliberate change.',
  });
  return fn;
}
