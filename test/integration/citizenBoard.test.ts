import sharp from 'sharp';
import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { testPlatform } from '../support/testPlatform.ts';
import { uploads as uploadsHandler } from '../../functions/uploads/handler.ts';
import { lambdaContext } from '../../local/lambdaContext.ts';
import { SEED_CATEGORIES } from '../../shared/seed/reportCategories.ts';
import { SEED_UNITS } from '../../shared/seed/units.ts';
import { seedCategories } from '../../shared/store/reportCategories.ts';
import { seedUnits } from '../../shared/store/units.ts';
import { call, office, staffOf } from '../support/api.ts';
import { countRequests, snapshot, store } from '../support/db.ts';
import { formUpload, localS3, objectCreated } from '../support/s3.ts';

const uploads = uploadsHandler(testPlatform);

/** Art10.2: the public board, "someone nearby already reported this", and the ranking of departments. */
const { bucket } = localS3();
const jpeg = readFileSync(new URL('../fixtures/python.jpg', import.meta.url));
/** A metre north is this many degrees of latitude. */
const METRE = 1 / 111_195;

interface Created {
  id: string;
  trackingToken: string;
  uploads: { url: string; fields: Record<string, string> }[];
}
const report = async (over: Record<string, unknown> = {}): Promise<Created> => {
  const created = await call({
    method: 'POST',
    path: '/public/reports',
    body: {
      serviceCode: 'city-appearance',
      description: '井盖缺失',
      lat: 38.05,
      lng: 114.46,
      photos: [],
      ...over,
    },
  });
  expect(created.status).toBe(201);
  return created.body as Created;
};
const update = (id: string, unit: string, body: Record<string, unknown>) =>
  call({ method: 'POST', path: `/reports/${id}/updates`, as: staffOf(unit), body });
const board = async () => {
  const items: { id: string }[] = [];
  let cursor: string | undefined;
  do {
    const page = await call({
      method: 'GET',
      path: '/public/board',
      query: cursor ? { cursor } : {},
    });
    expect(page.status).toBe(200);
    items.push(...(page.body.items as { id: string }[]));
    cursor = page.body.cursor as string | undefined;
  } while (cursor);
  return items as Record<string, unknown>[];
};
const nearby = (serviceCode: string, lat: number, lng: number) =>
  call({
    method: 'GET',
    path: '/public/reports/nearby',
    query: { serviceCode, lat: String(lat), lng: String(lng) },
  });

