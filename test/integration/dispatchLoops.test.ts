import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { runReminderCheck } from '../../functions/reminders/reminderCheck.ts';
import { uploads as uploadsHandler } from '../../functions/uploads/handler.ts';
import { lambdaContext } from '../../local/lambdaContext.ts';
import { SEED_UNITS } from '../../shared/seed/units.ts';
import { seedUnits } from '../../shared/store/units.ts';
import { call, office, staffOf, type Caller } from '../support/api.ts';
import { auditOf, countRequests, snapshot, store } from '../support/db.ts';
import { documents } from '../support/files.ts';
import { formUpload, localS3, objectCreated } from '../support/s3.ts';
import { publishedTo, sns } from '../support/sms.ts';
import { testPlatform } from '../support/testPlatform.ts';
import { activePhone } from '../support/phones.ts';

/**
 * Dispatch loops that close (API.md v1.2, Art8, Art9, Art15): 文号, 缓急,
 * 抄送, drafts and 签发, reception problems the sender resolves, recall,
 * more time, urge now, sealed feedback that answers, and 批复.
 */
const uploads = uploadsHandler(testPlatform);
const { bucket } = localS3();
const MINUTE = 60_000;
const clerk: Caller = { ...office, name: '王秘书' };
const officeHead: Caller = {
  group: 'unit-head',
  unit: 'district-office',
  sub: 'head-zhao',
  name: '赵主任',
};
const headOf = (unit: string): Caller => ({
  group: 'unit-head',
  unit,
  sub: `${unit}-head`,
  name: '单位负责人',
});
let unitCount = 0;

function clockAt(ms: number) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(ms));
}
afterEach(() => {
  vi.useRealTimers();
});
beforeEach(() => {
  sns.acceptAll();
});
beforeAll(async () => {
  await seedUnits(store, SEED_UNITS);
});

/** A unit of the test's own, with one verified reminder phone: what it is texted is the test's alone. */
async function unitWithPhone(): Promise<{ unit: string; phone: string }> {
  const unit = `loop-unit-${unitCount++}`;
  await seedUnits(store, [{ id: unit, name: `闭环测试${unit.slice(10)}镇`, kind: 'township' }]);
  const phone = await activePhone(unit);
  return { unit, phone };
}
const remindersTo = (phone: string) =>
  publishedTo(phone).filter((message) => !message.text.includes('验证码'));

const item = (over: Record<string, unknown> = {}) => ({
  kind: 'notice',
  title: '关于做好冬季安全生产工作的通知',
  body: '请各单位认真落实。',
  recipients: ['environment', 'health'],
  declaredUnclassified: true,
  ...over,
});
async function send(over: Record<string, unknown> = {}, as: Caller = clerk) {
  const sent = await call({ method: 'POST', path: '/dispatches', as, body: item(over) });
  expect(sent.status).toBe(201);
  return sent.body as { id: string; ackDueAt: string; sentAt: string; status: string };
}
const view = (id: string, as: Caller = clerk) =>
  call({ method: 'GET', path: `/dispatches/${id}`, as });
const receiptOf = async (id: string, unit: string) =>
  (await view(id)).body.receipts.find((r: { unitId: string }) => r.unitId === unit);
const ack = (id: string, unit: string, name?: string) =>
  call({
    method: 'POST',
    path: `/dispatches/${id}/ack`,
    as: { ...staffOf(unit), ...(name ? { name } : {}) },
  });
/**
 * The requests counted, less the settings' read (a function keeps the
 * settings a minute, so it may or may not read them): `gets` other reads.
 */
function withoutSettings(counts: Record<string, number>, gets = 0): Record<string, number> {
  const { GetCommand = 0, ...rest } = counts;
  expect(GetCommand - gets).toBeGreaterThanOrEqual(0);
  expect(GetCommand - gets).toBeLessThanOrEqual(1);
  return gets > 0 ? { ...rest, GetCommand: gets } : rest;
}
const check = (at: number) => runReminderCheck({ store, sms: testPlatform.sms, now: new Date(at) });

async function readyFile(as: Caller, name = '补发附件.pdf'): Promise<string> {
  const created = await call({
    method: 'POST',
    path: '/attachments',
    as,
    body: { name, contentType: 'application/pdf', size: documents.pdf.length },
  });
  await formUpload(created.body.upload, documents.pdf);
  const key = `attachments/incoming/${created.body.id as string}`;
  await uploads(objectCreated(bucket, key, documents.pdf.length), lambdaContext('uploads'));
  return created.body.id as string;
}

