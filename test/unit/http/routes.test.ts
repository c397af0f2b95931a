import { describe, expect, it } from 'vitest';
import { matchRoute, ROUTES, routeKey } from '../../../shared/routes.ts';

describe('route table', () => {
  it('lists every route once', () => {
    const keys = ROUTES.map(routeKey);
    expect(new Set(keys).size).toBe(keys.length);
  });
  it('matches a path with parameters and decodes them', () => {
    expect(matchRoute('POST', '/dispatches/01ABC/ack')).toMatchObject({
      route: { path: '/dispatches/{id}/ack' },
      pathParameters: { id: '01ABC' },
    });
    expect(matchRoute('PATCH', '/units/xin%20hua')?.pathParameters).toEqual({ unitId: 'xin hua' });
  });
  it('matches nothing for an unknown path, a wrong method or an empty parameter', () => {
    expect(matchRoute('GET', '/nowhere')).toBeUndefined();
    expect(matchRoute('DELETE', '/units')).toBeUndefined();
    expect(matchRoute('GET', '/dispatches/')).toBeUndefined();
  });
});
