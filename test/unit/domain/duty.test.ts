import { describe, expect, it } from 'vitest';
import {
  beijingClock,
  inWorkingHours,
  isWorkday,
  onDutyAt,
  shiftCovers,
} from '../../../shared/domain/duty.ts';

/** A moment given in Beijing wall time (Asia/Shanghai keeps no summer time: always UTC+8). */
const beijing = (wall: string) => new Date(`${wall}+08:00`);

describe('the Beijing clock', () => {
  it('gives the day, the weekday (1 Monday … 7 Sunday) and the time, the same in July as in January', () => {
    expect(beijingClock(beijing('2026-11-30T00:15'))).toEqual({
      day: '2026-11-30',
      weekday: 1,
      time: '00:15',
    });
    // 23:30 UTC on a Saturday is already Sunday morning in Beijing.
    expect(beijingClock(new Date('2026-11-28T23:30:00Z'))).toMatchObject({
      day: '2026-11-29',
      weekday: 7,
      time: '07:30',
    });
    expect(beijingClock(beijing('2026-07-05T12:00')).time).toBe('12:00');
    expect(beijingClock(beijing('2026-01-05T12:00')).time).toBe('12:00');
  });
});

describe('weekly shifts', () => {
  const weeknights = { days: [1, 2, 3, 4, 5], from: '17:30', to: '08:30' };
  const weekend = { days: [6, 7], from: '08:30', to: '08:30' };
  const office = { days: [1, 2, 3, 4, 5], from: '08:30', to: '17:30' };

  it.each([
    ['a weeknight after work', '2026-12-02T22:00', weeknights, true],
    ['the same night after midnight', '2026-12-03T02:00', weeknights, true],
    ['its end, 08:30, is no longer the night', '2026-12-03T08:30', weeknights, false],
    ['Saturday 02:00: still Friday’s night shift', '2026-12-05T02:00', weeknights, true],
    ['Monday 02:00: not Sunday’s (no shift that night)', '2026-12-07T02:00', weeknights, false],
    ['Saturday afternoon: the weekend', '2026-12-05T15:00', weekend, true],
    ['Monday 08:00: Sunday’s 24 hours', '2026-12-07T08:00', weekend, true],
    ['Monday 09:00: the weekend is over', '2026-12-07T09:00', weekend, false],
    ['a working morning', '2026-12-02T09:00', office, true],
    ['a Saturday morning for an office shift', '2026-12-05T09:00', office, false],
  ])('%s', (_, wall, shift, covered) => {
    expect(shiftCovers(shift, beijing(wall))).toBe(covered);
  });

  it('puts the weekly and the one-off on duty together, each once', () => {
    const roster = {
      weekly: [{ ...weeknights, phoneId: 'NIGHT' }],
      entries: [
        { phoneId: 'EXTRA', from: '2026-12-02T13:00:00Z', to: '2026-12-02T16:00:00Z' },
        { phoneId: 'NIGHT', from: '2026-12-02T13:00:00Z', to: '2026-12-02T16:00:00Z' },
      ],
    };
    expect(onDutyAt(roster, beijing('2026-12-02T22:00'))).toEqual(['NIGHT', 'EXTRA']);
    expect(onDutyAt(roster, beijing('2026-12-03T10:00'))).toEqual([]);
  });
});

describe('working hours and the district calendar', () => {
  const calendar = [
    { year: 2027, holidays: ['2027-10-01', '2027-10-04'], workdays: ['2027-09-26'] },
  ];
  const hours = [
    { from: '08:30', to: '12:00' },
    { from: '14:00', to: '17:30' },
  ];

  it('works Monday to Friday, not on a holiday, and on a weekend day worked instead (调休)', () => {
    expect(isWorkday('2027-09-29', 3, calendar)).toBe(true);
    expect(isWorkday('2027-10-02', 6, calendar)).toBe(false);
    expect(isWorkday('2027-10-01', 5, calendar)).toBe(false);
    expect(isWorkday('2027-10-04', 1, calendar)).toBe(false);
    expect(isWorkday('2027-09-26', 7, calendar)).toBe(true);
    // A year nobody set is Monday to Friday.
    expect(isWorkday('2028-01-03', 1, calendar)).toBe(true);
  });

  it.each([
    ['a Wednesday morning', '2027-09-29T09:00', true],
    ['lunch', '2027-09-29T12:30', false],
    ['17:30 sharp', '2027-09-29T17:30', false],
    ['the holiday', '2027-10-01T09:00', false],
    ['the Sunday worked', '2027-09-26T09:00', true],
    ['a Saturday', '2027-10-09T09:00', false],
  ])('%s', (_, wall, atWork) => {
    expect(inWorkingHours(beijing(wall), hours, calendar)).toBe(atWork);
  });

  it('counts every moment as working hours until the district sets them', () => {
    expect(inWorkingHours(beijing('2027-10-01T03:00'), undefined, calendar)).toBe(true);
    expect(inWorkingHours(beijing('2027-10-01T03:00'), [], calendar)).toBe(true);
  });
});