beforeAll(async () => {
  await seedUnits(store, SEED_UNITS);
  await seedCategories(store, SEED_CATEGORIES);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the public board (Art10.2, Art14, Art21.4)', () => {
  it('shows a report only once its department publishes an update, with numbers masked and only published replies', async () => {
    const created = await report({
      description: '楼道堆物，联系我１３９１２３４５６７８，身份证110101199003071234',
      photos: [{ contentType: 'image/jpeg', size: jpeg.length }],
    });
    expect(await formUpload(created.uploads[0]!, jpeg)).toBeLessThan(300);
    await uploads(
      objectCreated(bucket, `incoming/${created.id}/0`, jpeg.length),
      lambdaContext('uploads'),
    );
    const onBoard = async () => (await board()).find((item) => item['id'] === created.id);

    expect(await onBoard()).toBeUndefined();
    expect(
      (await update(created.id, 'urban-management', { status: 'accepted', reply: '已受理' }))
        .status,
    ).toBe(201);
    expect(await onBoard()).toBeUndefined();

    expect(
      (
        await update(created.id, 'urban-management', {
          status: 'in_progress',
          reply: '已派人清理，值班电话0311-87654321',
          public: true,
        })
      ).status,
    ).toBe(201);
    const shown = await onBoard();
    expect(shown).toMatchObject({
      serviceCode: 'city-appearance',
      status: 'in_progress',
      description: '楼道堆物，联系我139****5678，身份证110***********1234',
      // The department's own landline stays as written: citizens are meant to call it.
      updates: [{ status: 'in_progress', reply: '已派人清理，值班电话0311-87654321' }],
    });
    expect(JSON.stringify(shown)).not.toContain('12345678');
    expect(JSON.stringify(shown)).not.toContain('已受理');
    const photos = shown?.['photos'] as { url: string }[];
    expect(photos).toHaveLength(1);
    // The photo as published: the server's own JPEG of the same picture (reports.test.ts shows what it drops).
    const published = Buffer.from(await (await fetch(photos[0]!.url)).arrayBuffer());
    expect(await sharp(published).metadata()).toMatchObject({
      format: 'jpeg',
      width: (await sharp(jpeg).metadata()).width,
    });

    // A later unpublished update moves the status on the board, not its text.
    await update(created.id, 'urban-management', { status: 'resolved', reply: '内部备注：已完成' });
    expect(await onBoard()).toMatchObject({
      status: 'resolved',
      updates: [{ status: 'in_progress' }],
    });
  });

  it('refuses a cursor it did not hand out, and writes nothing', async () => {
    const before = await snapshot();
    const refused = await call({
      method: 'GET',
      path: '/public/board',
      query: { cursor: Buffer.from('{"pk":"UNITS","sk":"UNIT#x"}').toString('base64url') },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('VALIDATION_FAILED');
    expect(await snapshot()).toEqual(before);
  });
});

describe('someone nearby already reported this', () => {
  const here = { lat: 38.0412, lng: 114.5147 };

  it('counts an unpublished report 40 m away without a word of it, and lists it once published: no id, no distance', async () => {
    const created = await report({ serviceCode: 'environment', ...here });
    const { result, counts } = await countRequests(() =>
      nearby('environment', here.lat + 40 * METRE, here.lng),
    );
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ items: [], unpublished: 1 });
    expect(counts['UpdateCommand']).toBe(1); // the per-client counter
    expect(counts['GetCommand']).toBe(1); // the category: may it be asked?
    expect(counts['QueryCommand']).toBeLessThanOrEqual(4);

    await update(created.id, 'environment', { status: 'accepted', reply: '已受理', public: true });
    expect((await nearby('environment', here.lat + 40 * METRE, here.lng)).body).toEqual({
      items: [{ id: created.id, status: 'accepted', createdAt: expect.any(String) }],
      unpublished: 0,
    });
    expect((await nearby('environment', here.lat + 60 * METRE, here.lng)).body).toEqual({
      items: [],
      unpublished: 0,
    });
    expect((await nearby('food-safety', here.lat, here.lng)).body.unpublished).toBe(0);
  });

  it('gives three lookups around a home nothing to place it with', async () => {
    const home = { lat: 38.0351, lng: 114.5222 };
    await report({ serviceCode: 'environment', ...home });
    // A stranger asks from three points around it: every answer is the same count, no distance.
    const answers = await Promise.all(
      [
        [home.lat + 30 * METRE, home.lng],
        [home.lat - 20 * METRE, home.lng + 25 * METRE],
        [home.lat, home.lng - 35 * METRE],
      ].map(([lat, lng]) => nearby('environment', lat!, lng!)),
    );
    for (const answer of answers) expect(answer.body).toEqual({ items: [], unpublished: 1 });
    expect(JSON.stringify(answers.map((answer) => answer.body))).not.toMatch(
      /distance|lat|lng|01[A-Z0-9]{24}/,
    );
  });

  it('answers nothing at all for 低保 (nearby: false in its routing data), published or not', async () => {
    const home = { lat: 38.0451, lng: 114.5322 };
    const created = await report({ serviceCode: 'low-income-subsidy', ...home });
    expect((await nearby('low-income-subsidy', home.lat, home.lng)).body).toEqual({
      items: [],
      unpublished: 0,
    });
    await update(created.id, 'civil-affairs', {
      status: 'accepted',
      reply: '已受理',
      public: true,
    });
    expect((await nearby('low-income-subsidy', home.lat, home.lng)).body).toEqual({
      items: [],
      unpublished: 0,
    });
  });

  it('forgets a report once it is closed, and after 30 days', async () => {
    const spot = { lat: 38.0612, lng: 114.4947 };
    const closed = await report({ serviceCode: 'environment', ...spot });
    await update(closed.id, 'environment', { status: 'rejected', reply: '不属于本部门' });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(Date.now() - 31 * 86_400_000));
    await report({ serviceCode: 'environment', ...spot });
    vi.useRealTimers();
    expect((await nearby('environment', spot.lat, spot.lng)).body).toEqual({
      items: [],
      unpublished: 0,
    });
  });

  it('moves with a report the district office re-routes', async () => {
    const spot = { lat: 38.0712, lng: 114.4847 };
    const created = await report({ serviceCode: 'environment', ...spot });
    const moved = await call({
      method: 'POST',
      path: `/reports/${created.id}/route`,
      as: office,
      body: { serviceCode: 'food-safety' },
    });
    expect(moved.status).toBe(200);
    expect((await nearby('environment', spot.lat, spot.lng)).body.unpublished).toBe(0);
    expect((await nearby('food-safety', spot.lat, spot.lng)).body.unpublished).toBe(1);
  });

  it.each([
    [{ serviceCode: 'environment', lat: 'north', lng: '114' }],
    [{ serviceCode: 'environment', lat: '95', lng: '114' }],
    [{ serviceCode: 'NOT A CODE', lat: '38', lng: '114' }],
    [{ lat: '38', lng: '114' }],
  ])('refuses %j with 400', async (query) => {
    const answer = await call({ method: 'GET', path: '/public/reports/nearby', query });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('the ranking of departments (Art10.2)', () => {
  const at = (iso: string) => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(iso));
  };

  it('adds up each department’s days: reports, median hours to the first reply, share resolved within the SLA', async () => {
    // environment: SLA 72 h (default). Three reports on 2026-03-02 (Shanghai), one on 03-03.
    //   A: first reply after 2 h, resolved after 10 h (within)
    //   B: first reply after 4 h, resolved after 80 h (late)
    //   C: first reply after 30 h, rejected
    //   D (03-03): no reply
    //   → 4 reports, median of [2, 4, 30] = 4, within 1 of the 2 resolved = 0.5 (C was rejected;
    //     D counts once the reminder check finds it past its time: test/integration/workOrders.test.ts)
    // food-safety (market-regulation), SLA set to 8 h: one report E on 03-02:
    //   first reply after 1 h, resolved after 6 h → 1 report, median 1, share 1
    // A report of 03-05 (outside the range) counts nowhere.
    expect(
      (
        await call({
          method: 'PUT',
          path: '/routing/food-safety',
          as: office,
          body: {
            name: '食品安全',
            column: '指点新华区',
            unitId: 'market-regulation',
            active: true,
            slaHours: 8,
          },
        })
      ).status,
    ).toBe(200);
    const start = Date.parse('2026-03-02T01:00:00Z');
    const hoursLater = (hours: number) => new Date(start + hours * 3600_000).toISOString();
    const play = async (
      serviceCode: string,
      unit: string,
      steps: [number, Record<string, unknown>][],
    ) => {
      at(hoursLater(0));
      const created = await report({ serviceCode, lat: 38.02, lng: 114.41 });
      for (const [hours, body] of steps) {
        at(hoursLater(hours));
        expect((await update(created.id, unit, body)).status).toBe(201);
      }
    };
    await play('environment', 'environment', [
      [2, { status: 'accepted' }],
      [10, { status: 'resolved', reply: '已处理' }],
    ]);
    await play('environment', 'environment', [
      [4, { status: 'in_progress' }],
      [80, { status: 'resolved', reply: '已处理' }],
    ]);
    await play('environment', 'environment', [[30, { status: 'rejected', reply: '重复' }]]);
    await play('food-safety', 'market-regulation', [
      [1, { status: 'accepted' }],
      [6, { status: 'resolved', reply: '已查处' }],
    ]);
    at('2026-03-03T02:00:00Z');
    await report({ serviceCode: 'environment', lat: 38.02, lng: 114.41 });
    at('2026-03-05T02:00:00Z');
    await report({ serviceCode: 'environment', lat: 38.02, lng: 114.41 });
    vi.useRealTimers();

    const { result, counts } = await countRequests(() =>
      call({
        method: 'GET',
        path: '/public/ranking',
        query: { from: '2026-03-01', to: '2026-03-04' },
      }),
    );
    expect(result.status).toBe(200);
    // Days × departments in one query, the units, the categories; and the per-client counter.
    expect(counts).toEqual({ QueryCommand: 3, UpdateCommand: 1 });
    const units = result.body.units as Record<string, unknown>[];
    expect(units.slice(0, 2)).toEqual([
      {
        unitId: 'market-regulation',
        name: expect.any(String),
        reports: 1,
        firstReplyMedianHours: 1,
        resolvedWithinSlaShare: 1,
        satisfiedShare: null,
        reopened: 0,
        overdue: 0,
        rank: 1,
      },
      {
        unitId: 'environment',
        name: expect.any(String),
        reports: 4,
        firstReplyMedianHours: 4,
        resolvedWithinSlaShare: 0.5,
        satisfiedShare: null,
        reopened: 0,
        overdue: 0,
        rank: 2,
      },
    ]);
    // Every other department that answers a category is listed, unranked.
    expect(units.find((unit) => unit['unitId'] === 'urban-management')).toMatchObject({
      reports: 0,
      firstReplyMedianHours: null,
      resolvedWithinSlaShare: null,
      rank: null,
    });
  });

  it('defaults to the last 30 days before `to` or today, and refuses a range backwards, longer than a year, or of days that are none', async () => {
    const recent = await call({ method: 'GET', path: '/public/ranking' });
    expect(recent.status).toBe(200);
    expect(
      (Date.parse(recent.body.to as string) - Date.parse(recent.body.from as string)) / 86_400_000,
    ).toBe(29);
    const toOnly = await call({
      method: 'GET',
      path: '/public/ranking',
      query: { to: '2026-03-01' },
    });
    expect(toOnly.body).toMatchObject({ from: '2026-01-31', to: '2026-03-01' });
    const refusals: Record<string, string>[] = [
      { from: '2026-03-05', to: '2026-03-01' },
      { from: '2024-01-01', to: '2026-03-01' },
      { from: '2026-02-30', to: '2026-03-01' },
      // No day to count 30 days back from: a 400, not the 500 of a date that cannot be.
      { to: '2026-13-01' },
      { to: '2026-02-30' },
    ];
    for (const query of refusals) {
      const refused = await call({ method: 'GET', path: '/public/ranking', query });
      expect(refused.status).toBe(400);
    }
  });
});

describe('a fresh upload link for a photo whose link expired', () => {
  it('is given to the report’s holder for a photo still expected, and to no one else', async () => {
    const created = await report({ photos: [{ contentType: 'image/jpeg', size: jpeg.length }] });
    const fresh = (n: number, token = created.trackingToken) =>
      call({
        method: 'POST',
        path: `/public/reports/${created.id}/photos/${n}/upload`,
        headers: { 'x-tracking-token': token },
      });
    const again = await fresh(0);
    expect(again.status).toBe(200);
    expect(await formUpload(again.body as Created['uploads'][number], jpeg)).toBeLessThan(300);
    await uploads(
      objectCreated(bucket, `incoming/${created.id}/0`, jpeg.length),
      lambdaContext('uploads'),
    );
    expect((await fresh(0)).status).toBe(409);
    expect((await fresh(1)).status).toBe(404);
    expect((await fresh(9)).status).toBe(400);
    expect((await fresh(0, 'not-the-token')).status).toBe(404);
  });
});
