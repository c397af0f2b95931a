import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { runReminderCheck } from '../../functions/reminders/reminderCheck.ts';
import { logger } from '../../shared/observability/logger.ts';
import { seedUnits } from '../../shared/store/units.ts';
import { admin, call, office, staffOf, type Caller } from '../support/api.ts';
import { store } from '../support/db.ts';
import { testPlatform } from '../support/testPlatform.ts';
import { activePhone } from '../support/phones.ts';
import { newMobile, publishedTo, sns } from '../support/sms.ts';

const sms = testPlatform.sms;
const MINUTE = 60_000;
let unitCount = 0;

/** A short Chinese name, as units have: an escalation names the unit in full. */
const nameOf = (unitId: string) => `测试单位${unitId.replace('reminder-unit-', '')}`;

/** A unit of its own for each test, so runs of one test never text another test's phones. */
async function newUnit(): Promise<string> {
  const n = unitCount++;
  const id = `reminder-unit-${n}`;
  await seedUnits(store, [{ id, name: nameOf(id), kind: 'township' }]);
  return id;
}

/**
 * A district office of the test's own (a unit whose district-office clerk
 * sends), with one reminder phone: escalations of this test reach only it.
 */
async function ownOffice(): Promise<{ sender: Caller; phone: string }> {
  const unit = await newUnit();
  return {
    sender: { group: 'district-office', unit, sub: `clerk-${unit}` },
    phone: await activePhone(unit),
  };
}

async function sendNotice(
  units: string[],
  over: Record<string, unknown> = {},
  sender: Caller = office,
) {
  const sent = await call({
    method: 'POST',
    path: '/dispatches',
    as: sender,
    body: {
      kind: 'notice',
      title: '紧急通知：防汛',
      body: '内容',
      recipients: units,
      declaredUnclassified: true,
      ...over,
    },
  });
  expect(sent.status).toBe(201);
  return { id: sent.body.id as string, deadline: Date.parse(sent.body.ackDueAt) };
}

const check = (at: number) => runReminderCheck({ store, sms, now: new Date(at) });
const reminders = (phone: string) =>
  publishedTo(phone).filter((message) => !message.text.includes('验证码'));

beforeAll(async () => {
  await seedUnits(store, [{ id: 'district-office', name: '区政府办公室', kind: 'department' }]);
});
beforeEach(() => {
  sns.acceptAll();
});

