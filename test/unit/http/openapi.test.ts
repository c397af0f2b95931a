import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../infra/openapi.ts';
import { ROUTES } from '../../../shared/routes.ts';

describe('the OpenAPI document', () => {
  const document = openApiDocument() as {
    openapi: string;
    paths: Record<
      string,
      Record<
        string,
        { security?: unknown[]; requestBody?: unknown; parameters: { name: string; in: string }[] }
      >
    >;
  };

  it('validates as OpenAPI 3.1', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('lists every route of the route table, public ones without a token', () => {
    for (const route of ROUTES) {
      const operation = document.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      if (route.groups === 'public') expect(operation?.security).toEqual([]);
      for (const name of route.path.match(/\{(\w+)\}/g)?.map((part) => part.slice(1, -1)) ?? []) {
        expect(operation?.parameters).toContainEqual(expect.objectContaining({ name, in: 'path' }));
      }
    }
  });

  it('describes request bodies from the schemas that validate them', () => {
    const body = document.paths['/dispatches']?.['post']?.requestBody as {
      content: {
        'application/json': { schema: { required: string[]; additionalProperties: boolean } };
      };
    };
    expect(body.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['kind', 'title', 'body', 'recipients', 'declaredUnclassified']),
    );
    expect(body.content['application/json'].schema.additionalProperties).toBe(false);
  });

  it('declares each route’s real success codes with the schemas of their bodies', () => {
    type Operation = {
      responses: Record<
        string,
        { content?: { 'application/json': { schema: { properties?: Record<string, unknown> } } } }
      >;
    };
    const operation = (path: string, method: string) =>
      document.paths[path]?.[method] as unknown as Operation;
    for (const route of ROUTES) {
      const codes = Object.keys(operation(route.path, route.method.toLowerCase()).responses);
      expect(
        codes.filter((code) => /^(2\d\d|302)$/.test(code)).length,
        `${route.method} ${route.path}`,
      ).toBeGreaterThan(0);
    }
    const created = operation('/dispatches', 'post').responses['201']?.content?.['application/json']
      .schema;
    expect(Object.keys(created?.properties ?? {})).toEqual(
      expect.arrayContaining(['id', 'kind', 'title', 'sentAt', 'ackDueAt', 'recipientCount']),
    );
    expect(Object.keys(operation('/units/{unitId}/phones', 'post').responses)).toEqual(
      expect.arrayContaining(['201', '202', '4XX']),
    );
    expect(operation('/dispatches/{id}', 'get').responses['200']).toBeDefined();
    expect(operation('/dispatches/{id}', 'get').responses['201']).toBeUndefined();
  });
});
