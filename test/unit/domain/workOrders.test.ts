import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../shared/domain/principal.ts';
import { DEFAULT_REMINDER_SETTINGS } from '../../../shared/domain/reminders.ts';
import type { Report } from '../../../shared/domain/reports.ts';
import {
  assigned,
  chaseFrom,
  citizenFeedback,
  reportChase,
  reportNumber,
  numberDay,
  reroutedReport,
} from '../../../shared/domain/workOrders.ts';
import { ConflictError } from '../../../shared/errors.ts';

const HOUR = 3_600_000;
const made = new Date('2026-11-30T17:30:00.000Z'); // 01:30 on 1 December in Shanghai
const citizen: Principal = { sub: 'anonymous', unitId: '', groups: [], sourceIp: '10.0.0.1' };
const report = (over: Partial<Report> = {}): Report => ({
  id: '01JREPORT000000000000000000',
  serviceCode: 'city-appearance',
  unitId: 'urban-management',
  description: '路灯不亮',
  lat: 38.05,
  lng: 114.46,
  status: 'submitted',
  createdAt: made.toISOString(),
  trackingTokenHash: '00',
  photos: [],
  slaHours: 72,
  ...assigned(72, made),
  ...over,
});

describe('work orders', () => {
  it('numbers by the Shanghai day, four digits', () => {
    expect(reportNumber(numberDay(made), 42)).toBe('XH20261201-0042');
  });

  it('chases at the first-answer time, before and after the due time, none before the report was made', () => {
    const { schedule, deadline } = reportChase(report(), DEFAULT_REMINDER_SETTINGS);
    const hours = schedule.map((time) => (time - made.getTime()) / HOUR);
    expect(hours).toEqual([24, 48, 70, 72, 84, 96, 108]);
    expect(deadline).toBe(made.getTime() + 72 * HOUR);
    // An 8-hour category: the first answer is due with it, and "a day before" would be before it was made.
    const short = report({ ...assigned(8, made), slaHours: 8 });
    expect(
      reportChase(short, DEFAULT_REMINDER_SETTINGS).schedule.map(
        (time) => (time - made.getTime()) / HOUR,
      ),
    ).toEqual([6, 8, 20, 32, 44]);
    expect(chaseFrom(report(), DEFAULT_REMINDER_SETTINGS, made)).toEqual({
      remindersSent: 0,
      dueAt: new Date(made.getTime() + 24 * HOUR).toISOString(),
    });
  });

  it('takes the citizen’s word once per resolution; "not fixed" reopens only within 7 days', () => {
    const resolvedAt = new Date(made.getTime() + 10 * HOUR).toISOString();
    const resolved = report({ status: 'resolved', resolvedAt, firstRepliedAt: resolvedAt });
    const late = new Date(Date.parse(resolvedAt) + 8 * 24 * HOUR);
    const word = { fixed: false, satisfaction: 'unsatisfied' as const };
    const tooLate = citizenFeedback(resolved, citizen, late, word, DEFAULT_REMINDER_SETTINGS);
    expect(tooLate.reopens).toBe(false);
    expect(tooLate.report.status).toBe('resolved');
    expect(() =>
      citizenFeedback(tooLate.report, citizen, late, word, DEFAULT_REMINDER_SETTINGS),
    ).toThrow(ConflictError);
    const inTime = citizenFeedback(
      resolved,
      citizen,
      new Date(Date.parse(resolvedAt) + 6 * 24 * HOUR),
      word,
      DEFAULT_REMINDER_SETTINGS,
    );
    expect(inTime.report).toMatchObject({ status: 'reopened', reopened: 1 });
    expect(inTime.report.dueAt).toBeDefined();
  });

  it('gives a report handed back and routed again a clean start with the new department', () => {
    const returned = report({
      status: 'returned',
      judged: true,
      overdue: true,
      supervision: 'orange',
      remindersSent: 4,
      returned: { reason: '不属于本部门', at: made.toISOString(), by: 'urban-management' },
    });
    const later = new Date(made.getTime() + 30 * HOUR);
    const routed = reroutedReport(
      returned,
      { serviceCode: 'central-heating', unitId: 'housing', slaHours: 48 },
      later,
      DEFAULT_REMINDER_SETTINGS,
    );
    expect(routed).toMatchObject({
      status: 'submitted',
      unitId: 'housing',
      slaDueAt: new Date(later.getTime() + 48 * HOUR).toISOString(),
      remindersSent: 0,
    });
    expect([routed.judged, routed.overdue, routed.supervision]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });
});
