import * as z from 'zod/mini';
import { auditEntry, auditTarget } from '../../shared/domain/audit.ts';
import { DISPATCH_KINDS } from '../../shared/domain/deadlines.ts';
import { apiHandler, defineRoute } from '../../shared/http/apiHandler.ts';
import { storeFromConfig } from '../../shared/store/context.ts';
import { getReminderSettings, putReminderSettings } from '../../shared/store/settings.ts';

const store = storeFromConfig();

const Minutes = (min: number, max: number) => z.int().check(z.gte(min), z.lte(max));
const KindSettings = z.strictObject({
  firstAfterDeadlineMinutes: Minutes(0, 24 * 60),
  repeatEveryMinutes: Minutes(1, 24 * 60),
  escalateAfter: Minutes(0, 100),
  maxReminders: Minutes(1, 100),
  answerRemindersBeforeMinutes: z.optional(z.array(Minutes(1, 30 * 24 * 60)).check(z.maxLength(5))),
});
export const ReminderSettingsBody = z.strictObject(
  Object.fromEntries(DISPATCH_KINDS.map((kind) => [kind, KindSettings])) as Record<
    (typeof DISPATCH_KINDS)[number],
    typeof KindSettings
  >,
);

export const handler = apiHandler('settings', {
  'GET /settings/reminders': defineRoute({
    handle: async () => ({ status: 200, body: await getReminderSettings(store, { fresh: true }) }),
  }),
  'PUT /settings/reminders': defineRoute({
    body: ReminderSettingsBody,
    handle: async ({ body, principal, now }) => ({
      status: 200,
      body: await putReminderSettings(
        store,
        body,
        auditEntry('settings.reminders', auditTarget.reminderSettings(), principal, now, body),
      ),
    }),
  }),
});
