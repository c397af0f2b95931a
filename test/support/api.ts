import { randomInt } from 'node:crypto';
import { apiEvent } from '../../local/apiEvent.ts';
import { lambdaContext } from '../../local/lambdaContext.ts';
import type { Group } from '../../shared/domain/principal.ts';
import * as z from 'zod/mini';
import { matchRoute, routeKey, type FunctionName } from '../../shared/routes.ts';
import { API_FUNCTIONS } from '../../functions/apiFunctions.ts';
import { serve } from '../../shared/http/apiHandler.ts';
import { testPlatform } from './testPlatform.ts';

/** Every API function on this test file's platform, as Lambda would run it. */
const handlers = Object.fromEntries(
  Object.entries(API_FUNCTIONS).map(([name, routes]) => [name, serve(routes, testPlatform)]),
) as Record<FunctionName, ReturnType<typeof serve>>;

export interface Caller {
  group: Group;
  unit: string;
  sub?: string;
  /** The person's name, as the ID token carries it. */
  name?: string;
}

export interface ApiCall {
  method: string;
  path: string;
  as?: Caller;
  body?: unknown;
  /** A raw body, sent as it is (for malformed JSON). */
  rawBody?: string;
  /** The caller's address; a citizen (no `as`) calls from an address of its own unless given one. */
  sourceIp?: string;
  headers?: Record<string, string>;
  /** Query parameters, encoded as a browser would (or write them into `path`). */
  query?: Record<string, string>;
}

export interface ApiAnswer {
  status: number;
  headers: Record<string, string>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  /** A file's bytes (a base64 reply: an export). */
  bytes?: Buffer;
}

/** Calls the real handler with an API Gateway event, as the deployed API would after its JWT authorizer. */
export async function call(request: ApiCall): Promise<ApiAnswer> {
  const [rawPath = '', inPath] = request.path.split('?');
  const rawQueryString = request.query ? new URLSearchParams(request.query).toString() : inPath;
  const matched = matchRoute(request.method, rawPath);
  if (!matched) throw new Error(`no route for ${request.method} ${rawPath}`);
  const body =
    request.rawBody ?? (request.body === undefined ? undefined : JSON.stringify(request.body));
  const event = apiEvent({
    method: request.method,
    routePath: matched.route.path,
    rawPath,
    rawQueryString,
    pathParameters: matched.pathParameters,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...request.headers,
    },
    body,
    sourceIp:
      request.sourceIp ??
      (request.as ? '127.0.0.1' : `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`),
    claims: request.as
      ? {
          sub: request.as.sub ?? `${request.as.unit}-${request.as.group}`,
          'cognito:groups': [request.as.group],
          'custom:unitId': request.as.unit,
          ...(request.as.name ? { name: request.as.name } : {}),
        }
      : undefined,
  });
  const handler = handlers[matched.route.function];
  const result = await handler(event, lambdaContext(matched.route.function));
  if (result.isBase64Encoded) {
    return {
      status: result.statusCode ?? 200,
      headers: (result.headers ?? {}) as Record<string, string>,
      body: undefined,
      bytes: Buffer.from(result.body ?? '', 'base64'),
    };
  }
  const answer = {
    status: result.statusCode ?? 200,
    headers: (result.headers ?? {}) as Record<string, string>,
    body: result.body ? JSON.parse(result.body) : undefined,
  };
  // Every reply the tests see is held to the schema its route declares (the OpenAPI document's).
  const key = routeKey(matched.route);
  const declared = (API_FUNCTIONS[matched.route.function].routes[key]?.responses ?? {}) as Record<
    number,
    z.ZodMiniType
  >;
  const schema = declared[answer.status];
  if (answer.status < 300 && !schema) {
    throw new Error(`${key} answered ${answer.status}, which it does not declare`);
  }
  if (schema) {
    const checked = z.safeParse(schema, answer.body);
    if (!checked.success) {
      throw new Error(
        `${key} ${answer.status}: the body breaks its schema: ${JSON.stringify(checked.error.issues)}`,
      );
    }
  }
  return answer;
}

export const office: Caller = {
  group: 'district-office',
  unit: 'district-office',
  sub: 'clerk-wang',
};
export const admin: Caller = { group: 'district-admin', unit: 'info-center', sub: 'admin-li' };
export const staffOf = (unit: string, sub = `${unit}-staff`): Caller => ({
  group: 'unit-staff',
  unit,
  sub,
});
