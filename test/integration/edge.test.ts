import { beforeAll, describe, expect, it } from 'vitest';
import { API_FUNCTIONS } from '../../functions/apiFunctions.ts';
import { apiEvent } from '../../local/apiEvent.ts';
import { lambdaContext } from '../../local/lambdaContext.ts';
import { serve } from '../../shared/http/apiHandler.ts';
import { SEED_CATEGORIES } from '../../shared/seed/reportCategories.ts';
import { SEED_UNITS } from '../../shared/seed/units.ts';
import { seedCategories } from '../../shared/store/reportCategories.ts';
import { seedUnits } from '../../shared/store/units.ts';
import { auditOf, snapshot, store } from '../support/db.ts';
import { testPlatform } from '../support/testPlatform.ts';

/**
 * Deployed, the API answers only what came through CloudFront (its secret
 * x-origin-verify header, API.md v1.2 "The edge"): the execute-api address
 * leads nowhere, and behind CloudFront the caller's own address is the
 * first of X-Forwarded-For.
 */
const SECRET = 'the-value-cloudfront-sends';
const platform = {
  ...testPlatform,
  edge: { admits: (header?: string) => Promise.resolve(header === SECRET) },
};
const reports = serve(API_FUNCTIONS.reports, platform);

const request = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
  reports(
    apiEvent({
      method,
      routePath: path,
      rawPath: path,
      rawQueryString: '',
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      pathParameters: {},
      body: body ? Buffer.from(JSON.stringify(body)) : undefined,
      // The connection is CloudFront's (or, around the edge, the caller's).
      sourceIp: '130.176.0.1',
    }),
    lambdaContext('reports'),
  );

beforeAll(async () => {
  await seedUnits(store, SEED_UNITS);
  await seedCategories(store, SEED_CATEGORIES);
});

describe('the API behind CloudFront', () => {
  it('refuses a request without the origin-verify header, or with a wrong one, before anything else', async () => {
    const before = await snapshot();
    const report = {
      serviceCode: 'city-appearance',
      description: '井盖缺失',
      lat: 38.05,
      lng: 114.46,
      photos: [],
    };
    for (const headers of [{}, { 'x-origin-verify': 'guessed' }] as Record<string, string>[]) {
      const refused = await request('POST', '/public/reports', headers, report);
      expect(refused.statusCode).toBe(403);
      expect(JSON.parse(String(refused.body)).error.code).toBe('FORBIDDEN');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('answers what came through CloudFront, and sees the caller’s own address', async () => {
    const services = await request('GET', '/public/services', { 'x-origin-verify': SECRET });
    expect(services.statusCode).toBe(200);
    const created = await request(
      'POST',
      '/public/reports',
      { 'x-origin-verify': SECRET, 'x-forwarded-for': '203.0.113.9, 130.176.0.1' },
      {
        serviceCode: 'city-appearance',
        description: '井盖缺失',
        lat: 38.05,
        lng: 114.46,
        photos: [],
      },
    );
    expect(created.statusCode).toBe(201);
    const { id } = JSON.parse(String(created.body)) as { id: string };
    const [audit] = await auditOf(`REPORT#${id}`);
    expect(audit).toMatchObject({ action: 'report.create', sourceIp: '203.0.113.9' });
  });
});
