import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import httpUrlencodeBodyParser from '@middy/http-urlencode-body-parser';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { hasAnyGroup, type Principal } from '../domain/principal.ts';
import {
  ClassifiedContentError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  ThrottledError,
  ValidationError,
} from '../errors.ts';
import type { Platform, RequestCounter } from '../platform.ts';
import {
  DEFAULT_MAX_BODY_BYTES,
  findRoute,
  ORIGIN_VERIFY_HEADER,
  routeKey,
  type FunctionName,
  type Route,
} from '../routes.ts';
import { errorResponse } from './errorResponse.ts';
import { errorReply, fileReply, jsonReply, redirectReply } from './replies.ts';
import { logger } from '../observability/logger.ts';
import { anonymousFromEvent, principalFromEvent, type ApiEvent } from './principal.ts';

export interface RouteInput<B, Q, P, H> {
  body: B;
  query: Q;
  params: P;
  /** The request headers the route's `headers` schema names (lower-case names). */
  headers: H;
  principal: Principal;
  now: Date;
}

/** The replies a route gives, by status: the schema of each body. */
export type Responses = Partial<Record<200 | 201 | 202 | 204 | 302, z.ZodMiniType>>;

/** A reply of one of the declared statuses, with a body of that status's schema. */
export type Reply<R extends Responses> = {
  [S in keyof R & number]: { status: S; body: R[S] extends z.ZodMiniType ? z.input<R[S]> : never };
}[keyof R & number];

/** A download: the same answer as a file (a table as CSV or XLSX), under its name. */
export interface FileReply {
  status: 200;
  file: { name: string; contentType: string; bytes: Uint8Array };
}

/**
 * One route's job: the schemas of what it takes and gives (the OpenAPI
 * document is built from them, and the compiler holds each reply to its
 * schema), and a function from parsed input to reply.
 */
