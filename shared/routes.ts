import type { Group } from './domain/principal.ts';

/**
 * Every route of the HTTP API, once. The CDK API construct creates its routes
 * from this list and the local gateway serves the same list.
 */
export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API Gateway path syntax: `/dispatches/{id}`. */
  path: string;
  /** The folder under `functions/` whose handler serves the route. */
  function: FunctionName;
  /** Groups allowed to call; `public` routes need no token. */
  groups: readonly Group[] | 'public';
  /** Largest request body accepted, in bytes (413 beyond it). */
  maxBodyBytes?: number;
  /**
   * Requests one client address may make in a window (429 THROTTLED beyond
   * it): public routes, where no account limits what one client can do.
   */
  perClient?: { requests: number; windowSeconds: number };
  /** A public answer that is the same for everyone may be cached this long. */
  cacheSeconds?: number;
  /** The body is an HTML form (application/x-www-form-urlencoded), as Open311 clients send it; else JSON. */
  form?: true;
}

/**
 * What one citizen's address may do. Generous, because mobile carriers put
 * many phones behind one address; operators scale them with
 * PER_CLIENT_LIMIT_SCALE (`-c perClientLimitScale=` at deploy).
 */
const CITIZEN_READS = { requests: 120, windowSeconds: 60 };
const CITIZEN_REPORTS = { requests: 20, windowSeconds: 600 };

export const FUNCTIONS = [
  'units',
  'dispatch',
  'receipts',
  'phones',
  'settings',
  'reports',
  'board',
  'open311',
  'accounts',
  'attachments',
  'upward',
  'bulletins',
  'audit',
  'articles',
  'questions',
] as const;
export type FunctionName = (typeof FUNCTIONS)[number];

const STAFF: readonly Group[] = [
  'district-admin',
  'district-office',
  'unit-admin',
  'unit-staff',
  'unit-head',
];
/** Who works a unit's inbox and its citizen-report queue. */
const UNIT_MEMBERS: readonly Group[] = ['unit-admin', 'unit-staff', 'unit-head'];
/** Who writes articles and answers questions: the district office, and a unit for its own part. */
const ARTICLE_WRITERS: readonly Group[] = ['district-office', ...UNIT_MEMBERS];