describe('文号, 缓急 and 抄送', () => {
  it('keeps a 文号 once per unit and year: reused, 409 and nothing written', async () => {
    const first = await send({ docNumber: '新区办发〔2026〕101号', kind: 'document' });
    expect((await view(first.id)).body.docNumber).toBe('新区办发〔2026〕101号');
    const before = await snapshot();
    const again = await call({
      method: 'POST',
      path: '/dispatches',
      as: clerk,
      body: item({ docNumber: '新区办发〔2026〕101号', kind: 'document' }),
    });
    expect(again.status).toBe(409);
    expect(again.body.error.details).toEqual([expect.objectContaining({ field: 'docNumber' })]);
    expect(await snapshot()).toEqual(before);
  });

  it('gives a document 15, 30 or 60 minutes by its urgency; the sender may still set its own', async () => {
    const minutes = async (over: Record<string, unknown>) => {
      const sent = await send({ kind: 'document', ...over });
      return (Date.parse(sent.ackDueAt) - Date.parse(sent.sentAt)) / MINUTE;
    };
    expect(await minutes({ urgency: 'very-urgent' })).toBe(15);
    expect(await minutes({ urgency: 'urgent' })).toBe(30);
    expect(await minutes({})).toBe(60);
    expect(await minutes({ urgency: 'very-urgent', ackWithinMinutes: 5 })).toBe(5);
    // A notice is 10 minutes whatever its urgency (Art8).
    const notice = await send({ urgency: 'normal' });
    expect((Date.parse(notice.ackDueAt) - Date.parse(notice.sentAt)) / MINUTE).toBe(10);
  });

  it('sends 抄送 that the copied unit sees, owing nothing: no deadline, no reminder, not counted', async () => {
    const sent = await send({
      kind: 'feedback',
      respondBy: new Date(Date.now() + 3 * 3600_000).toISOString(),
      recipients: ['environment'],
      copyTo: ['housing'],
    });
    const whole = (await view(sent.id)).body;
    expect(whole).toMatchObject({ recipientCount: 1, copyCount: 1, copyTo: ['housing'] });
    expect(
      whole.receipts.map((r: { unitId: string; role: string }) => [r.unitId, r.role]).sort(),
    ).toEqual([
      ['environment', 'main'],
      ['housing', 'copy'],
    ]);
    const inbox = await call({ method: 'GET', path: '/inbox', as: staffOf('housing') });
    expect(
      inbox.body.items.find((i: { dispatchId: string }) => i.dispatchId === sent.id),
    ).toMatchObject({ role: 'copy', late: false });
    // A copy is read (签收), never answered, and never late.
    expect((await ack(sent.id, 'housing')).status).toBe(200);
    const answer = await call({
      method: 'POST',
      path: `/dispatches/${sent.id}/response`,
      as: staffOf('housing'),
      body: { summary: '已阅', contactName: '张三', contactPhone: '13800000001' },
    });
    expect(answer.status).toBe(409);
    // Far past every deadline the check finds nothing of the copy to chase.
    const result = await check(Date.parse(sent.ackDueAt) + 48 * 3600_000);
    expect(result.itemsRead).toBeGreaterThanOrEqual(0);
    expect((await receiptOf(sent.id, 'housing')).late).toBe(false);
    const listed = await call({ method: 'GET', path: '/dispatches', as: clerk });
    expect(listed.body.items.find((i: { id: string }) => i.id === sent.id)).toMatchObject({
      recipientCount: 1,
      copyCount: 1,
      acknowledged: 0,
    });
  });

  it('refuses a copy to a main recipient or to the sender, writing nothing', async () => {
    const before = await snapshot();
    const refused = await call({
      method: 'POST',
      path: '/dispatches',
      as: clerk,
      body: item({ copyTo: ['health', 'district-office'] }),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.map((d: { field: string }) => d.field)).toEqual([
      'copyTo',
      'copyTo',
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('records who signed (签收人) and who answered (反馈人) by name', async () => {
    const sent = await send({
      kind: 'feedback',
      respondBy: new Date(Date.now() + 3 * 3600_000).toISOString(),
      recipients: ['civil-affairs'],
    });
    expect((await ack(sent.id, 'civil-affairs', '刘晓红')).body.acknowledgedBy).toBe('刘晓红');
    const answered = await call({
      method: 'POST',
      path: `/dispatches/${sent.id}/response`,
      as: { ...staffOf('civil-affairs'), name: '陈建国' },
      body: { summary: '已落实', contactName: '陈建国', contactPhone: '13800000001' },
    });
    expect(answered.body).toMatchObject({ acknowledgedBy: '刘晓红', answeredBy: '陈建国' });
  });
});

describe('drafts and 签发 (审核登记, 谁发布谁负责)', () => {
  it('keeps a draft from everyone until the head of the district office signs it off', async () => {
    const draft = await send({ draft: true, docNumber: '新区办发〔2026〕201号' });
    expect(draft.status).toBe('draft');
    expect((await view(draft.id)).body).toMatchObject({ status: 'draft', receipts: [] });
    const inbox = await call({ method: 'GET', path: '/inbox?status=all', as: staffOf('health') });
    expect(inbox.body.items.map((i: { dispatchId: string }) => i.dispatchId)).not.toContain(
      draft.id,
    );
    expect((await view(draft.id, staffOf('health'))).status).toBe(404);

    // Not the clerk (403 by role), not another unit's head (who cannot see it).
    expect(
      (await call({ method: 'POST', path: `/dispatches/${draft.id}/sign-off`, as: clerk })).status,
    ).toBe(403);
    expect(
      (
        await call({
          method: 'POST',
          path: `/dispatches/${draft.id}/sign-off`,
          as: headOf('health'),
        })
      ).status,
    ).toBe(404);

    const { result: signed, counts } = await countRequests(() =>
      call({ method: 'POST', path: `/dispatches/${draft.id}/sign-off`, as: officeHead }),
    );
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ status: 'sent', recipientCount: 2 });
    // Read the draft (and the settings, unless cached); one transaction: the dispatch, its audit, two receipts and their day counts.
    expect(withoutSettings(counts, 1)).toEqual({ GetCommand: 1, TransactWriteCommand: 1 });
    const sent = (await view(draft.id)).body;
    expect(sent).toMatchObject({ status: 'sent', signedOffBy: '赵主任', draftedBy: '王秘书' });
    expect(sent.receipts).toHaveLength(2);
    expect((await auditOf(`DISPATCH#${draft.id}`)).map((e) => e['action'])).toEqual([
      'dispatch.draft',
      'dispatch.sign-off',
    ]);
    const again = await call({
      method: 'POST',
      path: `/dispatches/${draft.id}/sign-off`,
      as: officeHead,
    });
    expect(again.status).toBe(409);
  });

  it('refuses to send a kind that must be signed off without a draft (409), writing nothing', async () => {
    const settings = (await call({ method: 'GET', path: '/settings/reminders', as: clerk })).body;
    await call({
      method: 'PUT',
      path: '/settings/reminders',
      as: clerk,
      body: { ...settings, signOffRequired: ['document'] },
    });
    try {
      const before = await snapshot();
      const refused = await call({
        method: 'POST',
        path: '/dispatches',
        as: clerk,
        body: item({ kind: 'document' }),
      });
      expect(refused.status).toBe(409);
      expect(await snapshot()).toEqual(before);
      // A notice is not listed: it goes at once.
      await send();
      expect((await send({ kind: 'document', draft: true })).status).toBe('draft');
    } finally {
      await call({
        method: 'PUT',
        path: '/settings/reminders',
        as: clerk,
        body: { ...settings, signOffRequired: [] },
      });
    }
  });
});

describe('reception problems the sender resolves', () => {
  it('texts nothing while a problem is open; resolved with a file for that unit, the deadline moves by the time it was open', async () => {
    const { unit, phone } = await unitWithPhone();
    // Uploaded on the real clock: S3 refuses a request signed years ahead.
    const file = await readyFile(clerk);
    const start = Date.parse('2031-05-06T01:00:00.000Z');
    clockAt(start);
    const sent = await send({ recipients: [unit, 'environment'] });
    const deadline = Date.parse(sent.ackDueAt);
    clockAt(start + 2 * MINUTE);
    const reported = await call({
      method: 'POST',
      path: `/dispatches/${sent.id}/problem`,
      as: staffOf(unit),
      body: { description: '没有附件', contactName: '李四', contactPhone: '0311-87654321' },
    });
    expect(reported.body).toMatchObject({ status: 'open', attachments: [] });

    // Past the deadline: no reminder for the paused receipt.
    await check(deadline + MINUTE);
    expect(remindersTo(phone)).toEqual([]);

    // The office resolves it an hour later with the missing file.
    clockAt(start + 62 * MINUTE);
    const before = await snapshot();
    const wrong = await call({
      method: 'POST',
      path: `/dispatches/${sent.id}/problems/${reported.body.id as string}/resolve`,
      as: staffOf(unit),
      body: { resolution: '自己关掉' },
    });
    expect(wrong.status).toBe(403);
    expect(await snapshot()).toEqual(before);
    const resolved = await call({
      method: 'POST',
      path: `/dispatches/${sent.id}/problems/${reported.body.id as string}/resolve`,
      as: clerk,
      body: { resolution: '已补发附件，请查收', attachmentIds: [file] },
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      resolution: '已补发附件，请查收',
      resolvedBy: '王秘书',
      attachments: [expect.objectContaining({ id: file })],
    });
    const receipt = await receiptOf(sent.id, unit);
    expect(receipt).toMatchObject({ status: 'pending', problems: [{ status: 'resolved' }] });
    expect(Date.parse(receipt.ackDueAt) - deadline).toBe(60 * MINUTE);

    // Only that unit downloads the file; another recipient does not even learn it exists.
    const own = await call({
      method: 'GET',
      path: `/attachments/${file}/download`,
      as: staffOf(unit),
    });
    expect(own.status).toBe(302);
    const other = await call({
      method: 'GET',
      path: `/attachments/${file}/download`,
      as: staffOf('environment'),
    });
    expect(other.status).toBe(404);
    // The unit sees the resolution with its own receipt.
    const seen = (await view(sent.id, staffOf(unit))).body.receipts[0];
    expect(seen.problems[0]).toMatchObject({
      status: 'resolved',
      resolution: '已补发附件，请查收',
    });

    // Reminders resume from the moved deadline.
    await check(deadline + 61 * MINUTE);
    expect(remindersTo(phone)).toHaveLength(1);

    const twice = await call({
      method: 'POST',
      path: `/dispatches/${sent.id}/problems/${reported.body.id as string}/resolve`,
      as: clerk,
      body: { resolution: '再处理一次' },
    });
    expect(twice.status).toBe(409);
    const unknown = await call({
      method: 'POST',
      path: `/dispatches/${sent.id}/problems/01JZZZZZZZZZZZZZZZZZZZZZZZ/resolve`,
      as: clerk,
      body: { resolution: '不存在' },
    });
    expect(unknown.status).toBe(404);
  });
});

describe('recall, more time, urge now', () => {
  it('recalls an item: recipients see 已撤回, nothing more is owed or texted, what was acknowledged stays', async () => {
    const { unit, phone } = await unitWithPhone();
    const sent = await send({ recipients: [unit, 'environment'] });
    await ack(sent.id, 'environment', '周敏');
    const before = await snapshot();
    const notMine = await call({
      method: 'POST',
      path: `/dispatches/${sent.id}/recall`,
      as: staffOf('environment'),
      body: { reason: '发错了' },
    });
    expect(notMine.status).toBe(403);
    expect(await snapshot()).toEqual(before);

    const recalled = await call({
      method: 'POST',
      path: `/dispatches/${sent.id}/recall`,
      as: clerk,
      body: { reason: '内容有误，另行发文' },
    });
    expect(recalled.status).toBe(200);
    expect(recalled.body).toMatchObject({
      status: 'recalled',
      recallReason: '内容有误，另行发文',
      recalledBy: '王秘书',
    });
    const env = recalled.body.receipts.find((r: { unitId: string }) => r.unitId === 'environment');
    expect(env).toMatchObject({ status: 'acknowledged', acknowledgedBy: '周敏' });
    const inbox = await call({ method: 'GET', path: '/inbox?status=all', as: staffOf(unit) });
    expect(
      inbox.body.items.find((i: { dispatchId: string }) => i.dispatchId === sent.id),
    ).toMatchObject({ recalledAt: expect.any(String) });
    const pending = await call({ method: 'GET', path: '/inbox', as: staffOf(unit) });
    expect(pending.body.items.map((i: { dispatchId: string }) => i.dispatchId)).not.toContain(
      sent.id,
    );
    expect((await ack(sent.id, unit)).status).toBe(409);
    await check(Date.parse(sent.ackDueAt) + 30 * MINUTE);
    expect(remindersTo(phone)).toEqual([]);
    expect(
      (
        await call({
          method: 'POST',
          path: `/dispatches/${sent.id}/recall`,
          as: clerk,
          body: { reason: '再撤' },
        })
      ).status,
    ).toBe(409);
    expect((await auditOf(`DISPATCH#${sent.id}`)).map((e) => e['action'])).toContain(
      'dispatch.recall',
    );
  });

  it('gives more time, never less: open receipts are due later and reminded from then', async () => {
    const { unit, phone } = await unitWithPhone();
    const start = Date.parse('2031-05-07T01:00:00.000Z');
    clockAt(start);
    const sent = await send({ recipients: [unit, 'environment'] });
    await ack(sent.id, 'environment');
    const before = await snapshot();
    const earlier = await call({
      method: 'POST',
      path: `/dispatches/${sent.id}/deadline`,
      as: clerk,
      body: { ackDueAt: new Date(start + 5 * MINUTE).toISOString() },
    });
    expect(earlier.status).toBe(400);
    expect(earlier.body.error.details).toEqual([expect.objectContaining({ field: 'ackDueAt' })]);
    const respondBy = await call({
      method: 'POST',
      path: `/dispatches/${sent.id}/deadline`,
      as: clerk,
      body: { respondBy: new Date(start + 90 * MINUTE).toISOString() },
    });
    expect(respondBy.status).toBe(400);
    expect(await snapshot()).toEqual(before);

    const later = new Date(start + 60 * MINUTE).toISOString();
    const moved = await call({
      method: 'POST',
      path: `/dispatches/${sent.id}/deadline`,
      as: clerk,
      body: { ackDueAt: later },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.ackDueAt).toBe(later);
    expect(moved.body.receipts.find((r: { unitId: string }) => r.unitId === unit).ackDueAt).toBe(
      later,
    );
    // The acknowledged unit keeps the deadline it met.
    expect(
      moved.body.receipts.find((r: { unitId: string }) => r.unitId === 'environment').ackDueAt,
    ).toBe(sent.ackDueAt);
    await check(Date.parse(sent.ackDueAt) + MINUTE);
    expect(remindersTo(phone)).toEqual([]);
    await check(Date.parse(later) + MINUTE);
    expect(remindersTo(phone)).toHaveLength(1);
  });

  it('urges the open units now, once in 10 minutes each (429), and audits it', async () => {
    const a = await unitWithPhone();
    const b = await unitWithPhone();
    const done = await unitWithPhone();
    const sent = await send({ recipients: [a.unit, b.unit, done.unit] });
    await ack(sent.id, done.unit);
    const notOwing = await call({
      method: 'POST',
      path: `/dispatches/${sent.id}/urge`,
      as: clerk,
      body: { unitIds: [done.unit] },
    });
    expect(notOwing.status).toBe(400);

    const { result: urged, counts } = await countRequests(() =>
      call({ method: 'POST', path: `/dispatches/${sent.id}/urge`, as: clerk, body: {} }),
    );
    expect(urged.status).toBe(202);
    expect(urged.body).toEqual({ unitIds: [a.unit, b.unit].sort(), withoutPhone: [] });
    expect(remindersTo(a.phone)).toHaveLength(1);
    expect(remindersTo(a.phone)[0]?.text).toContain('待签收或办理');
    expect(remindersTo(done.phone)).toEqual([]);
    // The dispatch's partition, one transaction (audit + 2 receipts), the calendar, a query per unit's phones.
    expect(withoutSettings(counts)).toEqual({
      QueryCommand: 3,
      TransactWriteCommand: 1,
      BatchGetCommand: 1,
    });

    const before = await snapshot();
    const again = await call({
      method: 'POST',
      path: `/dispatches/${sent.id}/urge`,
      as: clerk,
      body: { unitIds: [a.unit] },
    });
    expect(again.status).toBe(429);
    expect(await snapshot()).toEqual(before);
    expect(remindersTo(a.phone)).toHaveLength(1);
    const audit = await auditOf(`DISPATCH#${sent.id}`);
    expect(audit.find((e) => e['action'] === 'dispatch.urge')?.['details']).toEqual({
      unitIds: [a.unit, b.unit].sort(),
    });
  });
});

describe('sealed feedback that answers, and 批复', () => {
  const author = staffOf('health', 'health-wang');
  const feedback = (dispatchId: string) => ({
    kind: 'feedback',
    title: '关于冬季安全生产检查情况的反馈',
    body: '已完成检查。',
    contactName: '王芳',
    contactPhone: '0311-86012345',
    dispatchId,
  });

  it('answers the request it cites when the head seals it, on time by the seal, linked both ways', async () => {
    const request = await send({
      kind: 'feedback',
      respondBy: new Date(Date.now() + 3 * 3600_000).toISOString(),
      recipients: ['health'],
    });
    const notice = await send({ recipients: ['health'] });
    const other = await send({
      kind: 'feedback',
      respondBy: new Date(Date.now() + 3 * 3600_000).toISOString(),
      recipients: ['environment'],
    });
    const before = await snapshot();
    for (const wrong of [notice.id, other.id]) {
      const refused = await call({
        method: 'POST',
        path: '/upward',
        as: author,
        body: feedback(wrong),
      });
      expect(refused.status).toBe(400);
      expect(refused.body.error.details).toEqual([
        expect.objectContaining({ field: 'dispatchId' }),
      ]);
    }
    expect(await snapshot()).toEqual(before);

    const created = await call({
      method: 'POST',
      path: '/upward',
      as: author,
      body: feedback(request.id),
    });
    expect(created.status).toBe(201);
    const approved = await call({
      method: 'POST',
      path: `/upward/${created.body.id as string}/approve`,
      as: headOf('health'),
    });
    expect(approved.status).toBe(200);
    const receipt = await receiptOf(request.id, 'health');
    expect(receipt).toMatchObject({
      status: 'responded',
      respondedAt: approved.body.seal.sealedAt,
      upwardId: created.body.id,
      answeredBy: '单位负责人',
      late: false,
    });
    const listed = await call({ method: 'GET', path: '/dispatches', as: clerk });
    expect(listed.body.items.find((i: { id: string }) => i.id === request.id)).toMatchObject({
      answered: 1,
    });
    // Answered now: a second feedback citing it is refused.
    const second = await call({
      method: 'POST',
      path: '/upward',
      as: author,
      body: feedback(request.id),
    });
    expect(second.status).toBe(400);
  });

  it('lets the district office reply (批复) to a 请示, which the unit reads', async () => {
    const created = await call({
      method: 'POST',
      path: '/upward',
      as: author,
      body: {
        kind: 'request',
        title: '关于申请增加防汛物资的请示',
        body: '请予批准。',
        contactName: '王芳',
        contactPhone: '0311-86012345',
      },
    });
    const id = created.body.id as string;
    await call({ method: 'POST', path: `/upward/${id}/approve`, as: headOf('health') });
    const file = await readyFile(clerk, '批复.pdf');
    const before = await snapshot();
    const staff = await call({
      method: 'POST',
      path: `/upward/${id}/reply`,
      as: author,
      body: { body: '自己批' },
    });
    expect(staff.status).toBe(403);
    expect(await snapshot()).toEqual(before);
    const replied = await call({
      method: 'POST',
      path: `/upward/${id}/reply`,
      as: clerk,
      body: { body: '同意。请按程序采购。', attachmentIds: [file] },
    });
    expect(replied.status).toBe(200);
    expect(replied.body).toMatchObject({
      status: 'replied',
      reply: { body: '同意。请按程序采购。', repliedBy: '王秘书' },
    });
    const read = await call({ method: 'GET', path: `/upward/${id}`, as: author });
    expect(read.body.reply.attachments).toEqual([expect.objectContaining({ id: file })]);
    expect(
      (await call({ method: 'GET', path: `/attachments/${file}/download`, as: author })).status,
    ).toBe(302);
    expect(
      (
        await call({
          method: 'POST',
          path: `/upward/${id}/reply`,
          as: clerk,
          body: { body: '再批' },
        })
      ).status,
    ).toBe(409);
  });
});

describe('the reminder check reads only what is due', () => {
  it('reads one item for one due receipt, with 10 or 100 open receipts not yet due', async () => {
    const readsWith = async (open: number, at: number) => {
      // What earlier tests left due by then is read and settled first.
      for (let i = 0; i < 10 && (await check(at + MINUTE)).itemsRead > 0; i++);
      clockAt(at);
      const units = Array.from({ length: open }, (_, i) => `due-unit-${open}-${i}`);
      await seedUnits(
        store,
        units.map((id) => ({ id, name: id, kind: 'township' as const })),
      );
      await send({ recipients: units, kind: 'document', ackWithinMinutes: 7 * 24 * 60 });
      clockAt(at - 20 * MINUTE);
      await send({ recipients: [units[0]] });
      vi.useRealTimers();
      return (await check(at + MINUTE)).itemsRead;
    };
    expect(await readsWith(10, Date.parse('2031-06-01T02:00:00.000Z'))).toBe(1);
    expect(await readsWith(100, Date.parse('2031-06-02T02:00:00.000Z'))).toBe(1);
  });
});
