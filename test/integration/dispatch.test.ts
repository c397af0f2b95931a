import { beforeAll, describe, expect, it, vi } from 'vitest';
import { SEED_UNITS } from '../../shared/seed/units.ts';
import { seedUnits } from '../../shared/store/units.ts';
import { admin, call, office, staffOf } from '../support/api.ts';
import { auditOf, countRequests, snapshot, store } from '../support/db.ts';

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();
const notice = (over: Record<string, unknown> = {}) => ({
  kind: 'notice',
  title: '关于召开全区政务专网工作会议的通知',
  body: '请各单位于明日上午9点参加会议。',
  recipients: ['environment', 'health'],
  declaredUnclassified: true,
  ...over,
});

beforeAll(async () => {
  await seedUnits(store, SEED_UNITS);
});

describe('POST /dispatches', () => {
  it('sends a notice with a 10-minute acknowledgement deadline and one receipt per unit', async () => {
    const sent = await call({ method: 'POST', path: '/dispatches', as: office, body: notice() });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ kind: 'notice', title: notice().title, recipientCount: 2 });
    expect(Date.parse(sent.body.ackDueAt) - Date.parse(sent.body.sentAt)).toBe(10 * 60_000);

    const view = await call({ method: 'GET', path: `/dispatches/${sent.body.id}`, as: office });
    expect(view.status).toBe(200);
    expect(view.body.body).toBe(notice().body);
    expect(
      view.body.receipts
        .map((r: { unitId: string; status: string; late: boolean }) => [r.unitId, r.status, r.late])
        .sort(),
    ).toEqual([
      ['environment', 'pending', false],
      ['health', 'pending', false],
    ]);
    const audit = await auditOf(`DISPATCH#${sent.body.id}`);
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'dispatch.send',
        actorSub: 'clerk-wang',
        actorUnit: 'district-office',
        sourceIp: '127.0.0.1',
      }),
    ]);
  });

  it('sends to "all" units except the sender', async () => {
    const sent = await call({
      method: 'POST',
      path: '/dispatches',
      as: office,
      body: notice({ recipients: 'all', kind: 'document' }),
    });
    expect(sent.status).toBe(201);
    expect(sent.body.recipientCount).toBe(SEED_UNITS.length - 1);
    expect(Date.parse(sent.body.ackDueAt) - Date.parse(sent.body.sentAt)).toBe(60 * 60_000);
  });

  it('sends a feedback request with its response deadline', async () => {
    const respondBy = inAnHour();
    const sent = await call({
      method: 'POST',
      path: '/dispatches',
      as: office,
      body: notice({ kind: 'feedback', respondBy, ackWithinMinutes: 15 }),
    });
    expect(sent.status).toBe(201);
    expect(sent.body.respondBy).toBe(respondBy);
  });

  it('is refused to anyone but the district office', async () => {
    const refused = await call({
      method: 'POST',
      path: '/dispatches',
      as: { group: 'unit-admin', unit: 'health' },
      body: notice(),
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
  });

  describe('bad input is refused with the error of API.md and writes nothing', () => {
    const tooBig = 'x'.repeat(300 * 1024);
    it.each([
      ['malformed JSON', { rawBody: '{"kind": "notice",' }, 400, 'VALIDATION_FAILED', 'body'],
      ['a body that is not an object', { rawBody: '[1,2,3]' }, 400, 'VALIDATION_FAILED', 'body'],
      ['a wrong type', { body: notice({ title: 42 }) }, 400, 'VALIDATION_FAILED', 'body.title'],
      [
        'an unknown kind',
        { body: notice({ kind: 'memo' }) },
        400,
        'VALIDATION_FAILED',
        'body.kind',
      ],
      [
        'an unknown field',
        { body: notice({ priority: 'high' }) },
        400,
        'VALIDATION_FAILED',
        'body',
      ],
      [
        'a past respondBy',
        { body: notice({ kind: 'feedback', respondBy: '2020-01-01T00:00:00Z' }) },
        400,
        'VALIDATION_FAILED',
        'respondBy',
      ],
      [
        'a feedback request without respondBy',
        { body: notice({ kind: 'feedback' }) },
        400,
        'VALIDATION_FAILED',
        'respondBy',
      ],
      [
        'empty recipients',
        { body: notice({ recipients: [] }) },
        400,
        'VALIDATION_FAILED',
        'body.recipients',
      ],
      [
        'an unknown unit',
        { body: notice({ recipients: ['health', 'atlantis'] }) },
        400,
        'VALIDATION_FAILED',
        'recipients',
      ],
      [
        'a classified marking in the title',
        { body: notice({ title: '秘密★1年 关于某项工作的通知' }) },
        422,
        'CLASSIFIED_CONTENT',
        'title',
      ],
      [
        'a spaced classified marking in the body',
        { body: notice({ body: '本文件属 机 密 级' }) },
        422,
        'CLASSIFIED_CONTENT',
        'body',
      ],
      [
        'a missing declaration',
        { body: notice({ declaredUnclassified: undefined }) },
        400,
        'VALIDATION_FAILED',
        'body.declaredUnclassified',
      ],
      [
        'a false declaration',
        { body: notice({ declaredUnclassified: false }) },
        400,
        'VALIDATION_FAILED',
        'body.declaredUnclassified',
      ],
      [
        'an oversized body',
        { body: notice({ body: tooBig }) },
        413,
        'PAYLOAD_TOO_LARGE',
        undefined,
      ],
      [
        'an acknowledgement limit of zero',
        { body: notice({ ackWithinMinutes: 0 }) },
        400,
        'VALIDATION_FAILED',
        'body.ackWithinMinutes',
      ],
      [
        'a bad Idempotency-Key',
        { body: notice(), headers: { 'idempotency-key': 'a b' } },
        400,
        'VALIDATION_FAILED',
        'Idempotency-Key',
      ],
    ])('%s', async (_name, request, status, code, field) => {
      const before = await snapshot();
      const refused = await call({ method: 'POST', path: '/dispatches', as: office, ...request });
      expect(refused.status).toBe(status);
      expect(refused.body.error.code).toBe(code);
      expect(typeof refused.body.error.message).toBe('string');
      if (field)
        expect(
          refused.body.error.details.map((detail: { field: string }) => detail.field),
        ).toContain(field);
      expect(await snapshot()).toEqual(before);
    });
  });
});

