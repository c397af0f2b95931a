import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import { ROUTES } from '../../shared/routes.ts';
import { MAIN_TABLE } from '../../shared/store/tables.ts';

let template: Template;
type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

/** Every policy statement attached to the role of one function. */
function statementsOf(functionName: string): Statement[] {
  const roles = template.findResources('AWS::IAM::Role');
  const roleId = Object.keys(roles).find((id) => id.startsWith(`Api${functionName}role`));
  const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
    (policy['Properties'].Roles as { Ref: string }[]).some((role) => role.Ref === roleId),
  );
  return policies.flatMap((policy) => policy['Properties'].PolicyDocument.Statement as Statement[]);
}
const actionsOf = (statement: Statement) => [statement.Action].flat();

const outdir = mkdtempSync(join(tmpdir(), 'cdk-test-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

beforeAll(() => {
  const { app, stack } = buildApp(new App({ outdir }));
  // cdk-nag runs as a policy validation plugin: synth throws on any unacknowledged finding.
  app.synth();
  template = Template.fromStack(stack);
});

describe('data', () => {
  it('keeps both tables: on-demand, PITR, deletion protection, retained on stack deletion', () => {
    const tables = template.findResources('AWS::DynamoDB::GlobalTable');
    expect(Object.keys(tables)).toHaveLength(2);
    for (const table of Object.values(tables)) {
      expect(table['DeletionPolicy']).toBe('Retain');
      expect(table['Properties']).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        Replicas: [expect.objectContaining({ DeletionProtectionEnabled: true, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
      });
    }
  });

  it('gives the main table the byUnit and sparse, sharded due indexes', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      GlobalSecondaryIndexes: Match.arrayWith([
        Match.objectLike({ IndexName: 'byUnit', KeySchema: [{ AttributeName: 'gsi1pk', KeyType: 'HASH' }, { AttributeName: 'gsi1sk', KeyType: 'RANGE' }] }),
        Match.objectLike({
          IndexName: 'due',
          KeySchema: [{ AttributeName: 'duePk', KeyType: 'HASH' }, { AttributeName: 'dueAt', KeyType: 'RANGE' }],
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: MAIN_TABLE.indexes['due']?.include },
        }),
      ]),
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });
});

describe('identity', () => {
  it('has a user pool with the four groups, the unitId attribute and no self sign-up', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      Schema: Match.arrayWith([Match.objectLike({ Name: 'unitId', AttributeDataType: 'String' })]),
    });
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup')).map((group) => group['Properties'].GroupName);
    expect(groups.sort()).toEqual(['district-admin', 'district-office', 'unit-admin', 'unit-staff']);
  });

  it('never lets a user write their own unit', () => {
    const client = Object.values(template.findResources('AWS::Cognito::UserPoolClient'))[0];
    expect(client?.['Properties'].WriteAttributes).not.toContain('custom:unitId');
    expect(client?.['Properties'].ReadAttributes).toContain('custom:unitId');
  });
});

describe('api', () => {
  it('has a JWT authorizer on the Cognito pool', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: [Match.anyValue()], Issuer: Match.anyValue() },
    });
  });

  it('has exactly one route per entry of the route table, staff routes behind the authorizer', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((route) => route['Properties']);
    expect(routes.map((route) => route.RouteKey).sort()).toEqual(ROUTES.map((route) => `${route.method} ${route.path}`).sort());
    for (const route of routes) {
      const entry = ROUTES.find((r) => `${r.method} ${r.path}` === route.RouteKey);
      expect(route.AuthorizationType).toBe(entry?.groups === 'public' ? 'NONE' : 'JWT');
    }
  });

  it('writes access logs and throttles', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
      DefaultRouteSettings: { ThrottlingBurstLimit: Match.anyValue(), ThrottlingRateLimit: Match.anyValue() },
    });
  });
});

describe('functions', () => {
  it('runs every function on nodejs22.x, arm64, with a log group that has a retention', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    expect(functions.length).toBeGreaterThanOrEqual(3);
    for (const fn of functions) {
      expect(fn['Properties']).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler' });
    }
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 180 });
  });

  it('grants the audit table PutItem only, and nothing anywhere with a wildcard', () => {
    for (const name of ['units', 'dispatch', 'receipts']) {
      const statements = statementsOf(name);
      expect(statements.length).toBeGreaterThan(0);
      for (const statement of statements) {
        for (const action of actionsOf(statement)) expect(action).not.toMatch(/\*/);
        expect(JSON.stringify(statement.Resource)).not.toMatch(/"\*"|index\/\*/);
      }
      const audit = statements.filter((statement) => JSON.stringify(statement.Resource).includes('DataAudit'));
      expect(audit.flatMap(actionsOf)).toEqual(['dynamodb:PutItem']);
      for (const statement of statements) {
        for (const action of actionsOf(statement)) expect(action).not.toMatch(/Delete|Scan|BatchWrite/);
      }
    }
  });

  it('lets only the receipts function query the byUnit index', () => {
    const onIndex = (name: string) => statementsOf(name).filter((statement) => JSON.stringify(statement.Resource).includes('/index/byUnit'));
    expect(onIndex('receipts').flatMap(actionsOf)).toEqual(['dynamodb:Query']);
    expect(onIndex('dispatch')).toEqual([]);
    expect(onIndex('units')).toEqual([]);
  });
});
