import { describe, expect, it } from 'vitest';
import type { Receipt } from '../../../shared/domain/receipts.ts';
import { escalationSms, unitReminderSms } from '../../../shared/domain/smsTemplates.ts';
import {
  decideReminder,
  chasedReceipt,
  planReminderMessages,
  DEFAULT_REMINDER_SETTINGS as settings,
  reminderSchedule,
  startReminders,
} from '../../../shared/domain/reminders.ts';

const notice: Receipt = {
  dispatchId: '01JDISPATCH0000000000000000',
  unitId: 'environment',
  kind: 'notice',
  title: '通知',
  sentAt: '2026-11-25T02:00:00.000Z',
  ackDueAt: '2026-11-25T02:10:00.000Z',
  status: 'pending',
  remindersSent: 0,
};
const iso = (ms: number) => new Date(ms).toISOString();
const at = (text: string) => new Date(text);

describe('reminder schedule', () => {
  it('reminds an unacknowledged notice at its deadline, then every 10 minutes, 6 times at most', () => {
    expect(reminderSchedule(notice, settings).map(iso)).toEqual([
      '2026-11-25T02:10:00.000Z',
      '2026-11-25T02:20:00.000Z',
      '2026-11-25T02:30:00.000Z',
      '2026-11-25T02:40:00.000Z',
      '2026-11-25T02:50:00.000Z',
      '2026-11-25T03:00:00.000Z',
    ]);
  });

  it('reminds an acknowledged feedback request 24 h and 2 h before its answer is due, then at the deadline', () => {
    const feedback: Receipt = {
      ...notice,
      kind: 'feedback',
      status: 'acknowledged',
      respondBy: '2026-11-28T08:00:00.000Z',
    };
    expect(reminderSchedule(feedback, settings).slice(0, 3).map(iso)).toEqual([
      '2026-11-27T08:00:00.000Z',
      '2026-11-28T06:00:00.000Z',
      '2026-11-28T08:00:00.000Z',
    ]);
  });

  it('has nothing for what is owed no more', () => {
    expect(reminderSchedule({ ...notice, status: 'acknowledged' }, settings)).toEqual([]);
    expect(
      startReminders({ ...notice, status: 'acknowledged' }, settings, at('2026-11-25T02:05:00Z')),
    ).toEqual({ remindersSent: 0 });
  });

  it('honours the settings: a grace after the deadline and another cadence', () => {
    const custom = {
      ...settings,
      notice: {
        ...settings.notice,
        firstAfterDeadlineMinutes: 5,
        repeatEveryMinutes: 15,
        maxReminders: 2,
      },
    };
    expect(reminderSchedule(notice, custom).map(iso)).toEqual([
      '2026-11-25T02:15:00.000Z',
      '2026-11-25T02:30:00.000Z',
    ]);
  });
});

