import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import { matchRoute, ROUTES, type Route } from '../../shared/routes.ts';

describe('the route table is the only list of routes', () => {
  it('a route added to shared/routes.ts appears in the synthesized HTTP API and in the local gateway', () => {
    const added: Route = {
      method: 'GET',
      path: '/route-table-probe/{id}',
      function: 'units',
      groups: ['district-admin'],
    };
    (ROUTES as Route[]).push(added);
    const outdir = mkdtempSync(join(tmpdir(), 'cdk-routes-'));
    try {
      // No bundling: this test is about routes, and the stack test bundles every function already.
      const { stack } = buildApp(new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } }));
      const keys = Object.values(
        Template.fromStack(stack).findResources('AWS::ApiGatewayV2::Route'),
      ).map((route) => route['Properties'].RouteKey);
      expect(keys).toContain('GET /route-table-probe/{id}');
      // The local gateway routes by matchRoute over the same table.
      expect(matchRoute('GET', '/route-table-probe/42')).toEqual({
        route: added,
        pathParameters: { id: '42' },
      });
    } finally {
      (ROUTES as Route[]).pop();
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