describe('Idempotency-Key', () => {
  it('returns the same dispatch for the same key, and sends nothing twice', async () => {
    const headers = { 'idempotency-key': 'meeting-2026-11-25' };
    const first = await call({
      method: 'POST',
      path: '/dispatches',
      as: office,
      body: notice(),
      headers,
    });
    const before = await snapshot();
    const again = await call({
      method: 'POST',
      path: '/dispatches',
      as: office,
      body: notice(),
      headers,
    });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses the same key for a different dispatch', async () => {
    const headers = { 'idempotency-key': 'reused-key' };
    await call({ method: 'POST', path: '/dispatches', as: office, body: notice(), headers });
    const conflict = await call({
      method: 'POST',
      path: '/dispatches',
      as: office,
      body: notice({ title: '另一个通知' }),
      headers,
    });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('CONFLICT');
  });

  it('completes a dispatch whose writing was cut off, when the client retries with its key', async () => {
    const headers = { 'idempotency-key': 'cut-off-dispatch' };
    const body = notice({ recipients: 'all' });
    // The second transaction (receipts beyond the first 100 items) never arrives.
    await seedUnits(
      store,
      Array.from({ length: 150 }, (_, i) => ({
        id: `village-${i}`,
        name: `村${i}`,
        kind: 'township' as const,
      })),
    );
    const cut = await countRequests(
      () => call({ method: 'POST', path: '/dispatches', as: office, body, headers }),
      {
        command: 'TransactWriteCommand',
        nth: 2,
      },
    );
    expect(cut.result.status).toBe(500);
    expect(cut.result.body.error.code).toBe('INTERNAL');
    // The dispatch exists (the first transaction held it) with some receipts missing.
    const newest = await call({ method: 'GET', path: '/dispatches', as: office });
    const id = newest.body.items[0].id as string;
    const cutView = await call({ method: 'GET', path: `/dispatches/${id}`, as: office });
    expect(cutView.body.receipts.length).toBeLessThan(cutView.body.recipientCount);

    const retried = await call({ method: 'POST', path: '/dispatches', as: office, body, headers });
    expect(retried.status).toBe(201);
    expect(retried.body.id).toBe(id);
    const view = await call({ method: 'GET', path: `/dispatches/${retried.body.id}`, as: office });
    expect(view.body.receipts).toHaveLength(retried.body.recipientCount);
    expect(new Set(view.body.receipts.map((r: { unitId: string }) => r.unitId)).size).toBe(
      retried.body.recipientCount,
    );
  });
});

