import { ReminderSettingsBody } from '../../shared/contract/settings.ts';
import { auditEntry, auditTarget } from '../../shared/domain/audit.ts';
import { apiHandler, defineRoute } from '../../shared/http/apiHandler.ts';
import { storeFromConfig } from '../../shared/store/context.ts';
import { getReminderSettings, putReminderSettings } from '../../shared/store/settings.ts';

const store = storeFromConfig();

export const handler = apiHandler('settings', {
  'GET /settings/reminders': defineRoute({
    responses: { 200: ReminderSettingsBody },
    handle: async () => ({ status: 200, body: await getReminderSettings(store, { fresh: true }) }),
  }),
  'PUT /settings/reminders': defineRoute({
    body: ReminderSettingsBody,
    responses: { 200: ReminderSettingsBody },
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
