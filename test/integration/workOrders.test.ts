import { beforeAll, describe, expect, it } from 'vitest';
import { runReminderCheck } from '../../functions/reminders/reminderCheck.ts';
import { SEED_CATEGORIES } from '../../shared/seed/reportCategories.ts';
import { SEED_UNITS } from '../../shared/seed/units.ts';
import { seedCategories } from '../../shared/store/reportCategories.ts';
import { seedUnits } from '../../shared/store/units.ts';
import { call, office, staffOf, type Caller } from '../support/api.ts';
import { auditOf, countRequests, snapshot, store } from '../support/db.ts';
import { publishedTo } from '../support/sms.ts';
import { testPlatform } from '../support/testPlatform.ts';
import { activePhone } from '../support/phones.ts';

/**
 * Citizens' reports as work orders (API.md v1.2 "Citizen work orders"):
 * numbers and due times, progress notes, 公开 later, 退单, 延期, chasing by
 * SMS, the citizen's word, and the ranking that follows from them. Each
 * test routes a category of its own to a department of its own, so the
 * reminder check of one test never sees another's reports.
 */
const HOUR = 3_600_000;
/** The reminders a phone got (its verification code aside). */
const remindersTo = (phone: string) =>
  publishedTo(phone)
    .map(({ text }) => text)
    .filter((text) => !text.includes('验证码'));
const MINUTE = 60_000;
let n = 0;

/** A department of its own with one reminder phone, and a category of its own routed to it. */
async function department(
  slaHours = 72,
): Promise<{ unit: string; code: string; clerk: Caller; phone: string }> {
  const unit = `wo-dept-${n}`;
  const code = `wo-category-${n++}`;
  await seedUnits(store, [{ id: unit, name: `测试部门${n}`, kind: 'department' }]);
  const routed = await call({
    method: 'PUT',
    path: `/routing/${code}`,
    as: office,
    body: { name: '测试类别', column: '市容随手拍', unitId: unit, active: true, slaHours },
  });
  expect(routed.status).toBe(200);
  return { unit, code, clerk: staffOf(unit), phone: await activePhone(unit) };
}

async function report(code: string) {
  const created = await call({
    method: 'POST',
    path: '/public/reports',
    body: { serviceCode: code, description: '路灯不亮', lat: 38.05, lng: 114.46, photos: [] },
  });
  expect(created.status).toBe(201);
  const { id, trackingToken } = created.body as { id: string; trackingToken: string };
  const staff = await call({ method: 'GET', path: `/reports/${id}`, as: office });
  return {
    id,
    trackingToken,
    ...(staff.body as { number: string; dueAt: string; createdAt: string }),
  };
}

const update = (id: string, as: Caller, body: Record<string, unknown>) =>
  call({ method: 'POST', path: `/reports/${id}/updates`, as, body });
const track = (id: string, token: string) =>
  call({ method: 'GET', path: `/public/reports/${id}`, headers: { 'x-tracking-token': token } });
const feedback = (id: string, token: string, body: Record<string, unknown>) =>
  call({
    method: 'POST',
    path: `/public/reports/${id}/feedback`,
    headers: { 'x-tracking-token': token },
    body,
  });
const queueIds = async (as: Caller, status = 'open') =>
  (
    (await call({ method: 'GET', path: `/reports?status=${status}`, as })).body.items as {
      id: string;
    }[]
  ).map(({ id }) => id);
const rankingOf = async (unit: string) => {
  const ranking = await call({ method: 'GET', path: '/public/ranking' });
  return (ranking.body.units as { unitId: string }[]).find((row) => row.unitId === unit);
};
const check = (at: number) => runReminderCheck({ store, sms: testPlatform.sms, now: new Date(at) });

beforeAll(async () => {
  await seedUnits(store, SEED_UNITS);
  await seedCategories(store, SEED_CATEGORIES);
});

describe('numbers and due times', () => {
  it('numbers each report XH + the Shanghai day + its place in that day, and gives it a due time from its category', async () => {
    const { code } = await department(48);
    const first = await report(code);
    const second = await report(code);
    const day = new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 10).replaceAll('-', '');
    expect(first.number).toMatch(new RegExp(`^XH${day}-\\d{4}$`));
    expect(Number(second.number.slice(-4))).toBe(Number(first.number.slice(-4)) + 1);
    expect(Date.parse(first.dueAt) - Date.parse(first.createdAt)).toBe(48 * HOUR);
    const tracked = await track(first.id, first.trackingToken);
    expect(tracked.body).toMatchObject({
      number: first.number,
      dueAt: first.dueAt,
      feedbackWanted: false,
    });
  });
});

