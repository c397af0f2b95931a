import { beforeAll, describe, expect, it } from 'vitest';
import { SEED_UNITS } from '../../shared/seed/units.ts';
import { seedUnits } from '../../shared/store/units.ts';
import { call, office, staffOf, type Caller } from '../support/api.ts';
import { auditOf, snapshot, store } from '../support/db.ts';

const send = async (over: Record<string, unknown> = {}) => {
  const sent = await call({
    method: 'POST',
    path: '/dispatches',
    as: office,
    body: {
      kind: 'notice',
      title: '防汛值班通知',
      body: '请做好值班安排。',
      recipients: ['environment', 'health'],
      declaredUnclassified: true,
      ...over,
    },
  });
  expect(sent.status).toBe(201);
  return sent.body.id as string;
};
const ack = (id: string, as: Caller) => call({ method: 'POST', path: `/dispatches/${id}/ack`, as });
const answerBody = {
  summary: '已按要求办理完毕',
  contactName: '张三',
  contactPhone: '138 0000 0001',
};

beforeAll(async () => {
  await seedUnits(store, SEED_UNITS);
});

describe('acknowledgement', () => {
  it('acknowledges once; a repeat returns the same receipt and changes nothing', async () => {
    const id = await send();
    const first = await ack(id, staffOf('environment', 'alice'));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      dispatchId: id,
      unitId: 'environment',
      status: 'acknowledged',
      acknowledgedBy: 'alice',
      late: false,
    });

    const before = await snapshot();
    const again = await ack(id, staffOf('environment', 'bob'));
    expect(again).toEqual(first);
    expect(await snapshot()).toEqual(before);
  });

  it('20 concurrent acknowledgements: all 200 with one acknowledgedAt, one state change, one audit record', async () => {
    const id = await send();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => ack(id, staffOf('health', `duty-${i}`))),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
    expect(new Set(answers.map((answer) => answer.body.acknowledgedAt)).size).toBe(1);
    expect(new Set(answers.map((answer) => answer.body.acknowledgedBy)).size).toBe(1);
    const acks = (await auditOf(`DISPATCH#${id}`)).filter(
      (entry) => entry['action'] === 'receipt.acknowledge',
    );
    expect(acks).toHaveLength(1);
    expect(acks[0]).toMatchObject({
      actorUnit: 'health',
      actorSub: answers[0]?.body.acknowledgedBy,
    });
  });

  it('is 404 for a unit that is not a recipient, and writes nothing', async () => {
    const id = await send();
    const before = await snapshot();
    const stranger = await ack(id, staffOf('education'));
    expect(stranger.status).toBe(404);
    expect(stranger.body.error.code).toBe('NOT_FOUND');
    expect(await snapshot()).toEqual(before);
  });

  it('shows the sender who acknowledged and when', async () => {
    const id = await send();
    await ack(id, staffOf('environment', 'alice'));
    const view = await call({ method: 'GET', path: `/dispatches/${id}`, as: office });
    const byUnit = Object.fromEntries(
      view.body.receipts.map((r: { unitId: string }) => [r.unitId, r]),
    );
    expect(byUnit['environment']).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: 'alice',
      late: false,
    });
    expect(byUnit['health']).toMatchObject({ status: 'pending', late: false });
    expect(byUnit['health'].acknowledgedAt).toBeUndefined();
  });
});

