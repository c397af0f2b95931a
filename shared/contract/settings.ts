import * as z from 'zod/mini';
import { DISPATCH_KINDS } from '../domain/deadlines.ts';

const Minutes = (min: number, max: number) => z.int().check(z.gte(min), z.lte(max));
const KindSettings = z.strictObject({
  firstAfterDeadlineMinutes: Minutes(0, 24 * 60),
  repeatEveryMinutes: Minutes(1, 24 * 60),
  escalateAfter: Minutes(0, 100),
  maxReminders: Minutes(1, 100),
  answerRemindersBeforeMinutes: z.optional(z.array(Minutes(1, 30 * 24 * 60)).check(z.maxLength(5))),
});

const ClockTime = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式：HH:MM'));
const WorkingHoursSpan = z
  .strictObject({ from: ClockTime, to: ClockTime })
  .check(z.refine((span) => span.from < span.to, { message: '结束须晚于开始', path: ['to'] }));

/**
 * The reminder settings, per kind of dispatch, and the office's working
 * hours on a working day (Beijing time): what `PUT` takes and both routes give.
 */
export const ReminderSettingsBody = z.strictObject({
  ...(Object.fromEntries(DISPATCH_KINDS.map((kind) => [kind, KindSettings])) as Record<
    (typeof DISPATCH_KINDS)[number],
    typeof KindSettings
  >),
  workingHours: z.optional(z.array(WorkingHoursSpan).check(z.maxLength(4))),
  /** Kinds sent only as a draft the head of the district office signs off (审核登记); none by default. */
  signOffRequired: z.optional(z.array(z.enum(DISPATCH_KINDS)).check(z.maxLength(3))),
});

const Day = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式：YYYY-MM-DD'));
/** A year of the district calendar: its holidays, and the weekend days worked instead (调休). */
export const CalendarBody = z
  .strictObject({
    year: z.int().check(z.gte(2000), z.lte(2100)),
    holidays: z.array(Day).check(z.maxLength(60)),
    workdays: z.array(Day).check(z.maxLength(20)),
  })
  .check(
    z.refine(
      (calendar) =>
        [...calendar.holidays, ...calendar.workdays].every((day) =>
          day.startsWith(`${calendar.year}-`),
        ),
      { message: '日期须在这一年内', path: ['holidays'] },
    ),
  );
export const CalendarQuery = z.object({
  year: z.coerce.number().check(z.int(), z.gte(2000), z.lte(2100)),
});