export const ROUTES: readonly Route[] = [
  { method: 'GET', path: '/audit', function: 'audit', groups: ['district-admin'] },
  {
    method: 'GET',
    path: '/bulletins/reception',
    function: 'bulletins',
    groups: ['district-office', 'district-admin'],
  },
  { method: 'POST', path: '/bulletins', function: 'bulletins', groups: ['district-office'] },
  { method: 'GET', path: '/bulletins', function: 'bulletins', groups: STAFF },
  { method: 'GET', path: '/bulletins/{id}', function: 'bulletins', groups: STAFF },
  { method: 'POST', path: '/attachments', function: 'attachments', groups: STAFF },
  { method: 'GET', path: '/attachments/{id}', function: 'attachments', groups: STAFF },
  { method: 'GET', path: '/attachments/{id}/download', function: 'attachments', groups: STAFF },
  { method: 'POST', path: '/upward', function: 'upward', groups: UNIT_MEMBERS },
  { method: 'PUT', path: '/upward/{id}', function: 'upward', groups: UNIT_MEMBERS },
  { method: 'POST', path: '/upward/{id}/approve', function: 'upward', groups: ['unit-head'] },
  { method: 'POST', path: '/upward/{id}/return', function: 'upward', groups: ['unit-head'] },
  {
    method: 'POST',
    path: '/upward/{id}/receive',
    function: 'upward',
    groups: ['district-office'],
  },
  { method: 'POST', path: '/upward/{id}/reply', function: 'upward', groups: ['district-office'] },
  {
    method: 'GET',
    path: '/upward',
    function: 'upward',
    groups: [...UNIT_MEMBERS, 'district-office'],
  },
  {
    method: 'GET',
    path: '/upward/{id}',
    function: 'upward',
    groups: [...UNIT_MEMBERS, 'district-office'],
  },
  {
    method: 'GET',
    path: '/public/seal-keys',
    function: 'upward',
    groups: 'public',
    cacheSeconds: 300,
    perClient: CITIZEN_READS,
  },
  {
    method: 'GET',
    path: '/units/{unitId}/accounts',
    function: 'accounts',
    groups: ['district-admin', 'unit-admin'],
  },
  {
    method: 'POST',
    path: '/units/{unitId}/accounts',
    function: 'accounts',
    groups: ['district-admin', 'unit-admin'],
  },
  {
    method: 'POST',
    path: '/units/{unitId}/accounts/{username}/disable',
    function: 'accounts',
    groups: ['district-admin', 'unit-admin'],
  },
  {
    method: 'POST',
    path: '/units/{unitId}/accounts/{username}/enable',
    function: 'accounts',
    groups: ['district-admin', 'unit-admin'],
  },

  { method: 'GET', path: '/units', function: 'units', groups: STAFF },
  { method: 'POST', path: '/units', function: 'units', groups: ['district-admin'] },
  { method: 'PATCH', path: '/units/{unitId}', function: 'units', groups: ['district-admin'] },

  {
    method: 'POST',
    path: '/dispatches',
    function: 'dispatch',
    groups: ['district-office'],
    maxBodyBytes: 256 * 1024,
  },
  { method: 'GET', path: '/dispatches', function: 'dispatch', groups: STAFF },
  { method: 'GET', path: '/dispatches/{id}', function: 'dispatch', groups: STAFF },
  // 签发: the head of the district office (the handler checks the unit).
  {
    method: 'POST',
    path: '/dispatches/{id}/sign-off',
    function: 'dispatch',
    groups: ['unit-head'],
  },
  {
    method: 'POST',
    path: '/dispatches/{id}/recall',
    function: 'dispatch',
    groups: ['district-office'],
  },
  {
    method: 'POST',
    path: '/dispatches/{id}/deadline',
    function: 'dispatch',
    groups: ['district-office'],
  },
  {
    method: 'POST',
    path: '/dispatches/{id}/urge',
    function: 'dispatch',
    groups: ['district-office'],
  },
  {
    method: 'POST',
    path: '/dispatches/{id}/problems/{problemId}/resolve',
    function: 'dispatch',
    groups: ['district-office'],
  },

  { method: 'GET', path: '/inbox', function: 'receipts', groups: STAFF },
  { method: 'POST', path: '/dispatches/{id}/ack', function: 'receipts', groups: STAFF },
  { method: 'POST', path: '/dispatches/{id}/response', function: 'receipts', groups: STAFF },
  { method: 'POST', path: '/dispatches/{id}/problem', function: 'receipts', groups: STAFF },

  {
    method: 'GET',
    path: '/units/{unitId}/phones',
    function: 'phones',
    groups: ['district-admin', 'unit-admin'],
  },
  {
    method: 'POST',
    path: '/units/{unitId}/phones',
    function: 'phones',
    groups: ['district-admin', 'unit-admin'],
  },
  {
    method: 'POST',
    path: '/units/{unitId}/phones/{phone}/verify',
    function: 'phones',
    groups: ['district-admin', 'unit-admin'],
  },
  {
    method: 'DELETE',
    path: '/units/{unitId}/phones/{phone}',
    function: 'phones',
    groups: ['district-admin', 'unit-admin'],
  },
  { method: 'GET', path: '/phone-requests', function: 'phones', groups: ['district-admin'] },
  {
    method: 'POST',
    path: '/phone-requests/{id}/approve',
    function: 'phones',
    groups: ['district-admin'],
  },
  {
    method: 'POST',
    path: '/phone-requests/{id}/reject',
    function: 'phones',
    groups: ['district-admin'],
  },
  {
    method: 'PUT',
    path: '/units/{unitId}/duty',
    function: 'phones',
    groups: ['unit-admin', 'district-admin'],
  },
  {
    method: 'GET',
    path: '/units/{unitId}/duty',
    function: 'phones',
    groups: ['unit-admin', 'district-admin'],
  },

  { method: 'GET', path: '/settings/reminders', function: 'settings', groups: ['district-office'] },
  { method: 'PUT', path: '/settings/reminders', function: 'settings', groups: ['district-office'] },
  { method: 'GET', path: '/calendar', function: 'settings', groups: STAFF },
  { method: 'PUT', path: '/calendar', function: 'settings', groups: ['district-admin'] },

  {
    method: 'GET',
    path: '/public/services',
    function: 'reports',
    groups: 'public',
    perClient: CITIZEN_READS,
    cacheSeconds: 300,
  },
  {
    method: 'POST',
    path: '/public/reports',
    function: 'reports',
    groups: 'public',
    perClient: CITIZEN_REPORTS,
  },
  {
    method: 'GET',
    path: '/public/reports/nearby',
    function: 'board',
    groups: 'public',
    perClient: CITIZEN_READS,
  },
  {
    method: 'GET',
    path: '/public/reports/{id}',
    function: 'reports',
    groups: 'public',
    perClient: CITIZEN_READS,
  },
  // The citizen's word on a resolution: once per resolution, behind the tracking token.
  {
    method: 'POST',
    path: '/public/reports/{id}/feedback',
    function: 'reports',
    groups: 'public',
    perClient: CITIZEN_REPORTS,
  },
  {
    method: 'POST',
    path: '/public/reports/{id}/photos/{n}/upload',
    function: 'reports',
    groups: 'public',
    perClient: CITIZEN_REPORTS,
  },
  {
    method: 'GET',
    path: '/public/board',
    function: 'board',
    groups: 'public',
    perClient: CITIZEN_READS,
    cacheSeconds: 60,
  },
  {
    method: 'GET',
    path: '/public/ranking',
    function: 'board',
    groups: 'public',
    perClient: CITIZEN_READS,
    cacheSeconds: 300,
  },
  // 掌上新华's columns (Art3, Art10.1): what is the same for everyone is cached at the edge.
  {
    method: 'GET',
    path: '/public/columns',
    function: 'articles',
    groups: 'public',
    perClient: CITIZEN_READS,
    cacheSeconds: 300,
  },
  {
    method: 'GET',
    path: '/public/articles',
    function: 'articles',
    groups: 'public',
    perClient: CITIZEN_READS,
    cacheSeconds: 60,
  },
  {
    method: 'GET',
    path: '/public/articles/{id}',
    function: 'articles',
    groups: 'public',
    perClient: CITIZEN_READS,
    cacheSeconds: 60,
  },
  {
    method: 'GET',
    path: '/public/search',
    function: 'articles',
    groups: 'public',
    perClient: CITIZEN_READS,
    cacheSeconds: 60,
  },
  { method: 'GET', path: '/articles', function: 'articles', groups: ARTICLE_WRITERS },
  { method: 'GET', path: '/articles/{id}', function: 'articles', groups: ARTICLE_WRITERS },
  { method: 'POST', path: '/articles', function: 'articles', groups: ARTICLE_WRITERS },
  { method: 'PUT', path: '/articles/{id}', function: 'articles', groups: ARTICLE_WRITERS },
  {
    method: 'POST',
    path: '/articles/{id}/publish',
    function: 'articles',
    groups: ['district-office'],
  },
  {
    method: 'POST',
    path: '/articles/{id}/unpublish',
    function: 'articles',
    groups: ['district-office'],
  },
  // 办事包打听: citizens ask; the office answers or passes the question on.
  {
    method: 'POST',
    path: '/public/questions',
    function: 'questions',
    groups: 'public',
    perClient: CITIZEN_REPORTS,
  },
  {
    method: 'GET',
    path: '/public/questions',
    function: 'questions',
    groups: 'public',
    perClient: CITIZEN_READS,
    cacheSeconds: 60,
  },
  {
    method: 'GET',
    path: '/public/questions/{id}',
    function: 'questions',
    groups: 'public',
    perClient: CITIZEN_READS,
  },
  { method: 'GET', path: '/questions', function: 'questions', groups: ARTICLE_WRITERS },
  {
    method: 'POST',
    path: '/questions/{id}/assign',
    function: 'questions',
    groups: ['district-office'],
  },
  {
    method: 'POST',
    path: '/questions/{id}/answer',
    function: 'questions',
    groups: ARTICLE_WRITERS,
  },
  // Open311 GeoReport v2: the same citizens' limits as /public/*.
  {
    method: 'GET',
    path: '/open311/v2/services.json',
    function: 'open311',
    groups: 'public',
    perClient: CITIZEN_READS,
    cacheSeconds: 300,
  },
  {
    method: 'GET',
    path: '/open311/v2/services/{file}',
    function: 'open311',
    groups: 'public',
    perClient: CITIZEN_READS,
    cacheSeconds: 300,
  },
  {
    method: 'GET',
    path: '/open311/v2/requests.json',
    function: 'open311',
    groups: 'public',
    perClient: CITIZEN_READS,
    cacheSeconds: 60,
  },
  {
    method: 'POST',
    path: '/open311/v2/requests.json',
    function: 'open311',
    groups: 'public',
    perClient: CITIZEN_REPORTS,
    form: true,
  },
  {
    method: 'GET',
    path: '/open311/v2/requests/{file}',
    function: 'open311',
    groups: 'public',
    perClient: CITIZEN_READS,
    cacheSeconds: 60,
  },
  {
    method: 'GET',
    path: '/reports',
    function: 'reports',
    groups: [...UNIT_MEMBERS, 'district-office'],
  },
  {
    method: 'POST',
    path: '/reports/{id}/updates',
    function: 'reports',
    groups: UNIT_MEMBERS,
  },
  {
    method: 'GET',
    path: '/reports/{id}',
    function: 'reports',
    groups: [...UNIT_MEMBERS, 'district-office'],
  },
  {
    method: 'POST',
    path: '/reports/{id}/updates/{updateId}/publish',
    function: 'reports',
    groups: UNIT_MEMBERS,
  },
  // 退单 and 延期: the department asks, the district office decides.
  { method: 'POST', path: '/reports/{id}/return', function: 'reports', groups: UNIT_MEMBERS },
  { method: 'POST', path: '/reports/{id}/extension', function: 'reports', groups: UNIT_MEMBERS },
  {
    method: 'POST',
    path: '/reports/{id}/extension/approve',
    function: 'reports',
    groups: ['district-office'],
  },
  {
    method: 'POST',
    path: '/reports/{id}/extension/reject',
    function: 'reports',
    groups: ['district-office'],
  },
  { method: 'POST', path: '/reports/{id}/route', function: 'reports', groups: ['district-office'] },
  { method: 'GET', path: '/routing', function: 'reports', groups: ['district-office'] },
  {
    method: 'PUT',
    path: '/routing/{serviceCode}',
    function: 'reports',
    groups: ['district-office'],
  },
];

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024;

export const routeKey = (route: Pick<Route, 'method' | 'path'>) => `${route.method} ${route.path}`;

export function findRoute(key: string): Route | undefined {
  return ROUTES.find((route) => routeKey(route) === key);
}

/** The route a request path matches, with its path parameters, as API Gateway would match it. */
export function matchRoute(
  method: string,
  rawPath: string,
): { route: Route; pathParameters: Record<string, string> } | undefined {
  const segments = rawPath.split('/');
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const pattern = route.path.split('/');
    if (pattern.length !== segments.length) continue;
    const pathParameters: Record<string, string> = {};
    const matches = pattern.every((part, i) => {
      const segment = segments[i] ?? '';
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (name === undefined) return part === segment;
      if (segment === '') return false;
      pathParameters[name] = decodeURIComponent(segment);
      return true;
    });
    if (matches) return { route, pathParameters };
  }
  return undefined;
}

/**
 * The header CloudFront adds to every request it sends the API (infra/web.ts),
 * with a secret value: deployed, the API answers nothing without it.
 */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';