describe('GET /dispatches/{id}', () => {
  it('shows a recipient the item and its own receipt only, and other units nothing', async () => {
    const sent = await call({ method: 'POST', path: '/dispatches', as: office, body: notice() });
    const own = await call({
      method: 'GET',
      path: `/dispatches/${sent.body.id}`,
      as: staffOf('health'),
    });
    expect(own.status).toBe(200);
    expect(own.body.body).toBe(notice().body);
    expect(own.body.receipts.map((r: { unitId: string }) => r.unitId)).toEqual(['health']);

    const stranger = await call({
      method: 'GET',
      path: `/dispatches/${sent.body.id}`,
      as: staffOf('education'),
    });
    expect(stranger.status).toBe(404);
    expect(stranger.body.error.code).toBe('NOT_FOUND');
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect(
      (await call({ method: 'GET', path: '/dispatches/01JAAAAAAAAAAAAAAAAAAAAAAA', as: office }))
        .status,
    ).toBe(404);
    expect((await call({ method: 'GET', path: '/dispatches/not-an-id', as: office })).status).toBe(
      400,
    );
  });

  it('answers 401 without a token', async () => {
    const anonymous = await call({ method: 'GET', path: '/dispatches/01JAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('UNAUTHENTICATED');
  });
});

/** The sent list as the district office sees it at another time (the handlers read the clock). */
async function listDispatchesAt(
  at: Date,
): Promise<{ id: string; acknowledged: number; late: number }[]> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at);
  try {
    return (await call({ method: 'GET', path: '/dispatches', as: office })).body.items;
  } finally {
    vi.useRealTimers();
  }
}

describe('GET /dispatches: the sent list (API.md "Overviews")', () => {
  it('lists every dispatch newest first with its counts, to the district office and administrators', async () => {
    const first = await call({
      method: 'POST',
      path: '/dispatches',
      as: office,
      body: {
        ...notice(),
        title: '总览测试一',
        recipients: ['health', 'education', 'environment'],
      },
    });
    const second = await call({
      method: 'POST',
      path: '/dispatches',
      as: office,
      body: { ...notice(), kind: 'document', title: '总览测试二', recipients: ['health'] },
    });
    await call({ method: 'POST', path: `/dispatches/${first.body.id}/ack`, as: staffOf('health') });
    await call({
      method: 'POST',
      path: `/dispatches/${first.body.id}/problem`,
      as: staffOf('education'),
      body: { description: '附件打不开', contactName: '王五', contactPhone: '13800000009' },
    });

    for (const who of [office, admin]) {
      const listed = await call({ method: 'GET', path: '/dispatches', as: who });
      expect(listed.status).toBe(200);
      const ids = listed.body.items.map((item: { id: string }) => item.id);
      expect(ids.indexOf(second.body.id)).toBeLessThan(ids.indexOf(first.body.id));
      expect(listed.body.items.find((item: { id: string }) => item.id === first.body.id)).toEqual({
        id: first.body.id,
        kind: 'notice',
        title: '总览测试一',
        status: 'sent',
        urgency: 'normal',
        sentAt: first.body.sentAt,
        ackDueAt: first.body.ackDueAt,
        recipientCount: 3,
        copyCount: 0,
        acknowledged: 1,
        answered: 0,
        late: 0,
        problems: 1,
      });
    }
    const documents = await call({ method: 'GET', path: '/dispatches?kind=document', as: office });
    expect(documents.body.items.every((item: { kind: string }) => item.kind === 'document')).toBe(
      true,
    );
    expect(documents.body.items.map((item: { id: string }) => item.id)).toContain(second.body.id);
  });

  it('counts late units once their deadline has passed, without reading a receipt', async () => {
    const sent = await call({
      method: 'POST',
      path: '/dispatches',
      as: office,
      body: {
        ...notice(),
        title: '逾期统计',
        recipients: ['health', 'education'],
        ackWithinMinutes: 1,
      },
    });
    await call({ method: 'POST', path: `/dispatches/${sent.body.id}/ack`, as: staffOf('health') });
    const later = new Date(Date.parse(sent.body.ackDueAt) + 60_000);
    const items = await listDispatchesAt(later);
    expect(items.find((item) => item.id === sent.body.id)).toMatchObject({
      acknowledged: 1,
      late: 1,
    });
  });

  it('shows a unit what it sent, and nothing else', async () => {
    const listed = await call({ method: 'GET', path: '/dispatches', as: staffOf('health') });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([]);
  });
});
