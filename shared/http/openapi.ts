import * as z from 'zod/mini';
import { ERROR_CODES } from '../errors.ts';
import { ROUTES, routeKey } from '../routes.ts';
import { headerName, type AnyRouteHandler } from './apiHandler.ts';

/** API.md's error body, for the OpenAPI document: the codes are the error family's own list. */
const ErrorBodySchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    details: z.array(z.object({ field: z.string(), message: z.string() })),
  }),
});

const HealthSchema = z.object({ status: z.literal('ok') });

const SUCCESS: Record<string, string> = {
  '200': 'OK',
  '201': 'Created',
  '202': 'Accepted: a request that awaits the district administrator',
  '204': 'Done; no content',
  '302': 'Found: `Location` is a short-lived link (also in the body)',
};

/** JSON Schema of what a client sends (`input`) or receives (`output`). */
const jsonSchema = (schema: z.ZodMiniType, io: 'input' | 'output' = 'input') => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as Record<string, unknown>;
  return rest;
};

/** The parameters of one place (path or query) from its object schema. */
function parameters(schema: z.ZodMiniType | undefined, place: 'path' | 'query' | 'header') {
  if (!schema) return [];
  const object = jsonSchema(schema) as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name: place === 'header' ? headerName(name) : name,
    in: place,
    required: place === 'path' || (object.required ?? []).includes(name),
    schema: property,
  }));
}

/**
 * OpenAPI 3.1 for the route table, from the zod schemas the handlers
 * validate with: one source for the contract and its checks.
 */
export function buildOpenApi(
  definitions: Record<string, AnyRouteHandler>,
  version: string,
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    const key = routeKey(route);
    const definition = definitions[key];
    const isPublic = route.groups === 'public';
    const pathParameters = parameters(definition?.params, 'path');
    const declared = new Set(pathParameters.map((parameter) => parameter.name));
    // Every {name} of the path is a parameter, typed by the schema where it has one.
    for (const name of route.path.match(/\{(\w+)\}/g)?.map((part) => part.slice(1, -1)) ?? []) {
      if (!declared.has(name))
        pathParameters.push({ name, in: 'path', required: true, schema: { type: 'string' } });
    }
    (paths[route.path] ??= {})[route.method.toLowerCase()] = {
      operationId: `${route.method.toLowerCase()}${route.path.replace(/[{}]/g, '').replace(/[/-](\w)/g, (_m, c: string) => c.toUpperCase())}`,
      tags: [route.function],
      ...(isPublic
        ? { security: [] }
        : { description: `Groups: ${(route.groups as readonly string[]).join(', ')}` }),
      parameters: [
        ...pathParameters,
        ...parameters(definition?.query, 'query'),
        ...parameters(definition?.headers, 'header'),
      ],
      ...(definition?.body
        ? {
            requestBody: {
              required: true,
              content: {
                [route.form ? 'application/x-www-form-urlencoded' : 'application/json']: {
                  schema: jsonSchema(definition.body),
                },
              },
            },
          }
        : {}),
      responses: {
        ...Object.fromEntries(
          Object.entries((definition?.responses ?? {}) as Record<string, z.ZodMiniType>).map(
            ([status, schema]) => [
              status,
              {
                description: SUCCESS[status] ?? 'OK',
                ...(status === '204'
                  ? {}
                  : { content: { 'application/json': { schema: jsonSchema(schema, 'output') } } }),
              },
            ],
          ),
        ),
        '4XX': {
          description: 'Refused; nothing was written',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
        '5XX': {
          description: 'A defect',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    };
  }
  // Not a route of a function: the local platform's gateway answers it (API.md "Health").
  paths['/health'] = {
    get: {
      operationId: 'getHealth',
      tags: ['health'],
      security: [],
      description: 'Whether the platform answers: the local platform, without a token.',
      responses: {
        '200': {
          description: 'OK',
          content: { 'application/json': { schema: jsonSchema(HealthSchema, 'output') } },
        },
      },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Xinhua district office network and citizen app',
      version,
      description: 'The HTTP contract of API.md, generated from the request schemas.',
    },
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'Cognito ID token (deployed) or `npm run token` (local)',
        },
      },
      schemas: { Error: jsonSchema(ErrorBodySchema) },
    },
    security: [{ bearer: [] }],
    paths,
  };
}
