import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { GROUPS, type Group, type Principal } from '../domain/principal.ts';
import { ForbiddenError, UnauthenticatedError } from '../errors.ts';

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;

/**
 * The caller, from the claims the JWT authorizer (deployed) or the local
 * gateway put in `requestContext.authorizer.jwt.claims`. API Gateway hands
 * array claims over as a string such as "[unit-admin unit-staff]".
 */
export function principalFromEvent(event: ApiEvent): Principal {
  // Typed as always there, but absent on a route without an authorizer: read defensively.
  const { authorizer } = event.requestContext as {
    authorizer?: { jwt?: { claims?: Record<string, unknown> } };
  };
  const claims = authorizer?.jwt?.claims;
  const sub = claims?.['sub'];
  const unitId = claims?.['custom:unitId'];
  if (typeof sub !== 'string' || typeof unitId !== 'string' || sub === '' || unitId === '') {
    throw new UnauthenticatedError('请先登录');
  }
  const groups = groupNames(claims?.['cognito:groups']);
  const [group] = groups;
  // One person, one role (Art13): in two groups, in none, or in one we do not know, nobody is half-served.
  if (groups.length !== 1 || !isGroup(group)) {
    throw new ForbiddenError('账号须属于且只属于一个角色，请联系区信息中心');
  }
  const username = claims?.['cognito:username'];
  const name = claims?.['name'];
  return {
    sub,
    ...(typeof username === 'string' && username !== '' ? { username } : {}),
    ...(typeof name === 'string' && name.trim() !== '' ? { name: name.trim() } : {}),
    unitId,
    groups: [group],
    sourceIp: event.requestContext.http.sourceIp,
  };
}

/** A citizen: no token, known only by address. */
export function anonymousFromEvent(event: Pick<ApiEvent, 'requestContext'>): Principal {
  return { sub: 'anonymous', unitId: '', groups: [], sourceIp: event.requestContext.http.sourceIp };
}

const isGroup = (name: string | undefined): name is Group =>
  (GROUPS as readonly (string | undefined)[]).includes(name);

function groupNames(claim: unknown): string[] {
  const names = Array.isArray(claim)
    ? claim.map(String)
    : typeof claim === 'string'
      ? claim.replace(/^\[|\]$/g, '').split(/[\s,]+/)
      : [];
  return names.filter((name) => name !== '');
}