describe('decideReminder', () => {
  it('marks a feedback answer’s reminders before its deadline early, and the one at the deadline not', () => {
    const feedback: Receipt = {
      ...notice,
      kind: 'feedback',
      status: 'acknowledged',
      respondBy: '2026-11-28T08:00:00.000Z',
    };
    expect(decideReminder(feedback, settings, at('2026-11-27T08:00:30Z'))).toMatchObject({
      remind: true,
      early: true,
    });
    const second = { ...feedback, remindersSent: 2 };
    expect(decideReminder(second, settings, at('2026-11-28T08:00:30Z'))).toMatchObject({
      remind: true,
      early: false,
    });
  });

  it('does not remind before the deadline', () => {
    expect(decideReminder(notice, settings, at('2026-11-25T02:09:59Z'))).toEqual({
      remind: false,
      escalate: false,
      missed: false,
      early: false,
      remindersSent: 0,
      dueAt: '2026-11-25T02:10:00.000Z',
    });
  });

  it('reminds at the deadline and moves the next one by the cadence', () => {
    expect(decideReminder(notice, settings, at('2026-11-25T02:10:30Z'))).toEqual({
      remind: true,
      escalate: false,
      missed: false,
      early: false,
      supervision: 'blue',
      remindersSent: 1,
      dueAt: '2026-11-25T02:20:00.000Z',
    });
  });

  it('escalates to the district office from the third reminder', () => {
    expect(
      decideReminder({ ...notice, remindersSent: 1 }, settings, at('2026-11-25T02:20:01Z'))
        .escalate,
    ).toBe(false);
    expect(
      decideReminder({ ...notice, remindersSent: 2 }, settings, at('2026-11-25T02:30:01Z'))
        .escalate,
    ).toBe(true);
  });

  it('after an outage sends one reminder for all missed times, and escalates as lateness demands', () => {
    expect(decideReminder(notice, settings, at('2026-11-25T02:35:00Z'))).toEqual({
      remind: true,
      escalate: true,
      missed: false,
      early: false,
      supervision: 'orange',
      remindersSent: 3,
      dueAt: '2026-11-25T02:40:00.000Z',
    });
  });

  it('escalates at the last reminder even when escalation is set later than that', () => {
    const late = {
      ...settings,
      notice: { ...settings.notice, escalateAfter: 10, maxReminders: 3 },
    };
    expect(
      decideReminder({ ...notice, remindersSent: 1 }, late, at('2026-11-25T02:20:01Z')),
    ).toEqual({
      remind: true,
      escalate: false,
      missed: false,
      early: false,
      supervision: 'blue',
      remindersSent: 2,
      dueAt: '2026-11-25T02:30:00.000Z',
    });
    expect(
      decideReminder(
        { ...notice, remindersSent: 2, supervision: 'blue' },
        late,
        at('2026-11-25T02:30:01Z'),
      ),
    ).toEqual({
      remind: true,
      escalate: true,
      missed: false,
      early: false,
      supervision: 'orange',
      remindersSent: 3,
      dueAt: '2026-11-26T02:10:00.000Z',
    });
  });

  it('after the last reminder looks again only when the item would be missed, 24 h past its deadline', () => {
    const lastDone = { ...notice, remindersSent: 6, supervision: 'orange' as const };
    expect(
      decideReminder({ ...notice, remindersSent: 5 }, settings, at('2026-11-25T03:00:00Z')),
    ).toMatchObject({
      remind: true,
      escalate: true,
      remindersSent: 6,
      dueAt: '2026-11-26T02:10:00.000Z',
    });
    expect(decideReminder(lastDone, settings, at('2026-11-26T02:09:59Z'))).toEqual({
      remind: false,
      escalate: false,
      missed: false,
      early: false,
      remindersSent: 6,
      dueAt: '2026-11-26T02:10:00.000Z',
    });
    // Missed: red, and nothing more is due.
    expect(decideReminder(lastDone, settings, at('2026-11-26T02:10:00Z'))).toEqual({
      remind: false,
      escalate: false,
      missed: true,
      early: false,
      supervision: 'red',
      remindersSent: 6,
    });
  });

  it('misses a receipt once: the answer owed after a missed 签收 has reminders but no second miss', () => {
    const feedback: Receipt = {
      ...notice,
      kind: 'feedback',
      status: 'acknowledged',
      acknowledgedAt: '2026-11-26T05:00:00.000Z',
      respondBy: '2026-11-28T08:00:00.000Z',
      missedAt: '2026-11-26T02:10:00.000Z',
      supervision: 'red',
      remindersSent: 0,
    };
    const started = startReminders(feedback, settings, at('2026-11-26T05:00:00Z'));
    expect(started).toEqual({ remindersSent: 0, dueAt: '2026-11-27T08:00:00.000Z' });
    const decision = decideReminder(
      { ...feedback, remindersSent: 6 },
      settings,
      at('2026-11-30T00:00:00Z'),
    );
    expect(decision).toEqual({
      remind: false,
      escalate: false,
      missed: false,
      early: false,
      remindersSent: 6,
    });
  });

  it('never lowers a colour: a reminder to a unit already escalated stays orange', () => {
    const decision = decideReminder(
      { ...notice, remindersSent: 1, supervision: 'orange' },
      { ...settings, notice: { ...settings.notice, escalateAfter: 5 } },
      at('2026-11-25T02:20:01Z'),
    );
    expect(decision.remind).toBe(true);
    expect(decision.escalate).toBe(false);
    expect(decision.supervision).toBeUndefined();
  });
});

describe('planReminderMessages', () => {
  const texts = {
    unit: (counts: Record<string, number>, earliest: string) => unitReminderSms(counts, earliest),
    escalation: (name: string, units: number, counts: Record<string, number>, earliest: string) =>
      escalationSms(name, units, counts, earliest),
  };
  const names = { health: '区卫生局', education: '区教育局' };
  const units = (withPhone: string[]) => ({
    hasPhone: (unitId: string) => withPhone.includes(unitId),
    name: (unitId: string) => names[unitId as keyof typeof names],
  });
  const dueReceipt = (unitId: string, dispatchId: string, dueAt: string, early = false) => ({
    item: chasedReceipt({ ...notice, unitId, dispatchId, dueAt, senderUnit: 'district-office' }),
    decision: {
      remind: true,
      escalate: false,
      missed: false,
      early,
      remindersSent: 1,
      dueAt: '2026-11-25T02:20:00.000Z',
    },
  });

  it('claims one slot per unit and reminder time, whatever else is due with it', () => {
    const a = dueReceipt('health', 'A', '2026-11-25T02:10:00.000Z');
    const b = dueReceipt('health', 'B', '2026-11-25T02:10:30.000Z');
    // Two runs that read different due sets for the same unit claim the same slot.
    const [first] = planReminderMessages([a], units(['health']), texts);
    const [second] = planReminderMessages([a, b], units(['health']), texts);
    expect(first?.slot).toBe('UNIT#2026-11-25T02:10:00.000Z');
    expect(second?.slot).toBe(first?.slot);
    expect(second?.refs).toEqual(['A#health', 'B#health']);
  });

  it('tells the sender, naming the unit, instead of texting a unit that has no phone', () => {
    const messages = planReminderMessages(
      [
        dueReceipt('health', 'A', '2026-11-25T02:10:00.000Z'),
        dueReceipt('education', 'B', '2026-11-25T02:10:00.000Z'),
      ],
      units(['education']),
      texts,
    );
    expect(messages.map(({ unitId, sms }) => [unitId, sms.template, sms.params])).toEqual([
      [
        'education',
        'unitReminder',
        { items: '通知1件', owed: '待签收或办理', deadline: '11月25日10:10' },
      ],
      [
        'district-office',
        'escalation',
        { units: '区卫生局', count: '1', what: '件逾期未签收或未反馈', deadline: '11月25日10:10' },
      ],
    ]);
  });

  it('tells nobody of a unit without a phone before its deadline: nothing is 逾期 yet', () => {
    const messages = planReminderMessages(
      [dueReceipt('health', 'A', '2026-11-25T02:10:00.000Z', true)],
      units([]),
      texts,
    );
    expect(messages).toEqual([]);
  });
});
