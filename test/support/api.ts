import { apiEvent } from '../../local/apiEvent.ts';
import { lambdaContext } from '../../local/lambdaContext.ts';
import type { Group } from '../../shared/domain/principal.ts';
import { matchRoute, type FunctionName } from '../../shared/routes.ts';
import { handler as dispatch } from '../../functions/dispatch/handler.ts';
import { handler as receipts } from '../../functions/receipts/handler.ts';
import { handler as units } from '../../functions/units/handler.ts';
import { handler as phones } from '../../functions/phones/handler.ts';
import { handler as settings } from '../../functions/settings/handler.ts';
import { handler as reports } from '../../functions/reports/handler.ts';

const handlers: Record<FunctionName, typeof units> = {
  units,
  dispatch,
  receipts,
  phones,
  settings,
  reports,
};

export interface Caller {
  group: Group;
  unit: string;
  sub?: string;
}

export interface ApiCall {
  method: string;
  path: string;
  as?: Caller;
  body?: unknown;
  /** A raw body, sent as it is (for malformed JSON). */
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface ApiAnswer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** Calls the real handler with an API Gateway event, as the deployed API would after its JWT authorizer. */
export async function call(request: ApiCall): Promise<ApiAnswer> {
  const [rawPath = '', rawQueryString] = request.path.split('?');
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
    claims: request.as
      ? {
          sub: request.as.sub ?? `${request.as.unit}-${request.as.group}`,
          'cognito:groups': [request.as.group],
          'custom:unitId': request.as.unit,
        }
      : undefined,
  });
  const result = await handlers[matched.route.function](
    event,
    lambdaContext(matched.route.function),
  );
  return {
    status: result.statusCode ?? 200,
    body: result.body ? JSON.parse(result.body) : undefined,
  };
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