describe('progress notes and 公开 later', () => {
  it('takes any number of notes without a status change, and publishes an earlier reply later', async () => {
    const { code, clerk } = await department();
    const { id } = await report(code);
    expect(
      (await update(id, clerk, { status: 'accepted', reply: '已受理，安排人员查看' })).status,
    ).toBe(201);
    const note1 = await update(id, clerk, { reply: '已联系供电公司' });
    const note2 = await update(id, clerk, { reply: '供电公司明天上午更换灯泡' });
    expect([note1.status, note2.status]).toEqual([201, 201]);
    expect(note2.body.status).toBe('accepted');
    const updates = note2.body.updates as { id: string; status?: string; reply: string }[];
    expect(updates.map(({ status }) => status)).toEqual(['accepted', undefined, undefined]);

    const board = async () =>
      (
        (await call({ method: 'GET', path: '/public/board' })).body.items as {
          id: string;
          updates: { id: string }[];
        }[]
      ).find((item) => item.id === id);
    expect(await board()).toBeUndefined();
    const published = await call({
      method: 'POST',
      path: `/reports/${id}/updates/${updates[1]!.id}/publish`,
      as: clerk,
    });
    expect(published.status).toBe(200);
    expect((await board())?.updates.map((u) => u.id)).toEqual([updates[1]!.id]);
    expect((await auditOf(`REPORT#${id}`)).map(({ action }) => action)).toContain('report.publish');
  });

  it('refuses an empty note, publishing twice, and another department publishing, writing nothing', async () => {
    const { code, clerk } = await department();
    const { id } = await report(code);
    const note = await update(id, clerk, { reply: '已转交' });
    const updateId = (note.body.updates as { id: string }[])[0]!.id;
    const publish = (as: Caller) =>
      call({ method: 'POST', path: `/reports/${id}/updates/${updateId}/publish`, as });
    expect((await publish(clerk)).status).toBe(200);
    const before = await snapshot();
    expect((await update(id, clerk, {})).status).toBe(400);
    expect((await publish(clerk)).status).toBe(409);
    expect((await publish(staffOf('health'))).status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });
});

describe('退单 and routing again', () => {
  it('hands a report back with a reason: out of the queue, into the office’s list, routed again with fresh due times', async () => {
    const wrong = await department();
    const right = await department(24);
    const { id } = await report(wrong.code);
    expect(await queueIds(wrong.clerk)).toContain(id);

    expect(
      (await call({ method: 'POST', path: `/reports/${id}/return`, as: wrong.clerk, body: {} }))
        .status,
    ).toBe(400);
    const returned = await call({
      method: 'POST',
      path: `/reports/${id}/return`,
      as: wrong.clerk,
      body: { reason: '不属于本部门职责，应由供电部门处理' },
    });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({
      status: 'returned',
      returned: { reason: '不属于本部门职责，应由供电部门处理' },
    });
    expect(await queueIds(wrong.clerk, 'all')).not.toContain(id);
    expect(await queueIds(office, 'returned')).toContain(id);
    expect(
      (await call({ method: 'GET', path: '/reports?status=returned', as: wrong.clerk })).status,
    ).toBe(403);
    expect((await update(id, wrong.clerk, { reply: '补充' })).status).toBe(409);

    const routed = await call({
      method: 'POST',
      path: `/reports/${id}/route`,
      as: office,
      body: { serviceCode: right.code },
    });
    expect(routed.status).toBe(200);
    expect(routed.body).toMatchObject({ status: 'submitted', unitId: right.unit });
    expect(Date.parse(routed.body.dueAt as string) - Date.now()).toBeGreaterThan(23 * HOUR);
    expect(await queueIds(office, 'returned')).not.toContain(id);
    expect(await queueIds(right.clerk)).toContain(id);
    // The department that handed it back is not counted for it.
    expect(await rankingOf(wrong.unit)).toMatchObject({ reports: 0 });
  });
});

describe('延期', () => {
  it('lets the department ask for more time and the office approve it; the due time moves', async () => {
    const { code, clerk } = await department(24);
    const { id, dueAt } = await report(code);
    const until = new Date(Date.parse(dueAt) + 48 * HOUR).toISOString();
    const ask = (body: Record<string, unknown>) =>
      call({ method: 'POST', path: `/reports/${id}/extension`, as: clerk, body });
    expect(
      (await ask({ until: new Date(Date.parse(dueAt) - HOUR).toISOString(), reason: '需协调' }))
        .status,
    ).toBe(400);
    const asked = await ask({ until, reason: '需协调供电公司更换线路' });
    expect(asked.status).toBe(202);
    expect(asked.body.extension).toMatchObject({ status: 'pending', until });
    expect((await ask({ until, reason: '再次申请' })).status).toBe(409);
    expect(await queueIds(office, 'extension')).toContain(id);
    expect(
      (await call({ method: 'POST', path: `/reports/${id}/extension/approve`, as: clerk })).status,
    ).toBe(403);

    const approved = await call({
      method: 'POST',
      path: `/reports/${id}/extension/approve`,
      as: office,
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ dueAt: until, extension: { status: 'approved' } });
    expect(await queueIds(office, 'extension')).not.toContain(id);
    expect(
      (await call({ method: 'POST', path: `/reports/${id}/extension/reject`, as: office })).status,
    ).toBe(409);
  });

  it('leaves the due time where it was when the office rejects', async () => {
    const { code, clerk } = await department();
    const { id, dueAt } = await report(code);
    await call({
      method: 'POST',
      path: `/reports/${id}/extension`,
      as: clerk,
      body: { until: new Date(Date.parse(dueAt) + HOUR).toISOString(), reason: '人手不足' },
    });
    const rejected = await call({
      method: 'POST',
      path: `/reports/${id}/extension/reject`,
      as: office,
    });
    expect(rejected.body).toMatchObject({ dueAt, extension: { status: 'rejected' } });
  });
});

describe('chasing by SMS', () => {
  it('texts the department when its first answer is late, once, and tells the office when it stays late', async () => {
    const officePhone = await activePhone('district-office');
    const { unit, code, clerk, phone } = await department(48);
    const { id, createdAt } = await report(code);
    const firstReplyLate = Date.parse(createdAt) + 24 * HOUR + MINUTE;

    const result = await check(firstReplyLate);
    expect(result.reportsReminded).toBeGreaterThanOrEqual(1);
    expect(remindersTo(phone)).toEqual([
      expect.stringMatching(/^【新华区政务网】贵单位有群众诉求1件待办理，最早时限/),
    ]);
    await check(firstReplyLate + 1000);
    expect(remindersTo(phone)).toHaveLength(1);
    const chased = await call({ method: 'GET', path: `/reports/${id}`, as: clerk });
    expect(chased.body.supervision).toBe('blue');
    // Ignored past its first-reply time: it counts against the department at once.
    expect(await rankingOf(unit)).toMatchObject({ resolvedWithinSlaShare: 0 });

    // Past its due time, reminded again and again: the office is told (督办), and it is 逾期.
    const due = Date.parse(createdAt) + 48 * HOUR;
    for (const at of [due - 2 * HOUR + MINUTE, due + MINUTE, due + 12 * HOUR + MINUTE])
      await check(at);
    expect(remindersTo(officePhone)).toContainEqual(expect.stringMatching(/群众诉求逾期未办结/));
    const late = await call({ method: 'GET', path: `/reports/${id}`, as: clerk });
    expect(late.body.supervision).toBe('orange');
    expect(await rankingOf(unit)).toMatchObject({ overdue: 1 });
  });

  it('stops chasing a report once it is resolved, and reads only what is due', async () => {
    const { code, clerk, phone } = await department();
    const { id, createdAt } = await report(code);
    for (let i = 0; i < 5; i++) await report(code);
    await update(id, clerk, { status: 'resolved', reply: '已修复' });
    const { result, counts } = await countRequests(() =>
      check(Date.parse(createdAt) + 24 * HOUR + MINUTE),
    );
    expect(remindersTo(phone)).toEqual([expect.stringMatching(/群众诉求5件待办理/)]);
    // The five unanswered reports are due now; the resolved one is not read.
    expect(result.reports).toBeGreaterThanOrEqual(5);
    expect(counts['ScanCommand'] ?? 0).toBe(0);
  });
});

describe('the citizen’s word', () => {
  it('takes fixed and satisfaction once per resolution; "not fixed" reopens it into the queue', async () => {
    const { unit, code, clerk } = await department();
    const { id, trackingToken } = await report(code);
    expect(
      (await feedback(id, trackingToken, { fixed: true, satisfaction: 'satisfied' })).status,
    ).toBe(409);
    await update(id, clerk, { status: 'resolved', reply: '已修复' });
    expect((await track(id, trackingToken)).body.feedbackWanted).toBe(true);
    expect(
      (await feedback(id, 'wrong-token', { fixed: false, satisfaction: 'unsatisfied' })).status,
    ).toBe(404);
    expect(
      (await feedback(id, trackingToken, { fixed: false, satisfaction: 'maybe' })).status,
    ).toBe(400);

    const notFixed = await feedback(id, trackingToken, {
      fixed: false,
      satisfaction: 'unsatisfied',
      comment: '路灯还是不亮',
    });
    expect(notFixed.status).toBe(201);
    expect(notFixed.body).toMatchObject({ status: 'reopened', feedbackWanted: false });
    expect(await queueIds(clerk)).toContain(id);
    expect(
      (await feedback(id, trackingToken, { fixed: true, satisfaction: 'satisfied' })).status,
    ).toBe(409);

    await update(id, clerk, { status: 'resolved', reply: '已更换线路' });
    const fixed = await feedback(id, trackingToken, { fixed: true, satisfaction: 'satisfied' });
    expect(fixed.body).toMatchObject({
      status: 'resolved',
      feedback: { fixed: true, satisfaction: 'satisfied' },
    });
    expect(await rankingOf(unit)).toMatchObject({
      satisfiedShare: 0.5,
      reopened: 1,
      resolvedWithinSlaShare: 1,
    });
  });
});
