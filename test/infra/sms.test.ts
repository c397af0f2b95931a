import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import { Sms } from '../../infra/sms.ts';

/** The SMS construct alone, in a stack of the given region and context, with one role granted Publish. */
function smsStack(options: { region?: string; smsRegion?: string } = {}) {
  const app = new App({ context: options.smsRegion ? { smsRegion: options.smsRegion } : {} });
  const stack = new Stack(
    app,
    'SmsTest',
    options.region ? { env: { region: options.region } } : {},
  );
  const sms = new Sms(stack, 'Sms');
  const role = new Role(stack, 'Sender', {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
  });
  sms.grantPublish(role);
  return { sms, template: Template.fromStack(stack) };
}

describe('SMS and regions', () => {
  it('publishes SMS only through the stack’s own region by default, region-agnostic when none is set', () => {
    const { sms, template } = smsStack();
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'sns:Publish',
            Condition: { StringEquals: { 'aws:RequestedRegion': { Ref: 'AWS::Region' } } },
          }),
        ]),
      },
    });
    expect(sms.environment['SMS_REGION']).toBeUndefined();
  });

  it('sends from -c smsRegion when given: the grant is scoped to it and the functions are told', () => {
    const { sms, template } = smsStack({ region: 'ap-east-1', smsRegion: 'ap-southeast-1' });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'sns:Publish',
            Condition: { StringEquals: { 'aws:RequestedRegion': 'ap-southeast-1' } },
          }),
        ]),
      },
    });
    expect(sms.environment['SMS_REGION']).toBe('ap-southeast-1');
  });

  it('refuses the China regions, where SNS sends no SMS, naming SMS', () => {
    expect(() => smsStack({ region: 'cn-north-1' })).toThrow(/^SMS: .*cn-north-1/);
    expect(() => smsStack({ region: 'cn-northwest-1', smsRegion: 'ap-southeast-1' })).toThrow(
      /^SMS: /,
    );
    expect(() => smsStack({ smsRegion: 'cn-northwest-1' })).toThrow(/^SMS: .*cn-northwest-1/);
  });

  it('refuses a region AWS does not list for SMS unless -c smsRegion names where to send from', () => {
    expect(() => smsStack({ region: 'ap-east-1' })).toThrow(
      /^SMS: Amazon SNS does not list ap-east-1 .*-c smsRegion=ap-southeast-1/,
    );
    expect(() => smsStack({ region: 'ap-northeast-2' })).toThrow(/^SMS: /);
    expect(() => smsStack({ region: 'ap-east-1', smsRegion: 'ap-northeast-2' })).toThrow(
      /^SMS: Amazon SNS sends no SMS from ap-northeast-2/,
    );
    expect(() => smsStack({ region: 'ap-southeast-1' })).not.toThrow();
    expect(() => smsStack({ region: 'eu-west-3', smsRegion: 'eu-west-3' })).not.toThrow();
  });

  it('makes `CDK_DEFAULT_REGION=cn-north-1 npx cdk synth` fail in one line', async () => {
    const failed = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'infra/app.ts'],
      {
        env: { ...process.env, CDK_DEFAULT_REGION: 'cn-north-1' },
      },
    ).then(
      () => undefined,
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(failed?.code).toBe(1);
    const lines = failed!.stderr.split('\n').filter((line) => line.startsWith('error:'));
    expect(lines).toEqual([expect.stringMatching(/^error: SMS: Amazon SNS cannot send SMS/)]);
  });
});

describe('a synth for an account and a region, as `cdk deploy` runs it', () => {
  it(
    'passes cdk-nag with every acknowledgement naming the region’s own resources',
    { timeout: 240_000 },
    async () => {
      const outdir = mkdtempSync(join(tmpdir(), 'cdk-region-'));
      try {
        const run = await promisify(execFile)(
          process.execPath,
          ['--import', 'tsx', 'infra/app.ts'],
          {
            env: {
              ...process.env,
              CDK_DEFAULT_ACCOUNT: '123456789012',
              CDK_DEFAULT_REGION: 'ap-southeast-1',
              CDK_OUTDIR: outdir,
              // Names and nag findings are what this checks: the bundles are test/infra/stack.test.ts's.
              CDK_CONTEXT_JSON: JSON.stringify({ 'aws:cdk:bundling-stacks': [] }),
            },
            maxBuffer: 16 * 1024 * 1024,
          },
        );
        expect(run.stderr).not.toMatch(/ERROR/);
        const template = JSON.parse(
          readFileSync(join(outdir, 'XinhuaPlatform.template.json'), 'utf8'),
        ) as { Resources: Record<string, unknown> };
        expect(Object.keys(template.Resources).length).toBeGreaterThan(100);
      } finally {
        rmSync(outdir, { recursive: true, force: true });
      }
    },
  );
});