describe('the reminder check', () => {
  it('texts nothing before the deadline, then the unit’s reminder phones at it, naming no content', async () => {
    const unit = await newUnit();
    const [first, second] = [await activePhone(unit), await activePhone(unit)];
    const { deadline } = await sendNotice([unit]);

    await check(deadline - 1000);
    expect(reminders(first)).toEqual([]);
    await check(deadline + 1000);
    for (const phone of [first, second]) {
      expect(reminders(phone)).toHaveLength(1);
      expect(reminders(phone)[0]?.text).toMatch(
        /^【新华区政务网】贵单位有通知1件待签收或办理，最早时限\d+月\d+日\d\d:\d\d，请尽快登录处理。$/,
      );
      expect(reminders(phone)[0]?.text).not.toContain('防汛');
    }
    // The same minute again: nothing new. Ten minutes on: the next reminder.
    await check(deadline + 30_000);
    expect(reminders(first)).toHaveLength(1);
    await check(deadline + 10 * MINUTE + 1000);
    expect(reminders(first)).toHaveLength(2);
  });

  it('sends one SMS per phone listing the count, whatever the number of items', async () => {
    const unit = await newUnit();
    const phone = await activePhone(unit);
    await sendNotice([unit]);
    const { deadline } = await sendNotice([unit]);
    await sendNotice([unit], { kind: 'document', ackWithinMinutes: 10 });
    await check(deadline + 2000);
    expect(reminders(phone)).toHaveLength(1);
    expect(reminders(phone)[0]?.text).toContain('通知2件、文件1件');
  });

  it('3 overlapping runs send each SMS once', async () => {
    const unit = await newUnit();
    const phone = await activePhone(unit);
    const { deadline } = await sendNotice([unit]);
    await Promise.all([check(deadline + 1000), check(deadline + 1000), check(deadline + 1000)]);
    expect(reminders(phone)).toHaveLength(1);
  });

  it('stops once the unit acknowledges', async () => {
    const unit = await newUnit();
    const phone = await activePhone(unit);
    const { id, deadline } = await sendNotice([unit]);
    await check(deadline + 1000);
    await call({ method: 'POST', path: `/dispatches/${id}/ack`, as: staffOf(unit) });
    await check(deadline + 10 * MINUTE + 1000);
    await check(deadline + 20 * MINUTE + 1000);
    expect(reminders(phone)).toHaveLength(1);
  });

  it('texts nothing to retired, unverified or unregistered numbers', async () => {
    const unit = await newUnit();
    const retired = await activePhone(unit);
    await call({
      method: 'DELETE',
      path: `/units/${unit}/phones/${encodeURIComponent(retired)}`,
      as: admin,
    });
    const unverified = newMobile();
    await call({
      method: 'POST',
      path: `/units/${unit}/phones`,
      as: admin,
      body: { phone: unverified, holderName: '新人', remind: true },
    });
    const quiet = await activePhone(unit, false);
    const { deadline } = await sendNotice([unit]);
    await check(deadline + 1000);
    expect([...reminders(retired), ...reminders(unverified), ...reminders(quiet)]).toEqual([]);
  });

  it('texts whoever is on duty now, and not who is off duty', async () => {
    const unit = await newUnit();
    const onDuty = await activePhone(unit, false);
    const offDuty = await activePhone(unit, false);
    const { deadline } = await sendNotice([unit]);
    const at = deadline + 1000;
    const entries = [
      {
        phone: onDuty,
        from: new Date(at - 60 * MINUTE).toISOString(),
        to: new Date(at + 60 * MINUTE).toISOString(),
      },
      {
        phone: offDuty,
        from: new Date(at + 60 * MINUTE).toISOString(),
        to: new Date(at + 120 * MINUTE).toISOString(),
      },
    ];
    const unitAdmin: Caller = { group: 'unit-admin', unit };
    expect(
      (await call({ method: 'PUT', path: `/units/${unit}/duty`, as: unitAdmin, body: { entries } }))
        .status,
    ).toBe(200);
    await check(at);
    expect(reminders(onDuty)).toHaveLength(1);
    expect(reminders(offDuty)).toEqual([]);
  });

  it('escalates to the district office after two reminders', async () => {
    const unit = await newUnit();
    const phone = await activePhone(unit);
    const { sender, phone: officePhone } = await ownOffice();
    const { deadline } = await sendNotice([unit], {}, sender);
    await check(deadline + 1000);
    await check(deadline + 10 * MINUTE + 1000);
    expect(reminders(officePhone)).toEqual([]);
    await check(deadline + 20 * MINUTE + 1000);
    expect(reminders(phone)).toHaveLength(3);
    expect(reminders(officePhone)).toHaveLength(1);
    // It names the late unit.
    expect(reminders(officePhone)[0]?.text).toMatch(
      new RegExp(
        `^【新华区政务网】${nameOf(unit)}共1件逾期未签收或未反馈，最早时限\\d+月\\d+日\\d\\d:\\d\\d，请督促。$`,
      ),
    );
  });

  it('retries what SNS refused in the next run, and only that', async () => {
    const unit = await newUnit();
    const [ok, failing] = [await activePhone(unit), await activePhone(unit)];
    const { deadline } = await sendNotice([unit]);
    sns.refuse(failing, 'InternalError', 500);
    const first = await check(deadline + 1000);
    expect(first.failed).toBeGreaterThanOrEqual(1);
    expect(reminders(ok)).toHaveLength(1);

    sns.accept(failing);
    await check(deadline + 2 * 1000);
    expect(reminders(ok)).toHaveLength(1);
    // The refused attempts are in the stand-in's log too: the last one went through.
    expect(publishedTo(failing).length).toBeGreaterThanOrEqual(2);
    // Delivered: the receipt moved on, so the next run within the cadence sends this unit nothing.
    const before = reminders(ok).length + publishedTo(failing).length;
    await check(deadline + 5 * MINUTE);
    expect(reminders(ok).length + publishedTo(failing).length).toBe(before);
  });

  it('never logs a phone number', async () => {
    const unit = await newUnit();
    const phone = await activePhone(unit);
    const { deadline } = await sendNotice([unit]);
    sns.refuse(phone, 'Throttling');
    const lines: string[] = [];
    const streams = [process.stdout, process.stderr];
    const writes = streams.map((stream) => stream.write.bind(stream));
    logger.setLogLevel('DEBUG');
    for (const stream of streams) stream.write = (chunk: string) => (lines.push(chunk), true);
    try {
      await check(deadline + 1000);
    } finally {
      streams.forEach((stream, i) => (stream.write = writes[i]!));
      logger.setLogLevel('SILENT');
    }
    const output = lines.join('');
    expect(output).toContain('SMS not sent');
    expect(output).not.toContain(phone.slice(3));
    expect(output).toContain(`${phone.slice(3, 6)}****${phone.slice(-4)}`);
  });

  it('does not let one number SNS always refuses hold back the unit’s other reminders', async () => {
    const unit = await newUnit();
    const [ok, bad] = [await activePhone(unit), await activePhone(unit)];
    const { deadline } = await sendNotice([unit]);
    sns.refuse(bad, 'InvalidParameter');

    // The check runs every minute. The bad number gets three tries over three runs; then it is
    // given up for this reminder, and marked failing.
    for (const minute of [0, 1, 2]) await check(deadline + minute * MINUTE + 1000);
    expect(reminders(bad)).toHaveLength(3);
    const phones = await call({ method: 'GET', path: `/units/${unit}/phones`, as: admin });
    expect(
      phones.body.items.find((item: { phone: string }) => item.phone === bad).failingSince,
    ).toBeDefined();

    // Reminders 2 to 6 still reach the good number, each at its time.
    for (let minute = 3; minute <= 55; minute++) {
      await check(deadline + minute * MINUTE + 1000);
      expect(reminders(ok)).toHaveLength(1 + Math.floor(minute / 10));
    }
    expect(reminders(ok)).toHaveLength(6);
  });

  it('tells the district office at the last reminder, naming the unit, even when escalation is set later', async () => {
    const unit = await newUnit();
    const phone = await activePhone(unit);
    const { sender, phone: officePhone } = await ownOffice();
    const current = (await call({ method: 'GET', path: '/settings/reminders', as: office })).body;
    const late = { ...current, notice: { ...current.notice, escalateAfter: 10, maxReminders: 2 } };
    expect(
      (await call({ method: 'PUT', path: '/settings/reminders', as: office, body: late })).status,
    ).toBe(200);
    try {
      const { deadline } = await sendNotice([unit], {}, sender);
      await check(deadline + 1000);
      expect(reminders(officePhone)).toEqual([]);
      await check(deadline + 10 * MINUTE + 1000);
      expect(reminders(phone)).toHaveLength(2);
      expect(reminders(officePhone)).toEqual([
        expect.objectContaining({ text: expect.stringContaining(nameOf(unit)) }),
      ]);
    } finally {
      await call({ method: 'PUT', path: '/settings/reminders', as: office, body: current });
    }
  });

  it('tells the district office at once when a late unit has no phone, counts it, and shows it on the dispatch', async () => {
    const unit = await newUnit();
    const { sender, phone: officePhone } = await ownOffice();
    const { id, deadline } = await sendNotice([unit], {}, sender);
    const result = await check(deadline + 1000);
    expect(result.unitsWithoutPhone).toBeGreaterThanOrEqual(1);
    expect(reminders(officePhone)).toEqual([
      expect.objectContaining({ text: expect.stringContaining(nameOf(unit)) }),
    ]);
    const view = await call({ method: 'GET', path: `/dispatches/${id}`, as: sender });
    expect(view.body.receipts).toEqual([
      expect.objectContaining({ unitId: unit, noPhoneToRemind: true }),
    ]);
  });

  it('texts each phone once when overlapping runs read different due sets for a unit', async () => {
    const unit = await newUnit();
    const phone = await activePhone(unit);
    const first = await sendNotice([unit]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await sendNotice([unit]);
    // One run sees only the first notice due, the other both: the same unit and reminder time.
    await Promise.all([check(first.deadline + 10), check(second.deadline + 10)]);
    expect(reminders(phone)).toHaveLength(1);
  });
});

describe('who is texted: working hours, the district calendar and the weekly roster (Art7)', () => {
  const settings = async (workingHours: { from: string; to: string }[] | undefined) => {
    const current = (await call({ method: 'GET', path: '/settings/reminders', as: office })).body;
    const { workingHours: _old, ...kinds } = current;
    const put = await call({
      method: 'PUT',
      path: '/settings/reminders',
      as: office,
      body: { ...kinds, ...(workingHours ? { workingHours } : {}) },
    });
    expect(put.status).toBe(200);
  };
  afterAll(async () => {
    await settings(undefined);
  });

  /** A notice sent 10 minutes before `beijing` (Beijing wall time), checked just after its deadline. */
  async function remindedAt(unit: string, beijing: string) {
    const deadline = Date.parse(`${beijing}+08:00`);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(deadline - 10 * MINUTE));
    try {
      await sendNotice([unit]);
    } finally {
      vi.useRealTimers();
    }
    await check(deadline + 1000);
  }

  it('texts the reminder phones in working hours, and whoever is on duty outside them: nights across midnight, weekends, holidays; a 调休 Saturday is worked', async () => {
    await settings([
      { from: '08:30', to: '12:00' },
      { from: '14:00', to: '17:30' },
    ]);
    // 2031: 10 February (a Monday) is a holiday, Saturday 15 February is worked instead.
    expect(
      (
        await call({
          method: 'PUT',
          path: '/calendar',
          as: admin,
          body: { year: 2031, holidays: ['2031-02-10'], workdays: ['2031-02-15'] },
        })
      ).status,
    ).toBe(200);
    const unit = await newUnit();
    const day = await activePhone(unit, true);
    const night = await activePhone(unit, false);
    const weekend = await activePhone(unit, false);
    const holiday = await activePhone(unit, false);
    const ids = Object.fromEntries(
      (await call({ method: 'GET', path: `/units/${unit}/phones`, as: admin })).body.items.map(
        (phone: { phone: string; id: string }) => [phone.phone, phone.id],
      ),
    );
    const roster = await call({
      method: 'PUT',
      path: `/units/${unit}/duty`,
      as: admin,
      body: {
        weekly: [
          { days: [1, 2, 3, 4, 5], from: '17:30', to: '08:30', phoneId: ids[night] },
          { days: [6, 7], from: '08:30', to: '08:30', phoneId: ids[weekend] },
        ],
        entries: [
          { phoneId: ids[holiday], from: '2031-02-10T00:30:00Z', to: '2031-02-10T09:30:00Z' },
        ],
      },
    });
    expect(roster.status).toBe(200);
    const texted = () => [day, night, weekend, holiday].map((phone) => reminders(phone).length);
    let last = [0, 0, 0, 0];
    const newly = () => {
      const now = texted();
      const diff = now.map((count, i) => count - (last[i] ?? 0));
      last = now;
      return diff;
    };

    await remindedAt(unit, '2031-02-12T10:00:00'); // Wednesday morning: at work
    expect(newly()).toEqual([1, 0, 0, 0]);
    await remindedAt(unit, '2031-02-12T23:00:00'); // Wednesday night
    expect(newly()).toEqual([0, 1, 0, 0]);
    await remindedAt(unit, '2031-02-13T02:00:00'); // after midnight: still Wednesday's night shift
    expect(newly()).toEqual([0, 1, 0, 0]);
    await remindedAt(unit, '2031-02-08T15:00:00'); // Saturday afternoon
    expect(newly()).toEqual([0, 0, 1, 0]);
    await remindedAt(unit, '2031-02-10T10:00:00'); // the holiday Monday: its own duty entry
    expect(newly()).toEqual([0, 0, 0, 1]);
    await remindedAt(unit, '2031-02-15T10:00:00'); // the Saturday worked: at work, and the weekend shift
    expect(newly()).toEqual([1, 0, 1, 0]);
    await remindedAt(unit, '2031-02-12T12:30:00'); // lunch, nobody on duty: the reminder phones after all
    expect(newly()).toEqual([1, 0, 0, 0]);
  });
});
