import { beforeAll, describe, expect, it } from 'vitest';
import { SEED_CATEGORIES } from '../../shared/seed/reportCategories.ts';
import { SEED_UNITS } from '../../shared/seed/units.ts';
import { seedCategories } from '../../shared/store/reportCategories.ts';
import { seedUnits } from '../../shared/store/units.ts';
import { call, staffOf } from '../support/api.ts';
import { snapshot, store } from '../support/db.ts';

/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2), as the
 * city's 12345 platform would use it: every answer checked against the
 * specification's field lists, form-encoded requests, and only published
 * reports readable.
 */

/** GeoReport v2's fields of a service (GET services), all required. */
const SERVICE_FIELDS = [
  'service_code',
  'service_name',
  'description',
  'metadata',
  'type',
  'keywords',
  'group',
];
/** GeoReport v2's fields of a service request (GET requests); the first four we always give. */
const REQUEST_REQUIRED = ['service_request_id', 'status', 'service_code', 'requested_datetime'];
const REQUEST_FIELDS = [
  ...REQUEST_REQUIRED,
  'status_notes',
  'service_name',
  'description',
  'agency_responsible',
  'service_notice',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
];
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function expectRequest(request: Record<string, unknown>) {
  for (const field of REQUEST_REQUIRED) expect(request, field).toHaveProperty(field);
  for (const field of Object.keys(request)) expect(REQUEST_FIELDS).toContain(field);
  expect(['open', 'closed']).toContain(request['status']);
  expect(request['requested_datetime']).toMatch(ISO);
  // Nothing locates a citizen's report, published or not.
  for (const field of ['lat', 'long', 'address', 'zipcode'])
    expect(request).not.toHaveProperty(field);
}

const form = (fields: Record<string, string>, contentType = 'application/x-www-form-urlencoded') =>
  call({
    method: 'POST',
    path: '/open311/v2/requests.json',
    rawBody: new URLSearchParams(fields).toString(),
    headers: { 'content-type': contentType },
  });

beforeAll(async () => {
  await seedUnits(store, SEED_UNITS);
  await seedCategories(store, SEED_CATEGORIES);
});

describe('Open311 GeoReport v2', () => {
  it('lists the active categories as services, each with the specification’s fields, and defines one', async () => {
    const services = await call({ method: 'GET', path: '/open311/v2/services.json' });
    expect(services.status).toBe(200);
    const items = services.body as Record<string, unknown>[];
    expect(items.length).toBeGreaterThan(5);
    for (const service of items) {
      expect(Object.keys(service).sort()).toEqual([...SERVICE_FIELDS].sort());
      expect(service['metadata']).toBe(false);
      expect(service['type']).toBe('realtime');
    }
    expect(items).toContainEqual(
      expect.objectContaining({ service_code: 'city-appearance', service_name: '市容随手拍' }),
    );
    const definition = await call({
      method: 'GET',
      path: '/open311/v2/services/city-appearance.json',
    });
    expect(definition.body).toEqual({ service_code: 'city-appearance', attributes: [] });
    expect((await call({ method: 'GET', path: '/open311/v2/services/no-such.json' })).status).toBe(
      404,
    );
    expect(
      (await call({ method: 'GET', path: '/open311/v2/services/city-appearance.xml' })).status,
    ).toBe(400);
  });

  it('files a form-encoded request as a numbered report in its department’s queue; readable only once published', async () => {
    const created = await form({
      service_code: 'city-appearance',
      lat: '38.05',
      long: '114.46',
      address_string: '和平西路',
      description: '井盖缺失，夜间危险',
      api_key: 'city-12345',
    });
    expect(created.status).toBe(201);
    const [{ service_request_id: id, service_notice: notice }] = created.body as [
      { service_request_id: string; service_notice: string },
    ];
    expect(notice).toMatch(/^受理编号 XH\d{8}-\d{4}$/);
    const department = staffOf('urban-management');
    const queue = await call({ method: 'GET', path: '/reports', as: department });
    expect((queue.body.items as { id: string }[]).map((item) => item.id)).toContain(id);

    // Unpublished: not there.
    expect((await call({ method: 'GET', path: `/open311/v2/requests/${id}.json` })).status).toBe(
      404,
    );
    const listed = await call({
      method: 'GET',
      path: `/open311/v2/requests.json?service_request_id=${id}`,
    });
    expect(listed.body).toEqual([]);

    await call({
      method: 'POST',
      path: `/reports/${id}/updates`,
      as: department,
      body: { status: 'resolved', reply: '已补装井盖，咨询电话 0311-86012345', public: true },
    });
    const one = await call({ method: 'GET', path: `/open311/v2/requests/${id}.json` });
    expect(one.status).toBe(200);
    const [request] = one.body as Record<string, unknown>[];
    expectRequest(request!);
    expect(request).toMatchObject({
      service_request_id: id,
      status: 'closed',
      status_notes: '已补装井盖，咨询电话 0311-86012345',
      service_code: 'city-appearance',
      service_name: '市容随手拍',
      agency_responsible: '区城管局',
      description: '井盖缺失，夜间危险',
    });
    const all = await call({ method: 'GET', path: '/open311/v2/requests.json?status=closed' });
    for (const item of all.body as Record<string, unknown>[]) expectRequest(item);
    expect(
      (all.body as { service_request_id: string }[]).map((item) => item.service_request_id),
    ).toContain(id);
    const open = await call({ method: 'GET', path: '/open311/v2/requests.json?status=open' });
    expect(
      (open.body as { service_request_id: string }[]).map((item) => item.service_request_id),
    ).not.toContain(id);
  });

  it('refuses what is not a request as the specification has it, writing nothing', async () => {
    const before = await snapshot();
    const refusals = await Promise.all([
      form({ service_code: 'city-appearance', lat: '38.05', long: '114.46' }),
      form({ service_code: 'city-appearance', lat: 'north', long: '114.46', description: '坑' }),
      form({ service_code: 'city-appearance', lat: '51.5', long: '-0.12', description: '坑' }),
      form({ service_code: 'no-such', lat: '38.05', long: '114.46', description: '坑' }),
      form(
        { service_code: 'city-appearance', lat: '38.05', long: '114.46', description: '坑' },
        'application/json',
      ),
      call({
        method: 'POST',
        path: '/open311/v2/requests.json',
        rawBody:
          'service_code=city-appearance&service_code=food-safety&lat=38&long=114&description=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
    ]);
    expect(refusals.map((answer) => answer.status)).toEqual([400, 400, 400, 400, 400, 400]);
    for (const answer of refusals) expect(answer.body.error.code).toMatch(/^[A-Z_]+$/);
    expect(await snapshot()).toEqual(before);
  });
});
