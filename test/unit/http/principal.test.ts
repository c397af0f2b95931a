import { describe, expect, it } from 'vitest';
import { apiEvent } from '../../../local/apiEvent.ts';
import { principalFromEvent } from '../../../shared/http/principal.ts';
import { UnauthenticatedError } from '../../../shared/errors.ts';

const event = (claims?: Record<string, string | string[]>) =>
  apiEvent({ method: 'GET', routePath: '/inbox', rawPath: '/inbox', claims, sourceIp: '10.1.2.3' });

describe('principalFromEvent', () => {
  it('reads groups as API Gateway flattens them: "[a b]"', () => {
    const principal = principalFromEvent(
      event({
        sub: 'u1',
        'custom:unitId': 'health',
        'cognito:groups': ['unit-admin', 'unit-staff'],
      }),
    );
    expect(principal).toEqual({
      sub: 'u1',
      unitId: 'health',
      groups: ['unit-admin', 'unit-staff'],
      sourceIp: '10.1.2.3',
    });
  });
  it('drops groups the platform does not know', () => {
    expect(
      principalFromEvent(event({ sub: 'u1', 'custom:unitId': 'health', 'cognito:groups': 'root' }))
        .groups,
    ).toEqual([]);
  });
  it('refuses an event without sub or unit', () => {
    expect(() => principalFromEvent(event())).toThrow(UnauthenticatedError);
    expect(() => principalFromEvent(event({ sub: 'u1' }))).toThrow(UnauthenticatedError);
  });
});
