import { ReminderSettingsBody } from '../../shared/contract/settings.ts';
import { auditEntry, auditTarget } from '../../shared/domain/audit.ts';
import { apiRoutes, defineRoute } from '../../shared/http/apiHandler.ts';
import { getReminderSettings, putReminderSettings } from '../../shared/store/settings.ts';

export const settings = apiRoutes('settings', {
  'GET /settings/reminders': defineRoute({
    responses: { 200: ReminderSettingsBody },
    handle: async (_input, { store }) => ({
      status: 200,
      body: await getReminderSettings(store, { fresh: true }),
    }),
  }),
  'PUT /settings/reminders': defineRoute({
    body: ReminderSettingsBody,
    responses: { 200: ReminderSettingsBody },
    handle: async ({ body, principal, now }, { store }) => ({
      status: 200,
      body: await putReminderSettings(
        store,
        body,
        auditEntry('settings.reminders', auditTarget.reminderSettings(), principal, now, body),
      ),
    }),
  }),
});
