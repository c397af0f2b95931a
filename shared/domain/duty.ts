import { addDays, shanghaiDay } from './reception.ts';

/**
 * Duty (Art7: a unit answers 24 hours a day) and the district's working
 * hours. A unit's roster is a weekly pattern — the nights and weekends that
 * repeat — plus one-off entries for what does not; each names one of the
 * unit's registered phones by its id. Working hours are the district's
 * settings and its calendar (holidays, and the Saturdays or Sundays worked
 * instead, 调休). All of it in Asia/Shanghai, which keeps no summer time.
 */

/** One person on duty from one instant to another (ISO times). */
export interface DutyEntry {
  phoneId: string;
  from: string;
  to: string;
}

/**
 * A shift that repeats every week on `days` (1 Monday … 7 Sunday), from
 * `from` to `to` (`HH:MM`, Beijing time). A shift whose `to` is not after
 * its `from` ends the next morning: `{days:[5], from:'18:00', to:'08:00'}`
 * is Friday night.
 */
export interface WeeklyShift {
  days: number[];
  from: string;
  to: string;
  phoneId: string;
}

export interface DutyRoster {
  weekly: WeeklyShift[];
  entries: DutyEntry[];
}

/** The office's hours on a working day (`HH:MM`, Beijing time), e.g. 08:30–12:00 and 14:00–17:30. */
export interface WorkingHours {
  from: string;
  to: string;
}

/** A year of the district's calendar: days off on weekdays, and weekend days worked (调休). */
export interface DistrictCalendar {
  year: number;
  holidays: string[];
  workdays: string[];
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The Beijing wall clock of an instant: its day, weekday (1 Monday … 7 Sunday) and `HH:MM`. */
export function beijingClock(at: Date): { day: string; weekday: number; time: string } {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  return {
    day: shanghaiDay(at.toISOString()),
    weekday: local.getUTCDay() === 0 ? 7 : local.getUTCDay(),
    time: local.toISOString().slice(11, 16),
  };
}

const previousWeekday = (weekday: number) => (weekday === 1 ? 7 : weekday - 1);

/** Whether a weekly shift covers this moment, the night after its day included. */
export function shiftCovers(shift: Omit<WeeklyShift, 'phoneId'>, at: Date): boolean {
  const { weekday, time } = beijingClock(at);
  if (shift.from < shift.to)
    return shift.days.includes(weekday) && shift.from <= time && time < shift.to;
  // Across midnight: the evening of its day, or the morning after it.
  return (
    (shift.days.includes(weekday) && time >= shift.from) ||
    (shift.days.includes(previousWeekday(weekday)) && time < shift.to)
  );
}

/** The ids of the phones on duty at this moment: the weekly pattern's and the one-off entries'. */
export function onDutyAt(roster: DutyRoster, at: Date): string[] {
  const iso = at.toISOString();
  return [
    ...new Set([
      ...roster.weekly.filter((shift) => shiftCovers(shift, at)).map((shift) => shift.phoneId),
      ...roster.entries
        .filter((entry) => entry.from <= iso && iso < entry.to)
        .map((entry) => entry.phoneId),
    ]),
  ];
}

/** Whether a day is worked: Monday to Friday unless a holiday, a weekend day only when listed as worked. */
export function isWorkday(day: string, weekday: number, calendars: DistrictCalendar[]): boolean {
  const calendar = calendars.find((year) => year.year === Number(day.slice(0, 4)));
  if (calendar?.holidays.includes(day)) return false;
  if (calendar?.workdays.includes(day)) return true;
  return weekday <= 5;
}

/**
 * Whether the office is at work at this moment. No working hours set means
 * the district has not said: every moment counts as working hours, and
 * reminders go as they always have.
 */
export function inWorkingHours(
  at: Date,
  hours: WorkingHours[] | undefined,
  calendars: DistrictCalendar[],
): boolean {
  if (!hours || hours.length === 0) return true;
  const { day, weekday, time } = beijingClock(at);
  if (!isWorkday(day, weekday, calendars)) return false;
  return hours.some((span) => span.from <= time && time < span.to);
}

/** The calendar years a moment's check needs (its own, and the day before's at New Year). */
export const calendarYearsOf = (at: Date): number[] => {
  const day = shanghaiDay(at.toISOString());
  return [...new Set([Number(day.slice(0, 4)), Number(addDays(day, -1).slice(0, 4))])];
};
