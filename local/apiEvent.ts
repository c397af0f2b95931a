import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';

export interface ApiRequest {
  method: string;
  /** The route as the table names it, e.g. `/dispatches/{id}`. */
  routePath: string;
  rawPath: string;
  rawQueryString?: string;
  headers?: Record<string, string>;
  pathParameters?: Record<string, string>;
  body?: string | Buffer;
  /** Verified token claims; undefined for a public route. */
  claims?: Record<string, string | number | boolean | string[]>;
  sourceIp?: string;
  /** When API Gateway received it (now unless told): the handlers' clock. */
  at?: Date;
}

/** Text types API Gateway passes as text; any other body arrives base64-encoded. */
const TEXT_TYPES = /^(text\/|application\/(json|.*\+json|xml|x-www-form-urlencoded))/i;

/**
 * An API Gateway HTTP API (payload format 2.0) event, as the deployed API
 * hands it to Lambda: the same shape for the local gateway and the tests.
 */
export function apiEvent(request: ApiRequest): APIGatewayProxyEventV2WithJWTAuthorizer {
  const headers = Object.fromEntries(
    Object.entries(request.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
  );
  // Payload 2.0 hands cookies over as a list of their own, not as a header.
  const cookies = headers['cookie']?.split(/;\s*/).filter(Boolean);
  delete headers['cookie'];
  const query = new URLSearchParams(request.rawQueryString ?? '');
  const queryStringParameters: Record<string, string> = {};
  for (const name of new Set(query.keys()))
    queryStringParameters[name] = query.getAll(name).join(',');
  const body =
    request.body === undefined || request.body.length === 0 ? undefined : Buffer.from(request.body);
  const isText = TEXT_TYPES.test(headers['content-type'] ?? '');
  const now = request.at ?? new Date();
  return {
    version: '2.0',
    routeKey: `${request.method} ${request.routePath}`,
    rawPath: request.rawPath,
    rawQueryString: request.rawQueryString ?? '',
    headers,
    ...(cookies?.length ? { cookies } : {}),
    ...(Object.keys(queryStringParameters).length > 0 ? { queryStringParameters } : {}),
    ...(request.pathParameters && Object.keys(request.pathParameters).length > 0
      ? { pathParameters: request.pathParameters }
      : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers['host'] ?? '127.0.0.1',
      domainPrefix: '127',
      http: {
        method: request.method,
        path: request.rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: `${request.method} ${request.routePath}`,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      authorizer: {
        principalId: '',
        integrationLatency: 0,
        jwt: { claims: stringifyClaims(request.claims ?? {}), scopes: [] },
      },
    },
    ...(body !== undefined
      ? { body: body.toString(isText ? 'utf8' : 'base64'), isBase64Encoded: !isText }
      : { isBase64Encoded: false }),
  };
}

/** API Gateway passes array claims as "[a b]" strings; so do we, so handlers meet what they will meet in AWS. */
function stringifyClaims(
  claims: Record<string, unknown>,
): Record<string, string | number | boolean> {
  return Object.fromEntries(
    Object.entries(claims).map(([name, value]) => [
      name,
      Array.isArray(value) ? `[${value.join(' ')}]` : (value as string | number | boolean),
    ]),
  );
}
