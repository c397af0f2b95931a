import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocument } from './openapi.ts';
import { PlatformStack } from './stack.ts';

/** `npx cdk synth` / `npx cdk deploy`. cdk-nag's AwsSolutions rules run on every synth; an unsuppressed error fails it. */
export function buildApp(app = new App()): { app: App; stack: PlatformStack } {
  // The region the CLI names (profile, AWS_REGION); without one the template stays region-agnostic.
  const region = process.env['CDK_DEFAULT_REGION'];
  const stack = new PlatformStack(
    app,
    String(app.node.tryGetContext('stackName') ?? 'XinhuaPlatform'),
    {
      description: 'Xinhua district government office network and citizen app',
      ...(region ? { env: { region, account: process.env['CDK_DEFAULT_ACCOUNT'] } } : {}),
    },
  );
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stack };
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