describe('answers to feedback requests', () => {
  const feedback = { kind: 'feedback', respondBy: new Date(Date.now() + 86_400_000).toISOString() };

  it('records the answer with its contact, once; the sender sees it', async () => {
    const id = await send(feedback);
    const answered = await call({
      method: 'POST',
      path: `/dispatches/${id}/response`,
      as: staffOf('health', 'carol'),
      body: answerBody,
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({
      status: 'responded',
      respondedBy: 'carol',
      acknowledgedBy: 'carol',
      late: false,
    });
    expect(answered.body.answer).toEqual({
      summary: answerBody.summary,
      contactName: '张三',
      contactPhone: '+8613800000001',
    });

    const again = await call({
      method: 'POST',
      path: `/dispatches/${id}/response`,
      as: staffOf('health'),
      body: answerBody,
    });
    expect(again.status).toBe(409);
    const view = await call({ method: 'GET', path: `/dispatches/${id}`, as: office });
    expect(view.body.receipts.find((r: { unitId: string }) => r.unitId === 'health').status).toBe(
      'responded',
    );
  });

  it.each([
    ['a bad phone', { ...answerBody, contactPhone: '12345' }, 400, 'body.contactPhone'],
    ['no contact name', { ...answerBody, contactName: '' }, 400, 'body.contactName'],
    ['no summary', { contactName: '张三', contactPhone: '13800000001' }, 400, 'body.summary'],
    [
      'a classification marking hidden with a soft hyphen',
      { ...answerBody, summary: '办理情况见附件（机\u00ad密★1年）' },
      422,
      'summary',
    ],
  ])('refuses %s and writes nothing', async (_name, body, status, field) => {
    const id = await send(feedback);
    const before = await snapshot();
    const refused = await call({
      method: 'POST',
      path: `/dispatches/${id}/response`,
      as: staffOf('health'),
      body,
    });
    expect(refused.status).toBe(status);
    expect(refused.body.error.details.map((detail: { field: string }) => detail.field)).toContain(
      field,
    );
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an answer to a notice with 409', async () => {
    const id = await send();
    const refused = await call({
      method: 'POST',
      path: `/dispatches/${id}/response`,
      as: staffOf('health'),
      body: answerBody,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('CONFLICT');
  });

  it('keeps another unit from answering', async () => {
    const id = await send(feedback);
    expect(
      (
        await call({
          method: 'POST',
          path: `/dispatches/${id}/response`,
          as: staffOf('education'),
          body: answerBody,
        })
      ).status,
    ).toBe(404);
  });
});

describe('reception problems', () => {
  it('opens a problem for the sender; a 签收 meanwhile is recorded, and the receipt is paused until the sender resolves it', async () => {
    const id = await send();
    const reported = await call({
      method: 'POST',
      path: `/dispatches/${id}/problem`,
      as: staffOf('environment', 'dave'),
      body: { description: '附件无法打开', contactName: '李四', contactPhone: '0311-87654321' },
    });
    expect(reported.status).toBe(201);
    expect(reported.body).toMatchObject({
      dispatchId: id,
      unitId: 'environment',
      description: '附件无法打开',
      contactPhone: '+8631187654321',
    });

    const view = await call({ method: 'GET', path: `/dispatches/${id}`, as: office });
    expect(
      view.body.receipts.find((r: { unitId: string }) => r.unitId === 'environment').status,
    ).toBe('problem');
    expect(view.body.problems).toHaveLength(1);
    const acknowledged = (await ack(id, staffOf('environment'))).body;
    expect(acknowledged).toMatchObject({ status: 'problem', acknowledgedAt: expect.any(String) });
    const resolved = await call({
      method: 'POST',
      path: `/dispatches/${id}/problems/${reported.body.id as string}/resolve`,
      as: office,
      body: { resolution: '已重新上传附件' },
    });
    expect(resolved.status).toBe(200);
    const after = await call({ method: 'GET', path: `/dispatches/${id}`, as: office });
    expect(
      after.body.receipts.find((r: { unitId: string }) => r.unitId === 'environment'),
    ).toMatchObject({ status: 'acknowledged', acknowledgedAt: acknowledged.acknowledgedAt });
  });

  it('takes a problem after 签收 until the answer (a file that will not open); the first 签收 stands', async () => {
    const id = await send({ kind: 'feedback', respondBy: '2099-01-01T00:00:00Z' });
    const acknowledged = (await ack(id, staffOf('environment'))).body;
    const problem = (description: string) =>
      call({
        method: 'POST',
        path: `/dispatches/${id}/problem`,
        as: staffOf('environment'),
        body: { description, contactName: '李四', contactPhone: '13800000002' },
      });
    const reported = await problem('附件打不开');
    expect(reported.status).toBe(201);
    const view = await call({ method: 'GET', path: `/dispatches/${id}`, as: office });
    const receipt = view.body.receipts.find((r: { unitId: string }) => r.unitId === 'environment');
    expect(receipt).toMatchObject({
      status: 'problem',
      acknowledgedAt: acknowledged.acknowledgedAt,
    });
    expect(view.body.problems).toHaveLength(1);

    // 签收 again changes nothing; the sender's resolution settles it, the first 签收's time stays.
    expect((await ack(id, staffOf('environment'))).body).toMatchObject({
      status: 'problem',
      acknowledgedAt: acknowledged.acknowledgedAt,
    });
    await call({
      method: 'POST',
      path: `/dispatches/${id}/problems/${reported.body.id as string}/resolve`,
      as: office,
      body: { resolution: '已重新发送' },
    });
    expect(
      (await call({ method: 'GET', path: `/dispatches/${id}`, as: staffOf('environment') })).body
        .receipts[0],
    ).toMatchObject({ status: 'acknowledged', acknowledgedAt: acknowledged.acknowledgedAt });
    const answered = await call({
      method: 'POST',
      path: `/dispatches/${id}/response`,
      as: staffOf('environment'),
      body: answerBody,
    });
    expect(answered.body.status).toBe('responded');

    const before = await snapshot();
    const late = await problem('再次');
    expect(late.status).toBe(409);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a problem whose description carries a classification marking, and writes nothing', async () => {
    const id = await send();
    const before = await snapshot();
    const refused = await call({
      method: 'POST',
      path: `/dispatches/${id}/problem`,
      as: staffOf('environment'),
      body: {
        description: '【机密】件请另行传送',
        contactName: '李四',
        contactPhone: '13800000002',
      },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: 'CLASSIFIED_CONTENT',
      details: [{ field: 'description' }],
    });
    expect(await snapshot()).toEqual(before);
  });
});

describe('GET /inbox', () => {
  it('lists a unit’s items newest first; "pending" hides what is done', async () => {
    const first = await send({ recipients: ['civil-affairs'] });
    const second = await send({ recipients: ['civil-affairs'], kind: 'document' });
    await ack(first, staffOf('civil-affairs'));
    const all = await call({
      method: 'GET',
      path: '/inbox?status=all',
      as: staffOf('civil-affairs'),
    });
    expect(all.body.items.map((item: { dispatchId: string }) => item.dispatchId)).toEqual([
      second,
      first,
    ]);
    expect(all.body.items[0]).toMatchObject({
      kind: 'document',
      title: '防汛值班通知',
      status: 'pending',
      late: false,
    });
    const pending = await call({ method: 'GET', path: '/inbox', as: staffOf('civil-affairs') });
    expect(pending.body.items.map((item: { dispatchId: string }) => item.dispatchId)).toEqual([
      second,
    ]);
  });

  it('never shows another unit’s items', async () => {
    await send({ recipients: ['housing'] });
    const other = await call({
      method: 'GET',
      path: '/inbox?status=all',
      as: staffOf('market-regulation'),
    });
    expect(other.body.items).toEqual([]);
  });

  it('pages with a cursor, and refuses a forged one', async () => {
    for (let i = 0; i < 55; i++) await send({ recipients: ['education'] });
    const page1 = await call({
      method: 'GET',
      path: '/inbox?status=all',
      as: staffOf('education'),
    });
    expect(page1.body.items).toHaveLength(50);
    const page2 = await call({
      method: 'GET',
      path: `/inbox?status=all&cursor=${page1.body.cursor}`,
      as: staffOf('education'),
    });
    expect(page2.body.items.length).toBeGreaterThanOrEqual(5);
    expect(
      page2.body.items.some((item: { dispatchId: string }) =>
        page1.body.items.some(
          (seen: { dispatchId: string }) => seen.dispatchId === item.dispatchId,
        ),
      ),
    ).toBe(false);

    // A cursor from education's inbox does not open health's.
    const stolen = await call({
      method: 'GET',
      path: `/inbox?status=all&cursor=${page1.body.cursor}`,
      as: staffOf('health'),
    });
    expect(stolen.status).toBe(400);
    expect(
      (await call({ method: 'GET', path: '/inbox?cursor=garbage', as: staffOf('health') })).status,
    ).toBe(400);
    expect(
      (await call({ method: 'GET', path: '/inbox?status=done', as: staffOf('health') })).status,
    ).toBe(400);
  });

  it.each([
    ['an empty sort key', { sk: '' }],
    ['an empty index key', { gsi1sk: '' }],
    ['an over-long key', { gsi1sk: `2026-11-25T00:00:00.000Z#${'X'.repeat(2000)}` }],
    ['a key of another kind of item', { pk: 'UNITS', sk: 'UNIT#health' }],
    ['a number for a key', { sk: 7 }],
    ['an extra key', { extra: 'x' }],
  ])('refuses a forged cursor with %s: 400, not 500', async (_name, forged) => {
    const key = {
      pk: 'DISPATCH#01JDISPATCH0000000000000000',
      sk: 'RECEIPT#health',
      gsi1pk: 'INBOX#health',
      gsi1sk: '2026-11-25T00:00:00.000Z#01JDISPATCH0000000000000000',
      ...forged,
    };
    const cursor = Buffer.from(JSON.stringify(key)).toString('base64url');
    const refused = await call({
      method: 'GET',
      path: `/inbox?cursor=${cursor}`,
      as: staffOf('health'),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'query.cursor' }],
    });
  });
});

describe('资料查询: the unit finds what it received by title or 文号 (Art2)', () => {
  it('lists only items whose title or 文号 holds the text, pending or not', async () => {
    const tag = Date.now().toString(36);
    const year = new Date().getFullYear();
    const serial = String(Date.now() % 1_000_000);
    const byTitle = await send({ title: `关于防汛检查${tag}的通知`, recipients: ['housing'] });
    const byNumber = await send({
      title: `工作安排${tag}`,
      docNumber: `新政办〔${String(year)}〕${serial}号`,
      recipients: ['housing'],
    });
    const other = await send({ title: `无关的通知${tag}`, recipients: ['housing'] });
    const housing = staffOf('housing');
    const find = async (q: string, status = 'all') =>
      (
        (await call({ method: 'GET', path: '/inbox', query: { status, q }, as: housing })).body as {
          items: { dispatchId: string }[];
        }
      ).items.map((item) => item.dispatchId);
    expect(await find(`防汛检查${tag}`)).toEqual([byTitle]);
    expect(await find(`〔${String(year)}〕${serial}号`)).toEqual([byNumber]);
    expect(await find(tag)).toEqual(expect.arrayContaining([byTitle, byNumber, other]));
    await ack(byTitle, housing);
    expect(await find(`防汛检查${tag}`, 'pending')).toEqual([]);
    expect(await find(`防汛检查${tag}`, 'all')).toEqual([byTitle]);
    const tooLong = await call({
      method: 'GET',
      path: '/inbox',
      query: { q: 'x'.repeat(51) },
      as: housing,
    });
    expect(tooLong.status).toBe(400);
  });
});
