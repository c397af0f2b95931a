import { describe, expect, it } from 'vitest';
import { apiEvent } from '../../../local/apiEvent.ts';
import { ForbiddenError, UnauthenticatedError } from '../../../shared/errors.ts';
import { principalFromEvent } from '../../../shared/http/principal.ts';

const event = (claims?: Record<string, string | string[]>) =>
  apiEvent({ method: 'GET', routePath: '/inbox', rawPath: '/inbox', claims, sourceIp: '10.1.2.3' });

describe('principalFromEvent', () => {
  it('reads the group as API Gateway flattens it ("[unit-head]"), the unit, the sign-in name and the address', () => {
    const principal = principalFromEvent(
      event({
        sub: 'u1',
        'cognito:username': 'health-head',
        'custom:unitId': 'health',
        'cognito:groups': ['unit-head'],
      }),
    );
    expect(principal).toEqual({
      sub: 'u1',
      username: 'health-head',
      unitId: 'health',
      groups: ['unit-head'],
      sourceIp: '10.1.2.3',
    });
  });

  it.each([
    ['two groups', ['unit-admin', 'unit-staff']],
    ['no group', []],
    ['a group the platform does not know', ['root']],
    ['a known and an unknown group', ['unit-staff', 'root']],
  ])('refuses a person in %s, never half-serving them', (_name, groups) => {
    expect(() =>
      principalFromEvent(event({ sub: 'u1', 'custom:unitId': 'health', 'cognito:groups': groups })),
    ).toThrow(ForbiddenError);
  });

  it('refuses an event without sub or unit', () => {
    expect(() => principalFromEvent(event())).toThrow(UnauthenticatedError);
    expect(() => principalFromEvent(event({ sub: 'u1' }))).toThrow(UnauthenticatedError);
  });
});
