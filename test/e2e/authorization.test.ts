import { generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../local/tokens.ts';
import { ROUTES, routeKey } from '../../shared/routes.ts';
import { http, tokenFor } from '../support/client.ts';
import { documents } from '../support/files.ts';
import { smsCodeTo } from '../support/outboxes.ts';
import { formUpload } from '../support/s3.ts';

/**
 * Every route × every kind of caller, against the running platform over
 * HTTP. The expected answers are written down below; a route added to
 * shared/routes.ts without a row here fails the last test.
 */
/** d = district-admin, office = district-office (officeHead: the head of the district office, who signs off), h = health (the unit the resources belong to), e = education (another unit). */
const CALLERS = [
  'anon',
  'forged',
  'expired',
  'wrongTracking',
  'dAdmin',
  'dAdminElsewhere',
  'office',
  'officeElsewhere',
  'officeHead',
  'hAdmin',
  'hStaff',
  'hHead',
  'eAdmin',
  'eStaff',
] as const;
type Caller = (typeof CALLERS)[number];
type Expected = Record<Caller, number>;

let tokens: Partial<Record<Caller, string>>;
let n = 0;
const fresh = () => `${Date.now().toString(36)}${n++}`;
const mobile = () =>
  `+86137${String(Date.now() % 10_000).padStart(4, '0')}${String(n++ % 10_000).padStart(4, '0')}`;
const outboxCode = smsCodeTo;

const as = (caller: 'dAdmin' | 'office' | 'hAdmin' | 'hStaff' | 'hHead') => tokens[caller]!;
const dispatchToHealth = async (kind = 'notice') =>
  (
    await http('POST', '/dispatches', {
      token: as('office'),
      body: {
        kind,
        title: '授权测试',
        body: '内容',
        recipients: ['health'],
        declaredUnclassified: true,
        ...(kind === 'feedback'
          ? { respondBy: new Date(Date.now() + 86_400_000).toISOString() }
          : {}),
      },
    })
  ).body.id as string;
const draftToHealth = async () =>
  (
    await http('POST', '/dispatches', {
      token: as('office'),
      body: {
        kind: 'notice',
        title: '授权测试',
        body: '内容',
        recipients: ['health'],
        declaredUnclassified: true,
        draft: true,
      },
    })
  ).body.id as string;
/** A dispatch to health with a reception problem health reported. */
const healthProblem = async () => {
  const id = await dispatchToHealth();
  const problem = await http('POST', `/dispatches/${id}/problem`, {
    token: as('hStaff'),
    body: { description: '没有附件', contactName: '王五', contactPhone: '13800000009' },
  });
  return { id, problemId: problem.body.id as string };
};
const registeredPhone = async () => {
  const phone = mobile();
  expect(
    (
      await http('POST', '/units/health/phones', {
        token: as('dAdmin'),
        body: { phone, holderName: '测试', remind: true },
      })
    ).status,
  ).toBe(201);
  return phone;
};
const reportForHealth = async (photos: { contentType: string; size: number }[] = []) =>
  (
    await http('POST', '/public/reports', {
      body: {
        serviceCode: 'health-epidemic',
        description: '小区消杀不到位',
        lat: 38.05,
        lng: 114.46,
        photos,
      },
    })
  ).body as { id: string; trackingToken: string };

/** A report in health's queue whose extension waits for the district office. */
const healthExtension = async () => {
  const { id } = await reportForHealth();
  await http('POST', `/reports/${id}/extension`, {
    token: as('hStaff'),
    body: { until: new Date(Date.now() + 30 * 86_400_000).toISOString(), reason: '需协调' },
  });
  return { id };
};

/** A PDF health uploaded, checked and ready: made once, only read by the cells. */
let healthPdf: Promise<string> | undefined;
const readyHealthPdf = () =>
  (healthPdf ??= (async () => {
    const bytes = documents.pdf;
    const created = await http('POST', '/attachments', {
      token: as('hAdmin'),
      body: { name: '授权.pdf', contentType: 'application/pdf', size: bytes.length },
    });
    expect(await formUpload(created.body.upload, bytes, '授权.pdf')).toBeLessThan(300);
    const id = created.body.id as string;
    await expect
      .poll(async () => (await http('GET', `/attachments/${id}`, { token: as('hAdmin') })).body, {
        timeout: 15_000,
      })
      .toMatchObject({ status: 'ready' });
    return id;
  })());
/** An upward report health's staff wrote, pending its head's approval; `then` takes it on. */
const healthUpward = async (then?: 'approve' | 'return') => {
  const id = (
    await http('POST', '/upward', {
      token: as('hStaff'),
      body: {
        kind: 'info',
        title: '授权测试',
        body: '内容',
        contactName: '王芳',
        contactPhone: '0311-86012345',
      },
    })
  ).body.id as string;
  if (then)
    expect(
      (
        await http('POST', `/upward/${id}/${then}`, {
          token: as('hHead'),
          ...(then === 'return' ? { body: { reason: '补充数据' } } : {}),
        })
      ).status,
    ).toBe(200);
  return { id };
};
/** A 请示 health's head approved: submitted to the district office, awaiting its 批复. */
const healthUpwardRequest = async () => {
  const id = (
    await http('POST', '/upward', {
      token: as('hStaff'),
      body: { ...upwardBody, kind: 'request' },
    })
  ).body.id as string;
  expect((await http('POST', `/upward/${id}/approve`, { token: as('hHead') })).status).toBe(200);
  return { id };
};
const upwardBody = {
  kind: 'info',
  title: '授权测试',
  body: '内容',
  contactName: '王芳',
  contactPhone: '0311-86012345',
};

interface Row {
  /** Makes what the request needs, fresh for each cell. */
  prepare?: () => Promise<Record<string, string>>;
  request: (ctx: Record<string, string>) => {
    path: string;
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
  };
  expect: Expected;
}

/**
 * Unauthenticated callers of a staff route: 401, whatever else is wrong. The
 * district groups' powers do not depend on their own unit: the same answer
 * in any unit (unless a row says otherwise).
 */
const staffOnly = (allowed: Partial<Expected>, others: number): Expected => {
  const expected: Expected = {
    anon: 401,
    forged: 401,
    expired: 401,
    wrongTracking: 401,
    dAdmin: others,
    dAdminElsewhere: others,
    office: others,
    officeElsewhere: others,
    officeHead: others,
    hAdmin: others,
    hStaff: others,
    hHead: others,
    eAdmin: others,
    eStaff: others,
    ...allowed,
  };
  return {
    ...expected,
    // A unit's head reads and works its unit's items like its staff, unless a row says otherwise.
    hHead: allowed.hHead ?? allowed.hStaff ?? expected.hHead,
    dAdminElsewhere: allowed.dAdminElsewhere ?? expected.dAdmin,
    officeElsewhere: allowed.officeElsewhere ?? expected.office,
  };
};
const everyone = (status: number): Expected =>
  Object.fromEntries(CALLERS.map((caller) => [caller, status])) as Expected;

/** An account of health's staff to switch off and on, fresh for each cell. */
const healthStaffAccount = async () => {
  const username = `az-${fresh()}`;
  await http('POST', '/units/health/accounts', {
    token: as('dAdmin'),
    body: { username, name: '矩阵', group: 'unit-staff', email: `${username}@example.gov.cn` },
  });
  return { username };
};

const ARTICLE = { column: 'news', title: '授权测试文章', body: '授权测试的正文。' };
/** An article of the district office: a draft, or published. */
const officeArticle = async (published: boolean) => {
  const id = (await http('POST', '/articles', { token: as('office'), body: ARTICLE })).body
    .id as string;
  if (published) await http('POST', `/articles/${id}/publish`, { token: as('office') });
  return id;
};
/** A citizen's question, open with the district office. */
const citizenQuestion = async () =>
  (await http('POST', '/public/questions', { body: { question: '授权测试：如何办事？' } }))
    .body as { id: string; trackingToken: string };

const MATRIX: Record<string, Row> = {
  'GET /units/{unitId}/accounts': {
    request: () => ({ path: '/units/health/accounts' }),
    expect: staffOnly({ dAdmin: 200, hAdmin: 200 }, 403),
  },
  'POST /units/{unitId}/accounts': {
    request: () => {
      const username = `ac-${fresh()}`;
      return {
        path: '/units/health/accounts',
        body: { username, name: '矩阵', group: 'unit-staff', email: `${username}@example.gov.cn` },
      };
    },
    expect: staffOnly({ dAdmin: 201, hAdmin: 201 }, 403),
  },
  'POST /units/{unitId}/accounts/{username}/disable': {
    prepare: healthStaffAccount,
    request: ({ username }) => ({ path: `/units/health/accounts/${username}/disable` }),
    expect: staffOnly({ dAdmin: 200, hAdmin: 200, eAdmin: 404 }, 403),
  },
  'POST /units/{unitId}/accounts/{username}/enable': {
    prepare: healthStaffAccount,
    request: ({ username }) => ({ path: `/units/health/accounts/${username}/enable` }),
    expect: staffOnly({ dAdmin: 200, hAdmin: 200, eAdmin: 404 }, 403),
  },

  'GET /units': { request: () => ({ path: '/units' }), expect: staffOnly({}, 200) },
  'POST /units': {
    request: () => ({
      path: '/units',
      body: { id: `town-${fresh()}`, name: '测试乡', kind: 'township' },
    }),
    expect: staffOnly({ dAdmin: 201 }, 403),
  },
  'PATCH /units/{unitId}': {
    request: () => ({ path: '/units/dongfeng-street', body: { name: '东风街道办事处' } }),
    expect: staffOnly({ dAdmin: 200 }, 403),
  },

  'GET /dispatches': { request: () => ({ path: '/dispatches' }), expect: staffOnly({}, 200) },
  'POST /dispatches': {
    request: () => ({
      path: '/dispatches',
      body: {
        kind: 'notice',
        title: '通知',
        body: '内容',
        recipients: ['health'],
        declaredUnclassified: true,
      },
    }),
    expect: staffOnly({ office: 201 }, 403),
  },
  'GET /dispatches/{id}': {
    prepare: async () => ({ id: await dispatchToHealth() }),
    request: ({ id }) => ({ path: `/dispatches/${id}` }),
    expect: staffOnly({ dAdmin: 200, office: 200, officeHead: 200, hAdmin: 200, hStaff: 200 }, 404),
  },
  'GET /inbox': { request: () => ({ path: '/inbox' }), expect: staffOnly({}, 200) },
  'POST /dispatches/{id}/ack': {
    prepare: async () => ({ id: await dispatchToHealth() }),
    request: ({ id }) => ({ path: `/dispatches/${id}/ack` }),
    expect: staffOnly({ hAdmin: 200, hStaff: 200 }, 404),
  },
  'POST /dispatches/{id}/response': {
    prepare: async () => ({ id: await dispatchToHealth('feedback') }),
    request: ({ id }) => ({
      path: `/dispatches/${id}/response`,
      body: { summary: '已办', contactName: '王五', contactPhone: '13800000009' },
    }),
    expect: staffOnly({ hAdmin: 200, hStaff: 200 }, 404),
  },
  'POST /dispatches/{id}/problem': {
    prepare: async () => ({ id: await dispatchToHealth() }),
    request: ({ id }) => ({
      path: `/dispatches/${id}/problem`,
      body: { description: '打不开', contactName: '王五', contactPhone: '13800000009' },
    }),
    expect: staffOnly({ hAdmin: 201, hStaff: 201 }, 404),
  },

  'POST /dispatches/{id}/sign-off': {
    prepare: async () => ({ id: await draftToHealth() }),
    request: ({ id }) => ({ path: `/dispatches/${id}/sign-off` }),
    // Only the head of the district office; another unit's head cannot even see the draft.
    expect: staffOnly({ officeHead: 200, hHead: 404 }, 403),
  },
  'POST /dispatches/{id}/recall': {
    prepare: async () => ({ id: await dispatchToHealth() }),
    request: ({ id }) => ({ path: `/dispatches/${id}/recall`, body: { reason: '内容有误' } }),
    // The sending unit's own office only.
    expect: staffOnly({ office: 200, officeElsewhere: 403 }, 403),
  },
  'POST /dispatches/{id}/deadline': {
    prepare: async () => ({ id: await dispatchToHealth() }),
    request: ({ id }) => ({
      path: `/dispatches/${id}/deadline`,
      body: { ackDueAt: new Date(Date.now() + 3_600_000).toISOString() },
    }),
    expect: staffOnly({ office: 200, officeElsewhere: 403 }, 403),
  },
  'POST /dispatches/{id}/urge': {
    prepare: async () => ({ id: await dispatchToHealth() }),
    request: ({ id }) => ({ path: `/dispatches/${id}/urge`, body: {} }),
    expect: staffOnly({ office: 202, officeElsewhere: 403 }, 403),
  },
  'POST /dispatches/{id}/problems/{problemId}/resolve': {
    prepare: healthProblem,
    request: ({ id, problemId }) => ({
      path: `/dispatches/${id}/problems/${problemId}/resolve`,
      body: { resolution: '已补发附件' },
    }),
    expect: staffOnly({ office: 200 }, 403),
  },

  'GET /units/{unitId}/phones': {
    request: () => ({ path: '/units/health/phones' }),
    expect: staffOnly({ dAdmin: 200, hAdmin: 200 }, 403),
  },
  'POST /units/{unitId}/phones': {
    request: () => ({
      path: '/units/health/phones',
      body: { phone: mobile(), holderName: '新号', remind: true },
    }),
    expect: staffOnly({ dAdmin: 201, hAdmin: 202 }, 403),
  },
  'POST /units/{unitId}/phones/{phone}/verify': {
    prepare: async () => ({ phone: await registeredPhone() }),
    request: ({ phone }) => ({
      path: `/units/health/phones/${encodeURIComponent(phone!)}/verify`,
      body: { code: outboxCode(phone!) },
    }),
    expect: staffOnly({ dAdmin: 200, hAdmin: 200 }, 403),
  },
  'DELETE /units/{unitId}/phones/{phone}': {
    prepare: async () => ({ phone: await registeredPhone() }),
    request: ({ phone }) => ({ path: `/units/health/phones/${encodeURIComponent(phone!)}` }),
    expect: staffOnly({ dAdmin: 200, hAdmin: 202 }, 403),
  },
  'GET /phone-requests': {
    request: () => ({ path: '/phone-requests' }),
    expect: staffOnly({ dAdmin: 200 }, 403),
  },
  'POST /phone-requests/{id}/approve': {
    prepare: async () => ({
      id: (
        await http('POST', '/units/health/phones', {
          token: as('hAdmin'),
          body: { phone: mobile(), holderName: '申请', remind: false },
        })
      ).body.id,
    }),
    request: ({ id }) => ({ path: `/phone-requests/${id}/approve` }),
    expect: staffOnly({ dAdmin: 200 }, 403),
  },
  'POST /phone-requests/{id}/reject': {
    prepare: async () => ({
      id: (
        await http('POST', '/units/health/phones', {
          token: as('hAdmin'),
          body: { phone: mobile(), holderName: '申请', remind: false },
        })
      ).body.id,
    }),
    request: ({ id }) => ({ path: `/phone-requests/${id}/reject` }),
    expect: staffOnly({ dAdmin: 200 }, 403),
  },
  'PUT /units/{unitId}/duty': {
    request: () => ({ path: '/units/health/duty', body: { entries: [] } }),
    expect: staffOnly({ dAdmin: 200, hAdmin: 200 }, 403),
  },
  'GET /units/{unitId}/duty': {
    request: () => ({ path: '/units/health/duty?at=2026-12-01T12:00:00Z' }),
    expect: staffOnly({ dAdmin: 200, hAdmin: 200 }, 403),
  },
  'GET /calendar': {
    request: () => ({ path: '/calendar?year=2026' }),
    expect: staffOnly({}, 200),
  },
  'PUT /calendar': {
    request: () => ({
      path: '/calendar',
      body: { year: 2040, holidays: ['2040-01-01'], workdays: [] },
    }),
    expect: staffOnly({ dAdmin: 200 }, 403),
  },

  'GET /settings/reminders': {
    request: () => ({ path: '/settings/reminders' }),
    expect: staffOnly({ office: 200 }, 403),
  },
  'PUT /settings/reminders': {
    prepare: async () => ({
      settings: JSON.stringify(
        (await http('GET', '/settings/reminders', { token: as('office') })).body,
      ),
    }),
    request: ({ settings }) => ({ path: '/settings/reminders', body: JSON.parse(settings!) }),
    expect: staffOnly({ office: 200 }, 403),
  },

  'POST /attachments': {
    request: () => ({
      path: '/attachments',
      body: { name: '通知.pdf', contentType: 'application/pdf', size: 1000 },
    }),
    expect: staffOnly({}, 201),
  },
  'GET /attachments/{id}': {
    prepare: async () => ({ id: await readyHealthPdf() }),
    request: ({ id }) => ({ path: `/attachments/${id}` }),
    expect: staffOnly({ hAdmin: 200, hStaff: 200 }, 404),
  },
  'GET /attachments/{id}/download': {
    prepare: async () => ({ id: await readyHealthPdf() }),
    request: ({ id }) => ({ path: `/attachments/${id}/download` }),
    expect: staffOnly({ hAdmin: 302, hStaff: 302 }, 404),
  },

  'POST /upward': {
    request: () => ({ path: '/upward', body: upwardBody }),
    expect: staffOnly({ hAdmin: 201, hStaff: 201, eAdmin: 201, eStaff: 201 }, 403),
  },
  'PUT /upward/{id}': {
    prepare: () => healthUpward('return'),
    request: ({ id }) => ({ path: `/upward/${id}`, body: { ...upwardBody, body: '补充后的内容' } }),
    // Only its author (health's staff here) changes a returned report.
    expect: staffOnly({ hStaff: 200, hHead: 403, officeHead: 404, eAdmin: 404, eStaff: 404 }, 403),
  },
  'POST /upward/{id}/approve': {
    prepare: () => healthUpward(),
    request: ({ id }) => ({ path: `/upward/${id}/approve` }),
    expect: staffOnly({ hHead: 200, officeHead: 404 }, 403),
  },
  'POST /upward/{id}/return': {
    prepare: () => healthUpward(),
    request: ({ id }) => ({ path: `/upward/${id}/return`, body: { reason: '补充数据' } }),
    expect: staffOnly({ hHead: 200, officeHead: 404 }, 403),
  },
  'POST /upward/{id}/receive': {
    prepare: () => healthUpward('approve'),
    request: ({ id }) => ({ path: `/upward/${id}/receive` }),
    expect: staffOnly({ office: 200 }, 403),
  },
  'POST /upward/{id}/reply': {
    prepare: async () => {
      const { id } = await healthUpwardRequest();
      return { id };
    },
    request: ({ id }) => ({ path: `/upward/${id}/reply`, body: { body: '同意' } }),
    expect: staffOnly({ office: 200 }, 403),
  },
  'GET /upward': {
    request: () => ({ path: '/upward' }),
    expect: staffOnly(
      { office: 200, officeHead: 200, hAdmin: 200, hStaff: 200, eAdmin: 200, eStaff: 200 },
      403,
    ),
  },
  'GET /upward/{id}': {
    prepare: () => healthUpward(),
    request: ({ id }) => ({ path: `/upward/${id}` }),
    // The district office sees a report only once its head has approved it.
    expect: staffOnly(
      { hAdmin: 200, hStaff: 200, office: 404, officeHead: 404, eAdmin: 404, eStaff: 404 },
      403,
    ),
  },
  'GET /audit': { request: () => ({ path: '/audit' }), expect: staffOnly({ dAdmin: 200 }, 403) },
  'GET /bulletins/reception': {
    request: () => ({ path: '/bulletins/reception?from=2026-11-01&to=2026-11-30' }),
    expect: staffOnly({ dAdmin: 200, office: 200 }, 403),
  },
  'POST /bulletins': {
    request: () => ({
      path: '/bulletins',
      body: { title: '授权测试通报', from: '2026-11-01', to: '2026-11-30' },
    }),
    expect: staffOnly({ office: 201 }, 403),
  },
  'GET /bulletins': { request: () => ({ path: '/bulletins' }), expect: staffOnly({}, 200) },
  'GET /bulletins/{id}': {
    prepare: async () => ({
      id: (
        await http('POST', '/bulletins', {
          token: as('office'),
          body: { title: '授权测试通报', from: '2026-11-01', to: '2026-11-30' },
        })
      ).body.id as string,
    }),
    request: ({ id }) => ({ path: `/bulletins/${id}` }),
    expect: staffOnly({}, 200),
  },
  'GET /public/seal-keys': {
    request: () => ({ path: '/public/seal-keys' }),
    expect: everyone(200),
  },

  'GET /public/services': { request: () => ({ path: '/public/services' }), expect: everyone(200) },
  'POST /public/reports': {
    request: () => ({
      path: '/public/reports',
      body: {
        serviceCode: 'city-appearance',
        description: '问题',
        lat: 38.05,
        lng: 114.46,
        photos: [],
      },
    }),
    expect: everyone(201),
  },
  'GET /public/reports/{id}': {
    prepare: async () => reportForHealth(),
    request: ({ id, trackingToken }) => ({
      path: `/public/reports/${id}`,
      headers: { 'x-tracking-token': trackingToken! },
    }),
    expect: { ...everyone(200), wrongTracking: 404 },
  },
  'POST /public/reports/{id}/feedback': {
    prepare: async () => {
      const report = await reportForHealth();
      await http('POST', `/reports/${report.id}/updates`, {
        token: as('hStaff'),
        body: { status: 'resolved', reply: '已消杀' },
      });
      return report;
    },
    request: ({ id, trackingToken }) => ({
      path: `/public/reports/${id}/feedback`,
      headers: { 'x-tracking-token': trackingToken! },
      body: { fixed: true, satisfaction: 'satisfied' },
    }),
    expect: { ...everyone(201), wrongTracking: 404 },
  },
  'GET /open311/v2/services.json': {
    request: () => ({ path: '/open311/v2/services.json' }),
    expect: everyone(200),
  },
  'GET /open311/v2/services/{file}': {
    request: () => ({ path: '/open311/v2/services/health-epidemic.json' }),
    expect: everyone(200),
  },
  'GET /open311/v2/requests.json': {
    request: () => ({ path: '/open311/v2/requests.json' }),
    expect: everyone(200),
  },
  'POST /open311/v2/requests.json': {
    request: () => ({
      path: '/open311/v2/requests.json',
      rawBody: 'service_code=health-epidemic&lat=38.05&long=114.46&description=小区消杀不到位',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    }),
    expect: everyone(201),
  },
  'GET /open311/v2/requests/{file}': {
    // Unpublished: nobody reads it, with a token or without.
    prepare: async () => ({ id: (await reportForHealth()).id }),
    request: ({ id }) => ({ path: `/open311/v2/requests/${id}.json` }),
    expect: everyone(404),
  },
  'POST /public/reports/{id}/photos/{n}/upload': {
    prepare: async () => reportForHealth([{ contentType: 'image/jpeg', size: 1000 }]),
    request: ({ id, trackingToken }) => ({
      path: `/public/reports/${id}/photos/0/upload`,
      headers: { 'x-tracking-token': trackingToken! },
    }),
    expect: { ...everyone(200), wrongTracking: 404 },
  },
  'GET /public/reports/nearby': {
    request: () => ({
      path: '/public/reports/nearby?serviceCode=health-epidemic&lat=38.05&lng=114.46',
    }),
    expect: everyone(200),
  },
  'GET /public/board': { request: () => ({ path: '/public/board' }), expect: everyone(200) },
  'GET /public/ranking': { request: () => ({ path: '/public/ranking' }), expect: everyone(200) },
  'GET /public/columns': { request: () => ({ path: '/public/columns' }), expect: everyone(200) },
  'GET /public/articles': { request: () => ({ path: '/public/articles' }), expect: everyone(200) },
  'GET /public/articles/{id}': {
    prepare: async () => ({ id: await officeArticle(true) }),
    request: ({ id }) => ({ path: `/public/articles/${id}` }),
    expect: everyone(200),
  },
  'GET /public/search': {
    request: () => ({ path: `/public/search?q=${encodeURIComponent('授权')}` }),
    expect: everyone(200),
  },
  // The district office writes and publishes; a unit's members see the console's list (their own).
  'GET /articles': {
    request: () => ({ path: '/articles' }),
    expect: staffOnly({ dAdmin: 403, dAdminElsewhere: 403 }, 200),
  },
  'GET /articles/{id}': {
    prepare: async () => ({ id: await officeArticle(false) }),
    request: ({ id }) => ({ path: `/articles/${id}` }),
    expect: staffOnly(
      { dAdmin: 403, dAdminElsewhere: 403, office: 200, officeElsewhere: 200, officeHead: 200 },
      404,
    ),
  },
  'POST /articles': {
    request: () => ({ path: '/articles', body: ARTICLE }),
    expect: staffOnly({ office: 201, officeElsewhere: 201 }, 403),
  },
  'PUT /articles/{id}': {
    prepare: async () => ({ id: await officeArticle(false) }),
    request: ({ id }) => ({ path: `/articles/${id}`, body: ARTICLE }),
    // Another unit's member never learns the article exists.
    expect: staffOnly(
      {
        office: 200,
        officeElsewhere: 200,
        hAdmin: 404,
        hStaff: 404,
        hHead: 404,
        eAdmin: 404,
        eStaff: 404,
      },
      403,
    ),
  },
  'POST /articles/{id}/publish': {
    prepare: async () => ({ id: await officeArticle(false) }),
    request: ({ id }) => ({ path: `/articles/${id}/publish` }),
    expect: staffOnly({ office: 200, officeElsewhere: 200 }, 403),
  },
  'POST /articles/{id}/unpublish': {
    prepare: async () => ({ id: await officeArticle(true) }),
    request: ({ id }) => ({ path: `/articles/${id}/unpublish` }),
    expect: staffOnly({ office: 200, officeElsewhere: 200 }, 403),
  },
  'POST /public/questions': {
    request: () => ({ path: '/public/questions', body: { question: '授权测试的提问' } }),
    expect: everyone(201),
  },
  'GET /public/questions': {
    request: () => ({ path: '/public/questions' }),
    expect: everyone(200),
  },
  'GET /public/questions/{id}': {
    prepare: citizenQuestion,
    request: ({ id, trackingToken }) => ({
      path: `/public/questions/${id}`,
      headers: { 'x-tracking-token': trackingToken! },
    }),
    expect: { ...everyone(200), wrongTracking: 404 },
  },
  'GET /questions': {
    request: () => ({ path: '/questions' }),
    expect: staffOnly({ dAdmin: 403, dAdminElsewhere: 403 }, 200),
  },
  'POST /questions/{id}/assign': {
    prepare: citizenQuestion,
    request: ({ id }) => ({ path: `/questions/${id}/assign`, body: { unitId: 'health' } }),
    expect: staffOnly({ office: 200, officeElsewhere: 200 }, 403),
  },
  'POST /questions/{id}/answer': {
    prepare: citizenQuestion,
    request: ({ id }) => ({
      path: `/questions/${id}/answer`,
      body: { answer: '答复', public: false },
    }),
    // The office's members answer what the office holds; a department only what is passed to it.
    expect: staffOnly(
      { dAdmin: 403, dAdminElsewhere: 403, office: 200, officeElsewhere: 200, officeHead: 200 },
      404,
    ),
  },
  'GET /reports': {
    request: () => ({ path: '/reports?unitId=health' }),
    expect: staffOnly({ office: 200, hAdmin: 200, hStaff: 200 }, 403),
  },
  'GET /reports/{id}': {
    prepare: async () => ({ id: (await reportForHealth()).id }),
    request: ({ id }) => ({ path: `/reports/${id}` }),
    expect: staffOnly(
      { office: 200, hAdmin: 200, hStaff: 200, officeHead: 404, eAdmin: 404, eStaff: 404 },
      403,
    ),
  },
  'POST /reports/{id}/updates': {
    prepare: async () => ({ id: (await reportForHealth()).id }),
    request: ({ id }) => ({ path: `/reports/${id}/updates`, body: { status: 'accepted' } }),
    expect: staffOnly({ hAdmin: 201, hStaff: 201, officeHead: 404, eAdmin: 404, eStaff: 404 }, 403),
  },
  'POST /reports/{id}/updates/{updateId}/publish': {
    prepare: async () => {
      const { id } = await reportForHealth();
      const noted = await http('POST', `/reports/${id}/updates`, {
        token: as('hStaff'),
        body: { reply: '已安排消杀' },
      });
      return { id, updateId: (noted.body.updates as { id: string }[])[0]!.id };
    },
    request: ({ id, updateId }) => ({ path: `/reports/${id}/updates/${updateId}/publish` }),
    expect: staffOnly({ hAdmin: 200, hStaff: 200, officeHead: 404, eAdmin: 404, eStaff: 404 }, 403),
  },
  'POST /reports/{id}/return': {
    prepare: async () => ({ id: (await reportForHealth()).id }),
    request: ({ id }) => ({ path: `/reports/${id}/return`, body: { reason: '不属于本部门' } }),
    expect: staffOnly({ hAdmin: 200, hStaff: 200, officeHead: 404, eAdmin: 404, eStaff: 404 }, 403),
  },
  'POST /reports/{id}/extension': {
    prepare: async () => ({ id: (await reportForHealth()).id }),
    request: ({ id }) => ({
      path: `/reports/${id}/extension`,
      body: { until: new Date(Date.now() + 30 * 86_400_000).toISOString(), reason: '需协调' },
    }),
    expect: staffOnly({ hAdmin: 202, hStaff: 202, officeHead: 404, eAdmin: 404, eStaff: 404 }, 403),
  },
  'POST /reports/{id}/extension/approve': {
    prepare: healthExtension,
    request: ({ id }) => ({ path: `/reports/${id}/extension/approve` }),
    expect: staffOnly({ office: 200 }, 403),
  },
  'POST /reports/{id}/extension/reject': {
    prepare: healthExtension,
    request: ({ id }) => ({ path: `/reports/${id}/extension/reject` }),
    expect: staffOnly({ office: 200 }, 403),
  },
  'POST /reports/{id}/route': {
    prepare: async () => ({ id: (await reportForHealth()).id }),
    request: ({ id }) => ({ path: `/reports/${id}/route`, body: { serviceCode: 'environment' } }),
    expect: staffOnly({ office: 200 }, 403),
  },
  'GET /routing': {
    request: () => ({ path: '/routing' }),
    expect: staffOnly({ office: 200 }, 403),
  },
  'PUT /routing/{serviceCode}': {
    request: () => ({
      path: '/routing/education',
      body: { name: '教育问题', column: '指点新华区', unitId: 'education', active: true },
    }),
    expect: staffOnly({ office: 200 }, 403),
  },
};

beforeAll(async () => {
  const { privateKey } = await generateKeyPair('ES256');
  const { issueToken } = await import('../../local/tokens.ts');
  tokens = {
    forged: await new SignJWT({
      'cognito:groups': ['district-admin'],
      'custom:unitId': 'info-center',
    })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('mallory')
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setExpirationTime('1h')
      .sign(privateKey),
    expired: await issueToken({ group: 'district-admin', unit: 'info-center', expiresIn: '-1m' }),
    dAdmin: await tokenFor('district-admin', 'info-center'),
    dAdminElsewhere: await tokenFor('district-admin', 'environment'),
    office: await tokenFor('district-office', 'district-office'),
    officeElsewhere: await tokenFor('district-office', 'civil-affairs'),
    officeHead: await tokenFor('unit-head', 'district-office'),
    hAdmin: await tokenFor('unit-admin', 'health'),
    hStaff: await tokenFor('unit-staff', 'health'),
    hHead: await tokenFor('unit-head', 'health'),
    eAdmin: await tokenFor('unit-admin', 'education'),
    eStaff: await tokenFor('unit-staff', 'education'),
  };
});

describe('authorization matrix', () => {
  it('has a row for every route of the route table, and no other', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(ROUTES.map(routeKey).sort());
  });

  for (const [key, row] of Object.entries(MATRIX)) {
    it(key, async () => {
      const [method] = key.split(' ');
      const answers: Partial<Record<Caller, number>> = {};
      for (const caller of CALLERS) {
        const ctx = row.prepare ? await row.prepare() : {};
        const request = row.request(
          caller === 'wrongTracking' && ctx['trackingToken']
            ? { ...ctx, trackingToken: 'not-the-token' }
            : ctx,
        );
        const answer = await http(method!, request.path, {
          ...(tokens[caller] ? { token: tokens[caller] } : {}),
          ...(request.body !== undefined ? { body: request.body } : {}),
          ...(request.rawBody !== undefined ? { rawBody: request.rawBody } : {}),
          ...(request.headers ? { headers: request.headers } : {}),
        });
        answers[caller] = answer.status;
        if (answer.status >= 400)
          expect(answer.body.error.code, `${key} as ${caller}`).toMatch(/^[A-Z_]+$/);
      }
      expect(answers).toEqual(row.expect);
    });
  }
});
