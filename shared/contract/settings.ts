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

/** The reminder settings, per kind of dispatch: what `PUT` takes and both routes give. */
export const ReminderSettingsBody = z.strictObject(
  Object.fromEntries(DISPATCH_KINDS.map((kind) => [kind, KindSettings])) as Record<
    (typeof DISPATCH_KINDS)[number],
    typeof KindSettings
  >,
);
