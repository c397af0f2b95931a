import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type { JWTPayload } from 'jose';
import {
  InternalError,
  NotFoundError,
  PayloadTooLargeError,
  UnauthenticatedError,
  ValidationError,
} from '../shared/errors.ts';
import { errorReply, jsonReply } from '../shared/http/replies.ts';
import { matchRoute, type FunctionName } from '../shared/routes.ts';
import { apiEvent } from './apiEvent.ts';
import { lambdaContext } from './lambdaContext.ts';
import { staticFile } from './webApps.ts';

export type ApiHandler = (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** API Gateway HTTP API's request payload limit. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

export interface GatewayOptions {
  handlers: Record<FunctionName, ApiHandler>;
  verifyToken: (token: string) => Promise<JWTPayload>;
  /** Served at GET /openapi.json. */
  openApi: unknown;
  /** The web apps, as CloudFront serves them: their `/config.json` and the security headers of their files. */
  web?: { config: unknown; headers: Record<string, string> };
  log?: (line: string) => void;
}

/**
 * The local API Gateway: matches the route table, checks bearer tokens where
 * the deployed JWT authorizer would, and calls the same handler code Lambda
 * runs with an HTTP API (payload 2.0) event. No CORS: the web apps and the
 * API share one origin, here as behind CloudFront deployed.
 */
export function createGateway(options: GatewayOptions): Server {
  const log =
    options.log ??
    ((line) => {
      console.log(line);
    });
  return createServer((req, res) => {
    const started = performance.now();
    void serve(req, options)
      .catch((error: unknown) => {
        log(`gateway error: ${error instanceof Error ? error.stack : String(error)}`);
        return { ...errorReply(new InternalError('internal error')), route: undefined };
      })
      .then(({ route, ...reply }) => {
        writeReply(res, reply);
        const time = new Date().toISOString().slice(11, 19);
        log(
          `${time} ${route ?? `${req.method} ${req.url?.split('?')[0]}`} → ${reply.statusCode} (${(performance.now() - started).toFixed(0)} ms)`,
        );
      });
  });
}

async function serve(
  req: IncomingMessage,
  options: GatewayOptions,
): Promise<APIGatewayProxyStructuredResultV2 & { route?: string }> {
  const url = new URL(req.url ?? '/', 'http://local');
  const method = req.method ?? 'GET';
  if (method === 'GET' && url.pathname === '/health') return jsonReply(200, { status: 'ok' });
  if (method === 'GET' && url.pathname === '/openapi.json') return jsonReply(200, options.openApi);
  if (method === 'GET' && url.pathname === '/config.json' && options.web)
    return jsonReply(200, options.web.config);

  let matched: ReturnType<typeof matchRoute>;
  try {
    matched = matchRoute(method, url.pathname);
  } catch (error) {
    if (error instanceof URIError)
      return errorReply(
        new ValidationError('malformed percent-encoding in the path', [
          { field: 'path', message: 'malformed percent-encoding' },
        ]),
      );
    throw error;
  }
  if (!matched) {
    const file =
      method === 'GET' && options.web
        ? await staticFile(url.pathname, req.headers.accept ?? '', options.web.headers)
        : undefined;
    return file ?? errorReply(new NotFoundError('no such route'));
  }
  const route = `${method} ${matched.route.path}`;

  const body = await readBody(req);
  if (body === 'too large') {
    // Like API Gateway: refuse without reading the rest, and close the connection the client is still writing to.
    const reply = errorReply(new PayloadTooLargeError('request body too large'));
    return { ...reply, headers: { ...reply.headers, connection: 'close' }, route };
  }

  let claims: JWTPayload | undefined;
  if (matched.route.groups !== 'public') {
    const token = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!token)
      return { ...errorReply(new UnauthenticatedError('a bearer token is required')), route };
    try {
      claims = await options.verifyToken(token);
    } catch {
      return { ...errorReply(new UnauthenticatedError('the token is invalid or expired')), route };
    }
  }

  const event = apiEvent({
    method,
    routePath: matched.route.path,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    headers: Object.fromEntries(
      Object.entries(req.headers).map(([name, value]) => [
        name,
        Array.isArray(value) ? value.join(',') : (value ?? ''),
      ]),
    ),
    pathParameters: matched.pathParameters,
    body,
    ...(claims ? { claims: claims as Record<string, string | number | boolean | string[]> } : {}),
    sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
  });
  const handler = options.handlers[matched.route.function];
  return { ...(await handler(event, lambdaContext(matched.route.function))), route };
}

async function readBody(req: IncomingMessage): Promise<Buffer | 'too large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_PAYLOAD_BYTES) return 'too large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** A Lambda's answer as API Gateway writes it: payload 2.0's `cookies` become Set-Cookie headers. */
export function writeReply(res: ServerResponse, reply: APIGatewayProxyStructuredResultV2): void {
  const body =
    reply.body === undefined
      ? ''
      : reply.isBase64Encoded
        ? Buffer.from(reply.body, 'base64')
        : reply.body;
  res.writeHead(reply.statusCode ?? 200, {
    ...Object.fromEntries(
      Object.entries(reply.headers ?? {}).map(([name, value]) => [name, String(value)]),
    ),
    ...(reply.cookies?.length ? { 'set-cookie': reply.cookies } : {}),
  });
  res.end(body);
}