export interface RouteHandler<B, Q, P, H, R extends Responses> {
  body?: z.ZodMiniType<B>;
  query?: z.ZodMiniType<Q>;
  params?: z.ZodMiniType<P>;
  /** Headers the route reads, e.g. `Idempotency-Key`; names in lower case. */
  headers?: z.ZodMiniType<H>;
  responses: R;
  /** The route's job, with what it reaches outside itself (the composition root's ports). */
  handle(input: RouteInput<B, Q, P, H>, platform: Platform): Promise<Reply<NoInfer<R>> | FileReply>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRouteHandler = RouteHandler<any, any, any, any, any>;

export const defineRoute = <
  R extends Responses,
  B = undefined,
  Q = undefined,
  P = undefined,
  H = undefined,
>(
  handler: RouteHandler<B, Q, P, H, R>,
  // Erased on the way out: a generic return type would let the caller's context infer R as `any`.
): AnyRouteHandler => handler;

const principals = new WeakMap<ApiEvent, Principal>();

/** One function folder's routes, checked against the route table: what the OpenAPI document is built from. */
export interface FunctionRoutes {
  name: FunctionName;
  routes: Readonly<Record<string, AnyRouteHandler>>;
}

/**
 * The routes one function folder serves. The route table decides who may
 * call; this only names the routes the function answers.
 *
 * @example
 * export const dispatch = apiRoutes('dispatch', { 'POST /dispatches': createDispatch });
 */
export function apiRoutes(
  name: FunctionName,
  routes: Record<string, AnyRouteHandler>,
): FunctionRoutes {
  for (const key of Object.keys(routes)) {
    const route = findRoute(key);
    if (!route || route.function !== name)
      throw new Error(`${key} is not a route of ${name} in shared/routes.ts`);
  }
  return { name, routes };
}

/**
 * The Lambda handler of one function folder on a platform: one middy stack
 * per route, so a route without a body never runs the body parser.
 *
 * @example
 * export const handler = serve(dispatch, lambdaPlatform());
 */
export function serve(routes: FunctionRoutes, platform: Platform) {
  const stacks = new Map(
    Object.entries(routes.routes).map(([key, handler]) => [
      key,
      routeStack(findRoute(key) as Route, handler, platform),
    ]),
  );
  return async (event: ApiEvent, context: Context): Promise<APIGatewayProxyStructuredResultV2> => {
    const stack = stacks.get(event.routeKey);
    if (!stack) return errorReply(new NotFoundError('没有这个接口'));
    return stack(event, context);
  };
}

function routeStack(route: Route, handler: AnyRouteHandler, platform: Platform) {
  const stack = middy<ApiEvent, APIGatewayProxyStructuredResultV2>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(httpHeaderNormalizer())
    .use(errorResponse());
  if (platform.edge) stack.use(throughEdge(platform.edge));
  stack.use(admit(route));
  // CORS is API Gateway's (it ignores CORS headers from functions); the local gateway adds them as it does.
  if (route.perClient) stack.use(limitPerClient(route, route.perClient, platform.requests));
  if (handler.body) stack.use(route.form ? httpUrlencodeBodyParser() : httpJsonBodyParser());
  return stack.handler(async (event: ApiEvent) => {
    const principal = principals.get(event);
    if (!principal) throw new Error('the admit middleware did not run');
    // Each route's own schemas type its input; across routes it is unknown until parsed.
    const input: RouteInput<unknown, unknown, unknown, unknown> = {
      body: parse(handler.body, event.body, 'body'),
      query: parse(handler.query, event.queryStringParameters ?? {}, 'query'),
      params: parse(handler.params, event.pathParameters ?? {}, 'path'),
      headers: parse(handler.headers, event.headers, 'header'),
      principal,
      // The time API Gateway received the request: one clock for the whole request.
      now: new Date(event.requestContext.timeEpoch),
    };
    const reply = await handler.handle(input, platform);
    if ('file' in reply) return fileReply(reply.file);
    if (reply.status === 302) return redirectReply((reply.body as { location: string }).location);
    return jsonReply(reply.status, reply.body, route.cacheSeconds);
  });
}

/**
 * Deployed, the API answers only what came through the platform's
 * CloudFront distribution, which carries the secret origin-verify header:
 * the execute-api address cannot be used to get around the WAF. Behind
 * CloudFront the caller's address is the first of X-Forwarded-For (the
 * connection is CloudFront's), so the per-client limits and the audit see
 * the citizen's or clerk's own address.
 */
function throughEdge(
  edge: NonNullable<Platform['edge']>,
): MiddlewareObj<ApiEvent, APIGatewayProxyStructuredResultV2> {
  return {
    before: async ({ event }) => {
      if (!(await edge.admits(event.headers[ORIGIN_VERIFY_HEADER])))
        throw new ForbiddenError('请通过平台网址访问');
      const viewer = event.headers['x-forwarded-for']?.split(',')[0]?.trim();
      if (viewer) event.requestContext.http.sourceIp = viewer;
    },
  };
}

/**
 * Runs before the body is even parsed: the correlation id for the logs, who
 * is calling and whether their group may call this route, and the route's
 * body limit. A refused caller never reaches the parser or the handler.
 */
function admit(route: Route): MiddlewareObj<ApiEvent, APIGatewayProxyStructuredResultV2> {
  return {
    before: ({ event }) => {
      logger.setCorrelationId(event.requestContext.requestId);
      logger.appendKeys({ route: routeKey(route) });
      principals.set(event, authorize(route, event));
      if (bodyBytes(event) > (route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES))
        throw new PayloadTooLargeError('请求内容过大');
    },
  };
}

/**
 * Public routes have no account to hold a client to: each client address
 * gets its share (the route table's `perClient`), counted in the table, and
 * one client cannot fill a department's queue or use up everyone's
 * throttle. Counted before the body is parsed.
 */
function limitPerClient(
  route: Route,
  limit: NonNullable<Route['perClient']>,
  requests: RequestCounter,
): MiddlewareObj<ApiEvent, APIGatewayProxyStructuredResultV2> {
  return {
    before: async ({ event }) => {
      const windowMs = limit.windowSeconds * 1000;
      const now = Date.now();
      const count = await requests.count({
        route: routeKey(route),
        client: event.requestContext.http.sourceIp,
        windowStart: now - (now % windowMs),
        windowSeconds: limit.windowSeconds,
      });
      if (count > Math.ceil(limit.requests * requests.limitScale)) {
        throw new ThrottledError('请求过于频繁，请几分钟后再试');
      }
    },
  };
}

/** Who is calling, and may their group call this route? */
function authorize(route: Route, event: ApiEvent): Principal {
  if (route.groups === 'public') return anonymousFromEvent(event);
  const principal = principalFromEvent(event);
  if (!hasAnyGroup(principal, route.groups)) throw new ForbiddenError('您的角色无权进行此操作');
  return principal;
}

function bodyBytes(event: ApiEvent): number {
  if (!event.body) return 0;
  return event.isBase64Encoded
    ? Buffer.byteLength(event.body, 'base64')
    : Buffer.byteLength(event.body, 'utf8');
}

function parse<T>(
  schema: z.ZodMiniType<T> | undefined,
  value: unknown,
  where: 'body' | 'query' | 'path' | 'header',
): T {
  if (!schema) return undefined as T;
  const result = z.safeParse(schema, value);
  if (result.success) return result.data;
  // A classification marking is no mistake of form: 422 for the fields that carry one
  // (shared/contract/common.ts), named as they always were: `title`, `attachments.0.name`.
  const classified = result.error.issues.filter(
    (issue) => issue.code === 'custom' && issue.params?.['classified'] === true,
  );
  if (classified.length > 0)
    throw new ClassifiedContentError(
      '涉密内容不得在本平台处理（第十二条）',
      classified.map((issue) => ({ field: issue.path.join('.'), message: issue.message })),
    );
  throw new ValidationError(
    INVALID[where],
    result.error.issues.map((issue) => ({
      field: fieldName(where, issue.path),
      message: issue.message,
    })),
  );
}

const INVALID = {
  body: '请求内容不符合要求',
  query: '查询参数不符合要求',
  path: '地址中的参数不符合要求',
  header: '请求头不符合要求',
};

/** `body.recipients.0`, `query.cursor`; a header by its own name, as a client writes it. */
function fieldName(where: 'body' | 'query' | 'path' | 'header', path: PropertyKey[]): string {
  if (where === 'header') return headerName(String(path[0] ?? ''));
  return [where, ...path.map(String)].join('.');
}

/** A header as clients write it: `idempotency-key` → `Idempotency-Key`. */
export const headerName = (lowerCase: string) =>
  lowerCase.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
